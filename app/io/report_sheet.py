"""The consolidated report's worksheet: xlsxwriter's own, with a quicker writer for the cells
the report writes.

Every cell of the report carries a format, and xlsxwriter's general cell writer builds a
list of attributes for it and escapes each one, the format's number by way of a caught
TypeError: about an eighth of a large report's time (docs/benchmarks.md, twelfth pass). A
text (shared string), number or blank cell with a format is written here as one formatted
line instead; any other cell, or a worksheet in constant_memory mode, goes to xlsxwriter's.
``tests/io/test_report_sheet.py`` asserts that every part of a report written with this class
is byte for byte the part xlsxwriter writes, so an xlsxwriter release that changes its cell
XML fails a test rather than a report.
"""

from __future__ import annotations

from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell_fast
from xlsxwriter.worksheet import CellBlankTuple, CellNumberTuple, CellStringTuple, Worksheet

_STRING, _NUMBER, _BLANK = CellStringTuple, CellNumberTuple, CellBlankTuple


class ReportWorksheet(Worksheet):  # type: ignore[misc]  # xlsxwriter ships no stubs here
    def _write_cell(self, row: int, col: int, cell: Any) -> None:
        fmt = cell.format
        kind = cell.__class__
        if (
            fmt is None
            or self.constant_memory
            or not (kind is _STRING or kind is _NUMBER or kind is _BLANK)
        ):
            super()._write_cell(row, col, cell)
            return
        # "A1" references and format numbers need no escaping.
        head = f'<c r="{xl_rowcol_to_cell_fast(row, col)}" s="{fmt._get_xf_index()}"'
        if kind is _STRING:  # the shared string's index
            self.fh.write(f'{head} t="s"><v>{cell.string}</v></c>')
        elif kind is _NUMBER:
            self.fh.write(f"{head}><v>{cell.number:.16G}</v></c>")
        else:
            self.fh.write(f"{head}/>")
