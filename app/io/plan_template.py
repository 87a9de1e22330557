"""The plan template workbook: its layout (one sheet per table) and the writer.

A plan travels to and from Excel as nine sheets, one per table of the plan file, headers in
Chinese in row 1, one entry per row (docs/design.md §1.5). ``write_plan_template`` writes a
plan-file JSON (even a draft that does not validate yet: a value of the wrong type is written
as the text it is); ``app.io.plan_template_read`` reads the workbook back to the same JSON.
Text goes through ``app.io.xlsx_text`` (never a formula); numbers are exact decimals; dates
are ISO text (2017-03-31), so no spreadsheet date system can shift them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from app.io.xlsx_text import set_number, set_text

ALL_MEMBERS = "全部填报单位"  # a group's members: "all" reporting units
YES, NO = "是", "否"
ROLE_WORDS = {"lead": "牵头", "responsible": "负责", "support": "配合"}
COMPARATOR_WORDS = {">=": "≥", "<=": "≤", "=": "=", "range": "区间"}
KIND_WORDS = {"quarter": "季度", "annual": "年度"}


@dataclass(frozen=True)
class Column:
    header: str
    key: str  # the field of the plan file (or "task": the task number a row belongs to)
    kind: str  # text, int, number, date, bool, list, members, role, comparator, kind, optional
    width: int = 14


@dataclass(frozen=True)
class SheetLayout:
    name: str
    table: str  # the plan file's list (or "plan" for the header)
    columns: tuple[Column, ...]
    landscape: bool = False


def _c(header: str, key: str, kind: str = "text", width: int = 14) -> Column:
    return Column(header, key, kind, width)


PLAN_FIELDS = (
    ("方案代码", "code", "text"),
    ("方案名称", "title", "text"),
    ("年度", "year", "int"),
    ("发文单位", "issuer", "text"),
    ("发布日期", "published", "optional_date"),
    ("来源", "source", "text"),
)
QUANTITY = (
    _c("比较方式", "comparator", "comparator", 10),
    _c("目标值", "value", "number", 12),
    _c("上限", "value_max", "number", 10),
    _c("计量单位", "unit", "text", 12),
)
SHEETS: tuple[SheetLayout, ...] = (
    SheetLayout("方案", "plan", (_c("项目", "field", width=14), _c("内容", "value", width=80))),
    SheetLayout(
        "板块", "sections", (_c("部分编号", "no", "int", 10), _c("板块名称", "title", width=60))
    ),
    SheetLayout(
        "单位",
        "units",
        (
            _c("单位代码", "id", width=12),
            _c("全称", "name", width=36),
            _c("简称", "short_name", width=22),
            _c("别名（每行一个）", "aliases", "list", 30),
            _c("是否填报", "reports", "bool", 10),
        ),
    ),
    SheetLayout(
        "单位组",
        "groups",
        (
            _c("单位组名称", "name", width=24),
            _c("说明", "description", width=48),
            _c("成员（单位代码，每行一个；或“全部填报单位”）", "members", "members", 40),
        ),
    ),
    SheetLayout(
        "任务",
        "tasks",
        (
            _c("任务编号", "no", "int", 10),
            _c("所属部分", "section", "int", 10),
            _c("标题", "title", width=28),
            _c("任务内容", "text", width=90),
        ),
        landscape=True,
    ),
    SheetLayout(
        "任务分工",
        "units",
        (
            _c("任务编号", "task", "int", 10),
            _c("单位代码或单位组名称", "unit", width=30),
            _c("职责（牵头/负责/配合）", "role", "role", 22),
        ),
    ),
    SheetLayout(
        "目标",
        "targets",
        (_c("任务编号", "task", "int", 10), _c("目标名称", "name", width=40), *QUANTITY),
        landscape=True,
    ),
    SheetLayout(
        "工作目标指标",
        "indicators",
        (
            _c("指标编号", "no", "int", 10),
            _c("指标名称", "name", width=40),
            *QUANTITY,
            _c("负责单位（单位代码）", "owner", "optional", 20),
        ),
        landscape=True,
    ),
    SheetLayout(
        "报告期",
        "periods",
        (
            _c("报告期代码", "code", width=12),
            _c("类型（季度/年度）", "kind", "kind", 16),
            _c("名称", "title", width=24),
            _c("开始日期", "start", "date", 14),
            _c("结束日期", "end", "date", 14),
            _c("报送截止日期", "due", "date", 14),
        ),
    ),
)
SHEET_NAMES = tuple(s.name for s in SHEETS)


# -- writing --------------------------------------------------------------------------------
def _list(plan: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = plan.get(key)
    return [x for x in value if isinstance(x, Mapping)] if isinstance(value, list) else []


def _rows(layout: SheetLayout, plan: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The entries one sheet lists, each as {column key: value}."""
    if layout.table == "plan":
        found = plan.get("plan")
        head: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
        return [
            {"field": label, "value": head.get(key), "kind": kind}
            for label, key, kind in PLAN_FIELDS
        ]
    if layout.name == "任务分工":
        return [{"task": t.get("no"), **a} for t in _list(plan, "tasks") for a in _list(t, "units")]
    if layout.name == "目标":
        return [
            {"task": t.get("no"), **x} for t in _list(plan, "tasks") for x in _list(t, "targets")
        ]
    return _list(plan, layout.table)


