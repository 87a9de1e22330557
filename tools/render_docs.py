#!/usr/bin/env python3
"""Render the office's documents to PNG pages through LibreOffice, to look at their layout.

    .venv/bin/python tools/render_docs.py [--out DIR] [--data-dir DIR] [--period 2016Q3]
        [--year 2016] [--progress-date 2016-10-15] [--assessment-date 2017-02-10]
        [--dpi 80] [--as-is]

Without ``--data-dir`` it builds a temporary office store from the demo data set (every
reporting unit of the plan, genuine signed submissions for all five periods; see
tools.demo.office_data). It writes into DIR (default ``render/``):

  progress.docx, progress-N.png        the progress bulletin of ``--period``
  assessment.docx, assessment-N.png    the assessment bulletin of ``--year``
  report.xlsx, report-N.png            the consolidated report of ``--period``

Needs LibreOffice and poppler (Debian/Ubuntu):
    apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils
    apt-get install fonts-noto-cjk fonts-arphic-gkai00mp     # Chinese fonts to stand in

How the pages are made faithful to what Word shows, and why:
- The GB fonts (仿宋_GB2312, 楷体_GB2312, 方正小标宋简体, 黑体, 宋体) are not free; a private
  fontconfig file maps them to installed stand-ins (Noto Serif/Sans CJK SC, AR PL KaitiM GB)
  for this run only.
- LibreOffice 7.4 ignores ``w:autoSpaceDE/DN`` (it puts a gap between Chinese and digits that
  Word leaves out) and gives a character a whole extra cell of Word's character grid when a
  stand-in font is a hair wider than the pitch. Unless ``--as-is``, each .docx is converted to
  ODT first, the ODT's paragraph defaults get no autospace and a line-only grid, and that is
  printed; the .docx itself is never changed. The 22 lines and 28 characters still come from
  the file: its exact 28.95 pt lines and its 0.3 pt condensed characters.
LibreOffice runs with its own profile in a temporary folder, so it neither touches nor waits
for a LibreOffice the user has open.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PERIODS = ("2016Q1", "2016Q2", "2016Q3", "2016Q4", "2016")
APT = (
    "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils "
    "fonts-noto-cjk fonts-arphic-gkai00mp"
)
# (font the document names, stand-ins in order of preference, bold)
STAND_INS = (
    ("仿宋_GB2312", ("FangSong", "Noto Serif CJK SC"), False),
    ("仿宋", ("FangSong", "Noto Serif CJK SC"), False),
    ("楷体_GB2312", ("KaiTi", "AR PL KaitiM GB", "AR PL UKai CN", "Noto Serif CJK SC"), False),
    ("楷体", ("KaiTi", "AR PL KaitiM GB", "AR PL UKai CN", "Noto Serif CJK SC"), False),
    ("方正小标宋简体", ("Noto Serif CJK SC",), True),
    ("黑体", ("SimHei", "Noto Sans CJK SC"), False),
    ("宋体", ("SimSun", "Noto Serif CJK SC"), False),
)


def need_tools() -> dict[str, str]:
    found = {name: shutil.which(name) for name in ("soffice", "pdftoppm", "fc-list")}
    missing = [name for name, path in found.items() if path is None]
    if missing:
        sys.exit(f"render_docs: {', '.join(missing)} not found. Install with:\n  {APT}")
    return {k: str(v) for k, v in found.items()}


def installed_families(fc_list: str) -> set[str]:
    out = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, check=True)
    return {name.strip() for line in out.stdout.splitlines() for name in line.split(",")}


def fonts_conf(folder: Path, families: set[str]) -> Path:
    """A fontconfig file: the system's, plus each GB font mapped to its first stand-in."""
    rules = []
    for name, candidates, bold in STAND_INS:
        if name in families:
            continue  # the real font is installed: use it
        stand_in = next((c for c in candidates if c in families), None)
        if stand_in is None:
            continue
        weight = (
            '<edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>'
            if bold
            else ""
        )
        rules.append(
            f'<match target="pattern"><test name="family"><string>{name}</string></test>'
            f'<edit name="family" mode="assign" binding="strong"><string>{stand_in}</string>'
            f"</edit>{weight}</match>"
        )
    path = folder / "fonts.conf"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        + "".join(rules)
        + "</fontconfig>\n",
        encoding="utf-8",
    )
    return path


