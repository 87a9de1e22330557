"""The task x unit matrix of one period, and how it is made from the period's current versions
and entries. No SQLAlchemy here: the office's first view builds the same matrix from rows read
with the standard library (``app.services.office_first_view``, docs/design.md §6)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from app.domain.catalog import Catalog, SectionInfo, TaskInfo, UnitInfo

# (task no, unit id) -> (status, percent, progress, problems) of the current version's entry
Reported = Mapping[tuple[int, str], tuple[str, int | None, str, str]]


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


def matrix_units(catalog: Catalog) -> tuple[UnitInfo, ...]:
    """Columns: the reporting units in plan order, then the other units with a role."""
    reporting = catalog.reporting_units()
    seen = {u.id for u in reporting}
    others = [u for u in catalog.units if u.id not in seen and catalog.tasks_for_unit(u.id)]
    return (*reporting, *others)


def unit_roles(
    catalog: Catalog, units: tuple[UnitInfo, ...], tasks: tuple[TaskInfo, ...] | None = None
) -> dict[tuple[int, str], str]:
    """(task no, unit id) -> the unit's first role on the task, where it has one (``tasks``:
    the plan's, or those of a period's history)."""
    out: dict[tuple[int, str], str] = {}
    for t in catalog.tasks if tasks is None else tasks:
        for u in units:
            try:
                roles = catalog.roles_of(u.id, t)
            except KeyError:  # a removed task's group the plan no longer has
                roles = [a.role for a in t.units if a.unit == u.id]
            if roles:
                out[(t.no, u.id)] = roles[0]
    return out


def history_tasks(catalog: Catalog, reported_tasks: Iterable[int]) -> tuple[TaskInfo, ...]:
    """The plan's tasks, then those a revision removed that were reported in the period
    (kept for the period's history; never offered for new entry)."""
    nos = set(reported_tasks)
    return (*catalog.tasks, *(t for t in catalog.retired if t.no in nos))


def build_matrix(
    catalog: Catalog,
    period: str,
    versions: Mapping[str, tuple[int, bool]],
    reported: Reported,
    reviews: Mapping[str, str],
) -> Matrix:
    """The matrix of ``period``: ``versions``: unit id -> (current version, late);
    ``reviews``: unit id -> the review of its current version."""
    units = matrix_units(catalog)
    cells: dict[tuple[int, str], MatrixCell] = {}
    tasks = history_tasks(catalog, (no for no, _unit in reported))
    for (task_no, unit_id), role in unit_roles(catalog, units, tasks).items():
        sub = versions.get(unit_id)
        version, late = (None, False) if sub is None else sub
        e = reported.get((task_no, unit_id))
        cells[(task_no, unit_id)] = MatrixCell(
            task_no=task_no,
            unit_id=unit_id,
            role=role,
            status=None if e is None else e[0],
            percent=None if e is None else e[1],
            progress="" if e is None else e[2],
            problems="" if e is None else e[3],
            version=version,
            late=late,
        )
    return Matrix(period, units, tasks, cells, catalog.sections, dict(reviews))
