"""The printable workbook every signed file shows (submission, plan package, feedback file).

A kind computes its sheets as ``SheetLayout``s (app.io.submission_layout's cells, widths and
merges) from its signed payload; this module paints them with openpyxl (A4, fitted to the
page width, wrapped text in rows tall enough to show it, the header rows repeated) and hands
back the parts for the signed package. The kind's reader compares every visible cell with the
same layout (app.io.submission_cells.check_sheets), so what a file shows is what it signs.
"""

from __future__ import annotations

import copy
import io
import math
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.io.package_props import PART
from app.io.submission_layout import Cell, SheetLayout
from app.io.xlsx_text import set_number, set_text

FONT_NAME = "宋体"
LINE_PT = 15.0  # one line of 11 pt CJK text, with leading
MAX_ROW_PT = 409.0  # Excel's maximum row height


@dataclass(frozen=True)
class BookLook:
    """What a kind says about its book beyond the cells: the document title, the printed
    footer and the page's orientation."""

    title: str
    footer: str
    orientation: str = "landscape"


def plain_utf8(content: bytes) -> bytes:
    """The same XML with every character as UTF-8 instead of a character reference. With lxml
    installed openpyxl writes "&#24050;" for each Chinese character: 2.5 times the bytes, a
    bigger file to send and more to parse when it is verified (docs/benchmarks.md)."""
    if b"&#" not in content:
        return content
    from lxml import etree

    root = etree.fromstring(content)  # openpyxl's own output: trusted, no hardened parser
    info = root.getroottree().docinfo
    declared = content.startswith(b"<?xml")
    return bytes(
        etree.tostring(
            root,
            encoding="UTF-8",
            xml_declaration=declared,
            standalone=info.standalone if declared else None,
        )
    )


