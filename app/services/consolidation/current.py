"""The queries every view starts from: a period's row id, the units with a role on each task,
each unit's current submission for the period and the current entries of the period."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.domain.catalog import Catalog, TaskInfo, UnitInfo
from app.models import Period, Plan, Review, Submission, SubmissionEntry, Task, Unit
from app.services.office_status import is_late


def period_pk(s: Session, catalog: Catalog, period: str) -> int | None:
    return s.scalar(
        select(Period.id)
        .join(Plan, Plan.id == Period.plan_id)
        .where(Plan.code == catalog.code, Period.code == period)
    )


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


@dataclass(frozen=True)
class Current:
    """A unit's current submission for the period (the columns the views need)."""

    unit_id: str
    version: int
    sequence: int
    created_at: datetime
    imported_at: datetime
    file_name: str
    file_sha256: str
    fingerprint: str
    late: bool
    review: str = "pending"  # the office's review of it: pending | accepted | returned


def current_submissions(s: Session, period_id: int | None, due: date) -> dict[str, Current]:
    """Unit id -> its current submission for the period (empty for a period not stored)."""
    if period_id is None:
        return {}
    rows = s.execute(
        select(
            Unit.code,
            Submission.version,
            Submission.sequence,
            Submission.created_at,
            Submission.imported_at,
            Submission.file_name,
            Submission.file_sha256,
            Submission.fingerprint,
            Review.state,
        )
        .join(Unit, Unit.id == Submission.unit_id)
        .outerjoin(Review, Review.submission_id == Submission.id)
        .where(Submission.period_id == period_id, Submission.is_current.is_(True))
    ).tuples()
    return {
        code: Current(code, v, seq, at, imp, name, sha, fp, is_late(at, due), review or "pending")
        for code, v, seq, at, imp, name, sha, fp, review in rows
    }


def current_entries(period_id: int, *columns: Any) -> Select[Any]:
    """(unit id, task no, *columns) of every entry in the period's current versions."""
    return (
        select(Unit.code, Task.no, *columns)
        .join(Submission, Submission.id == SubmissionEntry.submission_id)
        .join(Unit, Unit.id == Submission.unit_id)
        .join(Task, Task.id == SubmissionEntry.task_id)
        .where(Submission.period_id == period_id, Submission.is_current.is_(True))
    )


def as_utc(at: datetime | str) -> datetime:
    """An aggregate's time as aware UTC: func.min()/max() bypass the UTC column type and hand
    back naive UTC (or text) on SQLite."""
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)
