"""A published revision → the plan's catalog rows, updated in place (docs/design.md §1.3).

Rows are matched by what the office and the units know them by: sections, tasks and
indicators by number, targets by name within their task, groups by name, periods by code,
units by code (one ``unit`` row per store, ``plan_unit`` for the plan's listing). A matched
row keeps its id, so the entries, values and submissions that point at it keep their place
when a revision edits a task's text or targets. A row the revision no longer has is kept with
``removed_in`` set; a later revision that brings it back clears the mark.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.models import catalog as orm

__all__ = ["apply_plan"]

_R = TypeVar(
    "_R", orm.Section, orm.PlanUnit, orm.UnitGroup, orm.Task, orm.Target, orm.Indicator, orm.Period
)


def _text(value: Any) -> str:
    return str(value if isinstance(value, Decimal) else Decimal(str(value)))


def _sync(
    rows: Iterable[_R],
    key: Callable[[_R], object],
    items: Iterable[tuple[object, Mapping[str, Any]]],
    make: Callable[[], _R],
    fill: Callable[[_R, Mapping[str, Any], int], None],
    revision: int,
) -> dict[object, _R]:
    """Update matched rows, make new ones, mark the rest removed; the rows by key."""
    existing = {key(r): r for r in rows}
    out: dict[object, _R] = {}
    for seq, (k, item) in enumerate(items):
        row = existing.pop(k, None)
        if row is None:
            row = make()
        fill(row, item, seq)
        row.removed_in = None
        out[k] = row
    for row in existing.values():
        if row.removed_in is None:
            row.removed_in = revision
    return out


def apply_plan(s: Session, plan: orm.Plan, data: Mapping[str, Any], revision: int) -> None:
    """Make the plan's rows say what ``data`` (a checked plan file's JSON) says."""
    pid = plan.id
    sections = _sync(
        s.scalars(select(orm.Section).where(orm.Section.plan_id == pid)),
        lambda r: r.no,
        ((x["no"], x) for x in data["sections"]),
        lambda: orm.Section(plan_id=pid),
        _fill_section,
        revision,
    )
    units = _units(s, plan, data["units"], revision)
    groups = _sync(
        s.scalars(select(orm.UnitGroup).where(orm.UnitGroup.plan_id == pid)),
        lambda r: r.name,
        ((x["name"], x) for x in data.get("groups", ())),
        lambda: orm.UnitGroup(plan_id=pid),
        _fill_group,
        revision,
    )
    s.add_all([*sections.values(), *groups.values()])
    s.flush()
    _tasks(s, pid, data["tasks"], revision, sections, units, groups)
    indicators = _sync(
        s.scalars(select(orm.Indicator).where(orm.Indicator.plan_id == pid)),
        lambda r: r.no,
        ((x["no"], x) for x in data.get("indicators", ())),
        lambda: orm.Indicator(plan_id=pid),
        lambda r, x, _seq: _fill_indicator(r, x, units),
        revision,
    )
    periods = _sync(
        s.scalars(select(orm.Period).where(orm.Period.plan_id == pid)),
        lambda r: r.code,
        ((x["code"], x) for x in data["periods"]),
        lambda: orm.Period(plan_id=pid),
        _fill_period,
        revision,
    )
    s.add_all([*indicators.values(), *periods.values()])
    s.flush()


def _fill_section(row: orm.Section, x: Mapping[str, Any], _seq: int) -> None:
    row.no, row.title = int(x["no"]), x["title"]


def _fill_group(row: orm.UnitGroup, x: Mapping[str, Any], _seq: int) -> None:
    row.name, row.description = x["name"], x.get("description", "")


def _fill_period(row: orm.Period, x: Mapping[str, Any], seq: int) -> None:
    row.code, row.kind, row.title, row.seq = x["code"], x["kind"], x.get("title", ""), seq
    row.start = date.fromisoformat(x["start"])
    row.end = date.fromisoformat(x["end"])
    row.due = date.fromisoformat(x["due"])


def _fill_quantity(row: orm.Target | orm.Indicator, x: Mapping[str, Any]) -> None:
    row.name, row.comparator = x["name"], x["comparator"]
    row.value = _text(x["value"])
    row.value_max = None if x.get("value_max") is None else _text(x["value_max"])
    row.unit_of_measure = x.get("unit", "")


def _fill_indicator(
    row: orm.Indicator, x: Mapping[str, Any], units: Mapping[str, orm.Unit]
) -> None:
    row.no = int(x["no"])
    _fill_quantity(row, x)
    owner = x.get("owner")
    row.owner_unit_id = units[owner].id if owner else None


# -- units: one row per store, the plan's listing in plan_unit ------------------------------
def _units(
    s: Session, plan: orm.Plan, items: Iterable[Mapping[str, Any]], revision: int
) -> dict[str, orm.Unit]:
    items = list(items)
    codes = [u["id"] for u in items]
    known = {u.code: u for u in s.scalars(select(orm.Unit).where(orm.Unit.code.in_(codes)))}
    for u in items:
        if u["id"] not in known:
            known[u["id"]] = orm.Unit(code=u["id"], name=u["name"], short_name=u["short_name"])
            s.add(known[u["id"]])
    s.flush()
    listed = _sync(
        s.scalars(select(orm.PlanUnit).where(orm.PlanUnit.plan_id == plan.id)),
        lambda r: r.unit_id,
        ((known[u["id"]].id, u) for u in items),
        lambda: orm.PlanUnit(plan_id=plan.id),
        lambda r, x, seq: _fill_listing(r, x, seq, known),
        revision,
    )
    s.add_all(listed.values())
    s.flush()
    _names_from_newest_plan(s, [u.id for u in known.values()])
    return known


def _fill_listing(
    row: orm.PlanUnit, x: Mapping[str, Any], seq: int, units: Mapping[str, orm.Unit]
) -> None:
    row.unit_id, row.seq = units[x["id"]].id, seq
    row.name, row.short_name, row.reports = x["name"], x["short_name"], x.get("reports", True)
    aliases = list(dict.fromkeys(x.get("aliases", ())))
    if [a.alias for a in row.aliases] != aliases:
        row.aliases = [orm.UnitAlias(alias=a) for a in aliases]


def _names_from_newest_plan(s: Session, unit_ids: list[int]) -> None:
    """A unit's own names are those of the newest plan listing it (the trust registry, the
    clerk's window and the registration file show them; each plan keeps its own)."""
    rows = s.execute(
        select(orm.PlanUnit.unit_id, orm.PlanUnit.name, orm.PlanUnit.short_name)
        .join(orm.Plan, orm.Plan.id == orm.PlanUnit.plan_id)
        .where(orm.PlanUnit.unit_id.in_(unit_ids), orm.PlanUnit.removed_in.is_(None))
        .order_by(orm.Plan.year, orm.Plan.id)
    ).all()
    newest = {uid: (name, short) for uid, name, short in rows}  # the last one wins
    for unit in s.scalars(select(orm.Unit).where(orm.Unit.id.in_(list(newest)))):
        unit.name, unit.short_name = newest[unit.id]


