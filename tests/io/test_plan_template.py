"""The plan template workbook: an exact round trip, errors at sheet/row/column, hostile files.

Round trip: the shipped plan and the drafts of every fixture plan document
(tests/fixtures/plans/) go to a real .xlsx and come back as the same plan JSON. A template
edited wrongly names the cell; a workbook built to hurt (formulas, zip bombs, DTDs, cells far
away, broken references, an old .xls) is refused with its reason before anything is used.
"""

from __future__ import annotations

import copy
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from app.config import resource_path
from app.domain.messages import Refusal
from app.io.plan_check import check_plan
from app.io.plan_document import import_plan_document
from app.io.plan_file import normal_plan, validate_plan
from app.io.plan_template import SHEET_NAMES, write_plan_template
from app.io.plan_template_read import read_plan_template
from tests.kit.paths import PLANS
from tests.kit.plans import first_difference

SHIPPED: dict[str, Any] = json.loads(resource_path("plans/sz-2016.json").read_text("utf-8"))


def round_trip(plan: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "plan.xlsx"
    write_plan_template(plan, out)
    return read_plan_template(out).plan


def test_the_shipped_plan_round_trips_exactly(tmp_path: Path) -> None:
    back = round_trip(SHIPPED, tmp_path)
    assert first_difference(SHIPPED, back) is None
    assert back == SHIPPED


@pytest.mark.parametrize("document", sorted(p.name for p in PLANS.glob("*.txt")))
def test_every_fixture_plan_round_trips_exactly(document: str, tmp_path: Path) -> None:
    draft = import_plan_document(PLANS / document, SHIPPED["units"], SHIPPED["groups"]).plan
    plan = normal_plan(validate_plan(draft))
    back = round_trip(plan, tmp_path)
    assert first_difference(plan, back) is None
    assert check_plan(back) == []


def test_odd_text_survives_as_text_never_a_formula(tmp_path: Path) -> None:
    plan = copy.deepcopy(SHIPPED)
    plan["tasks"][0]["text"] = '=HYPERLINK("http://x")\n第二行 _x0041_ 结束'
    plan["tasks"][0]["title"] = "#N/A"
    plan["units"][0]["aliases"] = ["甲", "乙 丙"]
    out = tmp_path / "plan.xlsx"
    write_plan_template(plan, out)
    wb = openpyxl.load_workbook(out)
    assert wb["任务"]["D2"].data_type == "s"
    assert read_plan_template(out).plan == plan


def test_the_template_is_one_printable_sheet_per_table(tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    write_plan_template(SHIPPED, out)
    wb = openpyxl.load_workbook(out)
    assert tuple(wb.sheetnames) == SHEET_NAMES
    tasks = wb["任务"]
    assert [c.value for c in tasks[1]] == ["任务编号", "所属部分", "标题", "任务内容"]
    assert tasks.print_title_rows == "$1:$1" and tasks.page_setup.orientation == "landscape"
    assert tasks.max_row == 1 + len(SHIPPED["tasks"])
    assert wb["任务分工"].max_row == 1 + sum(len(t["units"]) for t in SHIPPED["tasks"])


# -- a template edited wrongly: the cell is named ---------------------------------------------
def edited(tmp_path: Path, change: Callable[[openpyxl.Workbook], object]) -> Path:
    out = tmp_path / "plan.xlsx"
    write_plan_template(SHIPPED, out)
    wb = openpyxl.load_workbook(out)
    change(wb)
    wb.save(out)
    return out


def _place(path: Path) -> list[tuple[str, int, str, str]]:
    template = read_plan_template(path)
    return [
        (place.sheet, place.row, place.column, p.message.code)
        for p in check_plan(template.plan)
        if (place := template.place_of(p.pointer)) is not None
    ]


def test_a_problem_of_the_plan_names_sheet_row_and_column(tmp_path: Path) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        wb["目标"]["D3"] = "很多"  # the second target's value
        wb["任务"].append([5, 1, "重复的任务", "任务内容"])  # a second task 5, row 51
        wb["报告期"]["F2"] = "2016-03-01"  # Q1 due before its end
        wb["任务分工"]["C2"] = "主管"

    found = _place(edited(tmp_path, change))
    assert ("目标", 3, "D", "plan_field_not_number") in found
    assert ("任务", 51, "A", "plan_duplicate") in found
    assert ("报告期", 2, "F", "plan_period_due_before_end") in found
    assert ("任务分工", 2, "C", "plan_field_choice") in found


def test_dates_typed_as_excel_dates_are_read(tmp_path: Path) -> None:
    from datetime import datetime

    def change(wb: openpyxl.Workbook) -> None:
        wb["报告期"]["F2"] = datetime(2016, 4, 12)

    plan = read_plan_template(edited(tmp_path, change)).plan
    assert plan["periods"][0]["due"] == "2016-04-12"


@pytest.mark.parametrize(
    ("change", "code", "params"),
    [
        (lambda wb: wb.remove(wb["目标"]), "plan_template_sheet_missing", {"sheet": "目标"}),
        (lambda wb: wb.create_sheet("备注"), "plan_template_sheet_extra", {"sheet": "备注"}),
        (
            lambda wb: wb["任务"].__setitem__("B1", "部分"),
            "plan_template_header",
            {"sheet": "任务", "column": "B"},
        ),
        (
            lambda wb: wb["目标"].__setitem__("A2", 99),
            "plan_template_no_task",
            {"sheet": "目标", "row": "2", "column": "A", "task": "99"},
        ),
        (
            lambda wb: wb["目标"].__setitem__("D2", "=1+1"),
            "plan_template_formula",
            {"sheet": "目标", "row": "2", "column": "D"},
        ),
    ],
)
def test_a_broken_template_is_refused_naming_the_place(
    tmp_path: Path, change: Callable[[openpyxl.Workbook], object], code: str, params: dict[str, str]
) -> None:
    with pytest.raises(Refusal) as exc:
        read_plan_template(edited(tmp_path, change))
    assert exc.value.code == code
    assert params.items() <= exc.value.message.param_dict.items()


# -- hostile workbooks ---------------------------------------------------------------------
def parts_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def zipped(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def hostile(tmp_path: Path, change: Callable[[dict[str, bytes]], object]) -> Path:
    good = tmp_path / "good.xlsx"
    write_plan_template(SHIPPED, good)
    parts = parts_of(good)
    change(parts)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(zipped(parts))
    return bad


def _sheet(parts: dict[str, bytes], n: int = 7) -> str:
    return f"xl/worksheets/sheet{n}.xml"  # 目标, the seventh sheet


def _replace(parts: dict[str, bytes], part: str, old: bytes, new: bytes) -> None:
    assert old in parts[part], (part, old)
    parts[part] = parts[part].replace(old, new, 1)


A2 = b'<c r="A2" s="2" t="n"><v>2</v></c>'
HOSTILE: list[tuple[str, Callable[[dict[str, bytes]], object], str]] = [
    (
        "a formula hidden in the XML",
        lambda p: _replace(p, _sheet(p), b"<v>12</v>", b'<f>WEBSERVICE("x")</f><v>12</v>'),
        "plan_template_formula",
    ),
    (
        "a DTD with entities",
        lambda p: _replace(
            p, "xl/workbook.xml", b"<workbook", b'<!DOCTYPE x [<!ENTITY a "aaaa">]><workbook'
        ),
        "plan_xlsx_dtd",
    ),
    (
        "a cell a million rows down",
        lambda p: _replace(p, _sheet(p), b'r="D2"', b'r="D999999"'),
        "plan_template_too_big",
    ),
    (
        "a shared string past the table",
        lambda p: _replace(p, _sheet(p), A2, b'<c r="A2" s="2" t="s"><v>99999</v></c>'),
        "plan_template_cell",
    ),
    (
        "an error value",
        lambda p: _replace(p, _sheet(p), A2, b'<c r="A2" s="2" t="e"><v>#REF!</v></c>'),
        "plan_template_cell",
    ),
    (
        "a zip bomb",
        lambda p: p.__setitem__("xl/media/bomb.bin", b"\0" * (30 * 1024 * 1024)),
        "plan_xlsx_size",
    ),
    (
        "no workbook part",
        lambda p: p.pop("xl/workbook.xml"),
        "plan_xlsx_not_xlsx",
    ),
    (
        "a sheet that points nowhere",
        lambda p: p.pop(_sheet(p)),
        "plan_xlsx_damaged",
    ),
    (
        "broken XML",
        lambda p: _replace(p, _sheet(p), b"<sheetData>", b"<sheetData><row"),
        "plan_xlsx_damaged",
    ),
]


@pytest.mark.parametrize(("name", "change", "code"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_hostile_workbook_is_refused(
    tmp_path: Path, name: str, change: Callable[[dict[str, bytes]], object], code: str
) -> None:
    with pytest.raises(Refusal) as exc:
        read_plan_template(hostile(tmp_path, change))
    assert exc.value.code == code, name


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "plan_xlsx_old_excel"),
        (b"not a zip at all", "plan_xlsx_not_xlsx"),
        (b"PK\x05\x06" + b"\0" * 18, "plan_xlsx_not_xlsx"),
    ],
)
def test_what_is_no_workbook_at_all(tmp_path: Path, data: bytes, code: str) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(data)
    with pytest.raises(Refusal) as exc:
        read_plan_template(path)
    assert exc.value.code == code


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    with path.open("wb") as f:
        f.truncate(11 * 1024 * 1024)
    with pytest.raises(Refusal) as exc:
        read_plan_template(path)
    assert exc.value.code == "plan_xlsx_too_large"
