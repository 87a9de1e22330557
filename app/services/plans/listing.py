"""The plans of a store as summaries, their periods, and which plan a period code means.

Period codes are unique only within a plan (a district's 2016 plan has 2016Q1 too), so a
command given ``--period`` resolves its plan with ``plan_for_period``: the plan named, else
the only plan having that period, else the newest of them by year; two plans of that same
year both having it is ambiguous (``period_ambiguous``, exit 2: name one with ``--plan``).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.catalog import Catalog, PeriodInfo
from app.domain.messages import Refusal
from app.models import Plan, PlanDraft, PlanUnit, Unit
from app.models.store import Store
from app.services.catalog import plan_catalog
from app.services.plans.types import PlanSummary

__all__ = ["list_plans", "periods_by_plan", "plan_for_period", "require_plan", "summary_of"]


def require_plan(s: Session, code: str) -> Plan:
    plan = s.scalar(select(Plan).where(Plan.code == code))
    if plan is None:
        known = "、".join(s.scalars(select(Plan.code).order_by(Plan.year, Plan.code)))
        raise Refusal("plan_unknown_code", plan=code, plans=known or "-")
    return plan


def summary_of(s: Session, plan: Plan) -> PlanSummary:
    has_draft = s.scalar(select(PlanDraft.id).where(PlanDraft.plan_id == plan.id)) is not None
    periods = plan_catalog(s, plan).periods if plan.revision >= 1 else ()
    return PlanSummary(
        plan.code, plan.title, plan.year, plan.revision, plan.revision >= 1, has_draft, periods
    )


def list_plans(store: Store) -> list[PlanSummary]:
    """Every plan of the store, ordered by year, then code."""
    with store.factory() as s:
        plans = s.scalars(select(Plan).order_by(Plan.year, Plan.code))
        return [summary_of(s, p) for p in plans]


def periods_by_plan(
    store: Store, unit_code: str | None = None
) -> list[tuple[PlanSummary, tuple[PeriodInfo, ...]]]:
    """The published plans with their periods, for a period selector grouped by plan (on a
    unit's install: the plans listing ``unit_code`` as a reporting unit)."""
    out = []
    for summary in list_plans(store):
        if summary.published and (unit_code is None or _lists(store, summary.code, unit_code)):
            out.append((summary, summary.periods))
    return out


def _lists(store: Store, plan_code: str, unit_code: str) -> bool:
    with store.factory() as s:
        found = s.scalar(
            select(PlanUnit.id)
            .join(Plan, Plan.id == PlanUnit.plan_id)
            .join(Unit, Unit.id == PlanUnit.unit_id)
            .where(
                Plan.code == plan_code,
                Unit.code == unit_code,
                PlanUnit.removed_in.is_(None),
                PlanUnit.reports,
            )
        )
    return found is not None


def plan_for_period(
    catalogs: Sequence[Catalog], period: str, plan_code: str | None = None
) -> Catalog:
    """The catalog a ``--period`` means among ``catalogs`` (published plans; see module)."""
    if plan_code is not None:
        chosen = [c for c in catalogs if c.code == plan_code]
        if not chosen:
            known = "、".join(c.code for c in catalogs)
            raise Refusal("plan_unknown_code", plan=plan_code, plans=known or "-")
        return chosen[0]
    having = [c for c in catalogs if any(p.code == period for p in c.periods)]
    if not having:
        codes = ", ".join(dict.fromkeys(p.code for c in catalogs for p in c.periods))
        raise Refusal("period_unknown", period=period, periods=codes)
    newest = max(c.year for c in having)
    top = [c for c in having if c.year == newest]
    if len(top) > 1:
        plans = "、".join(sorted(c.code for c in top))
        raise Refusal("period_ambiguous", period=period, plans=plans)
    return top[0]
