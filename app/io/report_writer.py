"""The consolidated report's workbook format: formatted, printable sheets and native charts.

The service hands over plain tables (``Book`` of ``Sheet`` of ``Block``); this module only
knows how they look: Chinese headers, borders, wrapped text with row heights that show every
line (Excel does not grow rows it reads), frozen and print-repeated header rows, A4 landscape
fitted to the page width, page numbers, and native Excel charts drawn from the cells of a block.

Written with xlsxwriter (docs/design.md §6: about 2.4x faster than openpyxl for a 12,000-entry
report; this module's own cost measured 1.2-1.35x plain xlsxwriter writing the same values). Its
default mode, not constant_memory: that was slower here (inline strings) and saved only 12 MB,
and it lets charts carry cached values. Every string goes through ``xlsx_text.write_text``, so
a clerk's "=1+1" stays text. The file is written beside its destination, then renamed over it.
"""

from __future__ import annotations

import hashlib
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.io.atomic_file import replacing
from app.io.report_sheet import ReportWorksheet
from app.io.xlsx_text import visible_text, write_number, write_text

Value = str | int | float | Decimal | None

FONT = "宋体"
BODY_PT = 10
LINE_PT = 13.5  # one line of 10 pt CJK text, with leading
MAX_ROW_PT = 409.0  # Excel's limit
CHART_COLUMNS = 8  # default-width columns a 500 px chart covers, right of the tables

MARK_COLOURS = {  # fill, font: the usual Excel good / neutral / bad palette
    "good": ("#C6EFCE", "#006100"),
    "info": ("#DDEBF7", "#1F4E78"),
    "warn": ("#FFEB9C", "#9C5700"),
    "bad": ("#FFC7CE", "#9C0006"),
    "none": ("#EDEDED", "#595959"),
}
CHART_COLOURS = {"good": "#70AD47", "info": "#5B9BD5", "warn": "#FFC000", "bad": "#E15759"}
CHART_COLOURS["none"] = "#A5A5A5"


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # Excel character units
    kind: str = "text"  # text (wrapped) | center | number | percent (0-100 shown as "25.9%")
    num_format: str = ""


@dataclass(frozen=True)
class Row:
    values: tuple[Value, ...]
    band: bool = False  # one heading across the block (a task), first value only, shaded
    marks: tuple[str, ...] = ()  # per column: "" or a MARK_COLOURS key
    note: bool = False  # a band in small grey text (e.g. the task's full wording)


@dataclass(frozen=True)
class Chart:
    kind: str  # "bar" (horizontal) | "column" | "pie"
    title: str
    value_column: int = 1
    category_column: int = 0
    max_value: float | None = None
    point_marks: tuple[str, ...] = ()  # pie slice colours, by MARK_COLOURS key


@dataclass(frozen=True)
class Block:
    title: str
    columns: tuple[Column, ...]
    rows: Sequence[Row]
    chart: Chart | None = None
    note: str = ""
    page_break: bool = False  # start a new printed page (below any chart still drawn)


@dataclass(frozen=True)
class Sheet:
    name: str  # at most 31 characters, none of []:*?/\
    title: str
    subtitle: str
    blocks: tuple[Block, ...]
    # Freeze and repeat on every printed page the first block's header (table sheets).
    repeat_header: bool = True
    header_text: str = ""  # printed at the top left of every page


@dataclass(frozen=True)
class Book:
    sheets: tuple[Sheet, ...]
    title: str
    subject: str = ""
    author: str = "质量工作任务填报与汇总"
    comments: str = ""
    footer: str = field(default="第 &P 页，共 &N 页")


@dataclass(frozen=True)
class WriteResult:
    path: Path
    sheets: tuple[str, ...]
    cells: int
    sha256: str


def text_units(text: str) -> float:
    """Width in Excel column units: CJK characters take two (3 UTF-8 bytes -> 2 units)."""
    n = len(text)
    return n + (len(text.encode("utf-8")) - n) / 2


def text_lines(text: str, width: float) -> int:
    """Lines ``text`` takes in a column ``width`` wide, for 10 pt text (columns are measured
    in 11 pt digits: a CJK character of 10 pt takes about 1.8 of them)."""
    return lines_in(text, usable_units(width))


