"""``python -m app catalog`` prints the plan in the documented shape (docs/design.md §5)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from tests.kit.cli import run_cli


def test_catalog_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "--data-dir", str(tmp_path), "catalog", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"plan", "sections", "units", "groups", "tasks", "indicators", "periods"}
    assert set(data["plan"]) == {"code", "title", "year", "revision"}
    assert data["plan"]["revision"] == 1
    assert all(set(g) == {"name", "members"} for g in data["groups"])
    every = next(g for g in data["groups"] if g["name"] == "各成员单位")
    assert "zjj" in every["members"] and "zlqsb" not in every["members"]  # the office reports not
    assert all(set(s) == {"no", "title"} for s in data["sections"])
    assert all(set(u) == {"id", "name", "short_name", "aliases"} for u in data["units"])
    for t in data["tasks"]:
        assert set(t) == {"no", "section", "title", "text", "units", "targets"}
        assert all(set(a) == {"unit", "role"} for a in t["units"])
        assert all(a["role"] in {"lead", "responsible", "support"} for a in t["units"])
        assert all(
            set(x) == {"name", "comparator", "value", "value_max", "unit"} for x in t["targets"]
        )
    assert all(
        set(i) == {"no", "name", "comparator", "value", "unit", "owner"} for i in data["indicators"]
    )
    assert all(set(p) == {"code", "start", "end", "due"} for p in data["periods"])
    assert len(data["tasks"]) == 49 and len(data["indicators"]) == 9
    task13 = next(t for t in data["tasks"] if t["no"] == 13)
    assert task13["targets"][0]["comparator"] == "range"
    assert (task13["targets"][0]["value"], task13["targets"][0]["value_max"]) == (30, 40)


def test_catalog_text_is_readable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "--data-dir", str(tmp_path), "catalog")
    assert code == 0
    assert "深圳市2016年质量工作方案" in out and "报送截止" in out


def test_catalog_reads_edited_periods_from_the_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import date

    from sqlalchemy import update

    from app.config import Settings
    from app.models import Period
    from app.services.stores import open_office_store

    store = open_office_store(Settings(tmp_path))
    with store.factory.begin() as s:
        s.execute(update(Period).where(Period.code == "2016Q1").values(due=date(2016, 5, 31)))
    store.close()
    code, out, _ = run_cli(capsys, "--data-dir", str(tmp_path), "catalog", "--json")
    assert code == 0
    q1 = next(p for p in json.loads(out)["periods"] if p["code"] == "2016Q1")
    assert q1["due"] == "2016-05-31"


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["no-such-command"])
    assert exc.value.code == 2


def test_module_entry_point_prints_version() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "app", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().startswith("python -m app ")
