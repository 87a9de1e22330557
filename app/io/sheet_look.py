"""What a workbook shows beyond its cells' values, held to what the writer writes
(app.io.printable_book), so that even its signer cannot make it show something else.

The cells are compared with the signed payload (app.io.submission_cells); the signature stops
anyone else from touching the rest. The signer could still make a reader or a printout see
something the payload does not say through the settings around the cells: a number format
that prints "100" for 50, or ";;;" that hides a value; a conditional format doing the same; a
hidden, zero-height or zero-width row or column; a merge over a value; words of its own in a
header or footer; a print area that leaves rows out; zeros shown as blanks; white, tiny or
theme-recoloured text. The writer uses none of these, so each part is held to an allow-list of
what it writes, parsed (app.io.package_xml), never searched:

- a worksheet holds only the elements the writer writes, in no other form: no hidden row or
  column, no zero height, columns as wide as the layout says, exactly the layout's merges,
  zeros shown, no header, and the footer the kind's writer writes;
- the styles hold no number format but General, no differential (conditional) format, no
  alignment but the writer's (an indent can push text out of view), no text lighter than mid
  grey, coloured from the palette or under 6 pt, and no fill darker than light grey;
- the theme is the one openpyxl writes (its colours name the text's);
- the workbook defines no names but the repeated header rows (``_xlnm.Print_Titles``).

Row heights may be taller than the text needs (a reader's own widening is harmless) but no
row is hidden or under one line of text. The styles, the theme and the workbook part are the
same in every file of one writer: each distinct one is checked once per process.
"""

from __future__ import annotations

import functools
import hashlib
from typing import Any

from app.io.package_errors import PackageRejected, shown
from app.io.package_xml import NS_MAIN, is_element, parse_xml
from app.io.submission_layout import SheetLayout, column_letter

_MAIN = f"{{{NS_MAIN}}}"
_SHEET_CHILDREN = frozenset(
    _MAIN + name
    for name in (
        "sheetPr",
        "dimension",
        "sheetViews",
        "sheetFormatPr",
        "cols",
        "sheetData",
        "sheetProtection",
        "mergeCells",
        "printOptions",
        "pageMargins",
        "pageSetup",
        "headerFooter",
    )
)
_TRUE = ("1", "true")
MIN_ROW_PT = 12.0  # one line of 9-11 pt text; the writer's rows are 18 pt and more
_FOOTER_RIGHT = "&R第 &P 页，共 &N 页"
_EMPTY_HEADERS = ("oddHeader", "evenHeader", "firstHeader", "evenFooter", "firstFooter")
# The theme part openpyxl writes, the only one the writer writes (its colours are the text's):
# tests/io/test_sheet_look.py checks that the installed openpyxl still writes one of these.
THEME_SHA256 = frozenset({"72c3a81ac11d6a01d5b8d55cf05a86fd28e2f77b5c53080246f00fcd8cb09620"})
_STYLE_CHILDREN = frozenset(
    _MAIN + name
    for name in (
        "numFmts",
        "fonts",
        "fills",
        "borders",
        "cellStyleXfs",
        "cellXfs",
        "cellStyles",
        "dxfs",
        "tableStyles",
        "colors",
    )
)  # colors: openpyxl's default palette, harmless: no font or fill may name an indexed colour
_MUST_BE_EMPTY = frozenset(_MAIN + name for name in ("numFmts", "dxfs", "tableStyles"))
MIN_FONT_PT = 6.0
DARK_TEXT = 128.0  # text no lighter than mid grey (the writer's: black, 595959, C00000)...
LIGHT_FILL = 192.0  # ...on fills no darker than light grey (the writer's: F2F2F2, DDE5F0)
_ALIGNMENT = frozenset({"horizontal", "vertical", "wrapText"})


def _refuse(sheet: str, what: str) -> PackageRejected:
    return PackageRejected("sheet_look", sheet=sheet, what=shown(what))


