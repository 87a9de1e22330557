"""Overdue supervision notices (督办) for the progress bulletin's 存在问题.

The notices of the bulletin's plan that are overdue on its date (``app.services.supervision``:
not closed, past their due date, not answered by then), one row each, in plan order of unit
then task; the progress bulletin then adds a 督办事项逾期未办结 paragraph and asks the units to
answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.catalog import Catalog
from app.models.store import Store
from app.services.supervision import list_notices


@dataclass(frozen=True)
class OverdueNotice:
    unit_id: str
    unit_name: str  # short name
    task_no: int
    text: str
    due: date


def overdue_notices(store: Store, catalog: Catalog, on: date) -> list[OverdueNotice]:
    """The plan's notices overdue on ``on``."""
    order = {u.id: i for i, u in enumerate(catalog.units)}
    found = list_notices(store, state="overdue", today=on, plan_code=catalog.code)
    found.sort(key=lambda n: (order.get(n.unit_code, len(order)), int(n.task), n.id))
    names = {u.id: u.short_name for u in catalog.units}
    return [
        OverdueNotice(n.unit_code, names.get(n.unit_code, n.unit_name), int(n.task), n.text, n.due)
        for n in found
    ]