class Office:
    """LibreOffice headless with a private profile and fontconfig file."""

    def __init__(self, soffice: str, work: Path, fonts: Path) -> None:
        self.soffice = soffice
        self.profile = (work / "lo-profile").as_uri()
        self.env = {**os.environ, "FONTCONFIG_FILE": str(fonts)}

    def convert(self, source: Path, fmt: str, outdir: Path) -> Path:
        subprocess.run(
            [
                self.soffice,
                f"-env:UserInstallation={self.profile}",
                "--headless",
                "--convert-to",
                fmt,
                "--outdir",
                str(outdir),
                str(source),
            ],
            check=True,
            env=self.env,
            capture_output=True,
            timeout=300,
        )
        result = outdir / f"{source.stem}.{fmt}"
        if not result.exists():
            sys.exit(f"render_docs: LibreOffice did not convert {source.name} to {fmt}")
        return result


def word_like_odt(odt: Path, out: Path) -> Path:
    """The ODT with what Word would do: no Chinese/digit autospace, a line-only grid."""
    with zipfile.ZipFile(odt) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename in ("styles.xml", "content.xml"):
                text = data.decode("utf-8")
                text = re.sub(r'text-autospace="[^"]*"', 'text-autospace="none"', text)
                text = text.replace('layout-grid-mode="both"', 'layout-grid-mode="line"')
                data = text.encode("utf-8")
            kind = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            dst.writestr(info, data, compress_type=kind)
    return out


def pages(pdftoppm: str, pdf: Path, out: Path, stem: str, dpi: int) -> list[Path]:
    for old in out.glob(f"{stem}-*.png"):
        old.unlink()
    subprocess.run(
        [pdftoppm, "-r", str(dpi), "-png", str(pdf), str(out / stem)], check=True, timeout=300
    )
    found = sorted(out.glob(f"{stem}-*.png"))
    for p in found:  # pdftoppm pads page numbers to the page count's width: 1, 01, 001
        number = int(p.stem.rsplit("-", 1)[1])
        p.rename(out / f"{stem}-{number}.png")
    return sorted(out.glob(f"{stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def build_demo(root: Path) -> tuple[object, object]:
    from app.config import Settings
    from app.services.stores import open_office_store, store_catalog
    from tools.demo.office_data import build_office

    store = open_office_store(Settings(root / "data"))
    catalog = store_catalog(store)
    build_office(store, catalog, root / "submissions", PERIODS, seed=1)
    return store, catalog


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "render")
    parser.add_argument("--data-dir", type=Path, help="an office data folder (default: demo)")
    parser.add_argument("--period", default="2016Q3")
    parser.add_argument("--year", default="2016")
    parser.add_argument("--progress-date", type=date.fromisoformat, default=date(2016, 10, 15))
    parser.add_argument("--assessment-date", type=date.fromisoformat, default=date(2017, 2, 10))
    parser.add_argument("--dpi", type=int, default=80)
    parser.add_argument("--as-is", action="store_true", help="print the .docx files unchanged")
    args = parser.parse_args(argv)
    tools = need_tools()
    from app.config import Settings
    from app.services.bulletin import write_bulletin
    from app.services.report import write_report
    from app.services.stores import open_office_store, store_catalog

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="render-docs-") as tmp:
        work = Path(tmp)
        if args.data_dir is not None:
            store = open_office_store(Settings(args.data_dir))
            catalog = store_catalog(store)
        else:
            store, catalog = build_demo(work)  # type: ignore[assignment]
        made = [
            write_bulletin(
                store, catalog, "progress", args.period, out / "progress.docx",
                issued_on=args.progress_date,
            ).path,
            write_bulletin(
                store, catalog, "assessment", args.year, out / "assessment.docx",
                issued_on=args.assessment_date,
            ).path,
            write_report(store, catalog, args.period, out / "report.xlsx").path,
        ]  # fmt: skip
        store.close()  # type: ignore[attr-defined]
        office = Office(
            tools["soffice"], work, fonts_conf(work, installed_families(tools["fc-list"]))
        )
        for document in made:
            source = document
            if document.suffix == ".docx" and not args.as_is:
                odt = office.convert(document, "odt", work)
                source = word_like_odt(odt, work / f"{document.stem}-word.odt")
            pdf = office.convert(source, "pdf", work)
            shown = pages(tools["pdftoppm"], pdf, out, document.stem, args.dpi)
            print(f"{document.name}: {len(shown)} pages -> {out}/{document.stem}-N.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