class _Styles:
    """One shared style object per kind (openpyxl de-duplicates them, but creating one per
    cell is what makes large exports slow)."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        thin = Side(style="thin", color="808080")
        box = Border(left=thin, right=thin, top=thin, bottom=thin)
        none = Border()
        body = Font(name=FONT_NAME, size=11)
        head_fill = PatternFill("solid", fgColor="DDE5F0")
        label_fill = PatternFill("solid", fgColor="F2F2F2")
        no_fill = PatternFill()

        def wrap(h: str, v: str = "top") -> Alignment:
            return Alignment(horizontal=h, vertical=v, wrap_text=True)

        self.kinds: dict[str, tuple[Any, Any, Any, Any]] = {  # font, alignment, border, fill
            "title": (Font(name=FONT_NAME, size=16, bold=True), wrap("center", "center"), none,
                      no_fill),
            "subtitle": (Font(name=FONT_NAME, size=14, bold=True), wrap("center", "center"),
                         none, no_fill),
            "label": (Font(name=FONT_NAME, size=11, bold=True), wrap("left"), box, label_fill),
            "value": (body, wrap("left"), box, no_fill),
            "header": (Font(name=FONT_NAME, size=11, bold=True), wrap("center", "center"), box,
                       head_fill),
            "text": (body, wrap("left"), box, no_fill),
            "center": (body, wrap("center"), box, no_fill),
            "number": (body, Alignment(horizontal="right", vertical="top"), box, no_fill),
            "notice": (Font(name=FONT_NAME, size=12, bold=True, color="C00000"),
                       wrap("left", "center"), none, no_fill),
            "note": (Font(name=FONT_NAME, size=10, color="595959"), wrap("left"), none,
                     no_fill),
        }  # fmt: skip
        self._arrays: dict[str, Any] = {}  # kind -> openpyxl's style array, once applied

    def apply(self, cell: Any, kind: str) -> None:
        done = self._arrays.get(kind)
        if done is not None:  # openpyxl hashes a style object on every assignment: 10x slower
            cell._style = copy.copy(done)
            return
        font, alignment, border, fill = self.kinds[kind]
        cell.font = font
        cell.alignment = alignment
        cell.border = border
        cell.fill = fill
        self._arrays[kind] = copy.copy(cell._style)


def _text_units(text: str) -> float:
    """Width in Excel column units: CJK characters take two (3 UTF-8 bytes -> 2 units)."""
    n = len(text)
    return n + (len(text.encode("utf-8")) - n) / 2


def _lines(text: str, width: float) -> int:
    usable = max(1.0, width * 0.9 - 1)
    return sum(max(1, math.ceil(_text_units(p) / usable)) for p in text.split("\n"))


def _row_heights(sheet: SheetLayout) -> list[float]:
    """Heights that show every line of wrapped text (Excel does not grow rows it reads)."""
    merged = {(m[0], m[1]): m for m in sheet.merges}
    covered = {
        (r, c)
        for r1, c1, r2, c2 in sheet.merges
        for r in range(r1, r2 + 1)
        for c in range(c1, c2 + 1)
        if (r, c) != (r1, c1)
    }
    heights = [LINE_PT + 3.0] * len(sheet.rows)
    tall: list[tuple[int, int, float]] = []
    for r, row in enumerate(sheet.rows, 1):
        for c, cell in enumerate(row, 1):
            if not isinstance(cell.value, str) or (r, c) in covered:
                continue
            span = merged.get((r, c))
            width = sum(sheet.widths[span[1] - 1 : span[3]]) if span else sheet.widths[c - 1]
            scale = {"title": 1.5, "subtitle": 1.3}.get(cell.style, 1.0)
            need = _lines(cell.value, width / scale) * LINE_PT * scale + 3.0
            if span and span[2] > span[0]:
                tall.append((span[0], span[2], need))
            else:
                heights[r - 1] = max(heights[r - 1], need)
    for first, last, need in tall:  # a merged block grows its rows evenly
        have = sum(heights[first - 1 : last])
        if have < need:
            extra = (need - have) / (last - first + 1)
            for r in range(first - 1, last):
                heights[r] += extra
    return [min(h, MAX_ROW_PT) for h in heights]


def _paint(ws: Any, sheet: SheetLayout, styles: _Styles, look: BookLook) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    for r, row in enumerate(sheet.rows, 1):
        for c, spec in enumerate(row, 1):
            cell = ws.cell(row=r, column=c)
            _put(cell, spec)
            styles.apply(cell, spec.style)
    for r1, c1, r2, c2 in sheet.merges:
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    for c, width in enumerate(sheet.widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    for r, height in enumerate(_row_heights(sheet), 1):
        ws.row_dimensions[r].height = round(height, 1)

    if sheet.header_rows:
        ws.freeze_panes = ws.cell(row=sheet.header_rows + 1, column=1).coordinate
        ws.print_title_rows = f"1:{sheet.header_rows}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = look.orientation
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the text needs
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.oddFooter.left.text = look.footer
    ws.oddFooter.right.text = "第 &P 页，共 &N 页"
    ws.protection.sheet = True  # against accidental edits; no password, the signature guards
    ws.protection.formatColumns = False  # a reader may still widen a column to read
    ws.protection.formatRows = False


def _put(cell: Any, spec: Cell) -> None:
    value = spec.value
    if isinstance(value, str):
        set_text(cell, value)
    elif value is None or isinstance(value, int | Decimal):
        set_number(cell, value)
    else:  # pragma: no cover - the writer always has the catalog, so nothing is UNKNOWN
        raise ValueError(f"cell value not known: {value!r}")


def book_parts(sheets: tuple[SheetLayout, ...], look: BookLook) -> list[tuple[str, bytes]]:
    """The workbook's parts (every one but ``docProps/custom.xml``, in openpyxl's zip order),
    each XML part as plain UTF-8: what ``signed_package.package_bytes`` signs."""
    book = _workbook_bytes(sheets, look)
    with zipfile.ZipFile(io.BytesIO(book)) as z:  # openpyxl's own output: trusted
        return [(i.filename, plain_utf8(z.read(i))) for i in z.infolist() if i.filename != PART]


def _workbook_bytes(sheets: tuple[SheetLayout, ...], look: BookLook) -> bytes:
    from openpyxl import Workbook
    from openpyxl.packaging.custom import StringProperty

    wb = Workbook()
    styles = _Styles()
    for i, sheet in enumerate(sheets):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = sheet.name
        _paint(ws, sheet, styles, look)
    wb.active = 0
    wb.properties.creator = "质量工作任务填报与汇总"
    wb.properties.title = look.title
    # a placeholder: openpyxl then declares docProps/custom.xml, which the package replaces
    wb.custom_doc_props.props = [StringProperty(name="qr.format", value="")]
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# -- the sheets the office's kinds share ----------------------------------------------------
def cover_layout(
    title: str,
    subtitle: str,
    fields: list[tuple[str, str | None]],
    notices: tuple[str, str],
    widths: tuple[float, float] = (20.0, 80.0),
) -> SheetLayout:
    """A 封面: title, subtitle, one labelled row per field, the signature notice and a note."""
    rows: list[tuple[Cell, ...]] = [
        (Cell(title, "title"), Cell(None, "title")),
        (Cell(subtitle, "subtitle"), Cell(None, "subtitle")),
        (Cell(None, "note"), Cell(None, "note")),
    ]
    rows += [(Cell(label, "label"), Cell(value or None, "value")) for label, value in fields]
    rows += [
        (Cell(None, "note"), Cell(None, "note")),
        (Cell(notices[0], "notice"), Cell(None, "notice")),
        (Cell(notices[1], "note"), Cell(None, "note")),
    ]
    n = len(rows)
    merges = ((1, 1, 1, 2), (2, 1, 2, 2), (n - 1, 1, n - 1, 2), (n, 1, n, 2))
    return SheetLayout("封面", tuple(rows), widths, merges, 0)


def table_layout(
    name: str,
    title: str,
    headers: tuple[str, ...],
    widths: tuple[float, ...],
    body: Sequence[tuple[Cell, ...]],
    empty: str = "",
) -> SheetLayout:
    """A titled table: the title across the columns, the header row, the body (or one row
    saying ``empty``); the two top rows repeat on every printed page."""
    rows: list[tuple[Cell, ...]] = [
        (Cell(title, "title"), *(Cell(None, "title") for _ in headers[1:])),
        tuple(Cell(h, "header") for h in headers),
    ]
    rows += list(body) or [(Cell(None, "text"), Cell(empty or None, "text"))]
    return SheetLayout(name, tuple(rows), widths, ((1, 1, 1, len(headers)),), 2)
