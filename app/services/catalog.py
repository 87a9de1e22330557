"""The plans installed in a store, as catalogs; the shipped plan a fresh store starts with.

A published revision is read back without the schema (``catalog_from_plan``: it was checked
when it was published) and kept per (plan, revision, content hash) for the life of the
process, so a start-up or a second window does not parse it again and start-up never loads
pydantic (docs/design.md §6). The period rows and the tasks a revision removed are read from
the rows each time (one query each): they are what the store says now.

No function here picks "the first plan": without a code the default is the newest published
plan (highest year, then code), for one unit the newest plan that lists it as reporting.
This module stays light (it runs at every start); installing and publishing a plan live in
``app.services.plans``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import DEFAULT_PLAN_FILE, resource_path
from app.domain.catalog import AssignmentInfo, Catalog, PeriodInfo, TargetInfo, TaskInfo
from app.domain.messages import Refusal
from app.domain.plan_book import PlanBook
from app.domain.plan_catalog import plan_content_hash
from app.models import (
    Assignment,
    Period,
    Plan,
    PlanRevision,
    PlanUnit,
    Section,
    Target,
    Task,
    Unit,
    UnitGroup,
)
from app.models.store import Store
from app.services.plan_cache import parsed_catalog as _parsed

__all__ = [
    "catalog_from_store",
    "catalog_naming_unit",
    "default_catalog",
    "default_plan_code",
    "default_plan_path",
    "install_plan",
    "plan_book",
    "plan_catalog",
    "published_plans",
    "store_catalog_of",
    "store_catalogs",
]


def default_plan_path() -> Path:
    return resource_path(DEFAULT_PLAN_FILE)


def default_catalog() -> Catalog:
    """The shipped plan (what a fresh install starts with), read and checked from its file."""
    from app.io.plan_file import load_catalog_file

    return load_catalog_file(default_plan_path())


def install_plan(session: Session, path: Path | None = None) -> int | None:
    """A store without any plan gets the shipped one (or ``path``) as its revision 1, once.
    Returns the new plan's row id, None when the store holds plans already."""
    if session.scalar(select(Plan.id).limit(1)) is not None:
        return None  # the common start: no file read, no schema loaded
    from app.io.plan_file import normal_plan, parse_plan
    from app.services.plans.publish import install_revision

    path = path or default_plan_path()
    spec = parse_plan(path.read_bytes(), str(path))
    data = normal_plan(spec)
    plan = Plan(code=spec.plan.code, title=spec.plan.title, year=spec.plan.year)
    plan.content_hash, plan.source_json = "", ""
    session.add(plan)
    session.flush()
    install_revision(session, plan, data, 1, actor="", digest=plan_content_hash(data))
    return plan.id


def catalog_from_store(session: Session, plan_code: str | None = None) -> Catalog | None:
    """The plan ``plan_code`` (default: ``default_plan_code``) as the store holds it now."""
    code = plan_code or default_plan_code(session)
    plan = None if code is None else session.scalar(select(Plan).where(Plan.code == code))
    if plan is None or plan.revision < 1:
        return None
    return plan_catalog(session, plan)


def published_plans(s: Session) -> list[Plan]:
    """The published plans, newest first: (year, code) descending."""
    return list(
        s.scalars(select(Plan).where(Plan.revision >= 1).order_by(Plan.year.desc(), Plan.code))
    )


def default_plan_code(s: Session, unit_code: str | None = None) -> str | None:
    """The plan a window opens and a command means when none is named: the newest published
    plan (for ``unit_code``: the newest that lists it as a reporting unit)."""
    plans = published_plans(s)
    if unit_code is not None:
        listing = set(
            s.scalars(
                select(PlanUnit.plan_id)
                .join(Unit, Unit.id == PlanUnit.unit_id)
                .where(Unit.code == unit_code, PlanUnit.removed_in.is_(None), PlanUnit.reports)
            )
        )
        plans = [p for p in plans if p.id in listing] or plans
    return plans[0].code if plans else None


