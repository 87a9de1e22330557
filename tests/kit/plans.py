"""Second plans and revisions in a real store, made through the plans services as the office
makes them (a copy for 2017 published; a revision of the 2016 plan with one target changed);
and plan JSON compared with the first difference named."""

from __future__ import annotations

import json
from typing import Any

from app.config import resource_path
from app.services import plans as svc
from app.services.stores import Store

SHIPPED = "SZ-QUALITY-2016"
# the shipped plan file, as JSON
SHIPPED_PLAN: dict[str, Any] = json.loads(resource_path("plans/sz-2016.json").read_text("utf-8"))
NEXT = "SZ-QUALITY-2017"
TARGET = (22, 0)  # 任务 23, 目标 1: 重点工业品和消费品质量监督抽查 1500 批次


def publish_next_year(store: Store) -> None:
    """The 2016 plan copied to 2017 and published (periods 2017Q1 … 2017)."""
    svc.copy_plan(store, SHIPPED, NEXT, 2017)
    svc.publish_plan(store, NEXT, "test")


def revise_target(store: Store, value: int = 1800) -> None:
    """Revision 2 of the 2016 plan: task 23's first target raised to ``value``."""
    draft = svc.start_revision(store, SHIPPED)
    task, target = TARGET
    draft.plan["tasks"][task]["targets"][target]["value"] = value
    svc.save_draft(store, SHIPPED, draft.plan, draft.guesses)
    svc.publish_plan(store, SHIPPED, "test")


# -- comparing plan JSON -------------------------------------------------------------------
def first_difference(expected: Any, got: Any, path: str = "") -> str | None:
    """'path: expected …, got …' for the first place two JSON values differ, else None."""
    if isinstance(expected, dict) and isinstance(got, dict):
        for key in [*expected, *(k for k in got if k not in expected)]:
            if key not in got or key not in expected:
                return f"{path}/{key}: expected {expected.get(key)!r}, got {got.get(key)!r}"
            found = first_difference(expected[key], got[key], f"{path}/{key}")
            if found:
                return found
        return None
    if isinstance(expected, list) and isinstance(got, list):
        for i, (e, g) in enumerate(zip(expected, got, strict=False)):
            found = first_difference(e, g, f"{path}/{i}")
            if found:
                return found
        if len(expected) != len(got):
            return f"{path}: expected {len(expected)} items, got {len(got)}"
        return None
    if expected != got or type(expected) is not type(got):
        return f"{path}: expected {expected!r}, got {got!r}"
    return None


def assert_same(expected: Any, got: Any, path: str) -> None:
    difference = first_difference(expected, got, path)
    assert difference is None, difference


def without(item: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k not in keys}