def usable_units(width: float) -> float:
    """What a column ``width`` wide holds of ``text_units`` per line."""
    return max(1.0, (width - 1) / 0.9)


def lines_in(text: str, usable: float) -> int:
    """Lines ``text`` takes where a line holds ``usable`` text units."""
    if "\n" not in text:
        return max(1, math.ceil(text_units(text) / usable))
    return sum(max(1, math.ceil(text_units(p) / usable)) for p in text.split("\n"))


class _Formats:
    """xlsxwriter formats, made once per (kind, mark) combination."""

    def __init__(self, wb: Any) -> None:
        self.wb = wb
        self.cache: dict[tuple[str, str], Any] = {}

    def get(self, kind: str, mark: str = "") -> Any:
        key = (kind, mark)
        fmt = self.cache.get(key)
        if fmt is None:
            fmt = self.cache[key] = self.wb.add_format(self._props(kind, mark))
        return fmt

    @staticmethod
    def _props(kind: str, mark: str) -> dict[str, Any]:
        p: dict[str, Any] = {"font_name": FONT, "font_size": BODY_PT, "valign": "top"}
        if kind == "title":
            p.update(font_size=16, bold=True, valign="vcenter")
        elif kind == "subtitle":
            p.update(font_size=10, font_color="#404040", valign="vcenter", text_wrap=True)
        elif kind == "block":
            p.update(font_size=12, bold=True, valign="bottom")
        elif kind == "note":
            p.update(font_size=9, font_color="#595959", text_wrap=True)
        elif kind == "header":
            p.update(bold=True, bg_color="#D9E1F2", border=1, align="center", valign="vcenter")
            p.update(text_wrap=True)
        elif kind == "band":
            p.update(bold=True, bg_color="#F2F2F2", border=1, text_wrap=True, valign="vcenter")
        elif kind == "bandnote":
            p.update(font_size=9, font_color="#404040", border=1, text_wrap=True)
        else:
            p.update(border=1, text_wrap=kind == "text")
            if kind in ("center", "number", "percent"):
                p["align"] = "center" if kind == "center" else "right"
            if kind == "percent":
                p["num_format"] = '0.0"%"'
        if kind.startswith("number:"):
            p.update(border=1, align="right", num_format=kind.split(":", 1)[1])
        if mark:
            fill, font = MARK_COLOURS[mark]
            p.update(bg_color=fill, font_color=font)
        return p


def _col_kind(c: Column) -> str:
    return f"number:{c.num_format}" if c.kind == "number" and c.num_format else c.kind