# -- tasks with their assignments and targets -----------------------------------------------
def _tasks(
    s: Session,
    pid: int,
    items: Iterable[Mapping[str, Any]],
    revision: int,
    sections: Mapping[object, orm.Section],
    units: Mapping[str, orm.Unit],
    groups: Mapping[object, orm.UnitGroup],
) -> None:
    items = list(items)
    tasks = _sync(
        s.scalars(select(orm.Task).where(orm.Task.plan_id == pid)),
        lambda r: r.no,
        ((x["no"], x) for x in items),
        lambda: orm.Task(plan_id=pid),
        lambda r, x, _seq: _fill_task(r, x, sections),
        revision,
    )
    s.add_all(tasks.values())
    s.flush()
    for x in items:
        task = tasks[x["no"]]
        s.execute(delete(orm.Assignment).where(orm.Assignment.task_id == task.id))
        s.add_all(
            orm.Assignment(
                task_id=task.id,
                seq=i,
                role=a["role"],
                unit_id=units[a["unit"]].id if a["unit"] in units else None,
                group_id=groups[a["unit"]].id if a["unit"] not in units else None,
            )
            for i, a in enumerate(x["units"])
        )
        targets = _sync(
            s.scalars(select(orm.Target).where(orm.Target.task_id == task.id)),
            lambda r: r.name,
            ((t["name"], t) for t in x.get("targets", ())),
            lambda: orm.Target(task_id=task.id),  # noqa: B023 - used within this iteration
            _fill_target,
            revision,
        )
        s.add_all(targets.values())
    s.flush()
    s.expire_all()  # the tasks' relationship lists were loaded before the rows changed


def _fill_task(row: orm.Task, x: Mapping[str, Any], sections: Mapping[object, orm.Section]) -> None:
    row.no, row.title, row.text = int(x["no"]), x["title"], x["text"]
    row.section_id = sections[x["section"]].id


def _fill_target(row: orm.Target, x: Mapping[str, Any], seq: int) -> None:
    row.seq = seq
    _fill_quantity(row, x)
