"""The clerk's window across plans: the period selector lists every plan the unit reports
under (2016Q1 … 2017年度, grouped by plan); choosing a period of another plan re-attaches the
window to that plan (its tasks, its entries). After a plan was revised, the banner says so
until the clerk has looked at the changes (``changes_since_seen`` / ``mark_plan_seen``).
"""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

from app.services.unit_first_view import STATE_PLAN  # the plan of the period last shown
from app.ui.common.periods import period_due
from app.ui.common.plan_change_list import change_lines
from app.ui.common.plan_periods import published_periods
from app.ui.unit.plan_banner import PlanChangedBanner

if TYPE_CHECKING:
    from app.domain.catalog import Catalog
    from app.services.entry_types import EntryReads
    from app.services.unit_setup import UnitProfileInfo
    from app.ui.unit.window import MainWindow

log = logging.getLogger(__name__)

STATE_PERIOD = "ui.period"  # the period (the window's own key)


def plan_banner(window: MainWindow) -> PlanChangedBanner:
    """The banner above the period bar; looking at the changes (or dismissing them) marks
    the revision seen in the unit's store."""
    banner = PlanChangedBanner()
    banner.seen.connect(lambda plan, revision: mark_seen(window, plan, revision))
    return banner


def show_plans(window: MainWindow, service: EntryReads, period: str | None) -> None:
    """The periods of every plan in the selector, and the banner for the plan shown; from the
    first view (no store yet), the periods of the plan shown (``MainWindow.bind`` adds the
    rest)."""
    catalog = service.catalog
    if service.store is None:
        window.period_bar.set_plans(
            [(catalog.code, catalog.title, catalog.periods)], catalog.code, period
        )
        return
    groups = published_periods(service.store, service.unit_id, catalog)
    window.period_bar.set_plans(groups, catalog.code, period)
    show_plan_changes(window)


def resume_plan(window: MainWindow, service: EntryReads, profile: UnitProfileInfo) -> bool:
    """Attach to the plan the clerk was in last time, if it is not ``service``'s."""
    other = stored_plan(service)
    period = service.get_state(STATE_PERIOD)
    return other is not None and switch_plan(window, profile, other, period)


def first_period(service: EntryReads, today: date) -> str | None:
    """The period the clerk was in, if it is of this plan; else the one being reported now."""
    periods = list(service.catalog.periods)
    stored = service.get_state(STATE_PERIOD)
    return stored if stored in {p.code for p in periods} else period_due(periods, today)


def stored_plan(service: EntryReads) -> str | None:
    """The plan the clerk was in last time, when it is another published plan of the unit
    (the first view is read only when it is not: ``app.services.unit_first_view``)."""
    wanted = service.get_state(STATE_PLAN)
    if wanted is None or wanted == service.catalog.code or service.store is None:
        return None
    groups = published_periods(service.store, service.unit_id, service.catalog)
    return wanted if any(code == wanted for code, _t, _p in groups) else None


def switch_plan(
    window: MainWindow, profile: UnitProfileInfo | None, plan: str | None, period: str | None
) -> bool:
    """Attach the window to ``plan`` (at ``period``); False when it is the plan shown."""
    from app.services.entries import EntryService
    from app.services.plans import store_catalog_of

    service = window.service()
    if plan is None or plan == service.catalog.code or profile is None:
        return False
    fresh = EntryService(service.store, store_catalog_of(service.store, plan), service.unit_id)
    fresh.set_state(STATE_PLAN, plan)
    if period is not None:
        fresh.set_state(STATE_PERIOD, period)
    window.attach(fresh, profile)
    return True


def show_plan_changes(window: MainWindow) -> None:
    """The banner, when the plan shown has revisions the clerk has not seen."""
    from app.services.plans import changes_since_seen

    service = window.service()
    try:
        seen = changes_since_seen(service.store, service.catalog.code)
    except Exception:  # the window works without it; the log says why
        log.exception("reading the plan's changes since last seen failed")
        return
    lines = change_lines(seen.changes, named_parts(service.catalog))
    window.plan_banner.show_changes(seen.code, service.catalog.title, seen.current, lines)


def named_parts(catalog: Catalog) -> dict[str, object]:
    """The parts of the plan that name a change's place (任务 12, 指标 3, 2017年第一季度)."""
    return {
        "sections": [{"no": s.no, "title": s.title} for s in catalog.sections],
        "units": [{"id": u.id, "short_name": u.short_name} for u in catalog.units],
        "tasks": [
            {"no": t.no, "title": t.title, "targets": [{"name": x.name} for x in t.targets]}
            for t in catalog.tasks
        ],
        "indicators": [{"no": i.no, "name": i.name} for i in catalog.indicators],
        "periods": [{"code": p.code, "title": p.title} for p in catalog.periods],
    }


def mark_seen(window: MainWindow, plan: str, revision: int) -> None:
    from app.services.plans import mark_plan_seen

    try:
        mark_plan_seen(window.service().store, plan, revision)
    except Exception:
        log.exception("marking the plan's changes seen failed")
