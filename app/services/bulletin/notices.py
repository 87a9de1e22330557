"""Overdue supervision notices (督办) for the progress bulletin's 存在问题 — the extension point.

DESIGN.md §4 has the office raise a notice on a unit's task with a due date, ``open`` →
``answered`` → ``closed`` or ``overdue``. Until that feature exists this returns no notice and
the bulletin says nothing about 督办. When it lands, return the notices of the plan that are
overdue on the period's bulletin date (one row each, in plan order of unit then task); the
progress bulletin then adds a 督办事项逾期未办结 paragraph and asks the units to answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.catalog import Catalog
from app.models.store import Store


@dataclass(frozen=True)
class OverdueNotice:
    unit_id: str
    unit_name: str  # short name
    task_no: int
    text: str
    due: date


def overdue_notices(store: Store, catalog: Catalog, on: date) -> list[OverdueNotice]:
    """Notices not answered and closed by ``on`` (none yet: notices are not stored yet)."""
    del store, catalog, on
    return []
