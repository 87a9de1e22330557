"""A plan's problems at their fields, and the rules across its parts (pure, no schema library).

``PlanProblem`` names a field by a JSON pointer (RFC 6901) into the plan-file JSON and says
what is wrong as a ``Message``. ``cross_problems`` checks what no single part can: numbers,
codes and names used twice, references to unknown sections, units and groups, a unit with two
roles on one task, a period due before it ends. It reads whatever parts are readable, so a
plan being edited shows all its problems at once. ``describe_pointer`` renders a pointer as
words (任务 12 / 目标 1 / 目标值) for the one list of problems and for error lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.catalog import ROLE_LABELS
from app.domain.messages import MESSAGES, Message


@dataclass(frozen=True)
class PlanProblem:
    """One broken rule: where (a JSON pointer into the plan) and what (a Message)."""

    pointer: str
    message: Message


def pointer(*parts: object) -> str:
    """``pointer("tasks", 11, "targets", 0)`` → ``/tasks/11/targets/0`` (RFC 6901 escaped)."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def pointer_parts(text: str) -> list[str]:
    if not text:
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in text.split("/")[1:]]


def _items(plan: Mapping[str, Any], key: str) -> list[tuple[int, Mapping[str, Any]]]:
    """The readable entries of one list of the plan (anything else was reported already)."""
    value = plan.get(key)
    if not isinstance(value, list):
        return []
    return [(i, x) for i, x in enumerate(value) if isinstance(x, Mapping)]


def _key(value: object) -> object:
    """A hashable form of a field's value (an unhashable one never counts as a duplicate)."""
    return value if isinstance(value, str | int) and not isinstance(value, bool) else None


def _duplicates(entries: Iterable[tuple[str, object]], out: list[PlanProblem]) -> None:
    """Each value used again after its first entry: the second place, naming the first."""
    first: dict[object, int] = {}
    for n, (where, value) in enumerate(entries, start=1):
        key = _key(value)
        if key is None:
            continue
        if key in first:
            msg = Message.of("plan_duplicate", key=key, first=first[key])
            out.append(PlanProblem(where, msg))
        else:
            first[key] = n


def cross_problems(plan: Mapping[str, Any]) -> list[PlanProblem]:
    """Every rule across the plan's parts (the schema of each part is checked elsewhere)."""
    out: list[PlanProblem] = []
    for key, field in (
        ("sections", "no"),
        ("units", "id"),
        ("groups", "name"),
        ("tasks", "no"),
        ("indicators", "no"),
        ("periods", "code"),
    ):
        _duplicates([(pointer(key, i, field), x.get(field)) for i, x in _items(plan, key)], out)
    _shared_names(plan, out)
    units = {x.get("id") for _, x in _items(plan, "units")}
    groups = {x.get("name") for _, x in _items(plan, "groups")}
    sections = {x.get("no") for _, x in _items(plan, "sections")}
    for i, task in _items(plan, "tasks"):
        if _key(task.get("section")) is not None and task.get("section") not in sections:
            msg = Message.of("plan_unknown_section", section=task.get("section"))
            out.append(PlanProblem(pointer("tasks", i, "section"), msg))
        _assignments(i, task, units | groups, out)
        targets = task.get("targets")
        if isinstance(targets, list):
            rows = [
                (pointer("tasks", i, "targets", j, "name"), x.get("name"))
                for j, x in enumerate(targets)
                if isinstance(x, Mapping)
            ]
            _duplicates(rows, out)
    _references(plan, units, out)
    return out


def _shared_names(plan: Mapping[str, Any], out: list[PlanProblem]) -> None:
    """A name, short name or alias must lead to one unit only (document import matches them)."""
    owner: dict[str, object] = {}
    for i, unit in _items(plan, "units"):
        aliases = unit.get("aliases")
        names: list[tuple[str, object]] = [
            (pointer("units", i, "name"), unit.get("name")),
            (pointer("units", i, "short_name"), unit.get("short_name")),
        ]
        if isinstance(aliases, list):
            names += [(pointer("units", i, "aliases", j), a) for j, a in enumerate(aliases)]
        for where, name in names:
            if not isinstance(name, str) or not name:
                continue
            first = owner.setdefault(name, unit.get("id"))
            if first != unit.get("id"):
                msg = Message.of(
                    "plan_duplicate_name", name=name, first=first, second=unit.get("id")
                )
                out.append(PlanProblem(where, msg))


