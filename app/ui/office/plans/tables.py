"""The plan's tables as the editor shows them: which keys, typed how, and what a new row holds.

Renaming a unit's code or a group's name carries the new name into every task, group and
indicator that names it (one undo step); a target that stops being a range drops its upper
bound.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.ui.common.i18n import role_label
from app.ui.office.plans import pointers as jp
from app.ui.office.plans.table_model import (
    BOOL,
    CHOICE,
    DATE,
    INT,
    LIST,
    NUMBER,
    SHOW,
    TEXT,
    Column,
)
from app.ui.office.plans.texts import comparator_choices, field_name, kind_choices, role_choices

translate = QCoreApplication.translate  # lupdate reads translate("Context", "…")

Plan = dict[str, Any]


def _h(key: str) -> Callable[[], str]:
    return lambda: field_name(key)


def _items(plan: Plan, key: str) -> list[dict[str, Any]]:
    return [x for x in jp.items(plan, f"/{key}") if isinstance(x, dict)]


def _next_no(plan: Plan, key: str) -> int:
    numbers = [x.get("no") for x in _items(plan, key)]
    return max((n for n in numbers if isinstance(n, int)), default=0) + 1


# -- choices ---------------------------------------------------------------------------------
def section_choices(plan: Plan) -> list[tuple[str, Any]]:
    return [(f"{s.get('no')} {s.get('title', '')}", s.get("no")) for s in _items(plan, "sections")]


def unit_choices(plan: Plan) -> list[tuple[str, Any]]:
    return [(str(u.get("short_name") or u.get("id")), u.get("id")) for u in _items(plan, "units")]


def assignee_choices(plan: Plan) -> list[tuple[str, Any]]:
    groups = [(str(g.get("name")), g.get("name")) for g in _items(plan, "groups")]
    return unit_choices(plan) + groups


def owner_choices(plan: Plan) -> list[tuple[str, Any]]:
    return [(translate("PlanTables", "（未指定）"), None), *unit_choices(plan)]


def unit_label(plan: Plan, code: Any) -> str:
    return next((label for label, value in assignee_choices(plan) if value == code), str(code))


# -- computed cells --------------------------------------------------------------------------
def _assignments(plan: Plan, task: dict[str, Any]) -> str:
    units = [a for a in task.get("units", []) if isinstance(a, dict)]
    return "、".join(
        f"{unit_label(plan, a.get('unit'))}（{role_label(str(a.get('role')))}）" for a in units
    )


def _target_count(_plan: Plan, task: dict[str, Any]) -> str:
    targets = task.get("targets", [])
    return str(len(targets)) if isinstance(targets, list) and targets else ""


def _members(plan: Plan, group: dict[str, Any]) -> str:
    members = group.get("members", [])
    if members == "all":
        return translate("PlanTables", "全部报送单位")
    if not isinstance(members, list) or not members:
        return translate("PlanTables", "（不含本方案的单位）")
    return "、".join(unit_label(plan, m) for m in members)


# -- what changes with a field ---------------------------------------------------------------
def _renamed_unit(plan: Plan, _row: str, old: Any, new: Any) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for i, task in enumerate(_items(plan, "tasks")):
        for j, a in enumerate(task.get("units", [])):
            if isinstance(a, dict) and a.get("unit") == old:
                out.append((f"/tasks/{i}/units/{j}/unit", new))
    for i, group in enumerate(_items(plan, "groups")):
        members = group.get("members")
        if isinstance(members, list) and old in members:
            out.append((f"/groups/{i}/members", [new if m == old else m for m in members]))
    for i, ind in enumerate(_items(plan, "indicators")):
        if ind.get("owner") == old:
            out.append((f"/indicators/{i}/owner", new))
    return out


def _renamed_group(plan: Plan, _row: str, old: Any, new: Any) -> list[tuple[str, Any]]:
    return [
        (f"/tasks/{i}/units/{j}/unit", new)
        for i, task in enumerate(_items(plan, "tasks"))
        for j, a in enumerate(task.get("units", []))
        if isinstance(a, dict) and a.get("unit") == old
    ]


def _comparator(plan: Plan, row: str, _old: Any, new: Any) -> list[tuple[str, Any]]:
    upper = jp.child(row, "value_max")
    if new != "range" and jp.get(plan, upper) is not jp.MISSING:
        return [(upper, jp.MISSING)]
    return []


def _is_range(row: dict[str, Any]) -> bool:
    return row.get("comparator") == "range"


# -- the tables ------------------------------------------------------------------------------
@dataclass(frozen=True)
class TableSpec:
    name: str  # the view's object name
    columns: list[Column]
    new_row: Callable[[Plan, str], dict[str, Any]]  # (plan, list pointer) -> a fresh row
    stretch: int = -1  # the column that takes the spare width (-1: the last)


def _target_columns() -> list[Column]:
    return [
        Column("name", TEXT, _h("name")),
        Column(
            "comparator",
            CHOICE,
            _h("comparator"),
            lambda _p: comparator_choices(),
            also=_comparator,
        ),
        Column("value", NUMBER, _h("value")),
        Column("value_max", NUMBER, _h("value_max"), active=_is_range, optional=True),
        Column("unit", TEXT, lambda: translate("PlanTables", "计量单位")),
    ]


SECTIONS = TableSpec(
    "sectionsTable",
    [Column("no", INT, _h("no")), Column("title", TEXT, _h("title"))],
    lambda plan, _l: {"no": _next_no(plan, "sections"), "title": ""},
    stretch=1,
)
UNITS = TableSpec(
    "unitsTable",
    [
        Column("id", TEXT, _h("id"), also=_renamed_unit),
        Column("name", TEXT, lambda: translate("PlanTables", "全称")),
        Column("short_name", TEXT, _h("short_name")),
        Column("aliases", LIST, _h("aliases")),
        Column("reports", BOOL, _h("reports")),
    ],
    lambda plan, _l: {
        "id": f"u{len(_items(plan, 'units')) + 1}",
        "name": "",
        "short_name": "",
        "aliases": [],
        "reports": True,
    },
    stretch=3,
)
GROUPS = TableSpec(
    "groupsTable",
    [
        Column("name", TEXT, _h("name"), also=_renamed_group),
        Column("description", TEXT, _h("description")),
        Column("members", SHOW, _h("members"), show=_members),
    ],
    lambda _plan, _l: {"name": "", "description": "", "members": []},
    stretch=2,
)
TASKS = TableSpec(
    "tasksTable",
    [
        Column("no", INT, _h("no")),
        Column("section", CHOICE, _h("section"), section_choices),
        Column("title", TEXT, _h("title")),
        Column("units", SHOW, _h("units"), show=_assignments),
        Column("targets", SHOW, lambda: translate("PlanTables", "目标数"), show=_target_count),
    ],
    lambda plan, _l: {
        "no": _next_no(plan, "tasks"),
        "section": (section_choices(plan) or [("", 1)])[-1][1],
        "title": "",
        "text": "",
        "units": [],
        "targets": [],
    },
    stretch=3,
)
ASSIGNMENTS = TableSpec(
    "assignmentsTable",
    [
        Column("unit", CHOICE, _h("unit"), assignee_choices),
        Column("role", CHOICE, _h("role"), lambda _p: role_choices()),
    ],
    lambda _plan, _l: {"unit": "", "role": "responsible"},
)
TARGETS = TableSpec(
    "targetsTable",
    _target_columns(),
    lambda _plan, _l: {"name": "", "comparator": ">=", "value": "", "unit": ""},
    stretch=0,
)
INDICATORS = TableSpec(
    "indicatorsTable",
    [
        Column("no", INT, _h("no")),
        *_target_columns(),
        Column("owner", CHOICE, _h("owner"), owner_choices, optional=True),
    ],
    lambda plan, _l: {
        "no": _next_no(plan, "indicators"),
        "name": "",
        "comparator": ">=",
        "value": "",
        "unit": "",
    },
    stretch=1,
)
PERIODS = TableSpec(
    "periodsTable",
    [
        Column("code", TEXT, _h("code")),
        Column("kind", CHOICE, _h("kind"), lambda _p: kind_choices()),
        Column("title", TEXT, _h("title")),
        Column("start", DATE, _h("start")),
        Column("end", DATE, _h("end")),
        Column("due", DATE, _h("due")),
    ],
    lambda _plan, _l: {
        "code": "",
        "kind": "quarter",
        "title": "",
        "start": "",
        "end": "",
        "due": "",
    },
    stretch=2,
)
