"""The plan catalog in a store: installing a plan file, reading it back with period edits."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import DEFAULT_PLAN_FILE, resource_path
from app.domain.catalog import Catalog, PeriodInfo
from app.io.plan_file import (
    IndicatorSpec,
    PlanSpec,
    TaskSpec,
    catalog_from_spec,
    content_hash,
    load_catalog_file,
    parse_plan,
)
from app.models import catalog as orm

__all__ = ["catalog_from_store", "default_catalog", "default_plan_path", "install_plan"]


def default_plan_path() -> Path:
    return resource_path(DEFAULT_PLAN_FILE)


def default_catalog() -> Catalog:
    return load_catalog_file(default_plan_path())


# -- the catalog inside a store ---------------------------------------------------------
def install_plan(session: Session, path: Path | None = None) -> int:
    """Copy a plan file into the store (once per plan code); returns the plan row id."""
    path = path or default_plan_path()
    raw = path.read_bytes()
    spec = parse_plan(raw, str(path))
    existing = session.scalar(select(orm.Plan).where(orm.Plan.code == spec.plan.code))
    if existing is not None:
        return existing.id
    plan = orm.Plan(
        code=spec.plan.code,
        title=spec.plan.title,
        year=spec.plan.year,
        content_hash=content_hash(raw),
        source_json=raw.decode("utf-8"),
    )
    session.add(plan)
    session.flush()
    sections, units, groups = _add_parties(session, plan.id, spec)
    for t in spec.tasks:
        session.add(_task(plan.id, t, sections, units, groups))
    session.add_all(_indicator(plan.id, ind, units) for ind in spec.indicators)
    session.add_all(
        orm.Period(
            plan_id=plan.id,
            code=p.code,
            kind=p.kind,
            title=p.title,
            seq=i,
            start=p.start,
            end=p.end,
            due=p.due,
        )
        for i, p in enumerate(spec.periods)
    )
    session.flush()
    return plan.id


def _add_parties(
    session: Session, plan_id: int, spec: PlanSpec
) -> tuple[dict[int, orm.Section], dict[str, orm.Unit], dict[str, orm.UnitGroup]]:
    """The plan's sections, units and unit groups, flushed so their ids can be referred to."""
    sections = {s.no: orm.Section(plan_id=plan_id, no=s.no, title=s.title) for s in spec.sections}
    units = {
        u.id: orm.Unit(
            plan_id=plan_id,
            code=u.id,
            name=u.name,
            short_name=u.short_name,
            reports=u.reports,
            aliases=[orm.UnitAlias(alias=a) for a in u.aliases],
        )
        for u in spec.units
    }
    groups = {
        g.name: orm.UnitGroup(plan_id=plan_id, name=g.name, description=g.description)
        for g in spec.groups
    }
    session.add_all([*sections.values(), *units.values(), *groups.values()])
    session.flush()
    return sections, units, groups


def _task(
    plan_id: int,
    t: TaskSpec,
    sections: dict[int, orm.Section],
    units: dict[str, orm.Unit],
    groups: dict[str, orm.UnitGroup],
) -> orm.Task:
    task = orm.Task(
        plan_id=plan_id, section_id=sections[t.section].id, no=t.no, title=t.title, text=t.text
    )
    task.assignments = [
        orm.Assignment(
            seq=i,
            role=a.role,
            unit_id=units[a.unit].id if a.unit in units else None,
            group_id=groups[a.unit].id if a.unit in groups else None,
        )
        for i, a in enumerate(t.units)
    ]
    task.targets = [
        orm.Target(
            seq=i,
            name=x.name,
            comparator=x.comparator,
            value=str(x.value),
            value_max=None if x.value_max is None else str(x.value_max),
            unit_of_measure=x.unit,
        )
        for i, x in enumerate(t.targets)
    ]
    return task


def _indicator(plan_id: int, ind: IndicatorSpec, units: dict[str, orm.Unit]) -> orm.Indicator:
    return orm.Indicator(
        plan_id=plan_id,
        no=ind.no,
        name=ind.name,
        comparator=ind.comparator,
        value=str(ind.value),
        value_max=None if ind.value_max is None else str(ind.value_max),
        unit_of_measure=ind.unit,
        owner_unit_id=units[ind.owner].id if ind.owner else None,
    )


def catalog_from_store(session: Session, plan_code: str | None = None) -> Catalog | None:
    """The installed plan, with the office's edits to periods applied."""
    query = select(orm.Plan).order_by(orm.Plan.id)
    if plan_code:
        query = query.where(orm.Plan.code == plan_code)
    plan = session.scalars(query).first()
    if plan is None:
        return None
    spec = parse_plan(plan.source_json.encode("utf-8"), f"store plan {plan.code}")
    base = catalog_from_spec(spec, plan.content_hash)
    rows = session.scalars(
        select(orm.Period).where(orm.Period.plan_id == plan.id).order_by(orm.Period.seq)
    )
    periods = tuple(PeriodInfo(p.code, p.kind, p.title, p.start, p.end, p.due) for p in rows)
    return _replace_periods(base, periods)


def _replace_periods(base: Catalog, periods: Iterable[PeriodInfo]) -> Catalog:
    return Catalog(
        base.code,
        base.title,
        base.year,
        base.content_hash,
        base.sections,
        base.units,
        base.groups,
        base.tasks,
        base.indicators,
        tuple(periods),
    )
