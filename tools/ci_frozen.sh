#!/usr/bin/env bash
# Build the one-folder bundle from build.spec and prove the frozen program still works, so the
# spec cannot rot (docs/design.md §7): the bundle's size against its budget, no demo, benchmark or
# test code inside (tools/bundle_check.py), then the frozen program against the source one:
# --version, catalog --json (byte-equal), the office store created and junk files refused
# through the worker processes (byte-equal), a bulletin written with python-docx (the same
# parts as the source's), and --smoke-test offscreen.
#
#   tools/ci_frozen.sh            Linux (.ci/run calls it), or Git Bash on Windows (the workflow)
#
# Output: dist/QualityReport/ (the bundle), build/pyinstaller/ and build/pyinstaller.log.
# FROZEN_BUDGET_MB overrides the size budget (Linux: 150 MB, DESIGN.md §7, lxml for python-docx
# included; Windows: the size is only printed).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
unset PYTHONDONTWRITEBYTECODE || true
export QT_QPA_PLATFORM=offscreen
export PYTHONUTF8=1 # the source side prints UTF-8 like the frozen one (built with -X utf8)

case "$(uname -s)" in
  MINGW* | MSYS* | CYGWIN*)
    WIN=1
    PY=.venv/Scripts/python.exe
    PYI=.venv/Scripts/pyinstaller.exe
    ;;
  *)
    WIN=0
    PY=.venv/bin/python
    PYI=.venv/bin/pyinstaller
    ;;
esac
BUNDLE="$ROOT/dist/QualityReport"
if [ "$WIN" = 1 ]; then
  CLI="$BUNDLE/qualityreport-cli.exe" # the console executable; QualityReport.exe has no stdout
  GUI="$BUNDLE/QualityReport.exe"
else
  CLI="$BUNDLE/QualityReport" # on Linux the one executable serves both roles
  GUI="$CLI"
fi
BUDGET_MB="${FROZEN_BUDGET_MB:-$([ "$WIN" = 1 ] && echo 0 || echo 150)}"
LOG="$ROOT/build/pyinstaller.log"

if [ ! -x "$PYI" ]; then
  echo "ci_frozen: $PYI missing: run 'python3 tools/dev.py setup' first" >&2
  exit 2
fi

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }
fail() {
  echo "ci_frozen: FAIL: $*" >&2
  exit 1
}
limited() { # limited SECONDS CMD...: a hung program must not hang CI
  local secs=$1
  shift
  if timeout --version >/dev/null 2>&1; then timeout "$secs" "$@"; else "$@"; fi
}

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
T0=$(now)

echo "== frozen: pyinstaller build.spec"
mkdir -p "$ROOT/build"
t=$(now)
if ! "$PYI" --noconfirm --clean --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" \
  build.spec >"$LOG" 2>&1; then
  tail -n 40 "$LOG" >&2
  fail "PyInstaller failed (full log: $LOG)"
fi
grep -E "^build\.spec:" "$LOG" || true
echo "build: $(since "$t")"
[ -x "$CLI" ] || fail "no executable at $CLI"
[ -x "$GUI" ] || fail "no executable at $GUI"

SIZE_MB=$(du -sm "$BUNDLE" | cut -f1)
echo "bundle size: ${SIZE_MB} MB (du -sm $BUNDLE; budget: ${BUDGET_MB:-none} MB)"
if [ "$BUDGET_MB" -gt 0 ] && [ "$SIZE_MB" -gt "$BUDGET_MB" ]; then
  echo "largest files:" >&2
  find "$BUNDLE" -type f -size +1M -exec du -k {} + | sort -rn | head -n 15 >&2
  fail "bundle is ${SIZE_MB} MB, over the ${BUDGET_MB} MB budget"
fi

echo "== frozen: no demo, benchmark or test code inside (tools/bundle_check.py)"
# The demo data set derives private keys from a public string: it must never ship.
EXES=("$CLI")
if [ "$GUI" != "$CLI" ]; then EXES+=("$GUI"); fi
"$PY" tools/bundle_check.py "$BUNDLE" "${EXES[@]}" ||
  fail "demo, benchmark or test code is inside the bundle (see above)"

echo "== frozen: --version"
t=$(now)
frozen_version=$(limited 60 "$CLI" --version)
source_version=$("$PY" -m app --version)
[ "$frozen_version" = "$source_version" ] ||
  fail "--version: frozen '$frozen_version' != source '$source_version'"
echo "$frozen_version ($(since "$t"))"

echo "== frozen: catalog --json"
t=$(now)
limited 60 "$CLI" --data-dir "$TMP/frozen-catalog" catalog --json >"$TMP/frozen.json" ||
  fail "catalog --json exited $?"
"$PY" -m app --data-dir "$TMP/source-catalog" catalog --json >"$TMP/source.json"
if ! cmp -s "$TMP/frozen.json" "$TMP/source.json"; then
  diff "$TMP/source.json" "$TMP/frozen.json" | head -n 20 >&2 || true
  fail "catalog --json differs between frozen and source"
fi
echo "$(wc -c <"$TMP/frozen.json") bytes, equal to the source's ($(since "$t"))"

