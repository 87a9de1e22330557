"""Which reporting period a window shows first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.domain.catalog import PeriodInfo


def period_due(periods: Sequence[PeriodInfo], today: date) -> str | None:
    """The period being reported now: the first not yet past its due date (after the last
    one, the last)."""
    for p in periods:
        if p.due >= today:
            return p.code
    return periods[-1].code if periods else None
