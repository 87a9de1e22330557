"""``office plan …``, ``catalog --plan`` and ``--plan`` beside ``--period`` (docs/design.md §5).

Every bad input of issue 14 item 6 — a malformed document or workbook, duplicate task
numbers, a unit in two roles on one task, a target that is not a number, a period due before
it ends — exits 1 naming the place, and leaves the store without a new plan or draft.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from app.cli import main
from app.config import Settings
from app.io.plan_template import write_plan_template
from app.services import plans
from app.services.stores import open_office_store
from tests.kit.cli import run_cli
from tests.kit.paths import SEED
from tests.kit.plans import SHIPPED as SZ16
from tests.kit.plans import SHIPPED_PLAN as SHIPPED

Capsys = pytest.CaptureFixture[str]


@pytest.fixture
def office(tmp_path: Path) -> list[str]:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "office", "init"]) == 0
    return ["--data-dir", str(data)]


def plan_list(office: list[str], capsys: Capsys) -> list[dict[str, Any]]:
    code, out, _ = run_cli(capsys, *office, "office", "plan", "list", "--json")
    assert code == 0
    listed: list[dict[str, Any]] = json.loads(out)
    return listed


def test_plan_list_shape(office: list[str], capsys: Capsys) -> None:
    capsys.readouterr()
    assert plan_list(office, capsys) == [
        {
            "code": SZ16,
            "title": "深圳市2016年质量工作方案",
            "year": 2016,
            "revision": 1,
            "published": True,
        }
    ]


def test_import_a_document_prints_the_plan_and_its_guesses(
    office: list[str], capsys: Capsys
) -> None:
    capsys.readouterr()
    args = ["office", "plan", "import", str(SEED), "--code", "SZ-SEED", "--json"]
    code, out, _ = run_cli(capsys, *office, *args, "--dry-run")
    assert code == 0
    shown = json.loads(out)
    assert {"plan", "sections", "units", "groups", "tasks", "indicators", "periods"} <= set(shown)
    assert shown["plan"]["code"] == "SZ-SEED" and len(shown["tasks"]) == 49
    assert shown["guesses"] and all({"where", "what"} <= set(g) for g in shown["guesses"])
    assert shown["saved"] is False
    assert [p["code"] for p in plan_list(office, capsys)] == [SZ16]  # a dry run saves nothing
    code, out, _ = run_cli(capsys, *office, *args)
    assert code == 0 and json.loads(out)["saved"] is True
    listed = plan_list(office, capsys)
    assert listed[-1] == {
        "code": "SZ-SEED", "title": "深圳市2016年质量工作方案", "year": 2016, "revision": 0,
        "published": False,
    }  # fmt: skip


def test_export_import_publish_with_the_template(
    office: list[str], capsys: Capsys, tmp_path: Path
) -> None:
    out = tmp_path / "方案.xlsx"
    assert main([*office, "office", "plan", "export", SZ16, "--out", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    wb["报告期"]["F2"] = "2016-04-20"  # Q1 due ten days later
    wb.save(out)
    assert main([*office, "office", "plan", "import", str(out)]) == 0
    capsys.readouterr()
    code, text, _ = run_cli(capsys, *office, "office", "plan", "publish", SZ16, "--json")
    assert code == 0 and json.loads(text)["revision"] == 2
    code, text, _ = run_cli(capsys, *office, "catalog", "--plan", SZ16, "--json")
    shown = json.loads(text)
    assert shown["plan"]["revision"] == 2 and shown["periods"][0]["due"] == "2016-04-20"


# -- bad input: exit 1, the place named, nothing imported -------------------------------------
def _document(tmp_path: Path, old: str, new: str) -> Path:
    text = SEED.read_text("utf-8")
    assert old in text
    path = tmp_path / "plan.txt"
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


def _workbook(tmp_path: Path, change: Callable[[openpyxl.Workbook], object]) -> Path:
    path = tmp_path / "plan.xlsx"
    write_plan_template({**SHIPPED, "plan": {**SHIPPED["plan"], "code": "SZ-NEW"}}, path)
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def _binary(tmp_path: Path) -> Path:
    path = tmp_path / "plan.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    return path


def _not_a_workbook(tmp_path: Path) -> Path:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"PK\x03\x04 this is no zip")
    return path


def _two_roles(wb: openpyxl.Workbook) -> None:
    ws = wb["任务分工"]
    ws.insert_rows(3)
    ws["A3"], ws["B3"], ws["C3"] = ws["A2"].value, ws["B2"].value, "配合"


BAD: list[tuple[str, Callable[[Path], Path], str, str]] = [
    ("binary document", _binary, "plan_doc_binary", "控制字符"),
    ("not a workbook", _not_a_workbook, "plan_xlsx_not_xlsx", ""),
    (
        "duplicate task number in a document",
        lambda p: _document(p, "  13.", "  12."),
        "plan_doc_task_duplicate",
        "任务编号 12 重复",
    ),
    (
        "a unit in two roles in a document",
        lambda p: _document(p, "(市质量强市办牵头", "(市质量强市办牵头,市质量强市办配合"),
        "plan_doc_role_conflict",
        "既是",
    ),
    (
        "a target not a number in a document",
        lambda p: _document(p, "1500批次", "1.5.0批次"),
        "plan_doc_bad_number",
        "1.5.0",
    ),
    (
        "duplicate task number in a workbook",
        lambda p: _workbook(p, lambda wb: wb["任务"].append([1, 1, "又一个任务一", "内容"])),
        "plan_rejected",
        "任务!A51",
    ),
    (
        "a unit in two roles in a workbook",
        lambda p: _workbook(p, _two_roles),
        "plan_rejected",
        "任务分工!A3",
    ),
    (
        "a target not a number in a workbook",
        lambda p: _workbook(p, lambda wb: wb["目标"].__setitem__("D2", "十二")),
        "plan_rejected",
        "目标!D2",
    ),
    (
        "a period due before its end in a workbook",
        lambda p: _workbook(p, lambda wb: wb["报告期"].__setitem__("F2", "2016-03-01")),
        "plan_rejected",
        "报告期!F2",
    ),
]


@pytest.mark.parametrize(("name", "make", "code", "place"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_exits_1_naming_the_place_and_imports_nothing(
    office: list[str],
    capsys: Capsys,
    tmp_path: Path,
    name: str,
    make: Callable[[Path], Path],
    code: str,
    place: str,
) -> None:
    path = make(tmp_path)
    capsys.readouterr()
    status, out, err = run_cli(capsys, *office, "office", "plan", "import", str(path), "--json")
    assert status == 1, name
    refusal = json.loads(out)
    assert refusal["code"] == code
    assert place in err + json.dumps(refusal, ensure_ascii=False)
    assert "Traceback" not in err
    assert [p["code"] for p in plan_list(office, capsys)] == [SZ16]
    assert not plans.list_plans(open_office_store(Settings(Path(office[1]))))[0].has_draft


def test_a_rejected_workbook_lists_every_problem_with_its_cell(
    office: list[str], capsys: Capsys, tmp_path: Path
) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        wb["目标"]["D2"] = "十二"
        wb["报告期"]["F2"] = "2016-03-01"

    path = _workbook(tmp_path, change)
    capsys.readouterr()
    status, out, _ = run_cli(capsys, *office, "office", "plan", "import", str(path), "--json")
    assert status == 1
    cells = {(p["sheet"], p["row"], p["column"], p["code"]) for p in json.loads(out)["problems"]}
    assert cells == {
        ("目标", 2, "D", "plan_field_not_number"),
        ("报告期", 2, "F", "plan_period_due_before_end"),
    }


# -- several plans: --plan, and a period two plans share --------------------------------------
def test_a_period_two_plans_share_needs_plan(office: list[str], capsys: Capsys) -> None:
    store = open_office_store(Settings(Path(office[1])))
    draft = plans.copy_plan(store, SZ16, "LG-2016", 2016)  # a district's plan of the same year
    plans.publish_plan(store, draft.code)
    store.close()
    capsys.readouterr()
    status, out, err = run_cli(capsys, *office, "office", "status", "--period", "2016Q1", "--json")
    assert status == 2 and json.loads(out)["code"] == "period_ambiguous"
    assert "LG-2016" in err and SZ16 in err
    for plan in (SZ16, "LG-2016"):
        args = ["office", "status", "--period", "2016Q1", "--plan", plan, "--json"]
        assert run_cli(capsys, *office, *args)[0] == 0
    status, out, _ = run_cli(capsys, *office, "catalog", "--plan", "NOPE", "--json")
    assert status == 2 and json.loads(out)["code"] == "plan_unknown_code"


def test_the_only_plan_having_the_period_else_the_newest(office: list[str], capsys: Capsys) -> None:
    store = open_office_store(Settings(Path(office[1])))
    plans.publish_plan(store, plans.copy_plan(store, SZ16, "SZ-QUALITY-2017", 2017).code)
    store.close()
    capsys.readouterr()
    for period in ("2016Q1", "2017Q1"):
        status, out, _ = run_cli(capsys, *office, "office", "status", "--period", period, "--json")
        assert status == 0 and json.loads(out)["period"] == period
    status, out, _ = run_cli(capsys, *office, "catalog", "--json")
    assert json.loads(out)["plan"]["code"] == "SZ-QUALITY-2017"
    status, out, _ = run_cli(capsys, *office, "office", "status", "--period", "2018Q1", "--json")
    assert status == 2 and json.loads(out)["code"] == "period_unknown"


def test_unit_status_names_its_plan_and_revision(
    tmp_path: Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.io import keys
    from app.services.stores import open_unit_store

    monkeypatch.setattr(keys, "SCRYPT_N", 2**12)
    monkeypatch.setenv("QR_PASS", "住建局 quality 2016")
    data = ["--data-dir", str(tmp_path / "u")]
    init = ["unit", "init", "--unit", "zjj", "--clerk", "张三", "--passphrase-env", "QR_PASS"]
    assert main([*data, *init]) == 0
    store = open_unit_store(Settings(tmp_path / "u"))
    plans.publish_plan(store, plans.copy_plan(store, SZ16, "SZ-QUALITY-2017", 2017).code)
    store.close()
    capsys.readouterr()
    for period, plan in (("2016Q1", SZ16), ("2017Q1", "SZ-QUALITY-2017")):
        code, out, _ = run_cli(capsys, *data, "unit", "status", "--period", period, "--json")
        assert code == 0 and json.loads(out)["plan"] == {"code": plan, "revision": 1}
