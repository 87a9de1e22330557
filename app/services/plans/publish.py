"""Publishing a draft as the plan's next revision, and installing a revision in a store.

``publish_plan`` refuses while ``check_plan`` finds a problem or a guess is unconfirmed, and
when the draft would change nothing. ``install_revision`` is the one way a revision enters a
store: it keeps the revision's content (``plan_revision``), points the plan row at it and
updates the catalog rows in place (``rows.apply_plan``). The shipped plan's first install
goes through it, and so will a plan package a unit imports (issue 15).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.messages import Refusal
from app.domain.plan_catalog import plan_content_hash
from app.io.plan_check import check_plan
from app.io.plan_file import normal_plan, validate_plan
from app.models import Plan, PlanDraft, PlanRevision
from app.models.base import utcnow
from app.models.store import Store
from app.services import audit
from app.services.plans.listing import require_plan, summary_of
from app.services.plans.rows import apply_plan
from app.services.plans.types import PlanRejected, PlanSummary, guesses_from_text

log = logging.getLogger(__name__)

__all__ = ["install_revision", "publish_plan"]


def install_revision(
    s: Session,
    plan: Plan,
    data: Mapping[str, Any],
    revision: int,
    *,
    actor: str = "",
    published_at: datetime | None = None,
    digest: str | None = None,
) -> PlanRevision:
    """Make ``data`` (a checked plan in its normal form) revision ``revision`` of ``plan``."""
    digest = digest or plan_content_hash(data)
    text = json.dumps(data, ensure_ascii=False)
    row = PlanRevision(
        plan_id=plan.id,
        revision=revision,
        content_hash=digest,
        source_json=text,
        published_at=published_at or utcnow(),
        actor=actor,
    )
    s.add(row)
    head = data["plan"]
    plan.title, plan.year = head["title"], int(head["year"])
    plan.revision, plan.content_hash, plan.source_json = revision, digest, text
    s.flush()
    apply_plan(s, plan, data, revision)
    log.info("plan %s revision %d installed (%s)", plan.code, revision, digest[:12])
    return row


def publish_plan(store: Store, code: str, actor: str = "") -> PlanSummary:
    """The draft becomes the plan's next published revision."""
    who = audit.resolve_actor(store, actor)
    with store.factory.begin() as s:
        plan = require_plan(s, code)
        draft = s.scalar(select(PlanDraft).where(PlanDraft.plan_id == plan.id))
        if draft is None:
            raise Refusal("plan_no_draft", plan=code)
        data = json.loads(draft.source_json)
        problems = check_plan(data)
        if problems:
            raise PlanRejected(data, problems)
        if data["plan"]["code"] != plan.code:
            raise Refusal("plan_code_changed", plan=plan.code, draft=data["plan"]["code"])
        open_guesses = [g for g in guesses_from_text(draft.guesses_json) if not g.confirmed]
        if open_guesses:
            first = open_guesses[0]
            raise Refusal(
                "plan_guesses_open",
                count=len(open_guesses),
                where=first.where.render("zh"),
                what=first.what.render("zh"),
            )
        normal = normal_plan(validate_plan(data, f"plan {code}"))
        digest = plan_content_hash(normal)
        if plan.revision >= 1 and digest == plan.content_hash:
            raise Refusal("plan_unchanged", plan=code, revision=plan.revision)
        install_revision(s, plan, normal, plan.revision + 1, actor=actor, digest=digest)
        s.delete(draft)
        s.flush()
        audit.record(
            s,
            actor=who,
            action="plan_publish",
            subject=f"{plan.code} r{plan.revision}",
            details={
                "plan": plan.code,
                "revision": plan.revision,
                "title": plan.title,
                "content_hash": digest,
            },
        )
        return summary_of(s, plan)
