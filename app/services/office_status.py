"""Who has reported for a period: submitted, late, missing, or only rejected attempts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import func, select

from app.domain.catalog import Catalog
from app.models import ImportLog, Period, Plan, Submission, Unit
from app.models.store import Store

# Due dates are calendar days in the plan's city; submissions carry UTC times.
PLAN_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")


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
    last_reason: str  # of the latest rejected attempt, if any

    def to_json(self) -> dict[str, object]:
        return {
            "unit": self.unit,
            "state": self.state,
            "version": self.version,
            "submitted_at": None
            if self.submitted_at is None
            else self.submitted_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
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


def is_late(submitted_at: datetime, due: date) -> bool:
    """Late when the current version was signed after the due day ended (Beijing time)."""
    return submitted_at.astimezone(PLAN_TZ).date() > due


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
        rejected: dict[str, tuple[int, str]] = {}
        for code, reason in s.execute(
            select(ImportLog.unit_code, ImportLog.reason)
            .where(ImportLog.period_code == period_code, ImportLog.outcome == "rejected")
            .order_by(ImportLog.id)
        ).tuples():
            if code is not None:
                n, _ = rejected.get(code, (0, ""))
                rejected[code] = (n + 1, reason)
    out = []
    for u in expected:
        sub = current.get(u.id)
        n_rej, last = rejected.get(u.id, (0, ""))
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
            )
        )
    return PeriodStatus(period_code, period.due, tuple(out))
