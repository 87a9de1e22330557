#!/usr/bin/env python3
"""The checks of tools/check_installer.sh that need more than a shell: each exits 1 on failure.

    installer_verify.py messages DEFAULT.isl OURS.isl    the same messages, the same placeholders
    installer_verify.py tree STAGED INSTALLED NAME...    every staged file installed, byte-equal;
                                                         nothing else but the NAMEs
    installer_verify.py shortcut LNK TARGET WORKDIR      a Windows shortcut's target and folder
    installer_verify.py uninstall-entry REG KEY=VALUE... values of an exported registry key

Standard library only: it runs on the system's python3 before and without the project's venv.
"""

from __future__ import annotations

import hashlib
import re
import struct
import sys
from pathlib import Path

# %1…%9 and %n in messages; [name], [name/ver], [mb], [gb], [kb] in the wizard's labels.
PLACEHOLDER = re.compile(r"%[1-9n]|\[(?:name|name/ver|mb|gb|kb)\]")
CHECKED_SECTIONS = ("Messages", "CustomMessages")


def read_isl(path: Path) -> dict[str, dict[str, str]]:
    """Section → {name: text} of an Inno Setup messages file (UTF-8, BOM optional)."""
    sections: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        header = re.fullmatch(r"\[(\w+)\]", line)
        if header:
            current = sections.setdefault(header.group(1), {})
        elif "=" in line and current is not None:
            name, text = line.split("=", 1)
            if name.strip() in current:
                raise ValueError(f"{path.name}:{number}: {name.strip()} given twice")
            current[name.strip()] = text
        else:
            raise ValueError(f"{path.name}:{number}: not a message line: {line!r}")
    return sections


def compare_messages(default: Path, ours: Path) -> list[str]:
    """What differs between the compiler's English messages and ours, one line per problem."""
    theirs, mine = read_isl(default), read_isl(ours)
    problems = []
    for section in CHECKED_SECTIONS:
        want, have = theirs.get(section, {}), mine.get(section, {})
        problems += [f"[{section}] {n}: missing" for n in sorted(want.keys() - have.keys())]
        problems += [
            f"[{section}] {n}: not a message of this compiler"
            for n in sorted(have.keys() - want.keys())
        ]
        for name in sorted(want.keys() & have.keys()):
            expected = sorted(PLACEHOLDER.findall(want[name]))
            found = sorted(PLACEHOLDER.findall(have[name]))
            if expected != found:
                problems.append(f"[{section}] {name}: placeholders {found}, English has {expected}")
    return problems


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def compare_trees(staged: Path, installed: Path, extra: set[str]) -> list[str]:
    """Each staged file installed with the same bytes; beyond them only the ``extra`` names."""
    want = {p.relative_to(staged).as_posix() for p in staged.rglob("*") if p.is_file()}
    have = {p.relative_to(installed).as_posix() for p in installed.rglob("*") if p.is_file()}
    problems = [f"not installed: {n}" for n in sorted(want - have)]
    problems += [f"unexpected: {n}" for n in sorted(have - want - extra)]
    problems += [f"expected beside the bundle: {n}" for n in sorted(extra - have)]
    problems += [
        f"content differs: {n}"
        for n in sorted(want & have)
        if _digest(staged / n) != _digest(installed / n)
    ]
    return problems


def _link_target(data: bytes, offset: int) -> str:
    """LocalBasePath of the LinkInfo at ``offset``: Unicode if given, else the ANSI form (read as
    Latin-1: Windows uses the system code page, so only ASCII paths compare reliably)."""
    header_size, link_flags, _volume, ansi = struct.unpack_from("<4xIIII", data, offset)
    if not link_flags & 0x01:  # VolumeIDAndLocalBasePath: none for a network target
        return ""
    if header_size >= 0x24:
        (unicode_at,) = struct.unpack_from("<I", data, offset + 28)
        start = end = offset + unicode_at
        while data[end : end + 2] != b"\0\0":
            end += 2
        return data[start:end].decode("utf-16-le")
    return data[offset + ansi : data.index(b"\0", offset + ansi)].decode("latin-1")


def read_shortcut(path: Path) -> dict[str, str]:
    """Target path, working folder and the other strings of a .lnk file ([MS-SHLLINK]: header,
    ID list, LinkInfo, then the counted strings)."""
    data = path.read_bytes()
    header_size, flags = struct.unpack_from("<I16xI", data, 0)
    if header_size != 0x4C:
        raise ValueError(f"{path.name}: not a shell link")
    offset = 0x4C
    if flags & 0x01:  # HasLinkTargetIDList
        (id_size,) = struct.unpack_from("<H", data, offset)
        offset += 2 + id_size
    out: dict[str, str] = {}
    if flags & 0x02:  # HasLinkInfo
        out["target"] = _link_target(data, offset)
        offset += struct.unpack_from("<I", data, offset)[0]
    unicode = bool(flags & 0x80)
    for flag, key in ((0x04, "name"), (0x08, "relative"), (0x10, "workdir"), (0x20, "args"),
                      (0x40, "icon")):  # fmt: skip
        if flags & flag:
            (count,) = struct.unpack_from("<H", data, offset)
            size = count * (2 if unicode else 1)
            raw = data[offset + 2 : offset + 2 + size]
            # Wine counts the terminating NUL that Windows leaves out.
            out[key] = raw.decode("utf-16-le" if unicode else "latin-1").rstrip("\0")
            offset += 2 + size
    return out


def read_reg_export(path: Path) -> dict[str, str]:
    """String values of the one key in a ``reg export`` file (UTF-16, REGEDIT5 format)."""
    values: dict[str, str] = {}
    text = path.read_bytes().decode("utf-16")
    for line in text.splitlines():
        match = re.fullmatch(r'"((?:[^"\\]|\\.)*)"="((?:[^"\\]|\\.)*)"', line.strip())
        if match:
            name, value = (re.sub(r"\\(.)", r"\1", g) for g in match.groups())
            values[name] = value
    return values


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[0] == "messages":
        problems = compare_messages(Path(argv[1]), Path(argv[2]))
        if not problems:
            default = read_isl(Path(argv[1]))
            counts = " and ".join(f"{len(default.get(s, {}))} [{s}]" for s in CHECKED_SECTIONS)
            print(f"all {counts} of Default.isl, with their placeholders, and no other")
    elif len(argv) >= 3 and argv[0] == "tree":
        problems = compare_trees(Path(argv[1]), Path(argv[2]), set(argv[3:]))
    elif len(argv) == 4 and argv[0] == "shortcut":
        link = read_shortcut(Path(argv[1]))
        problems = [
            f"{key} is {link.get(key)!r}, expected {want!r}"
            for key, want in (("target", argv[2]), ("workdir", argv[3]))
            if link.get(key, "").lower() != want.lower()  # Windows paths ignore case
        ]
    elif len(argv) >= 2 and argv[0] == "uninstall-entry":
        values = read_reg_export(Path(argv[1]))
        expected = dict(pair.split("=", 1) for pair in argv[2:])
        problems = [
            f"{name} is {values.get(name)!r}, expected {want!r}"
            for name, want in expected.items()
            if values.get(name) != want
        ]
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
