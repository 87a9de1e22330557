"""What changed in a plan since the clerk last looked (unit side), and the revisions kept.

The unit's store remembers, per plan, the newest revision the clerk has seen (``plan_seen``).
``changes_since_seen`` compares that revision's content with the current one; the window
shows the list and calls ``mark_plan_seen`` when the clerk has read it. A plan the clerk has
never been shown counts as seen at its first revision in the store (nothing to report for a
fresh install).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.plan_diff import PlanChange, plan_changes
from app.models import Plan, PlanRevision, PlanSeen
from app.models.base import utcnow
from app.models.store import Store
from app.services.plans.listing import require_plan

__all__ = [
    "PlanRevisionInfo",
    "SeenChanges",
    "changes_since_seen",
    "mark_plan_seen",
    "plan_revisions",
]


@dataclass(frozen=True)
class PlanRevisionInfo:
    revision: int
    content_hash: str
    published_at: datetime
    actor: str


@dataclass(frozen=True)
class SeenChanges:
    code: str
    seen: int  # the revision the clerk last saw
    current: int  # the plan's newest published revision
    changes: tuple[PlanChange, ...]  # between the two (empty when seen == current)


def plan_revisions(store: Store, code: str) -> list[PlanRevisionInfo]:
    """The plan's published revisions, oldest first."""
    with store.factory() as s:
        plan = require_plan(s, code)
        rows = s.scalars(
            select(PlanRevision)
            .where(PlanRevision.plan_id == plan.id)
            .order_by(PlanRevision.revision)
        )
        return [PlanRevisionInfo(r.revision, r.content_hash, r.published_at, r.actor) for r in rows]


def _first_revision(s: Session, plan: Plan) -> int:
    found = s.scalar(
        select(PlanRevision.revision)
        .where(PlanRevision.plan_id == plan.id)
        .order_by(PlanRevision.revision)
        .limit(1)
    )
    return plan.revision if found is None else found


def _content(s: Session, plan: Plan, revision: int) -> dict[str, object]:
    text = s.scalar(
        select(PlanRevision.source_json).where(
            PlanRevision.plan_id == plan.id, PlanRevision.revision == revision
        )
    )
    return json.loads(text) if text else {}


def changes_since_seen(store: Store, code: str) -> SeenChanges:
    """The changes from the revision the clerk last saw to the current one."""
    with store.factory() as s:
        plan = require_plan(s, code)
        row = s.scalar(select(PlanSeen).where(PlanSeen.plan_id == plan.id))
        seen = row.revision if row is not None else _first_revision(s, plan)
        if seen >= plan.revision:
            return SeenChanges(code, seen, plan.revision, ())
        changes = plan_changes(_content(s, plan, seen), json.loads(plan.source_json))
        return SeenChanges(code, seen, plan.revision, tuple(changes))


def mark_plan_seen(store: Store, code: str, revision: int | None = None) -> None:
    """The clerk has seen ``revision`` (default: the current one) of the plan."""
    with store.factory.begin() as s:
        plan = require_plan(s, code)
        revision = plan.revision if revision is None else min(revision, plan.revision)
        row = s.scalar(select(PlanSeen).where(PlanSeen.plan_id == plan.id))
        if row is None:
            s.add(PlanSeen(plan_id=plan.id, revision=revision, seen_at=utcnow()))
        elif revision > row.revision:
            row.revision, row.seen_at = revision, utcnow()
