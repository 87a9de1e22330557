"""Export end to end: fill a unit's period, export, verify, import at the office."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.config import Settings
from app.domain.catalog import Catalog
from app.io import keys
from app.models import LocalSubmission
from app.services.entries import EntryService
from app.services.export import ExportFailed, ExportRefused, export_period
from app.services.stores import open_unit_store, store_catalog
from app.services.unit_setup import get_profile, init_unit

PASS = "住建局 quality 2016"


@pytest.fixture(autouse=True)
def fast_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**12)
    monkeypatch.setenv("QR_PASS", PASS)


def full_period(catalog: Catalog, unit: str, period: str, note: str = "") -> dict[str, Any]:
    """A load file filling every task of the unit validly (and its indicators)."""
    entries = []
    for task, _role in catalog.tasks_for_unit(unit):
        entries.append(
            {
                "task": task.no,
                "period": period,
                "status": "in_progress",
                "percent": 60,
                "progress": f"任务{task.no}：按计划推进，已完成季度工作量。{note}",
                "problems": "无",
                "next_steps": "继续推进，按期完成。",
                "targets": {x.name: float(x.value) for x in task.targets},
            }
        )
    indicators = [
        {"no": i.no, "period": period, "value": float(i.value)}
        for i in catalog.indicators_for_unit(unit)
    ]
    return {"entries": entries, "indicators": indicators}


def run(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), *args])


def test_cli_fill_export_verify_import(
    tmp_path: Path, catalog: Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    unit_dir, office_dir = tmp_path / "unit", tmp_path / "office"
    assert run(unit_dir, "unit", "init", "--unit", "住房建设局", "--clerk", "李四",
               "--contact", "0755-1", "--passphrase-env", "QR_PASS") == 0  # fmt: skip
    load = tmp_path / "load.json"
    load.write_text(json.dumps(full_period(catalog, "zjj", "2016Q1"), ensure_ascii=False))
    assert run(unit_dir, "unit", "load", str(load)) == 0
    out = tmp_path / "out" / "zjj-2016Q1.xlsx"
    out.parent.mkdir()
    capsys.readouterr()
    assert run(unit_dir, "unit", "export", "--period", "2016Q1", "--out", str(out),
               "--passphrase-env", "QR_PASS", "--json") == 0  # fmt: skip
    exported = json.loads(capsys.readouterr().out)
    assert exported["version"] == 1 and out.exists()
    reg = tmp_path / "zjj.key.json"
    assert run(unit_dir, "unit", "pubkey", "--out", str(reg)) == 0
    assert run(unit_dir, "verify", str(out), "--pubkey", str(reg)) == 0
    assert run(office_dir, "office", "trust", "add", str(reg), "--yes") == 0
    capsys.readouterr()
    assert run(office_dir, "office", "import", str(out), "--json") == 0
    [outcome] = json.loads(capsys.readouterr().out)
    assert (outcome["outcome"], outcome["unit"], outcome["version"]) == ("accepted", "zjj", 1)

    # Changing an entry shows "changed since v1"; the next export is v2 and replaces v1.
    load.write_text(json.dumps(full_period(catalog, "zjj", "2016Q1", "补充"), ensure_ascii=False))
    assert run(unit_dir, "unit", "load", str(load)) == 0
    capsys.readouterr()
    assert run(unit_dir, "unit", "status", "--period", "2016Q1", "--json") == 0
    assert "changed" in capsys.readouterr().out
    out2 = tmp_path / "out" / "zjj-2016Q1-v2.xlsx"
    assert run(unit_dir, "unit", "export", "--period", "2016Q1", "--out", str(out2),
               "--passphrase-env", "QR_PASS") == 0  # fmt: skip
    capsys.readouterr()
    assert run(office_dir, "office", "import", str(out.parent), "--json") == 0
    outcomes = {Path(o["file"]).name: o for o in json.loads(capsys.readouterr().out)}
    assert outcomes["zjj-2016Q1.xlsx"]["outcome"] == "duplicate"
    assert outcomes["zjj-2016Q1-v2.xlsx"]["outcome"] == "accepted"
    assert outcomes["zjj-2016Q1-v2.xlsx"]["version"] == 2


def test_export_refuses_a_period_with_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "unit"
    assert run(data, "unit", "init", "--unit", "zjj", "--clerk", "李四",
               "--passphrase-env", "QR_PASS") == 0  # fmt: skip
    capsys.readouterr()
    out = tmp_path / "x.xlsx"
    code = run(data, "unit", "export", "--period", "2016Q1", "--out", str(out),
               "--passphrase-env", "QR_PASS")  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1 and not out.exists()
    assert "task 26 2016Q1" in err and "errors to fix" not in err.splitlines()[0]
    assert run(data, "unit", "export", "--period", "2099", "--out", str(out),
               "--passphrase-env", "QR_PASS") == 2  # fmt: skip


@pytest.fixture
def ready_unit(tmp_path: Path) -> Any:
    settings = Settings(tmp_path / "unit")
    store = open_unit_store(settings)
    catalog = store_catalog(store)
    init_unit(store, catalog, "zjj", "李四", "0755-1", PASS)
    service = EntryService(store, catalog, "zjj")
    from app.services.unit_load import load_json

    doc = tmp_path / "unit" / "load.json"
    doc.write_text(json.dumps(full_period(catalog, "zjj", "2016Q1"), ensure_ascii=False))
    result = load_json(service, doc)
    assert not result.errors
    yield store, catalog
    store.close()


def test_wrong_passphrase_writes_nothing(ready_unit: Any, tmp_path: Path) -> None:
    store, catalog = ready_unit
    with pytest.raises(keys.WrongPassphrase):
        export_period(store, catalog, "2016Q1", tmp_path / "a.xlsx", "wrong passphrase!!")
    assert not (tmp_path / "a.xlsx").exists()


def test_failed_write_leaves_no_file_and_no_record(
    ready_unit: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, catalog = ready_unit
    target = tmp_path / "a.xlsx"
    target.write_bytes(b"previous export")

    def boom(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(ExportFailed, match="No space left"):
        export_period(store, catalog, "2016Q1", target, PASS)
    monkeypatch.undo()
    assert target.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir() if p.name != "unit"] == ["a.xlsx"]
    with store.factory() as s:
        assert s.scalar(select(func.count(LocalSubmission.id))) == 0
    result = export_period(store, catalog, "2016Q1", target, PASS)
    assert result.version == 1  # the failed attempt used no version


def test_versions_and_sequences_increase(ready_unit: Any, tmp_path: Path) -> None:
    store, catalog = ready_unit
    a = export_period(store, catalog, "2016Q1", tmp_path / "1.xlsx", PASS)
    b = export_period(store, catalog, "2016Q1", tmp_path / "2.xlsx", PASS)
    assert (a.version, b.version) == (1, 2)
    assert b.sequence > a.sequence
    profile = get_profile(store)
    assert profile is not None and profile.unit_id == "zjj"
    state = EntryService(store, catalog, "zjj").period_state("2016Q1")
    assert (state.kind, state.version) == ("exported", 2)


def test_export_refused_lists_errors(tmp_path: Path) -> None:
    store = open_unit_store(Settings(tmp_path / "u"))
    catalog = store_catalog(store)
    init_unit(store, catalog, "zjj", "李四", "", PASS)
    with pytest.raises(ExportRefused) as exc:
        export_period(store, catalog, "2016Q1", tmp_path / "a.xlsx", PASS)
    assert len(exc.value.errors) >= len(catalog.tasks_for_unit("zjj"))
    store.close()