def shown_value(kind: str, value: Any) -> str | Decimal | int | None:
    """What a cell of ``kind`` shows for a plan value (the reader turns it back)."""
    if value is None:
        return None
    words = {"role": ROLE_WORDS, "comparator": COMPARATOR_WORDS, "kind": KIND_WORDS}.get(kind)
    if words is not None:
        return words.get(str(value), str(value))
    if kind == "bool" and isinstance(value, bool):
        return YES if value else NO
    if kind == "list" and isinstance(value, list):
        return "\n".join(str(v) for v in value)
    if kind == "members" and (value == "all" or isinstance(value, list)):
        return ALL_MEMBERS if value == "all" else "\n".join(map(str, value))
    if kind in ("int", "number") and not isinstance(value, bool):
        try:
            return Decimal(str(value)) if isinstance(value, int | float | str) else str(value)
        except InvalidOperation:
            return str(value)
    return str(value)


def _write_sheet(ws: Any, layout: SheetLayout, rows: Sequence[Mapping[str, Any]]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    head_font, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")
    for col, column in enumerate(layout.columns, start=1):
        cell = ws.cell(row=1, column=col)
        set_text(cell, column.header)
        cell.font, cell.fill, cell.alignment = head_font, fill, wrap
        ws.column_dimensions[cell.column_letter].width = column.width
    for r, row in enumerate(rows, start=2):
        lines = 1
        for col, column in enumerate(layout.columns, start=1):
            cell = ws.cell(row=r, column=col)
            kind = row.get("kind", "text") if layout.table == "plan" else column.kind
            value = shown_value(str(kind), row.get(column.key))
            if isinstance(value, Decimal) and value.is_finite():
                set_number(cell, value)
            else:
                set_text(cell, None if value is None else str(value))
                lines = max(lines, _lines(str(value or ""), column.width))
            cell.alignment = wrap
        # no spreadsheet program fits wrapped rows for a file it did not lay out: say how high
        ws.row_dimensions[r].height = min(409, 16 * lines + 2)
    _page_setup(ws, layout)


def _lines(text: str, width: int) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide (a Chinese
    character is two of them)."""
    total = 0
    for part in text.split("\n"):
        size = sum(1 if ch.isascii() else 2 for ch in part)
        total += max(1, -(-size // max(width - 1, 1)))
    return total


def _page_setup(ws: Any, layout: SheetLayout) -> None:
    """Printable: A4, header row repeated, fit to the page width, grid lines printed."""
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if layout.landscape else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = True
    ws.oddFooter.center.text = "&P / &N"


def write_plan_template(plan: Mapping[str, Any], out: Path) -> Path:
    """The plan as the template workbook at ``out`` (written atomically)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for layout in SHEETS:
        _write_sheet(wb.create_sheet(layout.name), layout, _rows(layout, plan))
    out = Path(out)
    tmp = out.with_name(out.name + ".tmp")
    try:
        wb.save(tmp)
        os.replace(tmp, out)  # never a half-written template under the real name
    finally:
        tmp.unlink(missing_ok=True)
    return out
