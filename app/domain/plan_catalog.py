"""A validated plan file's JSON → ``Catalog``, without the schema's cost; its content hash.

A plan in the store was checked (``app.io.plan_check`` / ``app.io.plan_file``) when it was
published; reading it back at every start need not run pydantic again (docs/design.md §6:
pydantic is a large part of start-up). ``catalog_from_plan`` trusts its input to be such a
plan; anything from outside goes through the schema first.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from app.domain.catalog import (
    AssignmentInfo,
    Catalog,
    GroupInfo,
    IndicatorInfo,
    PeriodInfo,
    SectionInfo,
    TargetInfo,
    TaskInfo,
    UnitInfo,
)


def canonical_plan_json(data: Mapping[str, Any]) -> str:
    """The plan's canonical JSON text: sorted keys, no spaces, Chinese as itself."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def plan_content_hash(data: Mapping[str, Any]) -> str:
    """SHA-256 of the plan's canonical JSON, bound into every signed submission."""
    return hashlib.sha256(canonical_plan_json(data).encode("utf-8")).hexdigest()


def _decimal(value: Any) -> Decimal:
    # str() first: a JSON float such as 6.75 must become Decimal("6.75"), not its binary value
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _target(x: Mapping[str, Any]) -> TargetInfo:
    top = x.get("value_max")
    return TargetInfo(
        x["name"],
        x["comparator"],
        _decimal(x["value"]),
        None if top is None else _decimal(top),
        x.get("unit", ""),
    )


def task_info(t: Mapping[str, Any], group_names: frozenset[str] | set[str]) -> TaskInfo:
    return TaskInfo(
        int(t["no"]),
        int(t["section"]),
        t["title"],
        t["text"],
        tuple(AssignmentInfo(a["unit"], a["role"], a["unit"] in group_names) for a in t["units"]),
        tuple(_target(x) for x in t.get("targets", ())),
    )


def period_info(p: Mapping[str, Any]) -> PeriodInfo:
    return PeriodInfo(
        p["code"],
        p["kind"],
        p.get("title", ""),
        _date(p["start"]),
        _date(p["end"]),
        _date(p["due"]),
    )


def _date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _groups(data: Mapping[str, Any]) -> tuple[GroupInfo, ...]:
    units: Sequence[Mapping[str, Any]] = data["units"]
    all_reporting = tuple(u["id"] for u in units if u.get("reports", True))
    return tuple(
        GroupInfo(
            g["name"],
            g.get("description", ""),
            all_reporting if g.get("members", []) == "all" else tuple(g.get("members", [])),
        )
        for g in data.get("groups", ())
    )


def catalog_from_plan(data: Mapping[str, Any], digest: str, revision: int = 1) -> Catalog:
    """The catalog of a plan file's JSON that has passed the plan file's schema."""
    groups = _groups(data)
    group_names = {g.name for g in groups}
    header = data["plan"]
    return Catalog(
        code=header["code"],
        title=header["title"],
        year=int(header["year"]),
        content_hash=digest,
        sections=tuple(SectionInfo(int(s["no"]), s["title"]) for s in data["sections"]),
        units=tuple(
            UnitInfo(
                u["id"],
                u["name"],
                u["short_name"],
                tuple(u.get("aliases", ())),
                u.get("reports", True),
            )
            for u in data["units"]
        ),
        groups=groups,
        tasks=tuple(task_info(t, group_names) for t in data["tasks"]),
        indicators=tuple(
            IndicatorInfo(
                int(i["no"]),
                i["name"],
                i["comparator"],
                _decimal(i["value"]),
                None if i.get("value_max") is None else _decimal(i["value_max"]),
                i.get("unit", ""),
                i.get("owner"),
            )
            for i in data.get("indicators", ())
        ),
        periods=tuple(period_info(p) for p in data["periods"]),
        revision=revision,
    )
