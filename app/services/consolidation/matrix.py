"""The task x unit matrix of one period: every unit's current status on every task it has a
role on."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from app.domain.catalog import Catalog, SectionInfo, TaskInfo, UnitInfo
from app.models import SubmissionEntry
from app.models.store import Store
from app.services.consolidation import current as q  # the queries every view starts from


@dataclass(frozen=True)
class MatrixCell:
    task_no: int
    unit_id: str
    role: str
    status: str | None  # None: nothing reported on this task in the current version
    percent: int | None
    progress: str
    problems: str
    version: int | None  # the unit's current version for the period (None: not submitted)
    late: bool


@dataclass(frozen=True)
class Matrix:
    period: str
    units: tuple[UnitInfo, ...]  # reporting units first (plan order), then others with a role
    tasks: tuple[TaskInfo, ...]
    cells: Mapping[tuple[int, str], MatrixCell]  # only where the unit has a role on the task
    sections: tuple[SectionInfo, ...] = ()
    # unit id -> the review of its current version (pending | accepted | returned)
    reviews: Mapping[str, str] = field(default_factory=dict)

    def cell(self, task_no: int, unit_id: str) -> MatrixCell | None:
        return self.cells.get((task_no, unit_id))

    def task_cells(self, task_no: int) -> list[MatrixCell]:
        return [c for u in self.units if (c := self.cells.get((task_no, u.id))) is not None]


_MATRIX_COLUMNS = (
    SubmissionEntry.status,
    SubmissionEntry.percent,
    SubmissionEntry.progress,
    SubmissionEntry.problems,
)


def load_matrix(store: Store, catalog: Catalog, period: str) -> Matrix:
    """The task x unit matrix of one period (KeyError for a period not in the plan)."""
    info = catalog.period(period)
    units = q.matrix_units(catalog)
    with store.factory() as s:
        pk = q.period_pk(s, catalog, period)
        current = q.current_submissions(s, pk, info.due)
        reported: dict[tuple[int, str], tuple[str, int | None, str, str]] = {}
        if pk is not None:
            for code, no, st, pc, pr, pb in s.execute(
                q.current_entries(pk, *_MATRIX_COLUMNS)
            ).tuples():
                reported[(no, code)] = (st, pc, pr, pb)
    cells: dict[tuple[int, str], MatrixCell] = {}
    tasks = q.history_tasks(catalog, (no for no, _unit in reported))
    for (task_no, unit_id), role in q.unit_roles(catalog, units, tasks).items():
        sub = current.get(unit_id)
        e = reported.get((task_no, unit_id))
        cells[(task_no, unit_id)] = MatrixCell(
            task_no=task_no,
            unit_id=unit_id,
            role=role,
            status=None if e is None else e[0],
            percent=None if e is None else e[1],
            progress="" if e is None else e[2],
            problems="" if e is None else e[3],
            version=None if sub is None else sub.version,
            late=False if sub is None else sub.late,
        )
    reviews = {unit_id: c.review for unit_id, c in current.items()}
    return Matrix(period, units, tasks, cells, catalog.sections, reviews)
