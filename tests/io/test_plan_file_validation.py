"""A broken plan file is refused with a message naming the field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.io.plan_file import PlanFileError, load_plan
from app.services.catalog import default_plan_path


def write_variant(tmp_path: Path, change: Any) -> Path:
    data = json.loads(default_plan_path().read_text("utf-8"))
    change(data)
    p = tmp_path / "plan.json"
    p.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return p


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["tasks"][22]["targets"][0].update(comparator="≈"), "tasks.22.targets.0"),
        (lambda d: d["tasks"][0].pop("text"), "tasks.0.text"),
        (lambda d: d["tasks"][1]["units"][0].update(role="boss"), "tasks.1.units.0.role"),
        (lambda d: d["tasks"][3]["units"][0].update(unit="nobody"), "units[0].unit"),
        (lambda d: d["tasks"][3].update(section=9), "section"),
        (lambda d: d["periods"][0].update(due="2016-01-01"), "periods.0"),
        (lambda d: d["indicators"][0].update(owner="nobody"), "indicators[0].owner"),
        (lambda d: d["tasks"].append(dict(d["tasks"][0])), "duplicate task no"),
        (lambda d: d["units"][1]["aliases"].append(d["units"][0]["short_name"]), "belongs to"),
        (lambda d: d.update(surprise=1), "surprise"),
    ],
)
def test_broken_plan_is_refused_naming_the_field(tmp_path: Path, change: Any, message: str) -> None:
    with pytest.raises(PlanFileError) as exc:
        load_plan(write_variant(tmp_path, change))
    assert message in str(exc.value)


def test_not_json_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "plan.json"
    p.write_bytes(b"\xff\xfe garbage")
    with pytest.raises(PlanFileError, match="not a JSON plan file"):
        load_plan(p)


def test_shipped_plan_loads() -> None:
    spec, digest = load_plan(default_plan_path())
    assert spec.plan.year == 2016 and len(digest) == 64