# 20 files: a batch the command line verifies in worker processes (forked here; spawned by
# packaging/entry.py's freeze_support on Windows), app.services.office_import.POOL_FROM.
echo "== frozen: office init + import of 20 junk files (Alembic scripts, verify workers)"
t=$(now)
mkdir -p "$TMP/junk"
for i in $(seq -w 1 10); do
  : >"$TMP/junk/empty-$i.xlsx"
  printf 'PK\003\004 not really a workbook\n' >"$TMP/junk/truncated-$i.xlsx"
done
limited 60 "$CLI" --data-dir "$TMP/frozen-office" office init >/dev/null ||
  fail "office init exited $? (migrations from the bundle's app/migrations?)"
[ -f "$TMP/frozen-office/office.sqlite3" ] || fail "office init made no office.sqlite3"
set +e
limited 120 "$CLI" --data-dir "$TMP/frozen-office" office import "$TMP/junk" --json \
  >"$TMP/frozen-import.json" 2>"$TMP/frozen-import.err"
frozen_rc=$?
"$PY" -m app --data-dir "$TMP/source-office" office import "$TMP/junk" --json \
  >"$TMP/source-import.json" 2>"$TMP/source-import.err"
source_rc=$?
set -e
if [ "$frozen_rc" != "$source_rc" ] || ! cmp -s "$TMP/frozen-import.json" "$TMP/source-import.json"; then
  echo "--- source (exit $source_rc):" >&2
  cat "$TMP/source-import.json" "$TMP/source-import.err" >&2
  echo "--- frozen (exit $frozen_rc):" >&2
  cat "$TMP/frozen-import.json" "$TMP/frozen-import.err" >&2
  fail "office import differs between frozen and source"
fi
grep -q "importing 20 files, verified fork" "$TMP/frozen-office/logs/qualityreport.log" ||
  fail "the frozen command did not verify the 20 files in forked workers (its log)"
echo "same outcomes and exit status ($frozen_rc) as the source, verified in forked workers ($(since "$t"))"

echo "== frozen: office bulletin (python-docx and its templates from the bundle)"
t=$(now)
for side in frozen source; do
  if [ "$side" = frozen ]; then run=("$CLI"); else run=("$PY" -m app); fi
  limited 60 "${run[@]}" --data-dir "$TMP/$side-docx" office init >/dev/null ||
    fail "office init ($side) exited $?"
  limited 60 "${run[@]}" --data-dir "$TMP/$side-docx" office bulletin --period 2016Q1 \
    --kind progress --date 2016-04-10 --out "$TMP/$side-bulletin.docx" >/dev/null ||
    fail "office bulletin ($side) exited $? (python-docx's templates in the bundle?)"
done
# Every part equal but docProps/core.xml, which holds the time of writing.
"$PY" - "$TMP/frozen-bulletin.docx" "$TMP/source-bulletin.docx" <<'PYEOF' ||
import sys, zipfile
a, b = (zipfile.ZipFile(p) for p in sys.argv[1:3])
names = [n for n in a.namelist() if n != "docProps/core.xml"]
same = names == [n for n in b.namelist() if n != "docProps/core.xml"]
sys.exit(0 if same and all(a.read(n) == b.read(n) for n in names) else 1)
PYEOF
  fail "office bulletin: the frozen program's document differs from the source's"
echo "the same document as the source's ($(since "$t"))"

echo "== frozen: --smoke-test (offscreen, fresh data folder)"
t=$(now)
set +e
smoke=$(limited 120 "$CLI" --data-dir "$TMP/smoke" --smoke-test 2>&1)
rc=$?
set -e
echo "$smoke"
[ "$rc" = 0 ] || fail "--smoke-test exited $rc"
grep -q "first paint" <<<"$smoke" || fail "--smoke-test printed no first-paint line"
if [ "$GUI" != "$CLI" ]; then # the windowed executable: no stdout, its exit status only
  limited 120 "$GUI" --data-dir "$TMP/smoke-gui" --smoke-test || fail "$GUI --smoke-test exited $?"
fi
echo "smoke test: $(since "$t")"

# A set-up office and a set-up unit: the first view read with sqlite3, then the store's
# modules imported on a thread and bound (docs/design.md §6), all from the bundle.
echo "== frozen: --smoke-test of an office and of a unit (first view, then the store bound)"
t=$(now)
limited 60 env QR_PASS="frozen smoke test 2016" "$CLI" --data-dir "$TMP/frozen-unit" unit init \
  --unit zjj --clerk 张三 --passphrase-env QR_PASS >/dev/null || fail "unit init exited $?"
for side in office unit; do
  set +e
  smoke=$(limited 120 "$CLI" --data-dir "$TMP/frozen-$side" --smoke-test 2>&1)
  rc=$?
  set -e
  echo "$smoke"
  [ "$rc" = 0 ] || fail "--smoke-test ($side) exited $rc"
  grep -q "data shown after" <<<"$smoke" || fail "--smoke-test ($side) showed no first view"
  grep -q "^window: " <<<"$smoke" || fail "--smoke-test ($side) did not bind the store"
done
echo "smoke tests with data: $(since "$t")"

echo "== frozen: all checks passed in $(since "$T0") (bundle ${SIZE_MB} MB)"
