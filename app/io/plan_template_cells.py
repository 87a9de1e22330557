"""A template workbook's cells, read from its XML with a real parser, and what they mean.

``read_grids`` follows the workbook's own references (workbook → relationships → sheet parts,
shared strings) through ``defusedxml``; it refuses a sheet the template does not have, any
formula, error value or cell beyond ``MAX_ROWS`` × ``MAX_COLUMNS``, and a shared-text index
past the table. Values come out as the file holds them: text (OOXML ``_xHHHH_`` escapes
decoded), ``Decimal`` for numbers (exactly the digits stored), ``bool``. ``cell_value`` turns
one into the plan file's value for its column, or leaves the text for the check to name.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import ElementTree

from app.domain.messages import Refusal
from app.io.plan_template import ALL_MEMBERS, COMPARATOR_WORDS, KIND_WORDS, NO, ROLE_WORDS, YES
from app.io.submission_layout import column_letter

MAX_ROWS = 5000
MAX_COLUMNS = 30
MAX_CELL_CHARS = 32767
Grid = dict[tuple[int, int], Any]  # (row, column), 1-based -> str | Decimal | bool

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _xml(parts: Mapping[str, bytes], name: str) -> Element:
    try:
        root: Element = ElementTree.fromstring(parts[name])
    except Exception as exc:  # defusedxml refusals and ParseError: the part is no sound XML
        raise Refusal("plan_xlsx_damaged", part=name) from exc
    return root


def _sheet_parts(parts: Mapping[str, bytes]) -> tuple[list[tuple[str, str]], bool]:
    """(sheet name, part name) in workbook order, and whether dates count from 1904."""
    book = _xml(parts, "xl/workbook.xml")
    rels_name = "xl/_rels/workbook.xml.rels"
    targets = {}
    if rels_name in parts:
        for rel in _xml(parts, rels_name).iter(f"{_PKG_REL}Relationship"):
            target = rel.get("Target", "")
            path = target[1:] if target.startswith("/") else posixpath.normpath("xl/" + target)
            targets[rel.get("Id", "")] = path
    sheets = []
    for sheet in book.iter(f"{_MAIN}sheet"):
        part = targets.get(sheet.get(f"{_REL}id", ""), "")
        if part not in parts:
            raise Refusal("plan_xlsx_damaged", part=part or "xl/workbook.xml")
        sheets.append((sheet.get("name", ""), part))
    pr = book.find(f"{_MAIN}workbookPr")
    date1904 = pr is not None and pr.get("date1904", "").lower() in ("1", "true")
    return sheets, date1904


def _text(node: Element) -> str:
    """A string item's text: its <t>, or its runs' <t> (phonetic guides left out)."""
    direct = node.find(f"{_MAIN}t")
    if direct is not None:
        raw = direct.text or ""
    else:
        raw = "".join(
            t.text or "" for r in node.findall(f"{_MAIN}r") for t in r.findall(f"{_MAIN}t")
        )
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), raw)


def _shared(parts: Mapping[str, bytes]) -> list[str]:
    name = next((n for n in parts if n.lower() == "xl/sharedstrings.xml"), None)
    if name is None:
        return []
    return [_text(si) for si in _xml(parts, name).iter(f"{_MAIN}si")]


def read_grids(parts: Mapping[str, bytes], allowed: Sequence[str]) -> dict[str, Grid]:
    """Every sheet's cells; Refusal for a sheet not in ``allowed`` or a forbidden cell."""
    sheets, date1904 = _sheet_parts(parts)
    shared = _shared(parts)
    grids: dict[str, Grid] = {}
    for name, part in sheets:
        if name not in allowed:
            raise Refusal("plan_template_sheet_extra", sheet=name, sheets="、".join(allowed))
        grids[name] = _grid(name, _xml(parts, part), shared, date1904)
    return grids


def _grid(sheet: str, root: Element, shared: list[str], date1904: bool) -> Grid:
    grid: Grid = {}
    row_no = 0
    for row in root.iter(f"{_MAIN}row"):
        row_no = _number(row.get("r"), row_no + 1)
        col_no = 0
        for cell in row.findall(f"{_MAIN}c"):
            r, col_no = _position(cell.get("r"), row_no, col_no + 1)
            if r > MAX_ROWS or col_no > MAX_COLUMNS:
                ref = f"{column_letter(col_no)}{r}"
                raise Refusal(
                    "plan_template_too_big",
                    sheet=sheet,
                    cell=ref,
                    rows=MAX_ROWS,
                    columns=MAX_COLUMNS,
                )
            value = _value(sheet, r, col_no, cell, shared)
            if value is not None:
                grid[(r, col_no)] = value
    if date1904:  # serial day numbers of a 1904 workbook: shift to the 1900 system's count
        grid = {k: v + 1462 if isinstance(v, Decimal) else v for k, v in grid.items()}
    return grid


