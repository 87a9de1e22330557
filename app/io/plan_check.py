"""Every problem of a plan, each at its field: ``check_plan(plan) -> list[PlanProblem]``.

Pure (no store), so the plan editor can run it on every keystroke. The plan file's schema
(``app.io.plan_file``) is applied part by part, so one broken task does not hide the next,
and each pydantic error becomes a ``Message`` at its JSON pointer; then the rules across
parts (``app.domain.plan_problems.cross_problems``). ``check_plan(p) == []`` exactly when
``PlanSpec.model_validate(p)`` accepts the plan (tests/io/test_plan_check.py holds it to that).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from app.domain.messages import Message
from app.domain.plan_problems import PlanProblem, cross_problems, pointer
from app.io.plan_file import (
    GroupSpec,
    IndicatorSpec,
    PeriodSpec,
    PlanHeader,
    SectionSpec,
    TaskSpec,
    UnitSpec,
)

__all__ = ["PlanProblem", "check_plan"]

_LISTS: tuple[tuple[str, type[BaseModel], bool], ...] = (
    ("sections", SectionSpec, True),
    ("units", UnitSpec, True),
    ("groups", GroupSpec, False),
    ("tasks", TaskSpec, True),
    ("indicators", IndicatorSpec, False),
    ("periods", PeriodSpec, True),
)
_TOP_KEYS = frozenset({"schema_version", "plan", *(key for key, _m, _r in _LISTS)})
_NUMBER_ERRORS = frozenset(
    {"decimal_parsing", "decimal_type", "finite_number", "float_parsing", "float_type"}
)
_INT_ERRORS = frozenset({"int_parsing", "int_type", "int_from_float"})
_DATE_ERRORS = frozenset(
    {"date_parsing", "date_type", "date_from_datetime_parsing", "date_from_datetime_inexact"}
)
_AT_FIELD = {
    "plan_range_needs_max": "value_max",
    "plan_range_reversed": "value_max",
    "plan_period_end_before_start": "end",
    "plan_period_due_before_end": "due",
}
_SIMPLE = {
    "missing": "plan_field_missing",
    "extra_forbidden": "plan_field_unknown",
    "string_type": "plan_field_not_text",
    "list_type": "plan_field_not_list",
    "dict_type": "plan_field_not_object",
    "model_type": "plan_field_not_object",
    "model_attributes_type": "plan_field_not_object",
}


def check_plan(plan: object) -> list[PlanProblem]:
    """Every problem of the plan-file JSON ``plan``; empty when it can be published."""
    if not isinstance(plan, Mapping):
        return [PlanProblem("", Message.of("plan_not_object"))]
    out: list[PlanProblem] = []
    for key in plan:
        if key not in _TOP_KEYS:
            out.append(PlanProblem(pointer(key), Message.of("plan_field_unknown", field=key)))
    if plan.get("schema_version") != 1 or isinstance(plan.get("schema_version"), bool):
        text = _shown(plan.get("schema_version"))
        out.append(PlanProblem("/schema_version", Message.of("plan_schema_version", text=text)))
    out += _part(PlanHeader, plan.get("plan"), ("plan",))
    for key, model, required in _LISTS:
        out += _list(plan, key, model, required)
    out += cross_problems(plan)
    return out


def _list(
    plan: Mapping[str, Any], key: str, model: type[BaseModel], required: bool
) -> list[PlanProblem]:
    value = plan.get(key)
    if value is None and not required:
        return []
    if value is None:
        return [PlanProblem(pointer(key), Message.of("plan_field_missing"))]
    if not isinstance(value, list):
        return [PlanProblem(pointer(key), Message.of("plan_field_not_list"))]
    if required and not value:
        return [PlanProblem(pointer(key), Message.of("plan_list_empty"))]
    out: list[PlanProblem] = []
    for i, item in enumerate(value):
        out += _part(model, item, (key, i))
    return out


def _part(model: type[BaseModel], value: object, at: tuple[object, ...]) -> list[PlanProblem]:
    if value is None:
        return [PlanProblem(pointer(*at), Message.of("plan_field_missing"))]
    try:
        model.model_validate(value)
    except ValidationError as exc:
        return [_problem(e, at, value) for e in _merged(exc.errors())]
    return []


def _merged(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """A union's branches (members: "all" or a list) fail together: keep one error for them."""
    out: list[ErrorDetails] = []
    seen: set[tuple[object, ...]] = set()
    for e in errors:
        loc = tuple(p for p in e["loc"] if not (isinstance(p, str) and "[" in p))
        if loc != tuple(e["loc"]):
            if loc in seen:
                continue
            seen.add(loc)
            e = {**e, "loc": loc, "type": "plan_members"}
        out.append(e)
    return out


