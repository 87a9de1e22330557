"""A plan from a file into a draft (``import_plan_file``) and a plan to the template workbook.

What the file is decides how it is read: ``.txt``/``.docx`` a plan document
(``app.io.plan_document``, names matched against the units and groups of the store's plans),
``.xlsx`` the template (``app.io.plan_template_read``), ``.json`` a plan file. Whatever comes
out passes ``check_plan`` before anything is written: a problem refuses the whole file
(``PlanRejected``, each problem at its field, for a workbook also at its sheet, row and
column), so nothing is ever half imported. The plan then becomes the draft of a new plan, or
of the next revision of the plan with its code; a draft already there is never overwritten.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.messages import Refusal
from app.io.bounded_read import read_bounded
from app.io.plan_check import check_plan
from app.io.plan_template import write_plan_template
from app.io.plan_template_read import CellPlace, TemplatePlan, read_plan_template
from app.models import Plan, PlanDraft
from app.models.store import Store
from app.services.catalog import published_plans
from app.services.plans.drafts import create_plan, open_plan
from app.services.plans.types import (
    Guess,
    PlanImportResult,
    PlanRejected,
    guesses_to_text,
)

log = logging.getLogger(__name__)

__all__ = ["export_plan_template", "import_plan_file"]

MAX_JSON_BYTES = 5 * 1024 * 1024
SUFFIXES = (".txt", ".docx", ".xlsx", ".json")


class TemplateRejected(PlanRejected):
    """A template whose plan has problems: each also at its sheet, row and column."""

    def __init__(self, template: TemplatePlan, problems: Any) -> None:
        super().__init__(template.plan, problems)
        self.places: tuple[CellPlace | None, ...] = tuple(
            template.place_of(p.pointer) for p in problems
        )


def _known(store: Store) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Units and groups of every published plan, newest plan first, each once."""
    units: dict[str, dict[str, Any]] = {}
    groups: dict[str, dict[str, Any]] = {}
    with store.factory() as s:
        for plan in published_plans(s):
            data = json.loads(plan.source_json)
            for u in data["units"]:
                units.setdefault(u["id"], u)
            for g in data.get("groups", ()):
                groups.setdefault(g["name"], g)
    return list(units.values()), list(groups.values())


def _read(store: Store, path: Path, code: str | None) -> tuple[dict[str, Any], tuple[Guess, ...]]:
    suffix = path.suffix.lower()
    if suffix in (".txt", ".docx"):
        from app.io.plan_document import import_plan_document

        units, groups = _known(store)
        result = import_plan_document(path, units, groups, code)
        guesses = tuple(Guess(g.field, g.where, g.what) for g in result.guesses)
        return result.plan, guesses
    if suffix == ".xlsx":
        template = read_plan_template(path)
        _set_code(template.plan, code)
        problems = check_plan(template.plan)
        if problems:
            raise TemplateRejected(template, problems)
        return template.plan, ()
    if suffix == ".json":
        data = _json(path)
        _set_code(data, code)
        return data, ()
    raise Refusal("plan_file_type", suffix=suffix or path.name)


def _set_code(data: Any, code: str | None) -> None:
    if code is not None and isinstance(data, dict) and isinstance(data.get("plan"), dict):
        data["plan"]["code"] = code


def _json(path: Path) -> Any:
    raw = read_bounded(path, MAX_JSON_BYTES, "plan_json_too_large")
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        log.warning("not a JSON plan file: %s", path, exc_info=True)
        raise Refusal("plan_json_invalid", detail=str(exc)[:120]) from exc


def import_plan_file(
    store: Store, path: Path, code: str | None = None, dry_run: bool = False
) -> PlanImportResult:
    """The plan in ``path`` as a draft (see module); ``dry_run`` writes nothing."""
    path = Path(path)
    plan, guesses = _read(store, path, code)
    problems = check_plan(plan)
    if problems:
        raise PlanRejected(plan, problems)
    target = plan["plan"]["code"]
    if dry_run:
        with store.factory() as s:
            _check_free(s, target)
        return PlanImportResult(target, plan, guesses, saved=False)
    with store.factory.begin() as s:
        existing = _check_free(s, target)
        if existing is None:
            created = create_plan(s, target, plan["plan"]["title"], plan["plan"]["year"], plan)
            draft = s.scalar(select(PlanDraft).where(PlanDraft.plan_id == created.id))
        else:
            draft = PlanDraft(
                plan_id=existing.id,
                revision=existing.revision + 1,
                based_on=existing.revision,
                source_json=json.dumps(plan, ensure_ascii=False),
            )
            s.add(draft)
        assert draft is not None
        draft.guesses_json = guesses_to_text(guesses)
    log.info("plan %s imported from %s as a draft (%d guesses)", target, path.name, len(guesses))
    return PlanImportResult(target, plan, guesses, saved=True)


def _check_free(s: Session, code: str) -> Plan | None:
    """The plan the import revises (None: a new plan); refused if it has a draft already."""
    plan = s.scalar(select(Plan).where(Plan.code == code))
    if plan is not None and s.scalar(select(PlanDraft.id).where(PlanDraft.plan_id == plan.id)):
        raise Refusal("plan_draft_exists", plan=code)
    return plan


def export_plan_template(store: Store, code: str, out: Path) -> None:
    """The plan (its draft if it has one, else its published revision) as the template."""
    draft = open_plan(store, code)
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise Refusal("out_not_xlsx", path=str(out))
    try:
        write_plan_template(draft.plan, out)
    except OSError as exc:
        log.warning("cannot write %s", out, exc_info=True)
        raise Refusal("file_unwritable", path=str(out), detail=exc.strerror or str(exc)) from exc
