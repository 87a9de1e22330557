"""The second line behind the signature: a submission's sheets, read from their XML and compared
cell by cell with what the signed payload says they must show (app.io.submission_layout).

The signed manifest already fixes every byte of every part; this check makes sure that what
the signer put into the sheets is what the signed payload says, so a file can never show a
reader one thing and import another. The sheets are parsed, never searched: namespaces and
character references are resolved by the parser (app.io.package_xml), each cell's position
and value are read the way a spreadsheet program reads them, and only the cell forms the
writer produces are accepted (inline text, a number, or empty; no formula, no shared or
rich text). Positions are bounded by the layout before anything is stored, and cells go into
a dict, never a grid sized by the farthest cell.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Mapping
from typing import Any

from lxml import etree

from app.io.package_errors import PackageRejected, shown
from app.io.package_xml import NS_MAIN, NS_REL, is_element, parse_xml, qname, relationships
from app.io.submission_layout import SHEET_NAMES, UNKNOWN, SheetLayout, column_letter
from app.io.xlsx_text import visible_text

CellValue = str | float  # a number as a spreadsheet holds it: a double
Cells = dict[tuple[int, int], CellValue]
_NS = {"m": NS_MAIN}
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# every element below sheetData, then each kind the writer makes, then anything that is not
# an element (comments, processing instructions)
_SHAPE_COUNTS = (
    "count(descendant::*)",
    "count(m:row)",
    "count(m:row/m:c)",
    "count(m:row/m:c/m:v)",
    "count(m:row/m:c/m:is)",
    "count(m:row/m:c/m:is/m:t)",
    "count(descendant::comment() | descendant::processing-instruction())",
)
_SHAPE = [etree.XPath(q, namespaces=_NS) for q in _SHAPE_COUNTS]
_SHEETS = qname(NS_MAIN, "sheets")
_SHEET = qname(NS_MAIN, "sheet")
_SHEET_DATA = qname(NS_MAIN, "sheetData")
_ROW = qname(NS_MAIN, "row")
_C = qname(NS_MAIN, "c")
_V = qname(NS_MAIN, "v")
_F = qname(NS_MAIN, "f")
_IS = qname(NS_MAIN, "is")
_T = qname(NS_MAIN, "t")
_RID = qname(NS_REL, "id")
_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
_A1 = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")
_NUMBER = re.compile(r"-?[0-9]{1,40}(?:\.[0-9]{1,40})?(?:[eE][+-]?[0-9]{1,4})?")
# OOXML reads "_x0041_" in cell text as "A" (app.io.xlsx_text escapes what must stay as is).
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


# -- where the sheets are -----------------------------------------------------------------
def _relationships(parts: Mapping[str, bytes], source: str) -> list[tuple[str, str, str]]:
    """(id, type, target part name) of a part's relationships ('' for the package)."""
    folder, base = posixpath.split(source)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    content = parts.get(rels_name)
    if content is None:
        return []
    out = []
    for rid, typ, target, _mode in relationships(rels_name, content):
        if target.startswith("/"):
            resolved = target[1:]
        else:
            resolved = posixpath.normpath(posixpath.join(folder, target))
        out.append((rid, typ, resolved))
    return out


def workbook_sheets(parts: Mapping[str, bytes]) -> list[tuple[str, str, str]]:
    """(name, state, part) of every sheet, in workbook order."""
    books = [t for _i, typ, t in _relationships(parts, "") if typ == _OFFICE_DOCUMENT]
    if len(books) != 1 or books[0] not in parts:
        raise PackageRejected("not_xlsx")
    book = books[0]
    targets = {rid: target for rid, _typ, target in _relationships(parts, book)}
    content = parts[book]
    listed = _sheet_list(book, content) if len(content) <= _CACHED_BYTES else _sheets(book, content)
    return [(name, state, targets.get(rid, "")) for name, state, rid in listed]


def _sheets(book: str, content: bytes) -> tuple[tuple[str, str, str], ...]:
    """(name, state, relationship id) of the workbook part's sheets, in order."""
    root = parse_xml(book, content)
    return tuple(
        (sheet.get("name", ""), sheet.get("state", "visible"), sheet.get(_RID, ""))
        for listing in root.iterchildren(_SHEETS)
        for sheet in listing.iterchildren(_SHEET)
    )


# every file of one writer has the same small workbook part: parsed once per batch worker
_sheet_list = functools.lru_cache(maxsize=32)(_sheets)
_CACHED_BYTES = 64 * 1024


# -- what a sheet shows -------------------------------------------------------------------
def _column(letters: str) -> int:
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return col


def _decoded(text: str) -> str:
    if "_x" not in text:
        return text
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _only(element: Any, tag: str, where: str) -> Any:
    """The one child of ``element``, which must be a ``tag`` element."""
    children = list(element)
    if len(children) != 1 or not is_element(children[0]) or children[0].tag != tag:
        raise PackageRejected("cell_form", ref=where)
    return children[0]


def _cell_value(cell: Any, where: str) -> CellValue | None:
    """A cell's value as a reader shows it (text, a number, None for an empty cell), after
    checking every element and attribute of it that can change what is shown."""
    if any(is_element(x) and x.tag == _F for x in cell):
        raise PackageRejected("formula", ref=where)
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        text = _only(_only(cell, _IS, where), _T, where)
        if len(text) or set(text.attrib) - {_XML_SPACE}:
            raise PackageRejected("cell_form", ref=where)
        return _decoded(text.text or "")
    if kind != "n":
        raise PackageRejected("cell_form", ref=where)
    if len(cell) == 0:
        return None
    value = _only(cell, _V, where)
    raw = value.text or ""
    if len(value) or not _NUMBER.fullmatch(raw):
        raise PackageRejected("cell_form", ref=where)
    return float(raw)  # what every reader shows; openpyxl writes "%.16g" of the value


