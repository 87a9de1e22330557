"""Who has reported for a period: submitted, late, missing, or only rejected attempts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.catalog import Catalog
from app.domain.messages import Message
from app.domain.plan_time import is_late
from app.models import ImportLog, Period, Plan, Submission, Unit
from app.models.store import Store

if TYPE_CHECKING:  # the review (and the audit it writes) load when a status is asked for
    from app.services.review import ReviewState

# Due dates are calendar days in the plan's city; submissions carry UTC times.


@dataclass(frozen=True)
class UnitStatus:
    unit: str
    unit_name: str
    state: str  # submitted | late | missing | rejected
    version: int | None
    submitted_at: datetime | None  # the signed export time of the current version
    imported_at: datetime | None
    versions: int  # how many versions the office holds
    rejected_attempts: int
    last_reason: Message | None  # of the latest rejected attempt, if any
    # versions held as two or more different files (design §3: both kept, one current)
    conflict_versions: tuple[int, ...] = ()
    plan_revision: int | None = None  # the current version was filled against it
    older_revision: bool = False  # ... and the plan has a newer one (docs/design.md §1.3)
    review: ReviewState | None = None  # the office's review of the current version

    @property
    def conflict(self) -> bool:
        return bool(self.conflict_versions)

    def to_json(self) -> dict[str, object]:
        return {
            "unit": self.unit,
            "state": self.state,
            "version": self.version,
            "submitted_at": None
            if self.submitted_at is None
            else self.submitted_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "conflict": self.conflict,
            "conflict_versions": list(self.conflict_versions),
            "plan_revision": self.plan_revision,
            "older_revision": self.older_revision,
            "review": None if self.review is None else self.review.to_json(),
        }


@dataclass(frozen=True)
class PeriodStatus:
    period: str
    due: date
    units: tuple[UnitStatus, ...]

    def count(self, state: str) -> int:
        return sum(1 for u in self.units if u.state == state)

    def to_json(self) -> dict[str, object]:
        return {"period": self.period, "units": [u.to_json() for u in self.units]}


def _rejections(s: Session, plan_code: str, period_code: str) -> dict[str, tuple[int, Message]]:
    """unit code -> (rejected attempts, the latest one's reason) for a plan's period (a file
    that could not even tell its plan counts for every plan having the period)."""
    from app.services.office_import import logged_message  # the importer: not at start-up

    out: dict[str, tuple[int, Message]] = {}
    for code, reason, reason_code, params in s.execute(
        select(
            ImportLog.unit_code, ImportLog.reason, ImportLog.reason_code, ImportLog.reason_params
        )
        .where(
            ImportLog.period_code == period_code,
            ImportLog.outcome == "rejected",
            (ImportLog.plan_code == plan_code) | ImportLog.plan_code.is_(None),
        )
        .order_by(ImportLog.id)
    ).tuples():
        if code is not None:
            n = out[code][0] if code in out else 0
            out[code] = (n + 1, logged_message(reason_code, params, reason))
    return out


def _conflicts(s: Session, period_pk: int | None) -> dict[int, tuple[int, ...]]:
    """unit row id -> the versions it holds as more than one file in this period."""
    out: dict[int, tuple[int, ...]] = {}
    for unit_id, version in s.execute(
        select(Submission.unit_id, Submission.version)
        .where(Submission.period_id == period_pk)
        .group_by(Submission.unit_id, Submission.version)
        .having(func.count(Submission.id) > 1)
        .order_by(Submission.unit_id, Submission.version)
    ).tuples():
        out[unit_id] = (*out.get(unit_id, ()), version)
    return out


def period_status(store: Store, catalog: Catalog, period_code: str) -> PeriodStatus:
    period = catalog.period(period_code)  # KeyError for an unknown period
    expected = catalog.reporting_units()
    with store.factory() as s:
        period_pk = s.scalar(
            select(Period.id)
            .join(Plan, Plan.id == Period.plan_id)
            .where(Plan.code == catalog.code, Period.code == period_code)
        )
        units = dict(s.execute(select(Unit.id, Unit.code)).tuples().all())
        current = {
            units[row.unit_id]: row
            for row in s.scalars(
                select(Submission).where(
                    Submission.period_id == period_pk, Submission.is_current.is_(True)
                )
            )
        }
        counts = dict(
            s.execute(
                select(Unit.code, func.count(Submission.id))
                .join(Unit, Unit.id == Submission.unit_id)
                .where(Submission.period_id == period_pk)
                .group_by(Unit.code)
            )
            .tuples()
            .all()
        )
        rejected = _rejections(s, catalog.code, period_code)
        conflicts = {units[k]: v for k, v in _conflicts(s, period_pk).items()}
    reviews = {} if period_pk is None else _reviews(store, catalog, period_code)
    out = []
    for u in expected:
        sub = current.get(u.id)
        n_rej, last = rejected.get(u.id, (0, None))
        if sub is not None:
            state = "late" if is_late(sub.created_at, period.due) else "submitted"
        else:
            state = "rejected" if n_rej else "missing"
        out.append(
            UnitStatus(
                unit=u.id,
                unit_name=u.short_name,
                state=state,
                version=None if sub is None else sub.version,
                submitted_at=None if sub is None else sub.created_at,
                imported_at=None if sub is None else sub.imported_at,
                versions=counts.get(u.id, 0),
                rejected_attempts=n_rej,
                last_reason=last,
                conflict_versions=conflicts.get(u.id, ()),
                plan_revision=None if sub is None else sub.plan_revision,
                older_revision=sub is not None and sub.plan_revision < catalog.revision,
                review=reviews.get(u.id),
            )
        )
    return PeriodStatus(period_code, period.due, tuple(out))


def _reviews(store: Store, catalog: Catalog, period_code: str) -> dict[str, ReviewState]:
    from app.services.review import review_states

    return {r.unit_code: r for r in review_states(store, period_code, catalog.code)}
