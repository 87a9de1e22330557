"""One submission export, end to end (``export_period``, as the clerk's export button runs it).

The unit with the most tasks exports a period whose every task and indicator is filled with
long texts. The passphrase's key derivation (scrypt, deliberately ~0.3-0.5 s) is timed apart by
wrapping the real ``unlock_key`` the export calls; the budget (0.5 s) is for the export's own
work: validate, reserve the version, build and sign the payload, write the workbook, record it.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from app.config import Settings
from app.domain.catalog import Catalog
from tools.bench.startup_bench import PASSPHRASE, fill_period
from tools.bench.stats import Figure, Stats, timed


def export_store(catalog: Catalog, folder: Path, period: str) -> tuple[Any, str]:
    from app.domain.entry_rules import IndicatorDraft
    from app.services.entries import EntryService
    from app.services.stores import open_unit_store
    from app.services.unit_setup import get_profile, init_unit

    unit = max(catalog.reporting_units(), key=lambda u: len(catalog.tasks_for_unit(u.id))).id
    store = open_unit_store(Settings(folder))
    if get_profile(store, catalog) is None:
        init_unit(store, catalog, unit, "张伟", "0755-83070000", PASSPHRASE)
        service = EntryService(store, catalog, unit)
        fill_period(service, period)
        for ind in catalog.indicators_for_unit(unit):
            service.save_indicator(IndicatorDraft(ind.no, period, str(ind.value), "按统计口径填报"))
    return store, unit


def export_figures(catalog: Catalog, work: Path, runs: int, *, quick: bool = False) -> list[Figure]:
    from app.services import export

    period = catalog.periods[0].code
    store, unit = export_store(catalog, work / "unit-export", period)
    names = vars(export)  # the export module's own binding of unlock_key, wrapped for timing
    real_unlock = names["unlock_key"]
    kdf: list[float] = []

    def unlock(store: Any, passphrase: str) -> bytes:
        t = time.perf_counter()
        try:
            key: bytes = real_unlock(store, passphrase)
            return key
        finally:
            kdf.append(time.perf_counter() - t)

    out = work / "exports"
    out.mkdir(exist_ok=True)
    totals: list[float] = []
    names["unlock_key"] = unlock
    try:
        for i in range(runs):
            target = out / f"export-{i}.xlsx"

            def run(target: Path = target) -> None:
                export.export_period(store, catalog, period, target, PASSPHRASE)

            totals.append(timed(run))
    finally:
        names["unlock_key"] = real_unlock
        store.close()
    work_only = Stats(tuple(t - k for t, k in zip(totals, kdf, strict=True)))
    size = (out / "export-0.xlsx").stat().st_size / 1024
    tasks = len(catalog.tasks_for_unit(unit))
    f = Figure(
        f"one submission export ({unit}: {tasks} tasks, long texts), without the key derivation",
        work_only,
        budget_abs=0.5,
    )
    f.notes.append(
        f"end to end {Stats(tuple(totals)).text()}, of which scrypt {Stats(tuple(kdf)).text()}; "
        f"{size:.0f} KB file"
    )
    return [f]
