#!/usr/bin/env python3
"""Fail when demo, benchmark or test code is inside the frozen bundle.

    .venv/bin/python tools/bundle_check.py dist/QualityReport EXECUTABLE [EXECUTABLE ...]

Reads each executable's embedded archive with PyInstaller's own reader (what
``pyi-archive_viewer --list --recursive`` prints: the PKG and the Python modules of its PYZ)
and walks every file of the bundle folder. The demo data set derives private keys from a
public string and can register them in any office store (tools/demo), so neither it nor the
benchmark and test code may ship. Exit 0 when clean; 1 naming each offender; 2 for bad usage.
tools/ci_frozen.sh runs it after every build.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path

# Whole packages that are never part of the product.
FORBIDDEN_TOP = frozenset(
    {"tests", "tools", "conftest", "pytest", "_pytest", "pytestqt", "hypothesis", "benchmarks"}
)
# Inside the product's own package: a module or file whose name says demo, benchmark, test kit,
# fixture or screenshot.
FORBIDDEN_APP_PART = re.compile(
    r"^(demo\w*|\w*_demo|bench\w*|\w*_bench|test_\w+|\w*_kit|conftest|fixtures?|\w*screenshots?)$"
)


def offending_module(name: str) -> bool:
    """A dotted module name (``app.services.demo_data``) that must not be in the bundle."""
    parts = name.split(".")
    if parts[0] in FORBIDDEN_TOP:
        return True
    return parts[0] == "app" and any(FORBIDDEN_APP_PART.match(p) for p in parts[1:])


def offending_file(relative: Path) -> bool:
    """A file of the bundle folder (path relative to it) that must not be there."""
    parts = list(relative.with_suffix("").parts)
    if parts[:1] == ["_internal"]:  # PyInstaller's contents folder
        parts = parts[1:]
    return bool(parts) and offending_module(".".join(parts))


def archive_modules(executable: Path) -> list[str]:
    """The entries of the executable's PKG and of the PYZ inside it."""
    from PyInstaller.archive.readers import pkg_archive_contents

    return [str(n) for n in pkg_archive_contents(str(executable), recursive=True)]


def offenders(bundle: Path, executables: Iterable[Path]) -> list[str]:
    found = []
    for exe in executables:
        found += [f"{exe.name}: module {m}" for m in archive_modules(exe) if offending_module(m)]
    for path in sorted(bundle.rglob("*")):
        rel = path.relative_to(bundle)
        if path.is_file() and offending_file(rel):
            found.append(f"file {rel}")
    return found


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    bundle, executables = Path(argv[0]), [Path(a) for a in argv[1:]]
    found = offenders(bundle, executables)
    for line in found:
        print(f"bundle_check: not for shipping: {line}", file=sys.stderr)
    if found:
        return 1
    count = sum(len(archive_modules(e)) for e in executables)
    print(
        f"bundle_check: {count} archive entries and the bundle's files: no demo, bench or test code"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
