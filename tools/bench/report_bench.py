"""The consolidated report of 12,000 entries against xlsxwriter writing the same cells.

The report data comes from a real office store (``build_report`` after an import); its
entries are then repeated until the section sheets hold ``entries`` of them (a plan and a
year far larger than 2016's). Timed: laying out and writing the workbook
(``report_book`` + ``write_book``), against a plain xlsxwriter loop writing every value of
the same sheets, rows and columns (same workbook options, no formats, no charts).
``build_report`` (the store queries) is timed apart for the real data.
"""

from __future__ import annotations

import math
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.config import Settings
from app.domain.catalog import Catalog
from tools.bench.stats import Figure, Stats, repeat


def scaled_report(catalog: Catalog, data_dir: Path, entries: int) -> tuple[Any, Stats, int]:
    from app.services.report import build_report
    from app.services.stores import open_office_store

    store = open_office_store(Settings(data_dir))
    period = catalog.periods[-1].code
    try:
        gather, _ = repeat(3, lambda: build_report(store, catalog, period))
        data = build_report(store, catalog, period)
    finally:
        store.close()
    have = sum(len(v) for v in data.details.values())
    k = max(1, math.ceil(entries / max(1, have)))
    # Each copy's texts made distinct, as 12,000 clerks' entries would be (no text repeats
    # that the shared-string table could fold).
    details = {
        task: tuple(
            replace(d, progress=f"{d.progress}（{i}）", problems=f"{d.problems}（{i}）")
            if d.status is not None
            else d
            for i in range(k)
            for d in rows
        )
        for task, rows in data.details.items()
    }
    return replace(data, details=details), gather, have


def baseline_write(book: Any, path: Path) -> int:
    """Every value of the book's sheets, one cell each, with nothing else."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})  # as write_book
    cells = 0
    for sheet in book.sheets:
        ws = wb.add_worksheet(sheet.name)
        r = 0
        ws.write_string(r, 0, sheet.title)
        r += 2
        for block in sheet.blocks:
            for c, col in enumerate(block.columns):
                ws.write_string(r, c, col.title)
            r += 1
            for row in block.rows:
                for c, v in enumerate(row.values):
                    if isinstance(v, str):
                        if v:
                            ws.write_string(r, c, v)
                    elif isinstance(v, Decimal):
                        ws.write_number(r, c, float(v))
                    elif v is not None:
                        ws.write_number(r, c, v)
                    cells += 1
                r += 1
            r += 1
    wb.close()
    return cells


def report_figure(catalog: Catalog, work: Path, runs: int, entries: int) -> Figure:
    from app.io.report_writer import write_book
    from app.services.report import report_book
    from tools.bench.startup_bench import office_data_dir

    source = office_data_dir(catalog, work, 40 if entries < 1000 else 200)
    data, gather, real = scaled_report(catalog, source, entries)
    out = work / "report"
    out.mkdir(exist_ok=True)
    book = report_book(data, catalog)
    product, baseline = repeat(
        runs,
        lambda: write_book(out / "report.xlsx", report_book(data, catalog)),
        lambda: baseline_write(book, out / "baseline.xlsx"),
    )
    assert baseline is not None
    written = sum(len(v) for v in data.details.values())
    f = Figure(
        f"consolidated report of {written} entries (lay out and write)",
        product,
        unit="s",
        factor=1.0,
        baseline=baseline,
        baseline_name="xlsxwriter writing the same cells in a plain loop",
        budget_ratio=1.5,
    )
    size = (out / "report.xlsx").stat().st_size / 1024 / 1024
    f.notes.append(
        f"{size:.1f} MB workbook, {len(book.sheets)} sheets with formats, row heights and "
        f"native charts; gathering the real period ({real} entries) from the store "
        f"(build_report): {gather.text()}"
    )
    return f
