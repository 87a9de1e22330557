"""THE way user text goes into a spreadsheet cell: always as text, never as a formula.

openpyxl stores any string that starts with "=" as a formula and "#N/A" as an error, so a clerk
who types "=1+1" or "=HYPERLINK(...)" would otherwise ship a live formula. Every writer in the
product puts text into cells through ``set_text`` (openpyxl) or ``write_text`` (xlsxwriter).

``visible_text`` is what a reader of the cell gets back (python-calamine, Excel): characters
XML cannot carry become U+FFFD, line ends become "\\n". The submission reader compares cells
with ``visible_text`` of the signed text, so writer and reader share this one definition.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from app.domain.payload import plain_decimal

MAX_CELL_CHARS = 32767  # Excel's limit for one cell

# XML 1.0 forbids these (tab, LF and CR are allowed, CR is folded below).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# OOXML reads "_x0041_" in cell text as "A"; "_x005F_" escapes the underscore itself.
# A lookahead, so that the "_" ending one such sequence can start the next.
_OOXML_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


def visible_text(value: str) -> str:
    """The text a reader sees after the round trip through the cell's XML."""
    if value.isprintable():  # no control, line-end, surrogate or non-character: as it is
        return value  # (C speed; the regular expression below cost 7% of a large report)
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return _ILLEGAL.sub("\ufffd", text)


def _stored_text(value: str) -> str:
    return _OOXML_ESCAPE.sub("_x005F_", visible_text(value))


def set_text(cell: Any, value: str | None) -> None:
    """Put ``value`` into an openpyxl cell as a text cell (data type "s"), whatever it starts
    with. Never raises for odd characters: those XML cannot hold become U+FFFD."""
    if value is None or value == "":
        cell.value = None
        return
    stored = _stored_text(str(value))
    if len(stored) <= MAX_CELL_CHARS:
        cell.value = stored
    else:  # the escapes made it longer; openpyxl would cut it, Excel counts the decoded text
        cell.value = None
        cell._value = stored
    cell.data_type = "s"  # after the value: openpyxl guesses "f" for "=..." and "e" for "#N/A"


def number_value(value: Decimal | int | None) -> Decimal | int | None:
    """The number as written: an int, or a Decimal without exponent (Excel reads "1E+3" too,
    but a plain "1000" is what other tools expect)."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    if isinstance(value, Decimal):
        text = plain_decimal(value)
        return int(text) if "." not in text else Decimal(text)
    raise TypeError(f"not a number for a cell: {type(value).__name__}")


def set_number(cell: Any, value: Decimal | int | None) -> None:
    """A numeric cell (empty for None). Floats are refused: the product keeps exact decimals."""
    cell.value = number_value(value)


# -- xlsxwriter, for large reports --------------------------------------------------------
def write_text(ws: Any, row: int, col: int, value: str | None, fmt: Any = None) -> None:
    """xlsxwriter's ``write_string`` (never a formula). xlsxwriter escapes "_xHHHH_" itself,
    but not two such runs sharing an underscore ("_x005F_x0041_" reads back as "_x005FA"):
    harmless in a report, which is why signed submissions are written with openpyxl."""
    if value is None or value == "":
        ws.write_blank(row, col, None, fmt)
        return
    ws.write_string(row, col, visible_text(str(value))[:MAX_CELL_CHARS], fmt)


def write_number(ws: Any, row: int, col: int, value: Decimal | int | None, fmt: Any = None) -> None:
    v = number_value(value)
    if v is None:
        ws.write_blank(row, col, None, fmt)
    else:
        ws.write_number(row, col, v, fmt)