class _SheetWriter:
    def __init__(self, wb: Any, fmts: _Formats, sheet: Sheet, book: Book) -> None:
        self.wb, self.fmts, self.sheet, self.book = wb, fmts, sheet, book
        self.ws = wb.add_worksheet(sheet.name, ReportWorksheet)
        self.ncols = max((len(b.columns) for b in sheet.blocks), default=1)
        self.widths = [0.0] * self.ncols
        for b in sheet.blocks:
            for i, c in enumerate(b.columns):
                self.widths[i] = max(self.widths[i], c.width)
        self.cells = 0
        self.row = 0
        self.breaks: list[int] = []
        self.heights: dict[int, float] = {}  # row -> points, to place charts below each other
        self.plans: dict[int, tuple[list[str], list[Any], list[tuple[int, float]]]] = {}

    def write(self) -> int:
        ws = self.ws
        for i, w in enumerate(self.widths):
            ws.set_column(i, i, w)
        charts = any(b.chart is not None for b in self.sheet.blocks)
        # Title and subtitle also run over the chart column (about 8 default columns wide).
        span = self.ncols - 1 + (CHART_COLUMNS if charts else 0)
        band_width = sum(self.widths) + (CHART_COLUMNS * 8.43 if charts else 0)
        self._band_row(self.sheet.title, "title", 26, span)
        if self.sheet.subtitle:
            lines = text_lines(self.sheet.subtitle, band_width * 0.95)
            self._band_row(self.sheet.subtitle, "subtitle", 15 * lines + 2, span)
        self.row += 1
        header_row = None
        chart_row = self.row  # charts stack in their own column, from the top of each page
        for index, block in enumerate(self.sheet.blocks):
            if block.page_break and index > 0:
                self.row = max(self.row, chart_row)
                self.breaks.append(self.row)
                chart_row = self.row
            if block.title:
                self._band_row(block.title, "block", 22, self.ncols - 1)
            if index == 0:
                header_row = self.row
            self._header(block)
            first_data = self.row
            for row in block.rows:
                self._data_row(block, row)
            last_data = self.row - 1
            if block.note:
                lines = text_lines(block.note, sum(self.widths))
                self._band_row(block.note, "note", 12 * lines + 3, self.ncols - 1)
            if block.chart is not None and block.rows:
                chart_row += self._chart(block, first_data, last_data, chart_row)
            if len(self.sheet.blocks) > 1 and not block.title:
                self.row += 1  # untitled blocks need a gap; a title row has its own
        if self.breaks:
            self.ws.set_h_pagebreaks(self.breaks)
        self._page_setup(header_row if self.sheet.repeat_header and not charts else None)
        return self.cells

    # -- rows ------------------------------------------------------------------------------
    def _band_row(self, text: str, kind: str, height: float, last_col: int) -> None:
        self._set_row(height)
        fmt = self.fmts.get(kind)
        if last_col > 0:
            self.ws.merge_range(self.row, 0, self.row, last_col, "", fmt)
        write_text(self.ws, self.row, 0, text, fmt)
        self.cells += 1
        self.row += 1

    def _header(self, block: Block) -> None:
        fmt = self.fmts.get("header")
        lines = max(text_lines(c.title, c.width) for c in block.columns)
        self._set_row(LINE_PT * lines + 6)
        for i, c in enumerate(block.columns):
            write_text(self.ws, self.row, i, c.title, fmt)
        self.cells += len(block.columns)
        self.row += 1

    def _data_row(self, block: Block, row: Row) -> None:
        if row.band:
            text = "" if row.values[0] is None else str(row.values[0])
            kind = "bandnote" if row.note else "band"
            width = sum(c.width for c in block.columns)
            pt = 12.0 if row.note else LINE_PT
            height = pt * text_lines(text, width * (1.1 if row.note else 1.0)) + 5
            self._band_row(text, kind, height, len(block.columns) - 1)
            return
        # The hot loop of a large report: no per-cell look-ups beyond the mark's format, and
        # xlsxwriter's undecorated writers (its public ones first convert "A1" arguments).
        ws, r, values = self.ws, self.row, row.values
        kinds, plain, wrapped = self._plan(block)
        lines = 1
        for i, usable in wrapped:
            value = values[i]
            if value.__class__ is str and value:
                n = lines_in(value, usable)
                if n > lines:
                    lines = n
        self._set_row(LINE_PT * lines + 4)
        marks = row.marks
        n_marks = len(marks)
        put_text, put_blank = ws._write_string, ws._write_blank
        for i, value in enumerate(values):
            fmt = self.fmts.get(kinds[i], marks[i]) if i < n_marks and marks[i] else plain[i]
            if value.__class__ is str and value:  # as write_text: never a formula
                put_text(r, i, value if value.isprintable() else visible_text(value), fmt)
            elif value is None or value == "":
                put_blank(r, i, None, fmt)
            elif value.__class__ is float:
                ws._write_number(r, i, value, fmt)
            else:
                write_number(ws, r, i, value, fmt)  # type: ignore[arg-type]
        self.cells += len(values)
        self.row += 1

    def _plan(self, block: Block) -> tuple[list[str], list[Any], list[tuple[int, float]]]:
        """Per block: each column's format kind, its unmarked format, the wrapped columns."""
        plan = self.plans.get(id(block))
        if plan is None:
            kinds = [_col_kind(c) for c in block.columns]
            plain = [self.fmts.get(k) for k in kinds]
            wrapped = [
                (i, usable_units(c.width)) for i, c in enumerate(block.columns) if c.kind == "text"
            ]
            plan = self.plans[id(block)] = (kinds, plain, wrapped)
        return plan

    # -- charts ----------------------------------------------------------------------------
    def _chart(self, block: Block, first: int, last: int, top: int) -> int:
        spec = block.chart
        assert spec is not None
        kind = "bar" if spec.kind == "bar" else spec.kind
        chart = self.wb.add_chart({"type": kind})
        name = self.sheet.name
        n = last - first + 1
        series: dict[str, Any] = {
            "name": spec.title,
            "categories": [name, first, spec.category_column, last, spec.category_column],
            "values": [name, first, spec.value_column, last, spec.value_column],
            "data_labels": {"value": True, "font": {"name": FONT, "size": 9}},
        }
        font = {"name": FONT, "size": 9}
        if kind == "pie":
            series["data_labels"] = {
                "percentage": True,
                "category": True,
                "separator": "\n",
                "position": "best_fit",
                "font": font,
            }
            if spec.point_marks:
                series["points"] = [
                    {"fill": {"color": CHART_COLOURS.get(m, "#A5A5A5")}} for m in spec.point_marks
                ]
        else:
            series["fill"] = {"color": "#5B9BD5"}
            series["gap"] = 60
        chart.add_series(series)
        chart.set_title({"name": spec.title, "name_font": {"name": FONT, "size": 11}})
        chart.set_legend({"none": True} if kind != "pie" else {"position": "right", "font": font})
        if kind != "pie":
            axis: dict[str, Any] = {"num_font": font, "major_gridlines": {"visible": True}}
            if spec.max_value is not None:
                axis.update(min=0, max=spec.max_value)
            chart.set_y_axis(axis) if kind == "column" else chart.set_x_axis(axis)
            cats: dict[str, Any] = {"num_font": font}
            if kind == "bar":
                cats["reverse"] = True  # first category on top, as in the table
            chart.set_y_axis(cats) if kind == "bar" else chart.set_x_axis(cats)
        height = max(250, 70 + 20 * n) if kind == "bar" else 270
        width = 500
        chart.set_size({"width": width, "height": height})
        chart.set_chartarea({"border": {"none": True}})
        self.ws.insert_chart(top, self.ncols + 1, chart, {"x_offset": 10, "y_offset": 4})
        return self._rows_for(top, height + 16)

    def _rows_for(self, top: int, px: float) -> int:
        """Rows from ``top`` that a drawing ``px`` pixels high covers (rows not written yet
        count at the default 15 pt)."""
        r, acc = top, 0.0
        while acc < px:
            acc += self.heights.get(r, 15.0) * 4 / 3
            r += 1
        return r - top

    def _set_row(self, height: float) -> None:
        height = min(height, MAX_ROW_PT)
        self.heights[self.row] = height
        self.ws.set_row(self.row, height)

    # -- printing --------------------------------------------------------------------------
    def _page_setup(self, header_row: int | None) -> None:
        ws = self.ws
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)  # one page wide, as many down as needed
        ws.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.6)
        ws.center_horizontally()
        left = _escape_hf(self.sheet.header_text or self.book.title)
        ws.set_header(f'&L&"{FONT}"&9{left}&R&"{FONT}"&9{_escape_hf(self.sheet.name)}')
        ws.set_footer(f'&C&"{FONT}"&9{self.book.footer}')
        if header_row is not None:
            ws.repeat_rows(header_row, header_row)
            ws.freeze_panes(header_row + 1, 0)


def _escape_hf(text: str) -> str:
    return text.replace("&", "&&")


def write_book(path: Path, book: Book) -> WriteResult:
    """Write the workbook atomically; returns the sheet names, cells written and SHA-256."""
    import xlsxwriter

    path = Path(path)
    cells = 0
    with replacing(path) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False})
        wb.set_properties(
            {
                "title": book.title,
                "subject": book.subject,
                "author": book.author,
                "comments": book.comments,
            }
        )
        fmts = _Formats(wb)
        for sheet in book.sheets:
            cells += _SheetWriter(wb, fmts, sheet, book).write()
        wb.close()
        with open(tmp, "rb") as f:
            digest = hashlib.file_digest(f, "sha256").hexdigest()
            os.fsync(f.fileno())
    return WriteResult(path, tuple(s.name for s in book.sheets), cells, digest)
