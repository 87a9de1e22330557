"""The report's quicker cell writer (app.io.report_sheet) writes what xlsxwriter writes: every
part of a report, byte for byte, with every kind of row and value the report has."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from xlsxwriter.worksheet import Worksheet

from app.io import report_writer
from app.io.report_writer import Block, Book, Chart, Column, Row, Sheet, write_book

COLUMNS = (
    Column("单位", 14.0),
    Column("状态", 8.0, "center"),
    Column("数", 8.0, "number", "0.00"),
    Column("比例", 8.0, "percent"),
    Column("说明", 30.0),
)
TEXTS = ("质量工作" * 40, "a\x01b\r\nc\ufffe", "=1+1", " 前后空格 ", "_x0041_ & <b>", "")
VALUES = (None, "", 0, 7, 3.25, Decimal("12.50"), Decimal("-0.1"), 1e-7, 12345678901234567.0)


def _rows(n: int) -> list[Row]:
    rows = [Row(("第一项任务的全文",), band=True), Row(("任务说明",), band=True, note=True)]
    for i in range(n):
        text = TEXTS[i % len(TEXTS)]
        marks = ("", "good", "", "bad", "") if i % 3 == 0 else ()
        rows.append(
            Row(
                (text, VALUES[i % len(VALUES)], VALUES[(i + 3) % len(VALUES)], i, text), marks=marks
            )
        )
    return rows


def _book() -> Book:
    chart = Chart("bar", "各单位", value_column=3, max_value=100)
    pie = Chart("pie", "状态", value_column=3, point_marks=("good", "bad", "warn"))
    summary = Sheet(
        "汇总",
        "深圳市2016年质量工作汇总",
        "副标题",
        (
            Block("按单位", COLUMNS, _rows(12), chart=chart, note="注：说明"),
            Block("按状态", COLUMNS, _rows(3), chart=pie, page_break=True),
        ),
        repeat_header=False,
    )
    detail = Sheet("任务1", "任务一", "", (Block("", COLUMNS, _rows(60)),), header_text="页眉")
    return Book((summary, detail), "汇总报告", subject="2016Q1", comments="c")


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        # core.xml holds the time of writing; everything else is the same for the same book
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def test_every_part_is_what_xlsxwriter_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = _book()
    quick = _parts(write_book(tmp_path / "quick.xlsx", book).path)
    monkeypatch.setattr(report_writer, "ReportWorksheet", Worksheet)
    stock = _parts(write_book(tmp_path / "stock.xlsx", book).path)
    assert quick.keys() == stock.keys()
    assert "xl/worksheets/sheet2.xml" in quick and "xl/charts/chart1.xml" in quick
    for name in stock:
        assert quick[name] == stock[name], name
    sheet = quick["xl/worksheets/sheet2.xml"].decode()
    assert ' t="s"><v>' in sheet and "/>" in sheet and "<v>3.25</v>" in sheet  # all three kinds