def _position(ref: str, label: str, rows: int, cols: int) -> tuple[int, int]:
    m = _A1.fullmatch(ref)
    if m is None:
        raise PackageRejected("cell_position", ref=f"{label}!{shown(ref)}")
    row, col = int(m.group(2)), _column(m.group(1))
    if row > rows or col > cols:
        raise PackageRejected("cell_position", ref=f"{label}!{ref}")
    return row, col


def _checked_cells(label: str, sheet_data: Any, rows: int, cols: int) -> Cells:
    """Every cell, each element and attribute checked one by one: names the first problem."""
    cells: Cells = {}
    for row in sheet_data:
        if not is_element(row) or row.tag != _ROW:
            raise PackageRejected("cell_form", ref=label)
        for cell in row:
            if not is_element(cell) or cell.tag != _C:
                raise PackageRejected("cell_form", ref=label)
            ref = cell.get("r", "")
            where = _position(ref, label, rows, cols)
            value = _cell_value(cell, f"{label}!{ref}")
            if where in cells:
                raise PackageRejected("cell_form", ref=f"{label}!{ref}")
            if value is not None and value != "":
                cells[where] = value
    return cells


def _plain_shape(sheet_data: Any) -> bool:
    """Only rows of cells holding <v> or <is><t>, and no comment or instruction: counted by
    libxml2 in a few calls instead of a Python test per element (docs/benchmarks.md)."""
    every, rows, cells, values, inline, texts, others = (int(q(sheet_data)) for q in _SHAPE)
    return others == 0 and every == rows + cells + values + inline + texts


def _fast_value(cell: Any) -> tuple[bool, CellValue | None]:
    """(True, value) for a cell of the writer's own forms; (False, None) when in doubt."""
    n = len(cell)
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        if n != 1 or cell[0].tag != _IS or len(cell[0]) != 1:
            return False, None
        text = cell[0][0]  # a <t> without children: _plain_shape counted them
        if text.attrib and set(text.attrib) - {_XML_SPACE}:
            return False, None
        return True, _decoded(text.text or "")
    if kind != "n" or n > 1:
        return False, None
    if n == 0:
        return True, None
    raw = cell[0].text or ""
    if cell[0].tag != _V or not _NUMBER.fullmatch(raw):
        return False, None
    return True, float(raw)


def _fast_cells(sheet_data: Any, rows: int, cols: int) -> Cells | None:
    """What _checked_cells returns, for a sheet of the writer's shape; None when in doubt."""
    if not _plain_shape(sheet_data):
        return None
    cells: Cells = {}
    seen: set[tuple[int, int]] = set()
    for cell in sheet_data.iterfind("m:row/m:c", _NS):
        m = _A1.fullmatch(cell.get("r", ""))
        ok, value = _fast_value(cell)
        if m is None or not ok:
            return None
        where = (int(m.group(2)), _column(m.group(1)))
        if where[0] > rows or where[1] > cols or where in seen:
            return None
        seen.add(where)
        if value is not None and value != "":
            cells[where] = value
    return cells


def sheet_cells(label: str, part: str, xml: bytes, rows: int, cols: int) -> Cells:
    """Every non-empty cell of a sheet part by (row, column), each inside rows x cols."""
    sheet_data = list(parse_xml(part, xml).iterchildren(_SHEET_DATA))
    if len(sheet_data) != 1:
        raise PackageRejected("cell_form", ref=label)
    fast = _fast_cells(sheet_data[0], rows, cols)
    return fast if fast is not None else _checked_cells(label, sheet_data[0], rows, cols)


# -- the comparison -----------------------------------------------------------------------
def _same(want: Any, got: CellValue | None) -> bool:
    if want is None or want == "":
        return got is None
    if isinstance(want, str):
        return isinstance(got, str) and got == (want if want.isprintable() else visible_text(want))
    # an int or a Decimal of the payload, shown as the nearest double (as calamine and Excel)
    return isinstance(got, float) and got == float(want)


def compare_sheet(sheet: SheetLayout, cells: Cells) -> None:
    """Every cell as the layout says (UNKNOWN ones skipped), and no other non-empty cell."""
    for r, row in enumerate(sheet.rows, 1):
        for c, spec in enumerate(row, 1):
            got = cells.pop((r, c), None)
            if spec.value is not UNKNOWN and not _same(spec.value, got):
                raise PackageRejected("visible_cell", ref=f"{sheet.name}!{column_letter(c)}{r}")
    if cells:
        r, c = min(cells)
        raise PackageRejected("visible_cell", ref=f"{sheet.name}!{column_letter(c)}{r}")


def check_sheets(parts: Mapping[str, bytes], layout: tuple[SheetLayout, ...]) -> None:
    """The three sheets, visible and in order, each showing exactly its layout."""
    sheets = workbook_sheets(parts)
    names = tuple(name for name, _state, _part in sheets)
    if names != SHEET_NAMES:
        raise PackageRejected("sheets", names=shown("、".join(names)))
    for name, state, _part in sheets:
        if state != "visible":
            raise PackageRejected("hidden_sheet", sheet=name)
    where = {name: part for name, _state, part in sheets}
    for sheet in layout:
        part = where[sheet.name]
        if part not in parts:
            raise PackageRejected("not_xlsx")
        cols = max((len(r) for r in sheet.rows), default=0)
        compare_sheet(sheet, sheet_cells(sheet.name, part, parts[part], len(sheet.rows), cols))
