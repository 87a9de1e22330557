"""check_plan: every problem of a plan at its JSON pointer, in words that name the place.

Each case breaks the shipped plan in one way (issue 14 item 6 and the plan file's rules) and
expects exactly the problem, at the field the office must change; several broken parts give
all their problems at once. ``check_plan(p) == []`` exactly when the schema accepts p.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
from pydantic import ValidationError

from app.config import resource_path
from app.domain.plan_problems import describe_pointer, pointer, problem_text
from app.io.plan_check import check_plan
from app.io.plan_file import PlanSpec, normal_plan, validate_plan

SHIPPED: dict[str, Any] = json.loads(resource_path("plans/sz-2016.json").read_text("utf-8"))


def broken(change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    plan = copy.deepcopy(SHIPPED)
    change(plan)
    return plan


def test_the_shipped_plan_has_no_problem_and_is_in_normal_form() -> None:
    assert check_plan(SHIPPED) == []
    assert normal_plan(validate_plan(SHIPPED)) == SHIPPED


def _dup_task(d: dict[str, Any]) -> None:
    d["tasks"][5]["no"] = d["tasks"][4]["no"]


def _two_roles(d: dict[str, Any]) -> None:
    first = d["tasks"][0]["units"][0]
    d["tasks"][0]["units"].append({"unit": first["unit"], "role": "support"})


CASES: list[tuple[str, Callable[[dict[str, Any]], object], str, str]] = [
    ("duplicate task number", _dup_task, "/tasks/5/no", "plan_duplicate"),
    ("unit in two roles", _two_roles, "/tasks/0/units/3", "plan_two_roles"),
    (
        "target not a number",
        lambda d: d["tasks"][22]["targets"][0].update(value="一千五"),
        "/tasks/22/targets/0/value",
        "plan_field_not_number",
    ),
    (
        "due before the end",
        lambda d: d["periods"][1].update(due="2016-06-01"),
        "/periods/1/due",
        "plan_period_due_before_end",
    ),
    (
        "ends before it starts",
        lambda d: d["periods"][1].update(end="2016-03-01"),
        "/periods/1/end",
        "plan_period_end_before_start",
    ),
    (
        "unknown unit",
        lambda d: d["tasks"][3]["units"][0].update(unit="nobody"),
        "/tasks/3/units/0/unit",
        "plan_unknown_assignee",
    ),
    (
        "unknown section",
        lambda d: d["tasks"][3].update(section=9),
        "/tasks/3/section",
        "plan_unknown_section",
    ),
    (
        "unknown group member",
        lambda d: d["groups"][2].update(members=["ghost"]),
        "/groups/2/members/0",
        "plan_unknown_unit",
    ),
    (
        "unknown indicator owner",
        lambda d: d["indicators"][0].update(owner="ghost"),
        "/indicators/0/owner",
        "plan_unknown_unit",
    ),
    (
        "range without its upper value",
        lambda d: d["tasks"][22]["targets"][0].update(comparator="range"),
        "/tasks/22/targets/0/value_max",
        "plan_range_needs_max",
    ),
    (
        "bad comparator",
        lambda d: d["tasks"][22]["targets"][0].update(comparator="≈"),
        "/tasks/22/targets/0/comparator",
        "plan_field_choice",
    ),
    ("missing text", lambda d: d["tasks"][0].pop("text"), "/tasks/0/text", "plan_field_missing"),
    ("empty title", lambda d: d["tasks"][0].update(title=""), "/tasks/0/title", "plan_field_empty"),
    (
        "bad role",
        lambda d: d["tasks"][1]["units"][0].update(role="boss"),
        "/tasks/1/units/0/role",
        "plan_field_choice",
    ),
    (
        "name of two units",
        lambda d: d["units"][1]["aliases"].append(d["units"][0]["short_name"]),
        f"/units/1/aliases/{len(SHIPPED['units'][1]['aliases'])}",
        "plan_duplicate_name",
    ),
    ("unknown field", lambda d: d.update(surprise=1), "/surprise", "plan_field_unknown"),
    (
        "bad unit id",
        lambda d: d["units"].append({"id": "Bad Id", "name": "某局", "short_name": "某局"}),
        f"/units/{len(SHIPPED['units'])}/id",
        "plan_unit_id_pattern",
    ),
    (
        "bad date",
        lambda d: d["periods"][0].update(due="2016/4/10"),
        "/periods/0/due",
        "plan_field_not_date",
    ),
    (
        "bad period code",
        lambda d: d["periods"][0].update(code="2016Q9"),
        "/periods/0/code",
        "plan_period_code_pattern",
    ),
    (
        "no tasks",
        lambda d: d.update(tasks=[]),
        "/tasks",
        "plan_list_empty",
    ),
    (
        "schema version",
        lambda d: d.update(schema_version=2),
        "/schema_version",
        "plan_schema_version",
    ),
]


@pytest.mark.parametrize(("name", "change", "where", "code"), CASES, ids=[c[0] for c in CASES])
def test_each_broken_rule_is_named_at_its_field(
    name: str, change: Callable[[dict[str, Any]], object], where: str, code: str
) -> None:
    plan = broken(change)
    problems = check_plan(plan)
    assert [(p.pointer, p.message.code) for p in problems] == [(where, code)], name
    with pytest.raises(ValidationError):  # the schema agrees that the plan is broken
        PlanSpec.model_validate(plan)


def test_all_problems_at_once_not_just_the_first() -> None:
    chosen = [c for c in CASES[:7] if c[0] != "ends before it starts"]
    plan = broken(lambda d: [change(d) for _name, change, _where, _code in chosen])
    found = {(p.pointer, p.message.code) for p in check_plan(plan)}
    assert {(where, code) for _n, _c, where, code in chosen} <= found


def test_the_place_in_words_in_both_languages() -> None:
    plan = broken(lambda d: d["tasks"][22]["targets"][0].update(value="一千五"))
    (problem,) = check_plan(plan)
    assert describe_pointer(plan, problem.pointer) == "任务 23 / 目标 1 / 目标值"
    assert describe_pointer(plan, problem.pointer, "en") == "task 23 / target 1 / value"
    assert problem_text(plan, problem) == "任务 23 / 目标 1 / 目标值：不是数字：一千五"
    assert problem_text(plan, problem, "en").endswith("value: not a number: 一千五")
    assert describe_pointer(plan, "/tasks/3/units/1/role") == "任务 4 / 责任单位 2 / 职责"
    assert describe_pointer(plan, "/periods/0/due") == "报告期 2016Q1 / 报送截止日期"
    assert describe_pointer(plan, "/plan/title", "en") == "plan / title"


def test_a_draft_of_any_shape_never_breaks_the_check() -> None:
    shapes: list[object] = [None, [], "x", {"tasks": "x"}, {"tasks": [1, None, {"units": 5}]}]
    for plan in shapes:
        problems = check_plan(plan)
        assert problems and all(p.message.render("en") for p in problems)
        for p in problems:
            describe_pointer(plan, p.pointer)


def test_pointer_escapes_per_rfc_6901() -> None:
    assert pointer("groups", 0, "a/b~c") == "/groups/0/a~1b~0c"
