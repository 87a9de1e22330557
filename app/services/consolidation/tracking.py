"""The submission tracker: who was expected for a period, who sent on time, late, not at all,
or only rejected files, and when each unit's last import attempt was."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from app.domain.catalog import Catalog
from app.domain.messages import Message
from app.models import ImportLog
from app.models.store import Store
from app.services.consolidation.current import as_utc
from app.services.office_status import period_status

STATE_LABELS = {
    "submitted": "按时报送",
    "late": "逾期报送",
    "missing": "未报送",
    "rejected": "被拒收",
}


@dataclass(frozen=True)
class TrackerRow:
    unit_id: str
    unit_name: str
    state: str  # submitted | late | missing | rejected
    version: int | None
    submitted_at: datetime | None
    imported_at: datetime | None
    versions: int
    rejected_attempts: int
    last_reason: Message | None
    last_import: datetime | None  # the latest import attempt of any outcome for this period
    conflict_versions: tuple[int, ...] = ()  # versions held as two different files
    review: str | None = None  # pending | accepted | returned; None: nothing to review


@dataclass(frozen=True)
class Tracker:
    period: str
    due: date
    rows: tuple[TrackerRow, ...]

    def count(self, state: str) -> int:
        return sum(1 for r in self.rows if r.state == state)

    @property
    def expected(self) -> int:
        return len(self.rows)


def tracker(store: Store, catalog: Catalog, period: str) -> Tracker:
    """Who was expected, who sent on time, late, not at all, or only rejected files."""
    status = period_status(store, catalog, period)
    with store.factory() as s:
        last = dict(
            s.execute(
                select(ImportLog.unit_code, func.max(ImportLog.at))
                .where(ImportLog.period_code == period, ImportLog.unit_code.is_not(None))
                .group_by(ImportLog.unit_code)
            )
            .tuples()
            .all()
        )
    rows = tuple(
        TrackerRow(
            unit_id=u.unit,
            unit_name=u.unit_name,
            state=u.state,
            version=u.version,
            submitted_at=u.submitted_at,
            imported_at=u.imported_at,
            versions=u.versions,
            rejected_attempts=u.rejected_attempts,
            last_reason=u.last_reason,
            last_import=None if last.get(u.unit) is None else as_utc(last[u.unit]),
            conflict_versions=u.conflict_versions,
            review=None if u.review is None else u.review.state,
        )
        for u in status.units
    )
    return Tracker(period, status.due, rows)
