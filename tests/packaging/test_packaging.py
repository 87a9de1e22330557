"""Packaging pieces that can be checked without building the bundle.

The bundle itself is built and run by tools/ci_frozen.sh (CI); here: the icon files and the
tool that draws them, the Windows version resource, and that the spec, the installer and the
CI script agree with each other and with app/config.py.
"""

from __future__ import annotations

import os
import re
import runpy
import struct
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage, QImageReader

from app import APP_NAME, __version__
from tests.kit.paths import ROOT

ICONS = ROOT / "resources" / "icons"
sys.path.insert(0, str(ROOT / "tools"))
import make_icon  # noqa: E402

version_info: dict[str, Any] = runpy.run_path(str(ROOT / "packaging" / "version_info.py"))


@pytest.fixture(scope="module")
def gui_app(qapp: Any) -> Any:
    # pytest-qt's QApplication: a bare QGuiApplication made here would outlive this module
    # and abort the first QWidget a later test creates.
    return qapp


def ico_entries(data: bytes) -> list[tuple[int, bytes]]:
    """(declared side, image bytes) for each entry of an .ico container."""
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1), "not an icon file"
    out = []
    for i in range(count):
        w, h, _colors, _res, planes, bpp, size, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * i
        )
        assert w == h and planes == 1 and bpp == 32
        assert offset + size <= len(data)
        out.append((w or 256, data[offset : offset + size]))
    return out


def read_images(data: bytes, fmt: bytes) -> list[QImage]:
    buf = QBuffer()
    buf.setData(QByteArray(data))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buf, fmt)
    images = []
    for i in range(reader.imageCount()):
        assert reader.jumpToImage(i)
        img = reader.read()
        assert not img.isNull(), reader.errorString()
        images.append(img)
    return images


def max_channel_difference(a: QImage, b: QImage) -> int:
    a = a.convertToFormat(QImage.Format.Format_ARGB32)
    b = b.convertToFormat(QImage.Format.Format_ARGB32)
    assert a.size() == b.size()
    worst = 0
    for y in range(a.height()):
        for x in range(a.width()):
            pa, pb = a.pixel(x, y), b.pixel(x, y)
            for shift in (0, 8, 16, 24):
                worst = max(worst, abs(((pa >> shift) & 0xFF) - ((pb >> shift) & 0xFF)))
    return worst


# -- the icon ---------------------------------------------------------------------------------


def test_ico_holds_every_windows_size_and_qt_reads_each(gui_app: Any) -> None:
    data = (ICONS / "app.ico").read_bytes()
    entries = ico_entries(data)
    assert [side for side, _ in entries] == list(make_icon.ICO_SIZES)
    for side, blob in entries:
        if side == 256:
            assert blob.startswith(b"\x89PNG\r\n\x1a\n")  # Vista-style compressed entry
        else:  # classic DIB: header, doubled height for the AND mask, 32 bits per pixel
            size, width, height, _planes, bpp = struct.unpack_from("<IiiHH", blob, 0)
            assert (size, width, height, bpp) == (40, side, 2 * side, 32)
    sizes = sorted(img.width() for img in read_images(data, b"ico"))
    assert sizes == sorted(make_icon.ICO_SIZES)


def test_png_is_256_px_with_transparent_corners_and_the_red_seal(gui_app: Any) -> None:
    img = QImage(str(ICONS / "app.png"))
    assert (img.width(), img.height()) == (256, 256)
    assert img.hasAlphaChannel()
    assert img.pixelColor(0, 0).alpha() == 0 and img.pixelColor(255, 255).alpha() == 0
    seal = QColor(make_icon.SEAL)
    ring = img.pixelColor(184, 180 - 43)  # on the seal's ring, above its centre
    assert abs(ring.red() - seal.red()) < 8 and ring.green() < 60 and ring.blue() < 60
    paper = img.pixelColor(70, 200)  # lower-left of the sheet: white
    assert min(paper.red(), paper.green(), paper.blue()) > 240


def test_ico_dib_entries_round_trip_pixels_exactly(gui_app: Any) -> None:
    # Known pixels in every corner catch a flipped row order or swapped colour channels.
    img = QImage(16, 16, QImage.Format.Format_ARGB32)
    img.fill(QColor(0, 0, 0, 0))
    img.setPixelColor(0, 0, QColor(255, 0, 0))
    img.setPixelColor(15, 0, QColor(0, 255, 0))
    img.setPixelColor(0, 15, QColor(0, 0, 255))
    img.setPixelColor(15, 15, QColor(10, 20, 30, 128))
    (back,) = read_images(make_icon.ico_bytes([img]), b"ico")
    assert max_channel_difference(img, back) == 0