def _number(text: str | None, default: int) -> int:
    return int(text) if text is not None and text.isdigit() and len(text) <= 7 else default


def _position(ref: str | None, row: int, col: int) -> tuple[int, int]:
    if ref is None:
        return row, col
    m = _REF.fullmatch(ref)
    if m is None:
        raise Refusal("plan_xlsx_damaged", part=f"cell {ref[:20]}")
    number = 0
    for ch in m.group(1):
        number = number * 26 + ord(ch) - 64
    return int(m.group(2)), number


def _value(sheet: str, row: int, col: int, cell: Element, shared: list[str]) -> Any:
    where = {"sheet": sheet, "row": row, "column": column_letter(col)}
    if cell.find(f"{_MAIN}f") is not None:
        raise Refusal("plan_template_formula", **where)
    kind = cell.get("t", "n")
    v = cell.find(f"{_MAIN}v")
    raw = None if v is None else (v.text or "")
    if kind == "inlineStr":
        node = cell.find(f"{_MAIN}is")
        return None if node is None else _checked(_text(node), where)
    if raw is None:
        return None
    if kind == "s":
        if not raw.isdigit() or int(raw) >= len(shared):
            raise Refusal("plan_template_cell", **where, detail="shared string")
        return _checked(shared[int(raw)], where)
    if kind in ("str", "d"):
        return _checked(_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), raw), where)
    if kind == "b":
        return raw.strip() in ("1", "true")
    if kind == "n":
        try:
            number = Decimal(raw.strip())
        except InvalidOperation as exc:
            raise Refusal("plan_template_cell", **where, detail=raw[:40]) from exc
        if not number.is_finite() or len(raw) > 40:
            raise Refusal("plan_template_cell", **where, detail=raw[:40])
        return number
    raise Refusal("plan_template_cell", **where, detail=f"{kind} {raw[:20]}")


def _checked(text: str, where: Mapping[str, Any]) -> str:
    if len(text) > MAX_CELL_CHARS:
        raise Refusal("plan_template_cell", **where, detail=f"> {MAX_CELL_CHARS}")
    return text


# -- what a cell means in its column ---------------------------------------------------------
_ROLES = {**{v: k for k, v in ROLE_WORDS.items()}, **{k: k for k in ROLE_WORDS}}
_COMPARATORS = {
    **{v: k for k, v in COMPARATOR_WORDS.items()},
    **{k: k for k in COMPARATOR_WORDS},
    "≧": ">=",
    "≦": "<=",
    "＝": "=",
}
_KINDS = {**{v: k for k, v in KIND_WORDS.items()}, **{k: k for k in KIND_WORDS}}
_BOOLS = {YES: True, NO: False, "true": True, "false": False, "1": True, "0": False}
_MAPPINGS: dict[str, Mapping[str, Any]] = {
    "role": _ROLES,
    "comparator": _COMPARATORS,
    "kind": _KINDS,
    "bool": _BOOLS,
}
_SPLIT = re.compile(r"[、,，;；]")
_EPOCH = date(1899, 12, 30)


def _number_of(value: Any) -> Any:
    if isinstance(value, str):
        try:
            value = Decimal(value.strip())
        except InvalidOperation:
            return value
    if isinstance(value, Decimal) and value.is_finite():
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _words(value: Any) -> list[str]:
    if value is None:
        return []
    text = str(value)
    items = text.split("\n") if "\n" in text else _SPLIT.split(text)
    return [x.strip() for x in items if x.strip()]


def cell_value(kind: str, value: Any) -> Any:
    """The plan file's value of a cell in a column of ``kind`` (the text if it is none)."""
    if isinstance(value, str):
        value = value.strip() if kind != "text" else value
    if kind in ("int", "number"):
        return _number_of(value)
    if kind in ("date", "optional_date"):
        if isinstance(value, Decimal) and value == value.to_integral_value() and 0 < value < 200000:
            return (_EPOCH + timedelta(days=int(value))).isoformat()
        return None if value in (None, "") else str(value)
    mapping = _MAPPINGS.get(kind)
    if mapping is not None:
        if value in (None, ""):
            return True if kind == "bool" else None
        return mapping.get(str(value).lower() if kind == "bool" else str(value), value)
    if kind == "list":
        return _words(value)
    if kind == "members":
        return "all" if value in (ALL_MEMBERS, "all") else _words(value)
    if kind == "optional":
        return None if value in (None, "") else str(value)
    return "" if value is None else str(value) if not isinstance(value, Decimal) else _plain(value)


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
