#!/usr/bin/env bash
# Proves that tools/check_installer.sh fails when it should: it runs the check on a small
# bundle with a sound copy of packaging/ (must pass), then once for each way an installer
# breaks, each time with a copy of packaging/ broken in one place, and requires the check to
# fail with the message that names that breakage. See docs/packaging.md.
#
#   tools/check_installer_selftest.sh        (.ci/run calls it after tools/check_installer.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

TMP=$(mktemp -d /tmp/qr-installer-selftest.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }
T0=$(now)

# A Linux bundle of a few files, in the layout tools/ci_frozen.sh makes (and a symlink, as
# PyInstaller makes for shared libraries): compiling it takes seconds, not a minute.
BUNDLE="$TMP/bundle/QualityReport"
mkdir -p "$BUNDLE/_internal/resources/plans" "$BUNDLE/_internal/app/migrations/versions"
printf '\177ELF placeholder\n' >"$BUNDLE/QualityReport"
chmod +x "$BUNDLE/QualityReport"
head -c 100000 /dev/urandom >"$BUNDLE/_internal/libpython3.11.so.1.0"
ln -s libpython3.11.so.1.0 "$BUNDLE/_internal/libpython3.so"
cp "$ROOT"/resources/plans/* "$BUNDLE/_internal/resources/plans/"
echo "# a migration" >"$BUNDLE/_internal/app/migrations/versions/0001_initial.py"

# case NAME EXPECTED-MESSAGE EDIT...: a copy of packaging/, the sed EDIT applied to one of its
# files ("FILE:SED-SCRIPT"), then the check, which must fail and print EXPECTED-MESSAGE
# (or pass, when EXPECTED-MESSAGE is "pass").
failures=0
case_() {
  local name=$1 expected=$2 edit=${3:-} t rc
  t=$(now)
  rm -rf "$TMP/packaging"
  cp -r "$ROOT/packaging" "$TMP/packaging"
  if [ -n "$edit" ]; then
    local file=${edit%%:*} script=${edit#*:}
    cp "$TMP/packaging/$file" "$TMP/before"
    sed -i "$script" "$TMP/packaging/$file"
    if cmp -s "$TMP/before" "$TMP/packaging/$file"; then
      echo "selftest: $name: the edit changed nothing in $file" >&2
      failures=$((failures + 1))
      return
    fi
  fi
  set +e
  QR_PACKAGING_DIR="$TMP/packaging" QR_LINUX_BUNDLE="$BUNDLE" tools/check_installer.sh \
    >"$TMP/out.log" 2>&1
  rc=$?
  set -e
  if [ "$expected" = pass ] && [ "$rc" = 0 ]; then
    echo "selftest: $name: passes ($(since "$t"))"
  elif [ "$expected" != pass ] && [ "$rc" = 1 ] && grep -qF -- "$expected" "$TMP/out.log"; then
    echo "selftest: $name: fails as it should: $(grep -F -- "$expected" "$TMP/out.log" | head -n 1) ($(since "$t"))"
  else
    tail -n 25 "$TMP/out.log" >&2
    echo "selftest: $name: FAIL: exit $rc, expected ${expected/#pass/success}" >&2
    failures=$((failures + 1))
  fi
}

case_ "sound packaging/" pass
case_ "broken .iss (an unknown [Setup] directive)" "ISCC exited 2" \
  'installer.iss:s/^\[Setup\]\r$/&\nNoSuchDirective=yes\r/'
case_ "a file of the bundle not installed ([Files] without recursesubdirs)" \
  "not installed: _internal/libpython3.11.so.1.0" \
  'installer.iss:s/ recursesubdirs createallsubdirs//'
case_ "a compiler warning (a message name Inno Setup does not know)" \
  'Warning: Message name "NoSuchMessage"' \
  'ChineseSimplified.isl:s/^ButtonOK=/NoSuchMessage=x\r\n&/'
case_ "a message of Default.isl missing from ChineseSimplified.isl" \
  "[Messages] ButtonOK: missing" \
  'ChineseSimplified.isl:/^ButtonOK=/d'

if [ "$failures" != 0 ]; then
  echo "check_installer_selftest: FAIL: $failures case(s) above ($(since "$T0"))" >&2
  exit 1
fi
echo "check_installer_selftest: the check passes a sound installer and fails each broken one ($(since "$T0"))"