def test_committed_icons_are_what_the_tool_draws(gui_app: Any, tmp_path: Path) -> None:
    png, ico = make_icon.write_icons(tmp_path)
    assert max_channel_difference(QImage(str(png)), QImage(str(ICONS / "app.png"))) <= 2
    fresh = read_images(ico.read_bytes(), b"ico")
    committed = read_images((ICONS / "app.ico").read_bytes(), b"ico")
    for a, b in zip(fresh, committed, strict=True):
        assert max_channel_difference(a, b) <= 2


# -- the Windows version resource ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2.3.4", (1, 2, 3, 4)),
        ("2.0", (2, 0, 0, 0)),
        ("1.4.0rc2", (1, 4, 0, 0)),
        ("3.1.0.dev7", (3, 1, 0, 0)),
    ],
)
def test_version_numbers(text: str, numbers: tuple[int, int, int, int]) -> None:
    assert version_info["version_numbers"](text) == numbers


@pytest.mark.parametrize("bad", ["", "abc", "1.70000.0"])
def test_version_numbers_refuses_what_windows_cannot_hold(bad: str) -> None:
    with pytest.raises(ValueError):
        version_info["version_numbers"](bad)


def pyinstaller_versioninfo(monkeypatch: pytest.MonkeyPatch) -> Any:
    """PyInstaller's own version-resource classes. Off Windows their module cannot import
    (pefile and win32api are Windows-only and only needed to write into an .exe): stand
    those two in, so the structure itself is still built and parsed by PyInstaller's code."""
    try:
        from PyInstaller.utils.win32 import versioninfo
    except ImportError:
        import PyInstaller.compat

        monkeypatch.setitem(sys.modules, "pefile", types.ModuleType("pefile"))
        monkeypatch.setattr(PyInstaller.compat, "win32api", None, raising=False)
        monkeypatch.delitem(sys.modules, "PyInstaller.utils.win32.versioninfo", raising=False)
        from PyInstaller.utils.win32 import versioninfo
    return versioninfo


def test_version_resource_round_trips_through_pyinstaller(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    versioninfo = pyinstaller_versioninfo(monkeypatch)
    path = version_info["write"](tmp_path / "v.txt", "1.2.3rc1", "qualityreport-cli", "命令行")
    info = versioninfo.load_version_info_from_text_file(str(path))  # what EXE(version=) does
    if sys.platform == "win32":  # the binary layout uses C longs: only valid on Windows
        back = versioninfo.VSVersionInfo()
        back.fromRaw(info.toRaw())
        info = back
    assert (info.ffi.fileVersionMS, info.ffi.fileVersionLS) == ((1 << 16) | 2, 3 << 16)
    assert (info.ffi.productVersionMS, info.ffi.productVersionLS) == ((1 << 16) | 2, 3 << 16)
    strings = {
        s.name: s.val for kid in info.kids if hasattr(kid, "kids") for t in kid.kids
        if hasattr(t, "kids") for s in t.kids if hasattr(s, "val")
    }  # fmt: skip
    assert strings["OriginalFilename"] == "qualityreport-cli.exe"
    assert strings["FileVersion"] == "1.2.3rc1"
    assert strings["FileDescription"] == "命令行"
    assert strings["ProductName"] == "质量工作任务填报与汇总"


# -- the pieces agree ---------------------------------------------------------------------------


def test_spec_installer_and_config_agree_on_names_and_places() -> None:
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    iss = (ROOT / "packaging" / "installer.iss").read_text(encoding="utf-8-sig")
    # The spec names the bundle and the windowed program after APP_NAME; the installer must
    # copy that folder and start that program.
    assert "GUI_NAME = APP_NAME" in spec and "name=APP_NAME" in spec
    assert f'#define AppExe "{APP_NAME}.exe"' in iss
    assert f'#define Bundle "..\\dist\\{APP_NAME}"' in iss
    cli = re.search(r'CLI_NAME = "([^"]+)"', spec)
    assert cli is not None and f'#define CliExe "{cli.group(1)}.exe"' in iss
    # The uninstaller's data folder is platformdirs' user_data_dir(APP_NAME) on Windows.
    assert f"DataFolder = '{APP_NAME}';" in iss
    assert "{localappdata}" in iss
    config = (ROOT / "app" / "config.py").read_text(encoding="utf-8")
    assert "user_data_dir(APP_NAME, appauthor=False, roaming=False)" in config
    # Per-user by default; the product id never changes between versions.
    assert "PrivilegesRequired=lowest" in iss
    assert "AppId={{8C22F0C0-656E-4585-AEF1-35A67990C27C}" in iss
    # Alembic reads the migrations from files: the spec must ship them where config looks.
    assert 'tree(ROOT / "app" / "migrations", "app/migrations")' in spec
    assert 'Path(meipass) / "app" / "migrations"' in config


def test_installer_files_are_utf8_with_bom() -> None:
    # Without the byte-order mark Inno Setup reads the Chinese text as ANSI (mojibake).
    for name in ("installer.iss", "ChineseSimplified.isl"):
        data = (ROOT / "packaging" / name).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), name
        data.decode("utf-8")


