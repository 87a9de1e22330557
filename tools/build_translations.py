#!/usr/bin/env python3
"""Build the interface translations: Chinese is the source language, English the translation.

    .venv/bin/python tools/build_translations.py [--check]

1. ``pyside6-lupdate`` collects every ``self.tr()`` / ``QCoreApplication.translate()`` string of
   ``app/ui`` into ``resources/i18n/qualityreport_en.ts``, keeping translations already there and
   dropping strings no longer used.
2. The translator (a person, in Qt Linguist or a text editor) fills the English in that file.
3. ``pyside6-lrelease`` compiles it to ``qualityreport_en.qm``, the file the program ships.

Both files are committed. ``--check`` exits 1 when a string is left without English (for CI).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "app" / "ui"
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("en",)


def tool(name: str) -> str:
    """The PySide6 tool next to this interpreter (the venv), else on PATH."""
    here = Path(sys.executable).parent
    for candidate in (here / name, here / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"error: {name} not found (is PySide6 installed in this Python?)")
    return found


def unfinished(ts: Path) -> list[str]:
    """Source texts whose translation is missing or marked unfinished."""
    out = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if translation is None or translation.get("type") in ("unfinished", "vanished"):
            if translation is None or translation.get("type") == "unfinished":
                out.append(source)
        elif not (translation.text or "").strip():
            out.append(source)
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a string lacks English")
    args = parser.parse_args(argv)
    sources = sorted(str(p.relative_to(ROOT)) for p in SOURCES.rglob("*.py"))
    I18N.mkdir(parents=True, exist_ok=True)
    missing_total = 0
    for lang in LANGUAGES:
        ts = I18N / f"qualityreport_{lang}.ts"
        qm = I18N / f"qualityreport_{lang}.qm"
        subprocess.run(
            [
                tool("pyside6-lupdate"),
                *sources,
                "-no-obsolete",
                "-target-language",
                lang,
                "-ts",
                str(ts.relative_to(ROOT)),
            ],
            cwd=ROOT,
            check=True,
        )
        subprocess.run(
            [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], cwd=ROOT, check=True
        )
        missing = unfinished(ts)
        missing_total += len(missing)
        print(f"{ts.relative_to(ROOT)}: {len(missing)} string(s) without a translation")
        for text in missing[:20]:
            print(f"  - {text!r}")
    return 1 if args.check and missing_total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