def _local(node: Any) -> str:
    """An element's name without its namespace, for the refusal ("<!-- -->" for the rest)."""
    return str(node.tag).rpartition("}")[2] if is_element(node) else "<!-- -->"


def check_sheet_look(root: Any, sheet: SheetLayout, footer: str | None) -> None:
    """``root``: a sheet part's worksheet element, whose cells the caller has compared."""
    name, merged = sheet.name, False
    for child in root:
        if not is_element(child) or child.tag not in _SHEET_CHILDREN:
            raise _refuse(name, _local(child))
        local = child.tag[len(_MAIN) :]
        if local == "sheetFormatPr" and child.get("zeroHeight") in _TRUE:
            raise _refuse(name, "zeroHeight")
        elif local == "sheetViews":
            _views(child, name)
        elif local == "cols":
            _columns(child, sheet)
        elif local == "sheetData":
            _rows(child, name)
        elif local == "mergeCells":
            _merges(child, sheet)
            merged = True
        elif local == "headerFooter":
            _header_footer(child, name, footer)
    if sheet.merges and not merged:
        raise _refuse(name, "mergeCells")


def _views(views: Any, name: str) -> None:
    for view in views:
        if view.get("showZeros") not in (None, *_TRUE):
            raise _refuse(name, "showZeros")


def _columns(cols: Any, sheet: SheetLayout) -> None:
    """Every column as wide as the layout says, none hidden."""
    for col in cols:
        if col.tag != _MAIN + "col" or col.get("hidden") in _TRUE:
            raise _refuse(sheet.name, "cols")
        try:
            first, last, width = int(col.get("min", "")), int(col.get("max", "")), col.get("width")
        except ValueError:
            raise _refuse(sheet.name, "cols") from None
        if not 1 <= first <= last <= len(sheet.widths):
            raise _refuse(sheet.name, "cols")
        for c in range(first, last + 1):
            if width is None or _number(width) != sheet.widths[c - 1]:
                raise _refuse(sheet.name, f"{column_letter(c)}:{column_letter(c)}")


def _rows(sheet_data: Any, name: str) -> None:
    """No row hidden or lower than a line of text (the cells themselves are checked)."""
    for row in sheet_data:
        if row.get("hidden") in _TRUE:
            raise _refuse(name, f"row {row.get('r')}")
        height = row.get("ht")
        if height is not None and not _number(height) >= MIN_ROW_PT:
            raise _refuse(name, f"row {row.get('r')}")


def _merges(merges: Any, sheet: SheetLayout) -> None:
    want = {f"{column_letter(c1)}{r1}:{column_letter(c2)}{r2}" for r1, c1, r2, c2 in sheet.merges}
    got = [m.get("ref") for m in merges]
    if any(m.tag != _MAIN + "mergeCell" for m in merges) or sorted(got) != sorted(want):
        raise _refuse(sheet.name, "mergeCells")


def _header_footer(hf: Any, name: str, footer: str | None) -> None:
    """No header; the footer the kind's writer writes (its words, then the page numbers)."""
    if hf.attrib:
        raise _refuse(name, "headerFooter")
    for part in hf:
        local = part.tag[len(_MAIN) :] if is_element(part) else ""
        text = part.text or ""
        if local in _EMPTY_HEADERS:
            if text or len(part):
                raise _refuse(name, local)
        elif local != "oddFooter" or len(part):
            raise _refuse(name, local or "<!-- -->")
        elif footer is not None and text != f"&L{footer}{_FOOTER_RIGHT}":
            raise _refuse(name, "oddFooter")


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return float("nan")


# -- the parts every sheet shares -------------------------------------------------------------
def check_styles(part: str, content: bytes) -> None:
    """The styles part: no number format but General, no conditional format, no font that
    cannot be read. Every file of one writer has the same small one:
    checked once per process."""
    if len(content) > _CACHED_BYTES:
        _styles(part, content)
    else:
        _cached_styles(part, content)