def test_chinese_messages_keep_every_placeholder_of_their_english_originals() -> None:
    # A translated message missing %1 or [name] shows a wrong or empty text at install time.
    # (tools/check_installer.sh compares every message with the compiler's Default.isl.)
    isl = (ROOT / "packaging" / "ChineseSimplified.isl").read_text(encoding="utf-8-sig")
    expected = {
        "SetupWindowTitle": {"%1"},
        "WelcomeLabel2": {"[name/ver]", "%n"},
        "SelectDirLabel3": {"[name]"},
        "DiskSpaceMBLabel": {"[mb]"},
        "DiskSpaceWarning": {"%1", "%2", "%n"},
        "DirExists": {"%1", "%n"},
        "ConfirmUninstall": {"%1"},
        "UninstalledAll": {"%1"},
        "PrivilegesRequiredOverrideText2": {"%1"},
        "LaunchProgram": {"%1"},
        "NameAndVersion": {"%1", "%2"},
    }
    messages = dict(
        line.split("=", 1) for line in isl.splitlines() if "=" in line and not line.startswith(";")
    )
    for name, placeholders in expected.items():
        found = set(re.findall(r"%\d|%n|\[[a-z/]+\]", messages[name]))
        assert placeholders <= found, (name, messages[name])


def test_ci_script_is_executable_and_checks_the_budget() -> None:
    script = ROOT / "tools" / "ci_frozen.sh"
    if os.name != "nt":
        assert os.access(script, os.X_OK)
    text = script.read_text(encoding="utf-8")
    assert "--noconfirm --clean" in text and "build.spec" in text
    assert re.search(r"echo 150\b", text)  # DESIGN.md §7: lxml for python-docx


def test_version_is_a_windows_version() -> None:
    # The installer's VersionInfoVersion and the .exe resources need four numbers <= 65535.
    assert all(0 <= n <= 0xFFFF for n in version_info["version_numbers"](__version__))


# -- no demo, benchmark or test code in the bundle (tools/bundle_check.py) ----------------------
import bundle_check  # noqa: E402


@pytest.mark.parametrize(
    "name",
    [
        "app.services.demo_data",
        "app.services.demo",
        "app.tools_demo",
        "app.services.report_bench",
        "app.io.test_helpers",
        "app.services.office_kit",
        "app.ui.office_screenshot",
        "tools",
        "tools.demo.office_data",
        "tools.bench.data",
        "tests",
        "tests.kit.keys",
        "conftest",
        "pytest",
        "_pytest.fixtures",
        "hypothesis.strategies",
    ],
)
def test_bundle_check_names_what_must_not_ship(name: str) -> None:
    assert bundle_check.offending_module(name)


@pytest.mark.parametrize(
    "name",
    [
        "app.services.report",
        "app.services.consolidation.board",
        "app.services.install_role",
        "app.io.submission_reader",
        "app.migrations.env",
        "sqlalchemy.testing",  # third-party internals are the spec's business, not this check's
        "unittest",
        "PYZ-00.pyz",
        "pyi-contents-directory _internal",
    ],
)
def test_bundle_check_passes_the_product(name: str) -> None:
    assert not bundle_check.offending_module(name)


def test_bundle_check_walks_the_bundle_folder(tmp_path: Path) -> None:
    bundle = tmp_path / "QualityReport"
    for rel in (
        "_internal/app/migrations/versions/0001_first_schema.py",
        "_internal/resources/plans/sz-2016.json",
        "_internal/libQt6Core.so.6",
    ):
        (bundle / rel).parent.mkdir(parents=True, exist_ok=True)
        (bundle / rel).write_text("x")
    assert bundle_check.offenders(bundle, []) == []
    planted = bundle / "_internal" / "tools" / "demo" / "office_data.py"
    planted.parent.mkdir(parents=True)
    planted.write_text("x")
    (bundle / "_internal" / "app" / "services").mkdir(parents=True)
    (bundle / "_internal" / "app" / "services" / "demo_data.pyc").write_text("x")
    assert bundle_check.offenders(bundle, []) == [
        "file _internal/app/services/demo_data.pyc",
        "file _internal/tools/demo/office_data.py",
    ]
    assert bundle_check.main([str(bundle)]) == 2  # no executable named: bad usage


def test_the_frozen_build_runs_the_bundle_check_and_the_spec_excludes_tools_and_tests() -> None:
    script = (ROOT / "tools" / "ci_frozen.sh").read_text(encoding="utf-8")
    assert 'tools/bundle_check.py "$BUNDLE"' in script
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert 'excludes += ["tools", "tests", "conftest"]' in spec
    assert not list((ROOT / "app").rglob("*demo*")) and not list((ROOT / "app").rglob("*bench*"))
