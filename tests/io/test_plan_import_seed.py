"""Importing the seed document (深圳市2016年质量工作方案) gives the shipped 2016 plan.

Must hold (issue 14, item 3): the sections, task numbers and texts, every task's units and
roles, every target (comparator, value(s), unit) and every indicator come out exactly as in
``resources/plans/sz-2016.json``; titles, target names and indicator owners, which the
document does not state, are proposed and listed as guesses. Each comparison names the first
field that differs. Skipped when the seed is not next to the repository.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from app.config import resource_path
from app.domain.plan_draft import PlanImport
from app.io.plan_document import import_plan_document
from app.io.plan_file import catalog_from_spec, content_hash, parse_plan
from tests.kit.paths import SEED
from tests.kit.plans import assert_same, without


@pytest.fixture(scope="module")
def shipped() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource_path("plans/sz-2016.json").read_text("utf-8"))
    return data


@pytest.fixture(scope="module")
def imported(shipped: dict[str, Any]) -> PlanImport:
    return import_plan_document(SEED, shipped["units"], shipped["groups"], shipped["plan"]["code"])


def test_sections(imported: PlanImport, shipped: dict[str, Any]) -> None:
    assert_same(shipped["sections"], imported.plan["sections"], "/sections")


def test_task_numbers_sections_and_texts(imported: PlanImport, shipped: dict[str, Any]) -> None:
    want = [{k: t[k] for k in ("no", "section", "text")} for t in shipped["tasks"]]
    got = [{k: t[k] for k in ("no", "section", "text")} for t in imported.plan["tasks"]]
    assert_same(want, got, "/tasks")


def test_every_task_units_and_roles(imported: PlanImport, shipped: dict[str, Any]) -> None:
    want = [{"no": t["no"], "units": t["units"]} for t in shipped["tasks"]]
    got = [{"no": t["no"], "units": t["units"]} for t in imported.plan["tasks"]]
    assert_same(want, got, "/tasks")


def test_every_target(imported: PlanImport, shipped: dict[str, Any]) -> None:
    """Comparator, value(s) and unit of every target; the names are the plan's editors'."""
    want = [[without(x, "name") for x in t["targets"]] for t in shipped["tasks"]]
    got = [[without(x, "name") for x in t["targets"]] for t in imported.plan["tasks"]]
    assert_same(want, got, "/tasks/*/targets")
    assert sum(map(len, got)) == 13


def test_every_indicator(imported: PlanImport, shipped: dict[str, Any]) -> None:
    """Number, name, comparator, value and unit; the document names no owners."""
    want = [without(i, "owner") for i in shipped["indicators"]]
    got = [without(i, "owner") for i in imported.plan["indicators"]]
    assert_same(want, got, "/indicators")


def test_units_groups_periods_and_header(imported: PlanImport, shipped: dict[str, Any]) -> None:
    """Members named only in 四、工作要求 (监察局, 财政委) are members too."""
    assert_same(shipped["units"], imported.plan["units"], "/units")
    assert_same(shipped["groups"], imported.plan["groups"], "/groups")
    assert_same(shipped["periods"], imported.plan["periods"], "/periods")
    assert_same(without(shipped["plan"], "source"), without(imported.plan["plan"], "source"), "")


def _leaves(value: Any, path: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        return {
            k: v for key, item in value.items() for k, v in _leaves(item, f"{path}/{key}").items()
        }
    if isinstance(value, list):
        return {
            k: v for i, item in enumerate(value) for k, v in _leaves(item, f"{path}/{i}").items()
        }
    return {path: value}


def test_every_difference_from_the_shipped_plan_is_a_listed_guess(
    imported: PlanImport, shipped: dict[str, Any]
) -> None:
    want, got = _leaves(shipped), _leaves(imported.plan)
    assert set(want) == set(got) | {"/plan/source"} or set(want) == set(got)
    differing = [p for p in want if p != "/plan/source" and want[p] != got.get(p)]
    fields = {g.field for g in imported.guesses}
    unguessed = [p for p in differing if not any(p == f or p.startswith(f + "/") for f in fields)]
    assert not unguessed, unguessed[:5]
    editorial = re.compile(r"/tasks/\d+/title|/tasks/\d+/targets/\d+/name|/indicators/\d+/owner")
    assert [p for p in differing if not editorial.fullmatch(p)] == []


def test_guesses_on_the_seed(imported: PlanImport) -> None:
    codes = [g.what.code for g in imported.guesses]
    assert codes.count("guess_task_title") == 49
    assert codes.count("guess_target_name") == 13
    assert codes.count("guess_indicator_owner") + codes.count("guess_indicator_no_owner") == 9
    assert codes.count("guess_unit_mentioned") == 2  # 市监察局, 市财政委
    assert "guess_unit_new" not in codes and "guess_group_all" not in codes
    growth = {g.field for g in imported.guesses if g.what.code == "guess_comparator_growth"}
    assert growth == {  # 新增/争创 read as at least: tasks 26, 27, 35
        "/tasks/25/targets/0/comparator",
        "/tasks/26/targets/0/comparator",
        "/tasks/34/targets/0/comparator",
    }
    where = {g.where.render("zh") for g in imported.guesses}
    assert "任务 23 / 目标 4" in where and "指标 5" in where
    plan, guesses = imported
    assert plan is imported.plan and len(guesses) == 82  # 83 without a code given
    out = json.loads(json.dumps(imported.to_json(), ensure_ascii=False))
    assert out["guesses"][0].keys() == {"where", "what", "code", "params", "field"}


def test_the_draft_is_a_plan_file_and_a_catalog(imported: PlanImport) -> None:
    raw = json.dumps(imported.plan, ensure_ascii=False).encode("utf-8")
    spec = parse_plan(raw, "imported")
    catalog = catalog_from_spec(spec, content_hash(raw))
    assert [t.no for t in catalog.tasks] == list(range(1, 50))
    assert catalog.task(23).targets[1].describe() == "≥ 6.75 万批次"
    swj = [(t.no, role) for t, role in catalog.tasks_for_unit("swj")]
    support, responsible = "support", "responsible"
    assert [no for no, role in swj if role == support] == [1, 9, 21, 22, 27]
    assert [no for no, role in swj if role == responsible] == [26, 29]
    assert catalog.roles_of("jcj", catalog.task(1)) == ["support"]  # through 各成员单位