def plan_catalog(s: Session, plan: Plan) -> Catalog:
    """The catalog of the plan's newest published revision, as the store holds it now."""
    if plan.revision < 1:
        raise Refusal("plan_not_published", plan=plan.code)
    base = _parsed(plan.code, plan.revision, plan.content_hash, plan.source_json)
    rows = s.scalars(
        select(Period)
        .where(Period.plan_id == plan.id, Period.removed_in.is_(None))
        .order_by(Period.seq)
    )
    periods = tuple(PeriodInfo(p.code, p.kind, p.title, p.start, p.end, p.due) for p in rows)
    retired = _retired_tasks(s, plan.id)
    if periods == base.periods and not retired:
        return base
    return replace(base, periods=periods, retired=retired)


def store_catalog_of(store: Store, code: str | None = None) -> Catalog:
    """The catalog of plan ``code`` (default: ``default_plan_code``); Refusal if none."""
    with store.factory() as s:
        code = code or default_plan_code(s)
        plan = None if code is None else s.scalar(select(Plan).where(Plan.code == code))
        if plan is None:
            raise Refusal("plan_unknown", plan=code or "")
        return plan_catalog(s, plan)


def _retired_tasks(s: Session, plan_id: int) -> tuple[TaskInfo, ...]:
    """Tasks a revision removed, as their rows last stood (targets still in force then)."""
    tasks = s.execute(
        select(Task, Section.no)
        .join(Section, Section.id == Task.section_id)
        .where(Task.plan_id == plan_id, Task.removed_in.is_not(None))
        .order_by(Task.no)
    ).all()
    if not tasks:
        return ()
    ids = [t.id for t, _section in tasks]
    owners: dict[int, list[AssignmentInfo]] = defaultdict(list)
    for task_id, role, unit, group in s.execute(
        select(Assignment.task_id, Assignment.role, Unit.code, UnitGroup.name)
        .outerjoin(Unit, Unit.id == Assignment.unit_id)
        .outerjoin(UnitGroup, UnitGroup.id == Assignment.group_id)
        .where(Assignment.task_id.in_(ids))
        .order_by(Assignment.task_id, Assignment.seq)
    ):
        owners[task_id].append(AssignmentInfo(unit or group, role, unit is None))
    targets: dict[int, list[TargetInfo]] = defaultdict(list)
    for t in s.scalars(
        select(Target).where(Target.task_id.in_(ids)).order_by(Target.task_id, Target.seq)
    ):
        if t.removed_in is None:
            top = None if t.value_max is None else Decimal(t.value_max)
            info = TargetInfo(t.name, t.comparator, Decimal(t.value), top, t.unit_of_measure)
            targets[t.task_id].append(info)
    return tuple(
        TaskInfo(t.no, section, t.title, t.text, tuple(owners[t.id]), tuple(targets[t.id]))
        for t, section in tasks
    )


def store_catalogs(store: Store, unit_code: str | None = None) -> list[Catalog]:
    """The catalogs of every published plan, newest first (on a unit's install: those that
    list ``unit_code`` as a reporting unit)."""
    with store.factory() as s:
        catalogs = [plan_catalog(s, p) for p in published_plans(s)]
    if unit_code is None:
        return catalogs
    return [c for c in catalogs if any(u.id == unit_code and u.reports for u in c.units)]


def catalog_naming_unit(store: Store, text: str) -> Catalog | None:
    """The newest published plan in which ``text`` (a unit id, name or alias) is a unit, for
    what concerns the unit across plans (set-up, its keys); None if no plan knows it."""
    found = [c for c in store_catalogs(store) if c.find_unit(text) is not None]
    reporting = [c for c in found if c.find_unit(text) in c.reporting_units()]
    best = reporting or found
    return best[0] if best else None


def plan_book(store: Store) -> PlanBook:
    """Every published revision of every plan (the newest as the store holds it now), for
    placing a submission made against any of them (``app.domain.plan_book``)."""
    catalogs: list[Catalog] = []
    with store.factory() as s:
        for plan in published_plans(s):
            catalogs.append(plan_catalog(s, plan))
            older = s.scalars(
                select(PlanRevision).where(
                    PlanRevision.plan_id == plan.id, PlanRevision.revision < plan.revision
                )
            )
            catalogs.extend(
                _parsed(plan.code, r.revision, r.content_hash, r.source_json) for r in older
            )
    return PlanBook.of(catalogs)