def _problem(e: ErrorDetails, at: tuple[object, ...], item: object) -> PlanProblem:
    loc = tuple(e["loc"])
    kind = e["type"]
    where = pointer(*at, *loc)
    name = str(loc[-1]) if loc and isinstance(loc[-1], str) else ""
    text = _shown(e.get("input"))
    if e.get("input") is None and kind not in ("missing", "extra_forbidden"):
        return PlanProblem(where, Message.of("plan_field_missing"))  # an empty cell, a null
    if kind == "extra_forbidden":
        return PlanProblem(where, Message.of("plan_field_unknown", field=name))
    if kind in _SIMPLE:
        return PlanProblem(where, Message.of(_SIMPLE[kind]))
    if kind in _NUMBER_ERRORS:
        return PlanProblem(where, Message.of("plan_field_not_number", text=text))
    if kind in _INT_ERRORS:
        return PlanProblem(where, Message.of("plan_field_not_integer", text=text))
    if kind in _DATE_ERRORS:
        return PlanProblem(where, Message.of("plan_field_not_date", text=text))
    if kind in _AT_FIELD:  # an item's own rule: point at the field the office must change
        where = pointer(*at, *loc, _AT_FIELD[kind])
    return PlanProblem(where, _special(kind, name, text, e.get("ctx") or {}, item))


def _special(kind: str, name: str, text: str, ctx: Mapping[str, Any], item: object) -> Message:
    if kind == "string_too_short" or (kind == "too_short" and ctx.get("min_length") == 1):
        return Message.of("plan_list_empty" if kind == "too_short" else "plan_field_empty")
    if kind == "string_too_long":
        return Message.of("plan_field_too_long", limit=ctx.get("max_length", ""))
    if kind == "string_pattern_mismatch":
        code = "plan_period_code_pattern" if name == "code" else "plan_unit_id_pattern"
        return Message.of(code, text=text)
    if kind in ("greater_than_equal", "greater_than"):
        limit = ctx.get("ge", ctx.get("gt", ""))
        return Message.of("plan_field_too_small", limit=limit, text=text)
    if kind in ("less_than_equal", "less_than"):
        limit = ctx.get("le", ctx.get("lt", ""))
        return Message.of("plan_field_too_large", limit=limit, text=text)
    if kind in ("literal_error", "enum"):
        choices = str(ctx.get("expected", "")).replace("'", "")
        return Message.of("plan_field_choice", choices=choices, text=text)
    if kind in ("bool_parsing", "bool_type"):
        return Message.of("plan_field_not_bool", text=text)
    if kind in ("plan_range_needs_max", "plan_range_reversed"):
        return Message.of(kind)
    if kind in ("plan_period_end_before_start", "plan_period_due_before_end"):
        p = item if isinstance(item, Mapping) else {}
        return Message.of(
            kind, period=p.get("code", ""), due=p.get("due", ""), end=p.get("end", "")
        )
    if kind == "plan_members":
        return Message.of("plan_field_choice", choices='"all", [...]', text=text)
    return Message.of("plan_field_invalid", detail=kind)


def _shown(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "…"
