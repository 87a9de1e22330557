"""The one text-writing helper: whatever a clerk typed is stored as text, never as a formula,
and reads back (python-calamine, openpyxl) as ``visible_text`` says."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from app.io.xlsx_text import (
    number_value,
    set_number,
    set_text,
    visible_text,
    write_number,
    write_text,
)

SAMPLES = [
    "=1+1",
    '=HYPERLINK("http://x","y")',
    "@SUM(A1)",
    "+1",
    "-1",
    "#N/A",
    "#DIV/0!",
    "_x0041_",
    "_x005F_x0041_",
    "_x0041__x0042_x0043_",
    "a\r\nb\rc\nd",
    "bell\x07 vt\x0b nul\x00",
    "  leading and trailing  ",
    "质量 e\u0301",
    "😀𠀀",
]


OVERLAPPING = {"_x005F_x0041_", "_x0041__x0042_x0043_"}


def calamine_column(data: bytes) -> list[object]:
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
    return [row[0] for row in sheet.to_python(skip_empty_area=False)]


def no_formulas(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")]
    return not any(re.search(rb"<f[\s>/]", s) for s in sheets)


def openpyxl_book(values: list[str]) -> bytes:
    wb = openpyxl.Workbook()
    for i, value in enumerate(values, 1):
        set_text(wb.active.cell(row=i, column=1), value)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_openpyxl_cells_are_text_and_read_back_exactly() -> None:
    data = openpyxl_book(SAMPLES)
    assert no_formulas(data)
    assert calamine_column(data) == [visible_text(s) for s in SAMPLES]
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert all(ws.cell(row=i, column=1).data_type == "s" for i in range(1, len(SAMPLES) + 1))
    assert ws["A1"].value == "=1+1" and ws["B1"].value is None


def test_visible_text_rules() -> None:
    assert visible_text("a\r\nb\rc") == "a\nb\nc"
    assert visible_text("x\x00y\x1fz\ufffe") == "x\ufffdy\ufffdz\ufffd"
    assert visible_text("tab\tok") == "tab\tok"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(max_size=30).filter(bool), min_size=1, max_size=5))
def test_any_text_reads_back_as_visible_text(values: list[str]) -> None:
    data = openpyxl_book(values)
    assert no_formulas(data)
    assert calamine_column(data) == [visible_text(v) for v in values]


def test_xlsxwriter_variant(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    for i, value in enumerate(SAMPLES):
        write_text(ws, i, 0, value)
    write_text(ws, len(SAMPLES), 0, "")
    write_number(ws, 0, 1, Decimal("6.750"))
    write_number(ws, 1, 1, None)
    wb.close()
    data = path.read_bytes()
    assert no_formulas(data)
    got = calamine_column(data)[: len(SAMPLES)]
    for value, seen in zip(SAMPLES, got, strict=True):
        if value in OVERLAPPING:  # xlsxwriter escapes "_xHHHH_" runs without overlap
            continue
        assert seen == visible_text(value)
    ws2 = openpyxl.load_workbook(path).active
    assert ws2["B1"].value == 6.75 and ws2["B2"].value is None


def test_numbers() -> None:
    assert number_value(Decimal("1E+3")) == 1000 and isinstance(number_value(Decimal("1E+3")), int)
    assert str(number_value(Decimal("6.750"))) == "6.75"
    assert number_value(None) is None and number_value(7) == 7
    with pytest.raises(TypeError):
        number_value(1.5)  # type: ignore[arg-type]
    wb = openpyxl.Workbook()
    set_number(wb.active["A1"], Decimal("-0.50"))
    set_number(wb.active["A2"], None)
    buf = io.BytesIO()
    wb.save(buf)
    assert calamine_column(buf.getvalue()) == [-0.5]  # and nothing written for None
