"""The report writer's data rows, read back with openpyxl: each kind of value lands as what
it is, text as a reader sees it (never a formula), empty cells keep their table border, and
each row is as tall as its longest wrapped text."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl

from app.io.report_writer import LINE_PT, Block, Book, Column, Row, Sheet, text_lines, write_book
from app.io.xlsx_text import visible_text

LONG = "质量工作" * 60 + "\n" + "第二段" * 10
ODD = "a\x01b\r\nc\ufffe"  # a control character, a Windows line end, a non-character
COLUMNS = (Column("文本", 20.0), Column("居中", 8.0, "center"), Column("数", 8.0, "number"))


def test_data_rows_read_back_as_written(tmp_path: Path) -> None:
    rows = (
        Row((LONG, "是", Decimal("12.50"))),
        Row((ODD, None, 3.25)),
        Row(("", "", 7)),
        Row(("=1+1", "#N/A", None), marks=("bad", "", "good")),
    )
    book = Book((Sheet("表", "标题", "", (Block("", COLUMNS, rows),)),), "t")
    result = write_book(tmp_path / "r.xlsx", book)
    ws = openpyxl.load_workbook(result.path)["表"]
    first = 4  # title, gap, header: 1-based row of the first data row
    got = [[ws.cell(first + i, c + 1).value for c in range(3)] for i in range(len(rows))]
    assert got == [
        [visible_text(LONG), "是", 12.5],
        [visible_text(ODD), None, 3.25],
        [None, None, 7],
        ["=1+1", "#N/A", None],
    ]
    assert ws.cell(first + 3, 1).data_type == "s"  # text, not a formula
    assert all(ws.cell(first + 2, c).border.left.style == "thin" for c in (1, 2))
    assert ws.cell(first + 3, 1).fill.fgColor.rgb.endswith("FFC7CE")  # the "bad" mark
    height = ws.row_dimensions[first].height
    assert height == LINE_PT * text_lines(LONG, 20.0) + 4 and text_lines(LONG, 20.0) > 5
    assert ws.row_dimensions[first + 2].height == LINE_PT + 4
