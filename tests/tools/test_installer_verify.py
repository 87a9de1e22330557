"""tools/installer_verify.py, the comparisons of the installer check under Wine, on crafted files.

The check itself (tools/check_installer.sh) and the proof that it fails on a broken installer
(tools/check_installer_selftest.sh) run in CI after the frozen build; here each comparison must
find what is wrong and pass what is right, without Wine.
"""

from __future__ import annotations

import re
import struct
import sys
from pathlib import Path

import pytest

from tests.kit.paths import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import fetch_innosetup
import installer_verify as iv

DEFAULT = """\ufeff; English
[LangOptions]
LanguageName=English
[Messages]
ButtonOK=OK
SetupWindowTitle=Setup - %1
WelcomeLabel2=This will install [name/ver] on your computer.%n%nClose other programs.
HelpTextNote=
[CustomMessages]
LaunchProgram=Launch %1
"""

OURS = """\ufeff; 简体中文
[LangOptions]
LanguageName=简体中文
DialogFontName=Microsoft YaHei UI
[Messages]
ButtonOK=确定
SetupWindowTitle=安装 - %1
WelcomeLabel2=现在将在您的电脑上安装 [name/ver]。%n%n请关闭其他程序。
HelpTextNote=
[CustomMessages]
LaunchProgram=运行 %1
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def compare(tmp_path: Path, ours: str) -> list[str]:
    return iv.compare_messages(write(tmp_path, "Default.isl", DEFAULT), write(tmp_path, "o", ours))


def test_messages_that_match_pass(tmp_path: Path) -> None:
    assert compare(tmp_path, OURS) == []


def test_a_missing_message_and_an_unknown_one_are_named(tmp_path: Path) -> None:
    ours = OURS.replace("ButtonOK=确定\n", "").replace("[CustomMessages]\n", "Extra=x\n[C]\n")
    problems = compare(tmp_path, ours.replace("[C]", "[CustomMessages]"))
    assert problems == [
        "[Messages] ButtonOK: missing",
        "[Messages] Extra: not a message of this compiler",
    ]


def test_a_lost_or_added_placeholder_is_named(tmp_path: Path) -> None:
    ours = OURS.replace("安装 [name/ver]。%n%n", "安装 [name]。%n").replace("运行 %1", "运行 %1 %2")
    problems = compare(tmp_path, ours)
    assert len(problems) == 2
    assert problems[0].startswith("[Messages] WelcomeLabel2: placeholders ['%n', '[name]']")
    assert problems[1].startswith("[CustomMessages] LaunchProgram: placeholders ['%1', '%2']")


def test_a_message_given_twice_or_a_stray_line_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="ButtonOK given twice"):
        compare(tmp_path, OURS.replace("ButtonOK=确定", "ButtonOK=确定\nButtonOK=好"))
    with pytest.raises(ValueError, match="not a message line"):
        compare(tmp_path, OURS.replace("ButtonOK=确定", "ButtonOK 确定"))


def test_the_committed_translation_reads_cleanly() -> None:
    sections = iv.read_isl(ROOT / "packaging" / "ChineseSimplified.isl")
    assert len(sections["Messages"]) == 266 and len(sections["CustomMessages"]) == 12  # 6.4.1
    for text in sections["Messages"].values():
        assert not re.search(r"%[^1-9n%]", text)  # only %1…%9 and %n


def tree(root: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def test_trees_compare_names_and_bytes_and_follow_links(tmp_path: Path) -> None:
    staged = tree(tmp_path / "s", {"A.exe": b"a", "_internal/lib.so.1": b"l", "_internal/x": b"x"})
    (staged / "_internal" / "lib.so").symlink_to("lib.so.1")  # PyInstaller's Linux links
    installed = tree(
        tmp_path / "i",
        {"A.exe": b"a", "_internal/lib.so.1": b"l", "_internal/lib.so": b"l", "unins000.exe": b""},
    )
    assert iv.compare_trees(staged, installed, {"unins000.exe", "unins000.dat"}) == [
        "not installed: _internal/x",
        "expected beside the bundle: unins000.dat",
    ]
    tree(installed, {"_internal/x": b"y", "unins000.dat": b"", "stray.txt": b""})
    assert iv.compare_trees(staged, installed, {"unins000.exe", "unins000.dat"}) == [
        "unexpected: stray.txt",
        "content differs: _internal/x",
    ]


def shell_link(target: str, workdir: str, *, nul_counted: bool) -> bytes:
    """A .lnk as Windows writes it (Unicode strings, no NUL counted) or as Wine does."""
    flags = 0x02 | 0x10 | 0x80  # HasLinkInfo, HasWorkingDir, IsUnicode
    header = struct.pack("<I16sI", 0x4C, b"\x01\x14\x02" + bytes(13), flags) + bytes(0x4C - 24)
    ansi = target.encode("ascii") + b"\0"
    volume = struct.pack("<IIII", 16, 3, 0, 16)
    link_info_head = 0x1C
    body = volume + ansi
    link_info = struct.pack(
        "<IIIIIII", link_info_head + len(body), link_info_head, 1, link_info_head, 0x1C + 16, 0, 0
    )
    text = workdir + ("\0" if nul_counted else "")
    strings = struct.pack("<H", len(text)) + text.encode("utf-16-le")
    return header + link_info + body + strings


@pytest.mark.parametrize("nul_counted", [False, True])
def test_shortcut_target_and_working_folder(tmp_path: Path, nul_counted: bool) -> None:
    lnk = tmp_path / "质量工作任务填报与汇总.lnk"
    target = r"C:\Program Files\QualityReport\QualityReport.exe"
    lnk.write_bytes(shell_link(target, r"C:\Program Files\QualityReport", nul_counted=nul_counted))
    assert iv.read_shortcut(lnk) == {"target": target, "workdir": r"C:\Program Files\QualityReport"}
    argv = ["shortcut", str(lnk), target.upper(), r"C:\Program Files\QualityReport"]
    assert iv.main(argv) == 0  # Windows paths ignore case
    assert iv.main([*argv[:3], r"C:\Program Files"]) == 1
    lnk.write_bytes(b"MZ" + bytes(100))
    with pytest.raises(ValueError, match="not a shell link"):
        iv.read_shortcut(lnk)


def test_uninstall_entry_values_from_a_reg_export(tmp_path: Path) -> None:
    reg = tmp_path / "entry.reg"
    text = (
        "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\Software\\X_is1]\r\n"
        '"DisplayName"="质量工作任务填报与汇总"\r\n'
        '"UninstallString"="\\"C:\\\\Program Files\\\\QualityReport\\\\unins000.exe\\""\r\n'
        '"EstimatedSize"=dword:00031587\r\n'
    )
    reg.write_bytes(text.encode("utf-16"))  # reg export writes UTF-16 with a BOM
    assert iv.read_reg_export(reg) == {
        "DisplayName": "质量工作任务填报与汇总",
        "UninstallString": '"C:\\Program Files\\QualityReport\\unins000.exe"',
    }
    good = ["uninstall-entry", str(reg), "DisplayName=质量工作任务填报与汇总"]
    assert iv.main(good) == 0
    assert iv.main([*good, "DisplayVersion=0.1.0"]) == 1


def test_one_pinned_inno_setup_for_the_wine_check_and_the_windows_workflow() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", fetch_innosetup.VERSION)
    assert re.fullmatch(r"[0-9a-f]{64}", fetch_innosetup.SHA256)
    workflow = (ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")
    assert "tools\\fetch_innosetup.py" in workflow and "choco install innosetup" not in workflow
    assert "installer_verify.py messages" in workflow
    check = (ROOT / "tools" / "check_installer.sh").read_text(encoding="utf-8")
    assert "tools/fetch_innosetup.py" in check
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.index("tools/ci_frozen.sh\n") < ci.index("tools/check_installer.sh\n")
    assert "tools/check_installer_selftest.sh" in ci
