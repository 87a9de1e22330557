"""A published revision's content, for what the editor compares a draft with before it is
published (``plan_changes(published_plan(...), draft)``)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from app.models import PlanRevision
from app.models.store import Store
from app.services.plans.listing import require_plan

__all__ = ["published_plan"]


def published_plan(store: Store, code: str, revision: int | None = None) -> dict[str, Any] | None:
    """The plan-file JSON of revision ``revision`` (default: the newest published) of plan
    ``code``; None while it was never published."""
    with store.factory() as s:
        plan = require_plan(s, code)
        wanted = plan.revision if revision is None else revision
        if wanted < 1:
            return None
        text = s.scalar(
            select(PlanRevision.source_json).where(
                PlanRevision.plan_id == plan.id, PlanRevision.revision == wanted
            )
        )
        if text is None and wanted == plan.revision:
            text = plan.source_json
    return json.loads(text) if text else None
