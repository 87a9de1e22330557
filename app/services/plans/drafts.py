"""A plan's one editable working copy: open, start a revision, new, copy, save, discard.

The draft is the plan-file JSON as the office left it (it may not validate while being
edited) with the importer's guesses and which of them are confirmed. A published plan is
never edited in place: ``start_revision`` copies its newest revision into a draft of the
next, and ``publish_plan`` (``publish``) makes that final.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.messages import Refusal
from app.domain.plan_draft import periods as proposed_periods
from app.models import Plan, PlanDraft
from app.models.base import utcnow
from app.models.store import Store
from app.services.plans.listing import require_plan
from app.services.plans.types import Guess, guesses_from_text, guesses_to_text
from app.services.plans.types import PlanDraft as Draft

__all__ = [
    "copy_plan",
    "discard_draft",
    "new_plan",
    "open_plan",
    "save_draft",
    "start_revision",
]

MAX_CODE = 64


def _draft_row(s: Session, plan: Plan) -> PlanDraft | None:
    return s.scalar(select(PlanDraft).where(PlanDraft.plan_id == plan.id))


def _as_draft(plan: Plan, row: PlanDraft) -> Draft:
    return Draft(
        plan.code,
        row.revision,
        row.based_on,
        json.loads(row.source_json),
        guesses_from_text(row.guesses_json),
        read_only=False,
    )


def open_plan(store: Store, code: str) -> Draft:
    """The plan's draft if it has one, else its published content, read-only."""
    with store.factory() as s:
        plan = require_plan(s, code)
        row = _draft_row(s, plan)
        if row is not None:
            return _as_draft(plan, row)
        data = json.loads(plan.source_json)
        return Draft(plan.code, plan.revision, plan.revision, data, (), read_only=True)


def start_revision(store: Store, code: str) -> Draft:
    """An editable draft of revision N+1 from the published revision N (the draft already
    started, if there is one)."""
    with store.factory.begin() as s:
        plan = require_plan(s, code)
        row = _draft_row(s, plan)
        if row is None:
            if plan.revision < 1:
                raise Refusal("plan_not_published", plan=code)
            row = PlanDraft(
                plan_id=plan.id,
                revision=plan.revision + 1,
                based_on=plan.revision,
                source_json=plan.source_json,
                guesses_json="[]",
            )
            s.add(row)
            s.flush()
        return _as_draft(plan, row)


def create_plan(s: Session, code: str, title: str, year: int, data: Mapping[str, Any]) -> Plan:
    """A new, never published plan row with ``data`` as its draft of revision 1."""
    code = code.strip()
    if not code or len(code) > MAX_CODE or any(c.isspace() for c in code):
        raise Refusal("plan_code_invalid", plan=code[:80])
    if s.scalar(select(Plan.id).where(Plan.code == code)) is not None:
        raise Refusal("plan_exists", plan=code)
    plan = Plan(code=code, title=title, year=year, revision=0, content_hash="", source_json="")
    s.add(plan)
    s.flush()
    s.add(PlanDraft(plan_id=plan.id, revision=1, based_on=None, source_json=_text(data)))
    s.flush()
    return plan


def _text(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False)


def skeleton(code: str, title: str, year: int) -> dict[str, Any]:
    """A new plan to fill in: one section, no units or tasks yet, the usual periods."""
    return {
        "schema_version": 1,
        "plan": {
            "code": code,
            "title": title,
            "year": year,
            "issuer": "",
            "published": None,
            "source": "",
        },
        "sections": [{"no": 1, "title": ""}],
        "units": [],
        "groups": [],
        "tasks": [],
        "indicators": [],
        "periods": proposed_periods(year),
    }


def new_plan(store: Store, code: str, title: str, year: int) -> Draft:
    if not 2000 <= year <= 2100:
        raise Refusal("plan_year_invalid", year=year)
    data = skeleton(code.strip(), title, year)
    with store.factory.begin() as s:
        plan = create_plan(s, code, title, year, data)
        row = _draft_row(s, plan)
        assert row is not None
        return _as_draft(plan, row)


def copy_plan(store: Store, source_code: str, new_code: str, year: int) -> Draft:
    """A new plan from a published one: everything carried, the periods moved by the year
    difference (codes, titles and dates), the plan's title with its year replaced."""
    if not 2000 <= year <= 2100:
        raise Refusal("plan_year_invalid", year=year)
    with store.factory.begin() as s:
        source = require_plan(s, source_code)
        if source.revision < 1:
            raise Refusal("plan_not_published", plan=source_code)
        data = moved_plan(json.loads(source.source_json), new_code.strip(), year)
        plan = create_plan(s, new_code, data["plan"]["title"], year, data)
        row = _draft_row(s, plan)
        assert row is not None
        return _as_draft(plan, row)


def moved_plan(data: Mapping[str, Any], code: str, year: int) -> dict[str, Any]:
    """``data`` as next year's (or any year's) plan: see ``copy_plan``."""
    out = copy.deepcopy(dict(data))
    old = int(out["plan"]["year"])
    shift = year - old

    def years(text: str) -> str:
        return text.replace(str(old), str(year)) if shift else text

    out["plan"] |= {
        "code": code,
        "year": year,
        "title": years(out["plan"]["title"]),
        "published": None,
        "source": "",
    }
    for p in out["periods"]:
        p["code"], p["title"] = years(p["code"]), years(p.get("title", ""))
        for key in ("start", "end", "due"):
            p[key] = _moved(date.fromisoformat(p[key]), shift).isoformat()
    return out


def _moved(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


def save_draft(store: Store, code: str, plan: Mapping[str, Any], guesses: Sequence[Guess]) -> None:
    """Keep the office's work, valid or not (a plan never published takes its title and year
    from the draft, for the list of plans)."""
    text = _text(plan)
    with store.factory.begin() as s:
        row_plan = require_plan(s, code)
        row = _draft_row(s, row_plan)
        if row is None:
            raise Refusal("plan_no_draft", plan=code)
        row.source_json, row.guesses_json = text, guesses_to_text(guesses)
        row.updated_at = utcnow()
        head = plan.get("plan")
        if row_plan.revision < 1 and isinstance(head, Mapping):
            if isinstance(head.get("title"), str):
                row_plan.title = head["title"]
            if isinstance(head.get("year"), int) and not isinstance(head.get("year"), bool):
                row_plan.year = head["year"]


def discard_draft(store: Store, code: str) -> None:
    """Throw the draft away (a plan never published goes with it: nothing would be left)."""
    with store.factory.begin() as s:
        plan = require_plan(s, code)
        row = _draft_row(s, plan)
        if row is None:
            raise Refusal("plan_no_draft", plan=code)
        s.delete(row)
        if plan.revision < 1:
            s.flush()  # the draft's row first: the plan's delete would cascade to it
            s.delete(plan)
