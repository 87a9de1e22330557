"""The task x unit matrix as a Qt model, filtered and sorted inside the model.

No QSortFilterProxyModel: over a Python model it calls ``data()`` for every cell on every
change (1-2 s for 12,000 rows here). The model instead keeps the matrices of all periods in
plain dicts and recomputes its visible rows and columns in Python (DESIGN.md §6: under 50 ms
for 25 units x 49 tasks x 5 periods), then resets or re-lays out the view.

Rows are tasks grouped under their section (a section row before its tasks); column 0 is the
task, then one column per unit. A cell exists only where the unit has a role on the task.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from app.ui.common.colors import STATUS_COLORS
from app.ui.common.i18n import role_label, status_label
from app.ui.common.model_texts import ask_views_again
from app.ui.office.answer_texts import REVIEW_COLORS, REVIEW_MARKS, review_label
from app.ui.office.matrix_cells import (
    _CELL_NEVER,
    _CENTER,
    _DISPLAY,
    _FLAGS,
    _LOOK_ROLES,
    _MISSING_TEXT,
    _STATE,
    _TOOLTIP,
    CELL_STATES,
    DIM_BACKGROUND,
    EXEMPT,
    MISSING,
    MISSING_COLOR,
    SECTION_BACKGROUND,
    LateRole,
    MatchRole,
    MatrixFilter,
    ReviewRole,
    SectionRole,
    StateRole,
    TaskNoRole,
    UnitRole,
    _brush,
    _Index,
    cell_state,
    clip_text,
    compact_name,
    vertical_text,
)

__all__ = [  # the cells' names the page, view and tests import from here
    "CELL_STATES",
    "EXEMPT",
    "MISSING",
    "MISSING_COLOR",
    "LateRole",
    "MatchRole",
    "MatrixModel",
    "ReviewRole",
    "StateRole",
    "cell_state",
]


class MatrixModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._matrices: Mapping[str, Any] = {}
        self._sections: dict[int, str] = {}
        self._tasks: list[Any] = []  # TaskInfo in plan order
        self._units: list[Any] = []  # UnitInfo, every column there can be
        self._unit_by_id: dict[str, Any] = {}
        self._exempt: frozenset[str] = frozenset()  # units with roles that never report here
        self.filter = MatrixFilter()
        self.matrix: Any = None  # the period shown
        self._rows: list[tuple[str, int]] = []  # ("section", no) | ("task", no)
        self._cols: list[str] = []  # unit ids after column 0
        self._sort: tuple[int, bool] = (0, False)  # column, descending
        self._bold = QFont()
        self._bold.setBold(True)
        self._percent: Any = lambda status, percent: percent  # the service's, once loaded
        # (task, unit) -> {role: value} of the cells painted since the filter last changed
        self._looks: dict[tuple[int, str], dict[int, Any]] = {}
        self.reviews: dict[str, str] = {}  # unit id -> review state of the period shown

    # -- data in ---------------------------------------------------------------------------
    def set_matrices(self, matrices: Mapping[str, Any], section_titles: Mapping[int, str]) -> None:
        """All periods' matrices (``consolidation.Matrix``) and the section labels."""
        # The service's definition of a cell's percent; imported here, after the first paint.
        from app.services.consolidation import effective_percent

        self._percent = effective_percent
        self._matrices = matrices  # the window's, read per period on demand: not copied
        self._sections = dict(section_titles)
        period = self.filter.period
        if period not in self._matrices:
            period = next(iter(self._matrices), None)
        self.apply_filter(period=period)

    def periods(self) -> list[str]:
        return list(self._matrices)

    @property
    def units(self) -> list[Any]:
        return self._units

    # -- filtering and sorting -------------------------------------------------------------
    _KEEP: Any = object()

    def apply_filter(
        self,
        *,
        period: Any = _KEEP,
        section: Any = _KEEP,
        unit: Any = _KEEP,
        state: Any = _KEEP,
        late: Any = _KEEP,
        missing: Any = _KEEP,
    ) -> MatrixFilter:
        """Change any of the filters (the others stay) and recompute rows and columns."""
        old = self.filter
        keep = self._KEEP
        f = MatrixFilter(
            period=old.period if period is keep else period,
            section=old.section if section is keep else section,
            unit=old.unit if unit is keep else unit,
            state=old.state if state is keep else state,
            late=old.late if late is keep else bool(late),
            missing=old.missing if missing is keep else bool(missing),
        )
        self.beginResetModel()
        self.filter = f
        self._looks = {}
        self.matrix = self._matrices.get(f.period) if f.period is not None else None
        self._take_plan_rows(self.matrix)
        self._rows, self._cols = self._layout(f)
        self._sort_rows()
        self.endResetModel()
        return f

    def _take_plan_rows(self, matrix: Any) -> None:
        """The tasks and units of the period shown: a period lists the tasks a later revision
        dropped when units reported on them then (and no other period is read for them)."""
        if matrix is None:
            return
        self._tasks, self._units = list(matrix.tasks), list(matrix.units)
        self._unit_by_id = {u.id: u for u in self._units}
        self._exempt = frozenset(u.id for u in self._units if not u.reports)

    def _layout(self, f: MatrixFilter) -> tuple[list[tuple[str, int]], list[str]]:
        m = self.matrix
        if m is None:
            return [], []
        cells = m.cells
        units = [f.unit] if f.unit is not None else [u.id for u in self._units]
        used: set[str] = set()
        by_section: dict[int, list[int]] = {}
        for t in self._tasks:
            if f.section is not None and t.section != f.section:
                continue
            if f.cell_level:
                hits = [
                    u
                    for u in units
                    if (c := cells.get((t.no, u))) is not None and f.selects(c, self._exempt)
                ]
            else:
                hits = [u for u in units if (t.no, u) in cells]
            if not hits and (f.cell_level or f.unit is not None):
                continue
            used.update(hits)
            by_section.setdefault(t.section, []).append(t.no)
        rows: list[tuple[str, int]] = []
        for no in sorted(by_section):
            rows.append(("section", no))
            rows.extend(("task", t) for t in by_section[no])
        cols = [u for u in units if u in used] if f.cell_level else units
        return rows, cols

    def _row_key(self, task_no: int) -> tuple[Any, ...]:
        column, _desc = self._sort
        if column <= 0 or column > len(self._cols):
            return (task_no,)
        c = self.matrix.cells.get((task_no, self._cols[column - 1]))
        if c is None:
            return (2, 0, task_no)  # no role: always last
        p = self._percent(c.status, c.percent)
        return (0 if p is not None else 1, p if p is not None else 0, task_no)

    def _sort_rows(self) -> None:
        """Sort tasks inside their section (the section rows stay as headers)."""
        _column, desc = self._sort
        out: list[tuple[str, int]] = []
        block: list[int] = []

        def flush() -> None:
            if block:
                ordered = sorted(block, key=self._row_key, reverse=desc)
                if desc and _column > 0:  # no-role and unknown cells stay at the bottom
                    ordered.sort(key=lambda n: self._row_key(n)[0])
                out.extend(("task", n) for n in ordered)
                block.clear()

        for kind, no in self._rows:
            if kind == "section":
                flush()
                out.append((kind, no))
            else:
                block.append(no)
        flush()
        self._rows = out

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order == Qt.SortOrder.DescendingOrder)
        self._sort_rows()
        self.layoutChanged.emit()

    # -- lookups for views -----------------------------------------------------------------
    def task_rows(self) -> list[int]:
        return [no for kind, no in self._rows if kind == "task"]

    def section_rows(self) -> list[int]:
        """Row numbers of the section headers (the view spans them)."""
        return [i for i, (kind, _) in enumerate(self._rows) if kind == "section"]

    def visible_units(self) -> list[str]:
        return list(self._cols)

    def row_of_task(self, task_no: int) -> int:
        for i, (kind, no) in enumerate(self._rows):
            if kind == "task" and no == task_no:
                return i
        return -1

    def task_at(self, row: int) -> int | None:
        if 0 <= row < len(self._rows) and self._rows[row][0] == "task":
            return self._rows[row][1]
        return None

    def unit_at(self, column: int) -> str | None:
        return self._cols[column - 1] if 1 <= column <= len(self._cols) else None

    def cell_at(self, row: int, column: int) -> Any:
        task, unit = self.task_at(row), self.unit_at(column)
        if task is None or unit is None or self.matrix is None:
            return None
        return self.matrix.cells.get((task, unit))

    def cell_looks(self, rows: range, columns: range) -> list[tuple[int, int, dict[int, Any]]]:
        """(row, column, looks) of the cells with a role in these rows and columns, found without
        a model index per cell: ``data``'s answer per ``_LOOK_ROLES`` (text: ``cell_text``)."""
        if self.matrix is None:
            return []
        cells, out = self.matrix.cells, []
        cols = [(c, self._cols[c - 1]) for c in columns if 1 <= c <= len(self._cols)]
        for row in rows:
            kind, no = self._rows[row] if 0 <= row < len(self._rows) else ("", 0)
            if kind == "task":
                for col, unit in cols:
                    if (cell := cells.get((no, unit))) is not None:
                        out.append((row, col, self._looks_of(cell)))
        return out

    def cell_text(self, looks: dict[int, Any]) -> str:
        """The display text of a cell's looks (``cell_looks``), translated now."""
        return str(self._shown(looks[_DISPLAY]) or "")

    def _shown(self, value: Any) -> Any:
        """A look as the view shows it: "not reported" in the language of the moment."""
        return self.tr("未报") if value is _MISSING_TEXT else value

    def counts(self) -> dict[str, int]:
        """Visible cells per state (for the legend)."""
        out = dict.fromkeys(CELL_STATES, 0)
        if self.matrix is None:
            return out
        cells = self.matrix.cells
        for no in self.task_rows():
            for u in self._cols:
                c = cells.get((no, u))
                if c is not None and (state := cell_state(c, self._exempt)) in out:
                    out[state] += 1
        return out

    def set_reviews(self, reviews: Mapping[str, str]) -> None:
        """Each unit's review state for the period shown, marked above its column."""
        self.reviews = dict(reviews)
        if self._cols:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 1, len(self._cols))

    def retranslate(self) -> None:
        ask_views_again(self)

    # -- Qt model --------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self._cols)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.tr("任务")
            return None
        unit = self._unit_by_id.get(self._cols[section - 1]) if section <= len(self._cols) else None
        if unit is None:
            return None
        review = self.reviews.get(unit.id)
        if role == Qt.ItemDataRole.DisplayRole:
            name = vertical_text(compact_name(unit.short_name))
            return name if review is None else f"{REVIEW_MARKS.get(review, '')}\n{name}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return unit.name if review is None else f"{unit.name}\n{review_label(review)}"
        if role == Qt.ItemDataRole.ForegroundRole and review is not None:
            return _brush(REVIEW_COLORS.get(review, "#000000"))
        if role == ReviewRole:
            return review
        if role == UnitRole:
            return unit.id
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.matrix is None:
            return None
        kind, no = self._rows[index.row()]
        col = index.column()
        if kind == "section":
            return self._section_data(no, col, role)
        if col == 0:
            return self._task_data(no, role)
        if role in _CELL_NEVER:
            return None
        unit = self._cols[col - 1]
        cell = self.matrix.cells.get((no, unit))
        if role == TaskNoRole:
            return no
        if role == UnitRole:
            return unit
        if cell is None:
            return None
        return self._cell_data(cell, role)

    def _section_data(self, no: int, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and col == 0:
            return self._sections.get(no, str(no))
        if role == Qt.ItemDataRole.BackgroundRole:
            return _brush(SECTION_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == SectionRole:
            return no
        return None

    def _task_data(self, no: int, role: int) -> Any:
        task = self._task(no)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{no}  {task.title}" if task is not None else str(no)
        if role == Qt.ItemDataRole.ToolTipRole and task is not None:
            return f"{no}. {task.text}"
        if role == TaskNoRole:
            return no
        return None

    def _task(self, no: int) -> Any:
        # Tasks are numbered 1..n in plan order; fall back to a search for other plans.
        if 0 < no <= len(self._tasks) and self._tasks[no - 1].no == no:
            return self._tasks[no - 1]
        return next((t for t in self._tasks if t.no == no), None)

    def multiData(self, index: _Index, roleDataSpan: Any) -> None:
        """Every role the view's delegate asks of one cell in one call (Qt 6 asks seven at
        once): the cell and its looks are found once, not once per role (docs/benchmarks.md).
        The answers are ``data``'s, role by role."""
        cell = self._cell_of(index)
        looks = None if cell is None else self._looks_of(cell)
        for i in range(roleDataSpan.length()):
            slot = roleDataSpan[i]
            role = slot.role()
            if looks is None:
                value = self.data(index, role)
            elif (value := looks.get(role, looks)) is looks:
                value = None if role in _CELL_NEVER else self.data(index, role)
            elif value is _MISSING_TEXT:
                value = self._shown(value)
            if value is None:
                slot.clearData()
            else:
                slot.setData(value)

    def _cell_of(self, index: _Index) -> Any:
        """The matrix cell at ``index`` (None for a section row, the task column, no role)."""
        if not index.isValid() or self.matrix is None:
            return None
        col = index.column()
        kind, no = self._rows[index.row()]
        if kind == "section" or col == 0:
            return None
        return self.matrix.cells.get((no, self._cols[col - 1]))

    def _looks_of(self, cell: Any) -> dict[int, Any]:
        """The paint roles of a cell, worked out once per filter (a cell's state and match
        were otherwise recomputed for each of the ~8 roles a repaint asks)."""
        looks = self._looks.get((cell.task_no, cell.unit_id))
        if looks is None:
            state = cell_state(cell, self._exempt)
            match = not self.filter.cell_level or self.filter.selects(cell, self._exempt)
            looks = self._fresh_looks(cell, state, match)
            self._looks[(cell.task_no, cell.unit_id)] = looks
        return looks

    def _fresh_looks(self, cell: Any, state: str, match: bool) -> dict[int, Any]:
        """Every one of ``_LOOK_ROLES`` in one pass (per role, a repaint after a filter spent
        a third of its Python here). ``None``: the role has no answer."""
        text: Any
        if state == EXEMPT:
            text, bg, fg, late = "·", _brush(DIM_BACKGROUND), None, None
        else:
            if state == MISSING:
                text = _MISSING_TEXT
            else:
                p = self._percent(cell.status, cell.percent)
                text = "—" if p is None else f"{p}%"
            if not match:
                bg, fg = _brush(DIM_BACKGROUND), _brush("#9aa1ab")
            elif state == MISSING:
                bg, fg = _brush(MISSING_COLOR, Qt.BrushStyle.BDiagPattern), _brush("#b3261e")
            else:
                bg, fg = _brush(STATUS_COLORS.get(state, "#8a8f98")), _brush("#ffffff")
            late = bool(cell.late)
        values = (text, bg, fg, _CENTER, state, late, match)
        return dict(zip(_LOOK_ROLES, values, strict=True))

    def _cell_data(self, cell: Any, role: int) -> Any:
        looks = self._looks_of(cell)
        value = looks.get(role, looks)
        if value is looks:  # not a paint role: the tooltip, or nothing
            if role != _TOOLTIP:
                return None
            return self._exempt_tip(cell) if looks[_STATE] == EXEMPT else self._tooltip(cell)
        return self._shown(value)

    def _exempt_tip(self, cell: Any) -> str:
        unit = self._unit_by_id.get(cell.unit_id)
        name = unit.short_name if unit is not None else cell.unit_id
        return self.tr("{0}（{1}）不通过本系统报送进展").format(name, role_label(cell.role))

    def _tooltip(self, cell: Any) -> str:
        """Rich text, so Qt wraps the clerk's paragraphs instead of one screen-wide line."""
        unit = self._unit_by_id.get(cell.unit_id)
        name = unit.short_name if unit is not None else cell.unit_id
        task = self.tr("任务")
        head = f"{name}（{role_label(cell.role)}） · {task} {cell.task_no}"
        lines = [f"<b>{escape(head)}</b>"]
        if cell.status is None:
            if cell.version is None:
                lines.append(self.tr("本期尚未报送"))
            else:
                lines.append(self.tr("已报送 v{0}，但没有填报此任务").format(cell.version))
            return "<qt>" + "<br>".join(lines) + "</qt>"
        p = self._percent(cell.status, cell.percent)
        state = status_label(cell.status) + ("" if p is None else f" {p}%")
        lines.append(escape(self.tr("状态：{0}").format(state)))
        version = f"v{cell.version}"
        if cell.late:
            version += " " + self.tr("（逾期报送）")
        lines.append(escape(self.tr("版本：{0}").format(version)))
        if cell.progress:
            lines.append(escape(self.tr("进展：{0}").format(clip_text(cell.progress))))
        if cell.problems:
            lines.append(escape(self.tr("问题：{0}").format(clip_text(cell.problems))))
        return "<qt>" + "<br>".join(lines) + "</qt>"
