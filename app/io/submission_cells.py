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

import enum
import functools
import posixpath
import re
from collections.abc import Mapping
from typing import Any, Final

from app.io.package_errors import PackageRejected, shown
from app.io.package_xml import NS_MAIN, NS_REL, parse_xml, qname, relationships
from app.io.sheet_look import check_defined_names, check_sheet_look, check_styles, check_theme
from app.io.submission_layout import UNKNOWN, SheetLayout, column_letter
from app.io.xlsx_text import visible_text

CellValue = str | float  # a number as a spreadsheet holds it: a double
Cells = dict[str, CellValue]  # by position "F3" (checked: no leading zero, upper case)
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
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
_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
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
    book = _book(parts)
    return _listed_sheets(parts, book, _relationships(parts, book))


def _listed_sheets(
    parts: Mapping[str, bytes], book: str, rels: list[tuple[str, str, str]]
) -> list[tuple[str, str, str]]:
    targets = {rid: target for rid, _typ, target in rels}
    content = parts[book]
    listed = _sheet_list(book, content) if len(content) <= _CACHED_BYTES else _sheets(book, content)
    return [(name, state, targets.get(rid, "")) for name, state, rid in listed]


def _book(parts: Mapping[str, bytes]) -> str:
    books = [t for _i, typ, t in _relationships(parts, "") if typ == _OFFICE_DOCUMENT]
    if len(books) != 1 or books[0] not in parts:
        raise PackageRejected("not_xlsx")
    return books[0]


def _book_look(parts: Mapping[str, bytes], rels: list[tuple[str, str, str]]) -> None:
    """The workbook's styles and theme as the writer writes them (app.io.sheet_look);
    ``rels``: the workbook part's relationships."""
    for _rid, typ, target in rels:
        content = parts.get(target)
        if typ == _STYLES and content is not None:
            check_styles(target, content)
        elif typ == _THEME and content is not None:
            check_theme(target, content)


def _sheets(book: str, content: bytes) -> tuple[tuple[str, str, str], ...]:
    """(name, state, relationship id) of the workbook part's sheets, in order; the workbook
    defines no name but the repeated header rows (app.io.sheet_look)."""
    root = parse_xml(book, content)
    check_defined_names(root)
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


class _Form(enum.Enum):
    NOT_WRITTEN = "a cell in none of the forms the writer writes"


_NOT_WRITTEN: Final = _Form.NOT_WRITTEN


def _written_value(cell: Any, kind: str | None) -> CellValue | _Form | None:
    """A cell's value as a reader shows it (text, a number, None for an empty cell) when it
    is in one of the forms the writer writes, checking every element and attribute of it that
    can change what is shown: one <v> with a number (type n), or <is><t> with text and
    nothing else (type inlineStr), or nothing; else _NOT_WRITTEN."""
    n = len(cell)
    if n == 0:
        return None if kind is None or kind == "n" else _NOT_WRITTEN
    value: CellValue | None = None
    if n == 1:
        if kind == "inlineStr":
            value = _inline_text(cell[0])
        elif kind is None or kind == "n":
            value = _number(cell[0])
    return _NOT_WRITTEN if value is None else value


def _inline_text(child: Any) -> str | None:
    """The text of ``<is><t>text</t></is>`` (no other element or attribute but xml:space)."""
    if child.tag != _IS or len(child) != 1:
        return None
    t = child[0]
    if t.tag != _T or len(t):
        return None
    keys = t.keys()
    if keys and keys != [_XML_SPACE]:
        return None
    return _decoded(t.text or "")


def _number(child: Any) -> float | None:
    """The number of ``<v>number</v>``: the double every reader shows (openpyxl writes
    "%.16g")."""
    if child.tag != _V or len(child):
        return None
    raw = child.text or ""
    return float(raw) if _NUMBER.fullmatch(raw) else None


def _cell_value(cell: Any, kind: str | None, label: str, ref: str) -> CellValue | None:
    """``_written_value``, or the refusal that names the cell: a formula, or another form."""
    value = _written_value(cell, kind)
    if value is not _NOT_WRITTEN:
        return value
    if any(x.tag == _F for x in cell):
        raise PackageRejected("formula", ref=f"{label}!{ref}")
    raise PackageRejected("cell_form", ref=f"{label}!{ref}")


def _position(ref: str, label: str, rows: int, cols: int) -> tuple[int, int]:
    m = _A1.fullmatch(ref)
    if m is None:
        raise PackageRejected("cell_position", ref=f"{label}!{shown(ref)}")
    row, col = int(m.group(2)), _column(m.group(1))
    if row > rows or col > cols:
        raise PackageRejected("cell_position", ref=f"{label}!{ref}")
    return row, col


_REFS: dict[str, tuple[int, int]] = {}  # "F3" -> (3, 6), for well-formed positions only
_NOT_A_POSITION = (2**31, 2**31)  # beyond every layout: refused by the bounds check


def _parsed_ref(ref: str) -> tuple[int, int]:
    m = _A1.fullmatch(ref)
    if m is None:
        return _NOT_A_POSITION
    at = (int(m.group(2)), _column(m.group(1)))
    if len(_REFS) < 100_000:  # a hostile file's positions must not grow it without bound
        _REFS[ref] = at
    return at


