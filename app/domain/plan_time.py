"""The plan's clock: due dates and reporting periods are calendar days in the plan's city."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

PLAN_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")


def today_here() -> date:
    """Today in the plan's city (due dates are calendar days there)."""
    return datetime.now(PLAN_TZ).date()


def is_late(submitted_at: datetime, due: date) -> bool:
    """Late when the current version was signed after the due day ended (Beijing time)."""
    return submitted_at.astimezone(PLAN_TZ).date() > due
