"""plan_changes: what a revision changed, matched the way the store's rows are."""

from __future__ import annotations

import copy
import json
from typing import Any

from app.config import resource_path
from app.domain.plan_diff import describe_quantity, plan_changes

SHIPPED: dict[str, Any] = json.loads(resource_path("plans/sz-2016.json").read_text("utf-8"))


def test_no_change_no_changes() -> None:
    assert plan_changes(SHIPPED, copy.deepcopy(SHIPPED)) == []


def test_each_kind_of_change_named_at_its_place() -> None:
    new = copy.deepcopy(SHIPPED)
    new["tasks"][11]["text"] += "（修订）"
    new["tasks"][22]["targets"][0]["value"] = 1800
    new["tasks"][12]["targets"].append(
        {"name": "新目标", "comparator": ">=", "value": 5, "unit": "家"}
    )
    removed = new["tasks"].pop(40)
    new["tasks"][3]["units"].append({"unit": "zjj", "role": "support"})
    new["periods"][0]["due"] = "2016-04-15"
    new["periods"].append(
        {
            "code": "2016H1",
            "kind": "annual",
            "title": "",
            "start": "2016-01-01",
            "end": "2016-06-30",
            "due": "2016-07-15",
        }
    )
    new["indicators"][0]["value"] = 95
    changes = {(c.kind, c.pointer): c for c in plan_changes(SHIPPED, new)}
    assert set(changes) == {
        ("task_text", "/tasks/11/text"),
        ("target_changed", "/tasks/22/targets/0"),
        ("target_added", "/tasks/12/targets/1"),
        ("task_removed", "/tasks/40"),
        ("task_units", "/tasks/3/units"),
        ("period_due", "/periods/0/due"),
        ("period_added", "/periods/5"),
        ("indicator_changed", "/indicators/0"),
    }
    target = changes[("target_changed", "/tasks/22/targets/0")].message
    assert target.render() == (
        "任务 23 的目标“重点工业品和消费品质量监督抽查批次”由 ≥ 1500 批次 改为 ≥ 1800 批次"
    )
    assert "1500" in target.render("en") and "1800" in target.render("en")
    gone = changes[("task_removed", "/tasks/40")].message.render()
    assert str(removed["no"]) in gone and "历史" in gone
    due = changes[("period_due", "/periods/0/due")].message.render("en")
    assert due == "Period 2016Q1 due date: 2016-04-10 → 2016-04-15"


def test_a_broken_draft_is_compared_as_far_as_it_can_be_read() -> None:
    draft: dict[str, Any] = {"plan": "x", "tasks": [None, {"no": 1, "targets": "y"}], "units": 3}
    kinds = {c.kind for c in plan_changes(SHIPPED, draft)}
    assert "task_removed" in kinds and "plan_title" in kinds


def test_quantities_in_words() -> None:
    span = {"comparator": "range", "value": 30, "value_max": 40, "unit": "家"}
    assert describe_quantity(span) == "30–40 家"
    assert describe_quantity({"comparator": "<=", "value": 2, "unit": ""}) == "≤ 2"
