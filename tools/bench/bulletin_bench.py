"""The office's bulletins (通报): gather, compose and write one .docx, against DESIGN §6's 2 s.

On the office install the start-up benchmark uses (a year of signed submissions imported:
20 units x 5 periods when full), each kind of bulletin is timed end to end as the command
line runs it: the store queries, the sentences and the python-docx file written atomically.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.config import Settings
from app.domain.catalog import Catalog
from tools.bench.stats import Figure, repeat


def bulletin_figures(
    catalog: Catalog, work: Path, runs: int, *, quick: bool, files: int | None = None
) -> list[Figure]:
    from app.services.bulletin import write_bulletin
    from app.services.stores import open_office_store
    from tools.bench.startup_bench import office_data_dir

    folder = office_data_dir(catalog, work, files or (40 if quick else 200))
    out = work / "bulletin"
    out.mkdir(exist_ok=True)
    quarter = [p for p in catalog.periods if p.kind == "quarter"][-1]
    annual = next(p for p in catalog.periods if p.kind == "annual")
    store = open_office_store(Settings(folder))
    figures = []
    try:
        for kind, period, day in (
            ("progress", quarter, quarter.due),
            ("assessment", annual, date(annual.due.year, annual.due.month + 1, 10)),
        ):
            path = out / f"{kind}.docx"
            stats, _ = repeat(
                runs,
                lambda k=kind, p=period.code, d=day, f=path: write_bulletin(
                    store, catalog, k, p, f, issued_on=d
                ),
            )
            f = Figure(
                f"{kind} bulletin of {period.code} (gather, compose, write .docx)",
                stats,
                unit="s",
                factor=1.0,
                budget_abs=2.0,
            )
            f.notes.append(f"{path.stat().st_size / 1024:.0f} KB document")
            figures.append(f)
    finally:
        store.close()
    return figures