def _assignments(
    i: int, task: Mapping[str, Any], known: set[object], out: list[PlanProblem]
) -> None:
    rows = task.get("units")
    if not isinstance(rows, list):
        return
    seen: dict[object, str] = {}
    for j, a in enumerate(rows):
        if not isinstance(a, Mapping) or _key(a.get("unit")) is None:
            continue
        unit, role = a.get("unit"), a.get("role")
        if unit not in known:
            out.append(
                PlanProblem(
                    pointer("tasks", i, "units", j, "unit"),
                    Message.of("plan_unknown_assignee", unit=unit),
                )
            )
        if unit in seen:
            first = seen[unit]
            code = "plan_listed_twice" if first == role else "plan_two_roles"
            params = {"task": task.get("no"), "unit": unit}
            if code == "plan_two_roles":
                params |= {"first": _role(first), "second": _role(role)}
            out.append(PlanProblem(pointer("tasks", i, "units", j), Message.of(code, **params)))
        else:
            seen[unit] = str(role)


def _role(role: object) -> str:
    return ROLE_LABELS.get(str(role), str(role))


def _references(plan: Mapping[str, Any], units: set[object], out: list[PlanProblem]) -> None:
    """Group members and indicator owners must be units of the plan; periods in order."""
    for g, group in _items(plan, "groups"):
        members = group.get("members")
        if isinstance(members, list):
            for k, m in enumerate(members):
                if _key(m) is not None and m not in units:
                    msg = Message.of("plan_unknown_unit", unit=m)
                    out.append(PlanProblem(pointer("groups", g, "members", k), msg))
    for i, ind in _items(plan, "indicators"):
        owner = ind.get("owner")
        if _key(owner) is not None and owner not in units:
            msg = Message.of("plan_unknown_unit", unit=owner)
            out.append(PlanProblem(pointer("indicators", i, "owner"), msg))
    for i, period in _items(plan, "periods"):
        code, kind = period.get("code"), period.get("kind")
        mismatched = isinstance(code, str) and ("Q" in code) != (kind == "quarter")
        if kind in ("quarter", "annual") and mismatched:
            msg = Message.of("plan_period_kind_code", period=code)
            out.append(PlanProblem(pointer("periods", i, "code"), msg))


# -- a pointer in words ---------------------------------------------------------------------
_LIST_PLACES: dict[str, Callable[[Mapping[str, Any], int], Message]] = {
    "tasks": lambda x, i: _named(x, "no", "plan_place_task_no", "task", i),
    "units": lambda x, i: _named(x, "id", "plan_place_unit_id", "unit", i),
    "periods": lambda x, i: _named(x, "code", "plan_place_period_code", "period", i),
    "indicators": lambda x, i: _named(x, "no", "plan_place_indicator_no", "indicator", i),
    "sections": lambda x, i: _named(x, "no", "plan_place_section_no", "section", i),
    "groups": lambda x, i: _named(x, "name", "plan_place_group_name", "group", i),
    "targets": lambda _x, i: Message.of("plan_place_target", index=i + 1),
    "aliases": lambda _x, i: Message.of("plan_place_alias", index=i + 1),
    "members": lambda _x, i: Message.of("plan_place_member", index=i + 1),
}


def _named(item: object, field: str, code: str, param: str, index: int) -> Message:
    value = item.get(field) if isinstance(item, Mapping) else None
    if _key(value) is None or value == "":
        return Message.of("plan_place_item", index=index + 1)
    return Message.of(code, **{param: value})


def field_label(key: str, parent: str = "") -> Message:
    """The words for one field of the plan file (``value`` → 目标值)."""
    if key == "unit" and parent in ("targets", "indicators"):
        key = "unit_of_measure"
    code = f"plan_field_{key}"
    return Message.of(code) if code in MESSAGES else Message.of("plan_place_key", key=key)


def describe_pointer(plan: object, where: str, lang: str = "zh") -> str:
    """``/tasks/11/targets/0/value`` → ``任务 12 / 目标 1 / 目标值`` (or in English)."""
    words: list[str] = []
    node: object = plan
    parent, top = "", True
    parts = pointer_parts(where)
    for n, part in enumerate(parts):
        if isinstance(node, list) and part.isdigit():
            index = int(part)
            node = node[index] if index < len(node) else None
            item = node if isinstance(node, Mapping) else {}
            if parent == "units" and not top:
                words.append(Message.of("plan_place_assignment", index=index + 1).render(lang))
            elif parent in _LIST_PLACES:
                words.append(_LIST_PLACES[parent](item, index).render(lang))
            top = False
            continue
        indexed = n + 1 < len(parts) and parts[n + 1].isdigit()  # the item's words say it
        if not indexed or part not in (*_LIST_PLACES, "units"):
            words.append(field_label(part, parent).render(lang))
        node = node.get(part) if isinstance(node, Mapping) else None
        parent = part
    return " / ".join(words) if words else field_label("plan").render(lang)


def problem_text(plan: object, p: PlanProblem, lang: str = "zh") -> str:
    """One line: the place, then what is wrong."""
    sep = "：" if lang != "en" else ": "
    return f"{describe_pointer(plan, p.pointer, lang)}{sep}{p.message.render(lang)}"
