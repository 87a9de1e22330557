#!/usr/bin/env bash
# Compile packaging/installer.iss and run the installer under Wine, so the script cannot rot
# without a Windows machine (issue 18; docs/packaging.md "The installer under Wine").
#
#   tools/check_installer.sh        after tools/ci_frozen.sh (.ci/run calls it in that order)
#
# 1. Installs Debian's Wine (pinned) and fetches the pinned Inno Setup compiler
#    (tools/fetch_innosetup.py, npm package "innosetup", into build/innosetup/).
# 2. Lays out the Windows bundle: every file of the Linux bundle dist/QualityReport/ (built by
#    tools/ci_frozen.sh, which this script runs when it is missing) under its own name, and
#    placeholders for the two Windows executables in place of the Linux one.
# 3. Compiles the real installer.iss with the product's version (a compile error or any
#    compiler warning fails the check), then checks packaging/ChineseSimplified.isl against the
#    compiler's Default.isl: no message missing, none extra, the same placeholders.
# 4. Installs silently for all users (/VERYSILENT /ALLUSERS: Wine 8 cannot expand {autopf} for a
#    per-user install), then checks every file (content and no extra one), the Start-menu and
#    desktop shortcuts and the uninstall registry entry; uninstalls silently and checks that the
#    program folder, shortcuts and entry are gone and the data folder is untouched.
#
# Everything Wine writes lives in a temporary folder removed on exit (prefix, HOME, caches).
# Overrides, for tools/check_installer_selftest.sh: QR_PACKAGING_DIR (a copy of packaging/ to
# compile instead), QR_LINUX_BUNDLE (another Linux bundle folder to lay out).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

WINE_VERSION="8.0~repack-4" # Debian 12's Wine; apt-cache policy wine
APP_NAME_ZH="质量工作任务填报与汇总"
APP_ID="{8C22F0C0-656E-4585-AEF1-35A67990C27C}"
PACKAGING="${QR_PACKAGING_DIR:-$ROOT/packaging}"
LINUX_BUNDLE="${QR_LINUX_BUNDLE:-$ROOT/dist/QualityReport}"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }
fail() {
  echo "check_installer: FAIL: $*" >&2
  exit 1
}
T0=$(now)

# --- 1. tools ------------------------------------------------------------------------------------

wine_installed() {
  local p v
  for p in wine wine64 wine32:i386; do
    v=$(dpkg-query -W -f='${Version} ${Status}' "$p" 2>/dev/null) || return 1
    [ "$v" = "$WINE_VERSION install ok installed" ] || return 1
  done
}

install_wine() {
  export DEBIAN_FRONTEND=noninteractive
  # ISCC.exe and Setup are 32-bit programs; the installer is 64-bit mode (x64compatible), so
  # the prefix is 64-bit with WoW64: wine64 and wine32 both.
  if ! dpkg --print-foreign-architectures | grep -qx i386; then
    dpkg --add-architecture i386
  fi
  apt-get update -qq
  if ! apt-get install -y -q --no-install-recommends \
    "wine=$WINE_VERSION" "wine64=$WINE_VERSION" "wine32:i386=$WINE_VERSION" >"$TMP/apt.log" 2>&1; then
    tail -n 30 "$TMP/apt.log" >&2
    fail "apt-get could not install Wine $WINE_VERSION (has Debian replaced it? apt-cache policy wine)"
  fi
}