def _cells(label: str, sheet_data: Any, rows: int, cols: int) -> Cells:
    """Every non-empty cell by its position, each element and attribute checked (nothing but
    rows of cells; no comment or instruction either). Positions are bounded by the layout
    before anything is kept."""
    cells: Cells = {}
    seen: set[str] = set()
    known = _REFS  # every file of the writer names the same few hundred positions
    for row in sheet_data:
        if row.tag != _ROW:  # a comment's or instruction's tag is not a string
            raise PackageRejected("cell_form", ref=label)
        for cell in row:
            if cell.tag != _C:
                raise PackageRejected("cell_form", ref=label)
            ref = cell.get("r", "")
            at = known.get(ref)
            if at is None:
                at = _parsed_ref(ref)
            if at[0] > rows or at[1] > cols or ref in seen:
                _position(ref, label, rows, cols)  # names the position's problem
                raise PackageRejected("cell_form", ref=f"{label}!{ref}")  # seen before
            seen.add(ref)
            value = _cell_value(cell, cell.get("t"), label, ref)
            if value is not None and value != "":
                cells[ref] = value
    return cells


def _sheet_data(label: str, part: str, xml: bytes) -> Any:
    """The one ``sheetData`` element of a sheet part."""
    sheet_data = list(parse_xml(part, xml).iterchildren(_SHEET_DATA))
    if len(sheet_data) != 1:
        raise PackageRejected("cell_form", ref=label)
    return sheet_data[0]


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
    for ref, want in _grid(sheet):
        got = cells.pop(ref, None)
        if want is not UNKNOWN and not _same(want, got):
            raise PackageRejected("visible_cell", ref=f"{sheet.name}!{ref}")
    if cells:
        first = min(cells, key=lambda ref: _position(ref, sheet.name, 10**7, 10**5))
        raise PackageRejected("visible_cell", ref=f"{sheet.name}!{first}")


def _grid(sheet: SheetLayout) -> list[tuple[str, Any]]:
    """(position, value) of every cell of the layout, row by row: the writer's order."""
    width = max((len(r) for r in sheet.rows), default=0)
    letters = [column_letter(c) for c in range(1, width + 1)]
    return [
        (letters[c] + str(r), spec.value)
        for r, row in enumerate(sheet.rows, 1)
        for c, spec in enumerate(row)
    ]


def _nothing(want: Any) -> bool:
    """The layout means an empty cell here (or cannot say: UNKNOWN)."""
    return want is UNKNOWN or want is None or want == ""


def shows_layout(sheet_data: Any, sheet: SheetLayout) -> bool:
    """True when the sheet holds its layout in the writer's own arrangement: rows in order,
    along each row its cells in order, every one at a layout position, in a form
    ``_written_value`` accepts and showing what the layout says there, and every position
    without a cell meant empty. Each of these implies what the general check (``_cells`` then
    ``compare_sheet``) asks, so True accepts the sheet. False decides nothing: the general
    check then judges the sheet and names what is wrong. One pass, without parsing positions
    or collecting cells, is the cheaper of the two (docs/benchmarks.md, fifth pass)."""
    grid = _grid(sheet)
    i, end = 0, len(grid)
    for row in sheet_data:
        if row.tag != _ROW:
            return False
        for cell in row:
            if cell.tag != _C:
                return False
            ref = cell.get("r")
            while True:  # the next layout position with a cell; those skipped must be empty
                if i == end:
                    return False  # not a layout position, or not in the writer's order
                at, want = grid[i]
                i += 1
                if at == ref:
                    break
                if not _nothing(want):
                    return False
            got = _written_value(cell, cell.get("t"))
            if got is _NOT_WRITTEN:
                return False
            if got is None or got == "":
                if not _nothing(want):
                    return False
            elif want is not UNKNOWN and not _same(want, got):
                return False
    return all(_nothing(want) for _at, want in grid[i:])


def _only_listed_sheets(parts: Mapping[str, bytes], listed: set[str]) -> None:
    """No worksheet part that the workbook does not list: nothing would show it, and what
    nothing shows has no business in a signed file (app.io.package_parts)."""
    for name in parts:
        if name.startswith(_WORKSHEETS) and name not in listed:
            raise PackageRejected("unknown_part", name=shown(name))


_WORKSHEETS = "xl/worksheets/"


def check_sheets(
    parts: Mapping[str, bytes], layout: tuple[SheetLayout, ...], footer: str | None = None
) -> None:
    """The layout's sheets (a submission's three or four, a plan package's, a feedback
    file's), visible and in order, each showing exactly its layout, and nothing else around
    the cells (app.io.sheet_look; ``footer``: the words the kind's writer puts there)."""
    book = _book(parts)
    rels = _relationships(parts, book)
    sheets = _listed_sheets(parts, book, rels)
    names = tuple(name for name, _state, _part in sheets)
    if names != tuple(sheet.name for sheet in layout):
        raise PackageRejected("sheets", names=shown("、".join(names)))
    for name, state, _part in sheets:
        if state != "visible":
            raise PackageRejected("hidden_sheet", sheet=name)
    where = {name: part for name, _state, part in sheets}
    _only_listed_sheets(parts, set(where.values()))
    for sheet in layout:
        part = where[sheet.name]
        if part not in parts:
            raise PackageRejected("not_xlsx")
        sheet_data = _sheet_data(sheet.name, part, parts[part])
        if not shows_layout(sheet_data, sheet):
            cols = max((len(r) for r in sheet.rows), default=0)
            compare_sheet(sheet, _cells(sheet.name, sheet_data, len(sheet.rows), cols))
        check_sheet_look(sheet_data.getparent(), sheet, footer)
    _book_look(parts, rels)
