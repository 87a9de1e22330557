"""Reading a plan template workbook back to the plan-file JSON, trusting nothing in it.

The file is bounded (``MAX_XLSX_BYTES``), its zip passes ``app.io.office_zip.guard_zip`` with
a workbook's limits, and its XML is parsed by ``defusedxml`` (no DTD, no entities), never
pattern-matched. Only the template's sheets may be there; a formula anywhere is refused (no
formula is ever evaluated: cells are read as the values they hold), so is an error value or a
cell beyond ``MAX_ROWS`` × ``MAX_COLUMNS``. Reading is lenient about values: a cell that does
not hold what its column needs goes into the plan as the text it holds, and
``app.io.plan_check`` then names it; ``TemplatePlan.places`` turns that problem's JSON
pointer back into the sheet, row and column (docs/design.md §1.5).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.domain.messages import Refusal
from app.domain.plan_problems import pointer
from app.io.bounded_read import read_bounded
from app.io.office_zip import ZipRules, guard_zip
from app.io.plan_template import PLAN_FIELDS, SHEET_NAMES, SHEETS, SheetLayout
from app.io.plan_template_cells import Grid, cell_value, read_grids
from app.io.submission_layout import column_letter

log = logging.getLogger(__name__)

MAX_XLSX_BYTES = 10 * 1024 * 1024
XLSX_RULES = ZipRules(
    max_entries=200,
    max_part=20 * 1024 * 1024,
    max_total=60 * 1024 * 1024,
    max_ratio=100,
    ratio_floor=1024 * 1024,
    not_zip="plan_xlsx_not_xlsx",
    old_format="plan_xlsx_old_excel",
    entries="plan_xlsx_entries",
    damaged="plan_xlsx_damaged",
    size="plan_xlsx_size",
    dtd="plan_xlsx_dtd",
    required=("[Content_Types].xml", "xl/workbook.xml"),
)


@dataclass(frozen=True)
class CellPlace:
    sheet: str
    row: int
    column: str  # A, B, …

    def to_json(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column}


@dataclass
class TemplatePlan:
    """The plan read from a template, and where each of its fields came from."""

    plan: dict[str, Any]
    places: dict[str, CellPlace] = field(default_factory=dict)

    def place_of(self, where: str) -> CellPlace | None:
        """The cell of a JSON pointer, or of the nearest entry that holds it."""
        while where:
            if where in self.places:
                return self.places[where]
            where = where.rsplit("/", 1)[0]
        return self.places.get("")


def read_plan_template(path: Path) -> TemplatePlan:
    """The plan of a template workbook; ``Refusal`` naming sheet, row and column otherwise."""
    data = _read(Path(path))
    parts = guard_zip(data, XLSX_RULES)
    grids = read_grids(parts, SHEET_NAMES)
    for name in SHEET_NAMES:
        if name not in grids:
            raise Refusal("plan_template_sheet_missing", sheet=name, sheets="、".join(SHEET_NAMES))
    out = TemplatePlan({"schema_version": 1})
    out.places[""] = CellPlace(SHEETS[0].name, 1, "A")
    for layout in SHEETS:
        _check_header(layout, grids[layout.name])
    out.plan["plan"] = _header(grids["方案"], out)
    for layout in SHEETS[1:]:
        _table(layout, grids[layout.name], out)
    return out


def _read(path: Path) -> bytes:
    return read_bounded(path, MAX_XLSX_BYTES, "plan_xlsx_too_large")


def _check_header(layout: SheetLayout, grid: Grid) -> None:
    for col, column in enumerate(layout.columns, start=1):
        found = grid.get((1, col))
        if str(found or "").strip() != column.header:
            raise Refusal(
                "plan_template_header",
                sheet=layout.name,
                column=column_letter(col),
                expected=column.header,
                found=str(found or ""),
            )
    extra = [c for (r, c), v in grid.items() if r == 1 and c > len(layout.columns) and v]
    if extra:
        col = min(extra)
        raise Refusal(
            "plan_template_header",
            sheet=layout.name,
            column=column_letter(col),
            expected="",
            found=str(grid[(1, col)]),
        )


def _rows(grid: Grid, width: int) -> list[int]:
    """The rows below the header that hold anything in the template's columns."""
    rows = {r for (r, c), v in grid.items() if r > 1 and c <= width and v not in (None, "")}
    return sorted(rows)


def _header(grid: Grid, out: TemplatePlan) -> dict[str, Any]:
    kinds = {label: (key, kind) for label, key, kind in PLAN_FIELDS}
    head: dict[str, Any] = {}
    for r in _rows(grid, 2):
        label = str(grid.get((r, 1)) or "").strip()
        if label not in kinds:
            detail = "、".join(kinds)
            raise Refusal("plan_template_cell", sheet="方案", row=r, column="A", detail=detail)
        key, kind = kinds[label]
        head[key] = cell_value(kind, grid.get((r, 2)))
        out.places[pointer("plan", key)] = CellPlace("方案", r, "B")
    out.places["/plan"] = CellPlace("方案", 1, "A")
    return {key: head.get(key, "" if kind == "text" else None) for _l, key, kind in PLAN_FIELDS}


def _table(layout: SheetLayout, grid: Grid, out: TemplatePlan) -> None:
    """One sheet's rows into the plan: a list of the plan, or the tasks' units and targets."""
    width = len(layout.columns)
    nested = layout.columns[0].key == "task"
    if not nested:
        out.plan[layout.table] = []
        out.places[pointer(layout.table)] = CellPlace(layout.name, 1, "A")
    for r in _rows(grid, width):
        item: dict[str, Any] = {}
        cells: dict[str, str] = {}
        for col, column in enumerate(layout.columns, start=1):
            value = cell_value(column.kind, grid.get((r, col)))
            if column.key == "value_max" and value is None:
                continue  # only a range has an upper value
            item[column.key] = value
            cells[column.key] = column_letter(col)
        if nested:
            at = _task_list(out.plan, layout, item.pop("task"), r)
        else:
            at = (layout.table,)
            if layout.table == "tasks":  # filled from 任务分工 and 目标
                item |= {"units": [], "targets": []}
        items: list[dict[str, Any]] = _dig(out.plan, at)
        base = (*at, len(items))
        items.append(item)
        out.places[pointer(*base)] = CellPlace(layout.name, r, "A")
        for key, letter in cells.items():
            out.places[pointer(*base, key)] = CellPlace(layout.name, r, letter)


def _task_list(
    plan: Mapping[str, Any], layout: SheetLayout, no: object, row: int
) -> tuple[object, ...]:
    """Where a row of 任务分工 / 目标 goes: the list of the task it names."""
    for i, task in enumerate(plan.get("tasks", [])):
        if task.get("no") == no and no is not None:
            return ("tasks", i, layout.table)
    raise Refusal("plan_template_no_task", sheet=layout.name, row=row, column="A", task=no)


def _dig(plan: dict[str, Any], at: tuple[object, ...]) -> list[dict[str, Any]]:
    node: Any = plan
    for part in at[:-1]:
        node = node[part]
    found: list[dict[str, Any]] = node[at[-1]]
    return found
