"""A filter and a sort of the office's consolidation matrix (25 units x 49 tasks x 5 periods).

Drives the real page (app.ui.office.matrix_page.MatrixPage: filters, legend, the matrix view)
offscreen. Each action is timed twice: until the model has recomputed its rows and the view
its layout (what docs/design.md §6 calls filtering inside the model), and until the view has also
painted every visible cell again (``viewport().repaint()``: what the user waits for).
Budget: 50 ms (docs/design.md §6). Two data sets: every unit on every task in every period (the
densest 25 x 49 x 5 matrix there can be), and the plan's real matrix after an import.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from app.domain.catalog import Catalog, UnitInfo
from tools.bench.stats import Figure, Stats, timed

STATES = ("not_started", "in_progress", "completed", "delayed", None)
BUDGET_S = 0.050


def dense_matrices(catalog: Catalog, units: int = 25) -> dict[str, Any]:
    """Every one of ``units`` units with a role on every task, every period, random states."""
    from app.services.consolidation import Matrix, MatrixCell

    extra = [
        UnitInfo(f"bench{i}", f"深圳市基准测试单位{i}", f"基准单位{i}", ())
        for i in range(max(0, units - len(catalog.units)))
    ]
    all_units = (*catalog.units, *extra)[:units]
    rng = random.Random(25)
    out = {}
    for p in catalog.periods:
        cells = {}
        for t in catalog.tasks:
            for u in all_units:
                status = rng.choice(STATES)
                cells[(t.no, u.id)] = MatrixCell(
                    task_no=t.no,
                    unit_id=u.id,
                    role=rng.choice(("lead", "responsible", "support")),
                    status=status,
                    percent=None if status is None else rng.randint(0, 100),
                    progress="" if status is None else "按计划推进，完成阶段目标。" * 10,
                    problems="",
                    version=None if status is None else rng.randint(1, 3),
                    late=rng.random() < 0.1,
                )
        out[p.code] = Matrix(p.code, all_units, catalog.tasks, cells, catalog.sections)
    return out


def store_matrices(catalog: Catalog, data_dir: Path) -> dict[str, Any]:
    from app.config import Settings
    from app.services.consolidation import load_matrix
    from app.services.stores import open_office_store

    store = open_office_store(Settings(data_dir))
    try:
        return {p.code: load_matrix(store, catalog, p.code) for p in catalog.periods}
    finally:
        store.close()


def actions(catalog: Catalog, units: list[str]) -> list[tuple[str, dict[str, Any] | None, int]]:
    """(label, filter changes or None for a sort, sort column)."""
    last = catalog.periods[-1].code
    return [
        ("filter: period", {"period": last}, 0),
        ("filter: section", {"section": catalog.sections[1].no}, 0),
        ("filter: unit", {"section": None, "unit": units[1]}, 0),
        ("filter: status 滞后", {"unit": None, "state": "delayed"}, 0),
        ("filter: late + missing", {"state": None, "late": True, "missing": True}, 0),
        ("filter: clear all", {"late": False, "missing": False}, 0),
        ("sort: by a unit's completion", None, 3),
        ("sort: back by task", None, 0),
    ]


def run_page(
    matrices: dict[str, Any], catalog: Catalog, runs: int, *, own_paint: bool = True
) -> tuple[dict[str, Stats], dict[str, Stats]]:
    """(until repainted, until the model and view have their new rows) per action.
    ``own_paint=False``: Qt's delegate paints every cell (the view's painting before the tenth
    pass, docs/benchmarks.md), the same-run baseline of the view's own painting."""
    from app.ui.office.matrix_view import MatrixView

    MatrixView.paints_cells = own_paint
    try:
        return _run_page(matrices, catalog, runs)
    finally:
        MatrixView.paints_cells = True


def _run_page(
    matrices: dict[str, Any], catalog: Catalog, runs: int
) -> tuple[dict[str, Stats], dict[str, Stats]]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from app.services.consolidation import section_label
    from app.ui.office.matrix_page import MatrixPage

    app = QApplication.instance() or QApplication([])
    page = MatrixPage()
    page.resize(1600, 1000)
    page.show()
    titles = {s.no: section_label(s.no, s.title) for s in catalog.sections}
    first = catalog.periods[0].code
    page.set_matrices(matrices, titles, first)
    app.processEvents()
    units = [u.id for u in next(iter(matrices.values())).units]
    samples: dict[str, list[float]] = {}
    unpainted: dict[str, list[float]] = {}
    for _ in range(runs):
        page.apply_filter(period=first, section=None, unit=None, state=None, late=False)
        page.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        app.processEvents()
        for label, changes, column in actions(catalog, units):
            order = Qt.SortOrder.DescendingOrder if column else Qt.SortOrder.AscendingOrder
            for paint, into in ((False, unpainted), (True, samples)):
                if changes is not None:
                    step = _filter_step(page, changes, paint)
                else:
                    step = _sort_step(page, column, order, paint)
                into.setdefault(label, []).append(timed(step))
                app.processEvents()
    page.close()
    return (
        {k: Stats(tuple(v)) for k, v in samples.items()},
        {k: Stats(tuple(v)) for k, v in unpainted.items()},
    )


def _filter_step(page: Any, changes: dict[str, Any], paint: bool) -> Any:
    def step() -> None:
        page.apply_filter(**changes)
        if paint:
            page.view.viewport().repaint()

    return step


def _sort_step(page: Any, column: int, order: Any, paint: bool) -> Any:
    def step() -> None:
        page.view.sortByColumn(column, order)
        if paint:
            page.view.viewport().repaint()

    return step


def matrix_figures(catalog: Catalog, work: Path, runs: int, *, quick: bool = False) -> list[Figure]:
    from tools.bench.startup_bench import office_data_dir

    sets = {"25 units x 49 tasks x 5 periods, every cell filled": dense_matrices(catalog)}
    real = office_data_dir(catalog, work, 40 if quick else 200)
    sets["the plan's matrix after an import"] = store_matrices(catalog, real)
    figures = []
    for name, matrices in sets.items():
        cells = sum(len(m.cells) for m in matrices.values())
        painted, unpainted = run_page(matrices, catalog, runs)
        by_qt, _ = run_page(matrices, catalog, runs, own_paint=False)
        for stats, what in ((unpainted, "rows recomputed"), (painted, "and repainted")):
            worst = max(stats, key=lambda k: stats[k].median)
            f = Figure(f"matrix filter/sort, {name}, {what}: slowest ({worst})", stats[worst])
            f.budget_abs = BUDGET_S
            f.notes.append(
                f"{cells} cells in all; every action (median ms): "
                + ", ".join(f"{k} {v.median * 1000:.1f}" for k, v in stats.items())
            )
            if stats is painted:
                f.notes.append(_against_qt(painted, by_qt))
            figures.append(f)
    return figures


def _against_qt(own: dict[str, Stats], by_qt: dict[str, Stats]) -> str:
    """The same actions with Qt's delegate painting every cell, in this run."""
    mine, qts = max(s.median for s in own.values()), max(s.median for s in by_qt.values())
    return (
        f"Qt's delegate painting every cell instead, same run: slowest {qts * 1000:.1f} ms; "
        f"the view's own painting takes {mine / qts:.2f}x of that"
    )