def _styles(part: str, content: bytes) -> None:
    root = parse_xml(part, content)
    for child in root:
        if not is_element(child) or child.tag not in _STYLE_CHILDREN:
            raise PackageRejected("style_look", what=shown(_local(child)))
        if child.tag in _MUST_BE_EMPTY and len(child):
            raise PackageRejected("style_look", what=child.tag[len(_MAIN) :])
    for xf in root.iter(_MAIN + "xf"):
        if xf.get("numFmtId", "0") != "0":
            raise PackageRejected("style_look", what=f"numFmtId {shown(xf.get('numFmtId', ''))}")
        for alignment in xf.iterchildren(_MAIN + "alignment"):
            if not set(alignment.keys()) <= _ALIGNMENT:  # an indent can push text out of view
                raise PackageRejected("style_look", what="alignment")
    for font in root.iter(_MAIN + "font"):
        _font(font)
    for fill in root.iter(_MAIN + "fill"):
        _fill(fill)


_cached_styles = functools.lru_cache(maxsize=16)(_styles)
_CACHED_BYTES = 64 * 1024


def _font(font: Any) -> None:
    for prop in font:
        local = prop.tag[len(_MAIN) :] if is_element(prop) else ""
        if local == "sz" and not _number(prop.get("val", "")) >= MIN_FONT_PT:
            raise PackageRejected("style_look", what="sz")
        if local == "color" and not _readable(prop):
            raise PackageRejected("style_look", what="color")
        if local == "vanish":  # hidden text
            raise PackageRejected("style_look", what="vanish")


def _fill(fill: Any) -> None:
    """No fill, the grey pattern every workbook has, or a light solid fill: dark text on it
    stays readable."""
    kids = list(fill)
    if len(kids) != 1 or kids[0].tag != _MAIN + "patternFill":
        raise PackageRejected("style_look", what="fill")
    pattern = kids[0]
    kind = pattern.get("patternType")
    if kind in (None, "none", "gray125") and not len(pattern):
        return
    colors = {c.tag[len(_MAIN) :]: c for c in pattern if is_element(c)}
    if kind != "solid" or set(colors) - {"fgColor", "bgColor"} or "fgColor" not in colors:
        raise PackageRejected("style_look", what="fill")
    if not _luminance(colors["fgColor"]) >= LIGHT_FILL:
        raise PackageRejected("style_look", what="fill")


def _readable(color: Any) -> bool:
    """Text in this colour can be read on white paper and on the light fills: the theme's
    dark text (theme 1, as the theme openpyxl writes it) or a dark RGB colour."""
    if set(color.keys()) == {"theme"}:
        return bool(color.get("theme") == "1")
    return _luminance(color) <= DARK_TEXT


def _luminance(color: Any) -> float:
    """0-255 for an ``rgb`` colour ("AARRGGBB") and nothing else; NaN otherwise (indexed: a
    palette of the file's own; theme, tint, auto)."""
    rgb = color.get("rgb", "")
    if set(color.keys()) != {"rgb"} or len(rgb) != 8:
        return float("nan")
    try:
        r, g, b = (int(rgb[i : i + 2], 16) for i in (2, 4, 6))
    except ValueError:
        return float("nan")
    return 0.299 * r + 0.587 * g + 0.114 * b


def check_theme(part: str, content: bytes) -> None:
    if hashlib.sha256(content).hexdigest() not in THEME_SHA256:
        raise PackageRejected("style_look", what=shown(part))


def check_defined_names(book: Any) -> None:
    """The workbook part defines no name but the repeated header rows (a print area would
    leave rows out of the printout)."""
    for names in book.iterchildren(_MAIN + "definedNames"):
        for defined in names:
            if not is_element(defined) or defined.get("name") != "_xlnm.Print_Titles":
                what = defined.get("name", "") if is_element(defined) else "<!-- -->"
                raise PackageRejected("book_look", what=shown(what))