TMP=$(mktemp -d /tmp/qr-installer.XXXXXX)
cleanup() {
  if [ -n "${WINEPREFIX:-}" ] && [ -d "$WINEPREFIX" ]; then
    wineserver -k >/dev/null 2>&1 || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT

echo "== installer: tools"
t=$(now)
if wine_installed; then
  echo "Wine $WINE_VERSION already installed"
else
  install_wine
  echo "installed Wine $WINE_VERSION ($(since "$t"))"
fi
if ! command -v npm >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends npm >/dev/null
fi
ISCC=$(python3 tools/fetch_innosetup.py)
DEFAULT_ISL="$(dirname "$ISCC")/Default.isl"
echo "Inno Setup compiler: ${ISCC#"$ROOT"/} ($(wine --version); $(since "$t"))"

if [ ! -x "$LINUX_BUNDLE/QualityReport" ]; then
  echo "== installer: no Linux bundle at $LINUX_BUNDLE: tools/ci_frozen.sh builds it"
  tools/ci_frozen.sh
fi

# Wine: its own HOME and XDG folders, no desktop integration, no Mono/Gecko prompts, quiet.
export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" XDG_CACHE_HOME="$TMP/home/.cache"
export XDG_DATA_HOME="$TMP/home/.local/share"
export WINEPREFIX="$TMP/prefix" WINEARCH=win64 WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
unset DISPLAY WAYLAND_DISPLAY
mkdir -p "$HOME"
# Wine's own messages, and those of the services a wine command starts (a service crashing
# under load once printed a page fault here while the compile went on to succeed).
WINE_LOG="$TMP/wine.log"
winpath() { winepath -w "$1" 2>>"$WINE_LOG"; }
t=$(now)
{
  wineboot --init &&
    # No display: Wine's null graphics driver still lets Setup create its (hidden) windows.
    wine reg add 'HKCU\Software\Wine\Drivers' /v Graphics /d null /f &&
    # Wine marks Unix dot files hidden, and the compiler's wildcard skips hidden files:
    # docx/templates/…/_rels/.rels went missing. On Windows no bundle file is hidden.
    wine reg add 'HKCU\Software\Wine' /v ShowDotFiles /d Y /f &&
    # A new prefix says Windows 7; installer.iss needs 10 (MinVersion=10.0).
    winecfg -v win10 && wineserver -w
} >"$TMP/wineboot.log" 2>&1 || {
  cat "$TMP/wineboot.log" >&2
  fail "could not make the Wine prefix"
}
echo "Wine prefix ready, Windows 10, no display ($(since "$t"))"

# --- 2. the Windows bundle's layout ----------------------------------------------------------

echo "== installer: Windows layout of $LINUX_BUNDLE"
# The scratch tree is shaped like the clone, so installer.iss compiles unchanged with its
# relative paths: packaging/ copied, resources/ linked, dist/QualityReport/ laid out here.
SRC="$TMP/src"
mkdir -p "$SRC/dist"
cp -r "$PACKAGING" "$SRC/packaging"
ln -s "$ROOT/resources" "$SRC/resources"
STAGE="$SRC/dist/QualityReport"
mkdir -p "$STAGE"
# Hard links where the bundle and the temporary folder share a file system, else copies.
for entry in "$LINUX_BUNDLE"/* "$LINUX_BUNDLE"/.[!.]*; do
  [ -e "$entry" ] || [ -L "$entry" ] || continue
  [ "$(basename "$entry")" != QualityReport ] || continue
  cp -al "$entry" "$STAGE/" 2>/dev/null || cp -a "$entry" "$STAGE/"
done
printf 'placeholder for QualityReport.exe (the windowed program)\r\n' >"$STAGE/QualityReport.exe"
printf 'placeholder for qualityreport-cli.exe (the console program)\r\n' >"$STAGE/qualityreport-cli.exe"
echo "$(find -L "$STAGE" -type f | wc -l) files, $(du -sLm "$STAGE" | cut -f1) MB"

# --- 3. compile and messages -----------------------------------------------------------------

VERSION=$(python3 -c 'import app; print(app.__version__)')
FILE_VERSION=$(python3 -c 'import runpy, app; v = runpy.run_path("packaging/version_info.py")
print(".".join(map(str, v["version_numbers"](app.__version__))))')
echo "== installer: compile $VERSION ($FILE_VERSION)"
t=$(now)
set +e
wine "$ISCC" "/DAppVersion=$VERSION" "/DFileVersion=$FILE_VERSION" \
  "$(winpath "$SRC/packaging/installer.iss")" >"$TMP/iscc.log" 2>&1
rc=$?
set -e
tr -d '\r' <"$TMP/iscc.log" >"$TMP/iscc.txt"
if [ "$rc" != 0 ]; then
  grep -v -E '^ *(Compressing|Reading file|Parsing)' "$TMP/iscc.txt" | tail -n 20 >&2
  fail "ISCC exited $rc"
fi
# ISCC prints each warning as a line "Warning: ..." after the compile; none is accepted.
if grep -E '^ *Warning' "$TMP/iscc.txt" >&2; then
  fail "the compiler printed the warnings above"
fi
SETUP="$SRC/dist/installer/QualityReport-$VERSION-setup.exe"
[ -f "$SETUP" ] || fail "ISCC made no $(basename "$SETUP")"
echo "$(basename "$SETUP"): $(du -m "$SETUP" | cut -f1) MB, no warning ($(since "$t"))"

echo "== installer: ChineseSimplified.isl against Inno Setup's Default.isl"
python3 tools/installer_verify.py messages "$DEFAULT_ISL" "$SRC/packaging/ChineseSimplified.isl" ||
  fail "ChineseSimplified.isl does not match the messages of this Inno Setup (above)"

# --- 4. install, check, uninstall ------------------------------------------------------------

win_path() { # the Unix path of a Windows path, which must lie inside this prefix
  local path
  path=$(winepath -u "$1" 2>>"$WINE_LOG") && [[ $path == "$WINEPREFIX"/* ]] && echo "$path"
}
PROGRAM_DIR="C:\\Program Files\\QualityReport"
UNINSTALL_KEY="HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\${APP_ID}_is1"
SHORTCUTS=("C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\$APP_NAME_ZH.lnk"
  "C:\\users\\Public\\Desktop\\$APP_NAME_ZH.lnk")
INSTALLED=$(win_path "$PROGRAM_DIR") || fail "no Unix path for $PROGRAM_DIR"
LNK_FILES=()
for lnk in "${SHORTCUTS[@]}"; do
  LNK_FILES+=("$(win_path "$lnk")") || fail "no Unix path for $lnk"
done
LOCAL_APPDATA=$(wine cmd /c 'echo %LOCALAPPDATA%' 2>>"$WINE_LOG" | tr -d '\r')
DATA_DIR=$(win_path "$LOCAL_APPDATA\\QualityReport") || fail "no Unix path for %LOCALAPPDATA%"

echo "== installer: silent install for all users, in Chinese"
t=$(now)
# Chinese, as on a clerk's PC: Setup and later the uninstaller load our messages. (Wine picks its
# display language from LANG, but a zh_CN locale the system lacks breaks its Chinese file names.)
rc=0
wine "$(winpath "$SETUP")" /VERYSILENT /ALLUSERS /LANG=chinesesimplified \
  /SUPPRESSMSGBOXES /NORESTART "/LOG=$(winpath "$TMP/install.log")" 2>>"$WINE_LOG" || rc=$?
wineserver -w
if [ "$rc" != 0 ]; then
  tail -n 10 "$WINE_LOG" >&2
  tr -d '\r' <"$TMP/install.log" | tail -n 15 >&2
  fail "setup exited $rc (Wine's and Setup's logs above)"
fi
python3 tools/installer_verify.py tree "$STAGE" "$INSTALLED" unins000.exe unins000.dat ||
  fail "the installed program folder differs from the bundle (above)"
echo "$(find "$INSTALLED" -type f | wc -l) files in $PROGRAM_DIR, each equal to the bundle's"
for i in "${!SHORTCUTS[@]}"; do
  [ -f "${LNK_FILES[i]}" ] || fail "no shortcut ${SHORTCUTS[i]}"
  python3 tools/installer_verify.py shortcut "${LNK_FILES[i]}" \
    "$PROGRAM_DIR\\QualityReport.exe" "$PROGRAM_DIR" || fail "shortcut ${SHORTCUTS[i]} (above)"
  echo "shortcut ${SHORTCUTS[i]} -> $PROGRAM_DIR\\QualityReport.exe"
done
wine reg export "$UNINSTALL_KEY" "$(winpath "$TMP/uninstall.reg")" /reg:64 /y >/dev/null 2>&1 ||
  fail "no uninstall entry $UNINSTALL_KEY"
python3 tools/installer_verify.py uninstall-entry "$TMP/uninstall.reg" \
  "DisplayName=$APP_NAME_ZH" "DisplayVersion=$VERSION" "Publisher=QualityReport" \
  "InstallLocation=$PROGRAM_DIR\\" "DisplayIcon=$PROGRAM_DIR\\QualityReport.exe" \
  "UninstallString=\"$PROGRAM_DIR\\unins000.exe\"" "Inno Setup: Language=chinesesimplified" \
  "Inno Setup: Selected Tasks=desktopicon" ||
  fail "uninstall entry $UNINSTALL_KEY (above)"
echo "uninstall entry $UNINSTALL_KEY: $APP_NAME_ZH $VERSION, language chinesesimplified"
echo "installed and checked in $(since "$t")"

echo "== installer: silent uninstall keeps the data"
t=$(now)
# What the program leaves in a clerk's account: the data folder and its window settings.
mkdir -p "$DATA_DIR/keys" "$DATA_DIR/backups"
echo "a store" >"$DATA_DIR/unit.sqlite3"
echo "a sealed key" >"$DATA_DIR/keys/signing.key"
(cd "$DATA_DIR" && find . -type f -exec sha256sum {} + | sort) >"$TMP/data.before"
wine reg add 'HKCU\Software\QualityReport' /v language /d zh_CN /f >/dev/null 2>>"$WINE_LOG"
rc=0
wine "$PROGRAM_DIR\\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART \
  "/LOG=$(winpath "$TMP/uninstall.log")" 2>>"$WINE_LOG" || rc=$?
wineserver -w # the uninstaller runs on from a copy in the temporary folder
if [ "$rc" != 0 ]; then
  tail -n 10 "$WINE_LOG" >&2
  tr -d '\r' <"$TMP/uninstall.log" | tail -n 15 >&2
  fail "the uninstaller exited $rc (Wine's and its own logs above)"
fi
[ ! -e "$INSTALLED" ] || {
  find "$INSTALLED" | head -n 10 >&2
  fail "the program folder $PROGRAM_DIR is still there"
}
for i in "${!SHORTCUTS[@]}"; do
  [ ! -e "${LNK_FILES[i]}" ] || fail "the shortcut ${SHORTCUTS[i]} is still there"
done
if wine reg query "$UNINSTALL_KEY" /reg:64 >/dev/null 2>&1; then
  fail "the uninstall entry $UNINSTALL_KEY is still there"
fi
(cd "$DATA_DIR" && find . -type f -exec sha256sum {} + | sort) >"$TMP/data.after"
cmp -s "$TMP/data.before" "$TMP/data.after" || {
  diff "$TMP/data.before" "$TMP/data.after" >&2 || true
  fail "the silent uninstall changed the data folder $DATA_DIR"
}
wine reg query 'HKCU\Software\QualityReport' /v language >/dev/null 2>&1 ||
  fail "the silent uninstall removed the window settings HKCU\\Software\\QualityReport"
echo "program folder, shortcuts and uninstall entry gone; data folder and settings kept ($(since "$t"))"

echo "== installer: all checks passed in $(since "$T0")"
