"""The figures of a period's progress bulletin, gathered from the consolidation services.

Only current versions count (the matrix, the board, the tracker and the sources read nothing
else). Task-level words, defined here and nowhere else:

- a task's *accountable units* are the reporting units that lead it or are responsible for it
  (directly or through a group); a task with none (only supporting units) is answered for by
  every reporting unit with a role on it;
- a task is *completed* when every accountable unit reported 已完成 in its current version;
- a task is *lagging* when any unit with a role on it reported 滞后; the bulletin names those
  units.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from app.domain.catalog import Catalog, PeriodInfo, SectionInfo, TaskInfo
from app.models.store import Store
from app.services.bulletin.notices import OverdueNotice, overdue_notices
from app.services.consolidation import (
    BoardRow,
    Matrix,
    MatrixCell,
    SourceInfo,
    Tracker,
    completion_by_section,
    current_sources,
    effective_percent,
    indicator_board,
    load_matrix,
    section_label,
    tracker,
)

STATUS_ORDER = ("completed", "in_progress", "delayed", "not_started")


@dataclass(frozen=True)
class TaskState:
    task: TaskInfo
    accountable: tuple[str, ...]  # unit ids
    completed: bool
    delayed_units: tuple[str, ...]  # unit ids that reported 滞后, in matrix order
    reported: int  # entries received for the task


@dataclass(frozen=True)
class SectionFacts:
    section: SectionInfo
    tasks: tuple[TaskState, ...]
    entries: int
    average: float  # mean effective percent of the entries received (0.0 without any)
    targets: tuple[BoardRow, ...]

    @property
    def completed(self) -> list[TaskState]:
        return [t for t in self.tasks if t.completed]

    @property
    def lagging(self) -> list[TaskState]:
        return [t for t in self.tasks if t.delayed_units]


@dataclass(frozen=True)
class ProgressFacts:
    period: PeriodInfo
    matrix: Matrix
    tracker: Tracker
    board: tuple[BoardRow, ...]
    sections: tuple[SectionFacts, ...]
    sources: tuple[SourceInfo, ...]
    notices: tuple[OverdueNotice, ...]
    unit_names: Mapping[str, str]

    def units_in(self, state: str) -> list[str]:
        """Short names of the units in a tracker state, in plan order."""
        return [r.unit_name for r in self.tracker.rows if r.state == state]

    def entry_counts(self) -> dict[str, int]:
        """Entries of the reporting units by status, and "missing" for those not received."""
        reporting = {r.unit_id for r in self.tracker.rows}
        counts = dict.fromkeys((*STATUS_ORDER, "missing"), 0)
        for (_, unit_id), cell in self.matrix.cells.items():
            if unit_id in reporting:
                key = "missing" if cell.status is None else cell.status
                counts[key] = counts.get(key, 0) + 1
        return counts

    def average(self) -> float:
        values = [
            p
            for c in self.matrix.cells.values()
            if c.status is not None and (p := effective_percent(c.status, c.percent)) is not None
        ]
        return round(sum(values) / len(values), 1) if values else 0.0

    @property
    def tasks(self) -> list[TaskState]:
        return [t for s in self.sections for t in s.tasks]

    def delayed_cells(self) -> list[MatrixCell]:
        return [
            c
            for t in self.matrix.tasks
            for c in self.matrix.task_cells(t.no)
            if c.status == "delayed"
        ]


def accountable_units(catalog: Catalog, task: TaskInfo) -> tuple[str, ...]:
    reporting = [u.id for u in catalog.reporting_units()]
    roles = {u: catalog.roles_of(u, task) for u in reporting}
    leading = [u for u in reporting if {"lead", "responsible"} & set(roles[u])]
    return tuple(leading or [u for u in reporting if roles[u]])


def task_state(catalog: Catalog, matrix: Matrix, task: TaskInfo) -> TaskState:
    accountable = accountable_units(catalog, task)
    cells = matrix.task_cells(task.no)
    status = {c.unit_id: c.status for c in cells}
    completed = bool(accountable) and all(status.get(u) == "completed" for u in accountable)
    delayed = tuple(c.unit_id for c in cells if c.status == "delayed")
    reported = sum(1 for c in cells if c.status is not None)
    return TaskState(task, accountable, completed, delayed, reported)


def gather(store: Store, catalog: Catalog, period: str, issued_on: date) -> ProgressFacts:
    """Everything the progress bulletin says (KeyError for a period not in the plan)."""
    info = catalog.period(period)
    matrix = load_matrix(store, catalog, period)
    board = tuple(indicator_board(store, catalog, period))
    averages = dict(completion_by_section(matrix))
    sections = []
    for section in catalog.sections:
        tasks = tuple(
            task_state(catalog, matrix, t) for t in catalog.tasks if t.section == section.no
        )
        numbers = {t.task.no for t in tasks}
        sections.append(
            SectionFacts(
                section,
                tasks,
                sum(t.reported for t in tasks),
                averages.get(section_label(section.no, section.title), 0.0),
                tuple(b for b in board if b.kind == "target" and _task_no(b) in numbers),
            )
        )
    return ProgressFacts(
        period=info,
        matrix=matrix,
        tracker=tracker(store, catalog, period),
        board=board,
        sections=tuple(sections),
        sources=tuple(current_sources(store, catalog, [period])),
        notices=tuple(overdue_notices(store, catalog, issued_on)),
        unit_names={u.id: u.short_name for u in catalog.units},
    )


def _task_no(row: BoardRow) -> int:
    """'T23.2' → 23."""
    return int(row.key[1:].split(".", 1)[0])
