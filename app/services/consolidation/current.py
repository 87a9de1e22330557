"""The queries every view starts from: a period's row id, the units with a role on each task,
each unit's current submission for the period and the current entries of the period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.domain.catalog import Catalog
from app.domain.plan_time import is_late
from app.models import Period, Plan, Review, Submission, SubmissionEntry, Task, Unit
from app.services.consolidation.matrix_types import history_tasks, matrix_units, unit_roles

__all__ = [
    "Current",
    "as_utc",
    "current_entries",
    "current_submissions",
    "history_tasks",
    "matrix_units",
    "period_pk",
    "unit_roles",
]


def period_pk(s: Session, catalog: Catalog, period: str) -> int | None:
    return s.scalar(
        select(Period.id)
        .join(Plan, Plan.id == Period.plan_id)
        .where(Plan.code == catalog.code, Period.code == period)
    )


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
