"""What changed between two revisions of a plan: ``plan_changes(old, new) -> list[PlanChange]``.

Pure: the publish dialog shows it before a revision is final, the clerk's window shows it
for the revisions since the one it last saw. Parts are matched the way a revision updates
the store's rows (docs/design.md §1.3): tasks, indicators and sections by number, targets by
name within their task, units by id, groups by name, periods by code. Either plan may be a
draft that does not validate; what cannot be read is skipped, never an error. ``pointer``
points into ``new``, or into ``old`` for something removed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.catalog import ROLE_LABELS
from app.domain.messages import Message
from app.domain.plan_problems import pointer

_SIGNS = {">=": "≥", "<=": "≤", "=": "="}


@dataclass(frozen=True)
class PlanChange:
    kind: str  # task_added, task_removed, task_text, target_changed, period_due, …
    pointer: str
    message: Message


def _by(
    plan: Mapping[str, Any], key: str, field: str
) -> dict[object, tuple[int, Mapping[str, Any]]]:
    """A list of the plan keyed by ``field`` (first of a duplicate wins; drafts may have them)."""
    out: dict[object, tuple[int, Mapping[str, Any]]] = {}
    items = plan.get(key) if isinstance(plan, Mapping) else None
    for i, x in enumerate(items if isinstance(items, list) else []):
        if isinstance(x, Mapping) and isinstance(x.get(field), str | int):
            out.setdefault(x[field], (i, x))
    return out


def describe_quantity(x: Mapping[str, Any]) -> str:
    """``≥ 1500 批次``, ``30–40 家``: a target or indicator as the office reads it."""
    unit = str(x.get("unit", "") or "")
    if x.get("comparator") == "range":
        return f"{x.get('value')}–{x.get('value_max')} {unit}".strip()
    sign = _SIGNS.get(str(x.get("comparator")), str(x.get("comparator")))
    return f"{sign} {x.get('value')} {unit}".strip()


def _short(plan: Mapping[str, Any]) -> Callable[[object], str]:
    names = {k: str(x.get("short_name") or k) for k, (_i, x) in _by(plan, "units", "id").items()}
    return lambda unit: names.get(unit, str(unit))


def _owners(task: Mapping[str, Any], short: Callable[[object], str]) -> str:
    rows = task.get("units")
    parts = [
        f"{short(a.get('unit'))}{ROLE_LABELS.get(str(a.get('role')), '')}"
        for a in (rows if isinstance(rows, list) else [])
        if isinstance(a, Mapping)
    ]
    return "、".join(parts)


def plan_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[PlanChange]:
    """Every difference that matters to the office and the units, part by part."""
    out: list[PlanChange] = []
    old_head, new_head = _header(old), _header(new)
    if old_head.get("title") != new_head.get("title"):
        msg = Message.of("change_plan_title", old=old_head.get("title"), new=new_head.get("title"))
        out.append(PlanChange("plan_title", "/plan/title", msg))
    out += _sections(old, new)
    out += _units(old, new)
    out += _groups(old, new)
    out += _tasks(old, new)
    out += _indicators(old, new)
    out += _periods(old, new)
    return out


def _header(plan: Mapping[str, Any]) -> Mapping[str, Any]:
    head = plan.get("plan")
    return head if isinstance(head, Mapping) else {}


def _added_removed(
    old: Mapping[str, Any], new: Mapping[str, Any], key: str, field: str, kind: str
) -> tuple[list[PlanChange], list[tuple[object, Mapping[str, Any], int, Mapping[str, Any]]]]:
    """Added and removed entries of one list as changes; the pairs present in both."""
    before, after = _by(old, key, field), _by(new, key, field)
    out: list[PlanChange] = []
    both = []
    for k, (i, x) in after.items():
        if k not in before:
            msg = Message.of(f"change_{kind}_added", key=k, name=_label(x))
            out.append(PlanChange(f"{kind}_added", pointer(key, i), msg))
        else:
            both.append((k, before[k][1], i, x))
    for k, (i, x) in before.items():
        if k not in after:
            msg = Message.of(f"change_{kind}_removed", key=k, name=_label(x))
            out.append(PlanChange(f"{kind}_removed", pointer(key, i), msg))
    return out, both


def _label(x: Mapping[str, Any]) -> str:
    return str(x.get("short_name") or x.get("title") or x.get("name") or "")


def _sections(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[PlanChange]:
    out, both = _added_removed(old, new, "sections", "no", "section")
    for k, a, i, b in both:
        if a.get("title") != b.get("title"):
            msg = Message.of("change_section_title", key=k, old=a.get("title"), new=b.get("title"))
            out.append(PlanChange("section_title", pointer("sections", i, "title"), msg))
    return out


def _units(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[PlanChange]:
    out, both = _added_removed(old, new, "units", "id", "unit")
    for k, a, i, b in both:
        for field in ("name", "short_name"):
            if a.get(field) != b.get(field):
                msg = Message.of("change_unit_name", key=k, old=a.get(field), new=b.get(field))
                out.append(PlanChange("unit_name", pointer("units", i, field), msg))
        if a.get("aliases") != b.get("aliases"):
            msg = Message.of("change_unit_aliases", key=k, name=_label(b))
            out.append(PlanChange("unit_aliases", pointer("units", i, "aliases"), msg))
        if a.get("reports", True) != b.get("reports", True):
            code = "change_unit_reports" if b.get("reports", True) else "change_unit_silent"
            msg = Message.of(code, key=k, name=_label(b))
            out.append(PlanChange("unit_reports", pointer("units", i, "reports"), msg))
    return out


def _groups(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[PlanChange]:
    out, both = _added_removed(old, new, "groups", "name", "group")
    for k, a, i, b in both:
        if a.get("members") != b.get("members"):
            msg = Message.of("change_group_members", key=k)
            out.append(PlanChange("group_members", pointer("groups", i, "members"), msg))
    return out


def _tasks(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[PlanChange]:
    out, both = _added_removed(old, new, "tasks", "no", "task")
    before, after = _short(old), _short(new)
    for k, a, i, b in both:
        for field in ("title", "text", "section"):
            if a.get(field) != b.get(field):
                msg = Message.of(f"change_task_{field}", key=k, old=a.get(field), new=b.get(field))
                out.append(PlanChange(f"task_{field}", pointer("tasks", i, field), msg))
        if _owners(a, before) != _owners(b, after):
            msg = Message.of(
                "change_task_units", key=k, old=_owners(a, before), new=_owners(b, after)
            )
            out.append(PlanChange("task_units", pointer("tasks", i, "units"), msg))
        out += _targets(k, a, i, b)
    return out


def _targets(no: object, a: Mapping[str, Any], i: int, b: Mapping[str, Any]) -> list[PlanChange]:
    out: list[PlanChange] = []
    before, after = _by(a, "targets", "name"), _by(b, "targets", "name")
    for name, (j, x) in after.items():
        at = pointer("tasks", i, "targets", j)
        if name not in before:
            msg = Message.of("change_target_added", task=no, name=name, new=describe_quantity(x))
            out.append(PlanChange("target_added", at, msg))
        elif describe_quantity(before[name][1]) != describe_quantity(x):
            was = describe_quantity(before[name][1])
            msg = Message.of(
                "change_target_changed", task=no, name=name, old=was, new=describe_quantity(x)
            )
            out.append(PlanChange("target_changed", at, msg))
    for name, (j, x) in before.items():
        if name not in after:
            msg = Message.of("change_target_removed", task=no, name=name, old=describe_quantity(x))
            out.append(PlanChange("target_removed", pointer("tasks", i, "targets", j), msg))
    return out


def _indicators(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[PlanChange]:
    out, both = _added_removed(old, new, "indicators", "no", "indicator")
    for k, a, i, b in both:
        if describe_quantity(a) != describe_quantity(b) or a.get("name") != b.get("name"):
            msg = Message.of(
                "change_indicator_changed",
                key=k,
                name=b.get("name"),
                old=describe_quantity(a),
                new=describe_quantity(b),
            )
            out.append(PlanChange("indicator_changed", pointer("indicators", i), msg))
        if a.get("owner") != b.get("owner"):
            msg = Message.of(
                "change_indicator_owner", key=k, old=a.get("owner"), new=b.get("owner")
            )
            out.append(PlanChange("indicator_owner", pointer("indicators", i, "owner"), msg))
    return out


def _periods(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[PlanChange]:
    out, both = _added_removed(old, new, "periods", "code", "period")
    for k, a, i, b in both:
        if a.get("due") != b.get("due"):
            msg = Message.of("change_period_due", key=k, old=a.get("due"), new=b.get("due"))
            out.append(PlanChange("period_due", pointer("periods", i, "due"), msg))
        if (a.get("start"), a.get("end")) != (b.get("start"), b.get("end")):
            msg = Message.of(
                "change_period_dates",
                key=k,
                old=f"{a.get('start')}–{a.get('end')}",
                new=f"{b.get('start')}–{b.get('end')}",
            )
            out.append(PlanChange("period_dates", pointer("periods", i, "start"), msg))
    return out
