"""The matrix table: compact unit columns, section header rows spanning the table, late marks."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPolygonF, QRegion
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

from app.ui.common.colors import WARN_COLOR
from app.ui.office.matrix_cells import LateRole
from app.ui.office.matrix_model import MatrixModel
from app.ui.office.matrix_paint import (
    CellPainter,
    own_region,
    qt_painted_cells,
    visible_columns,
    visible_rows,
)

UNIT_COLUMN_WIDTH = 40  # at least; wide enough for "100%" in the view's font (unit_column_width)
TASK_COLUMN_WIDTH = 250
_LATE = int(LateRole)


class MatrixView(QTableView):
    cell_chosen = Signal(int, str)  # task no, unit id ("" for the task column)
    paints_cells = True  # False: Qt's delegate paints every cell (the tests compare both)

    def __init__(self, model: MatrixModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("matrixView")
        self._cells = CellPainter()
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setShowGrid(True)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(26)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
        header.setMinimumSectionSize(UNIT_COLUMN_WIDTH)
        header.setHighlightSections(True)
        header.setSectionsClickable(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        model.modelReset.connect(self._relayout)
        model.layoutChanged.connect(self._relayout)
        self.selectionModel().currentChanged.connect(self._current_changed)
        self._relayout()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Qt paints the task column, the section rows and the selected cell; the view paints
        the other unit cells itself in one pass (``matrix_paint``), then an orange corner on
        each visible cell whose report came in late."""
        model = self.matrix_model
        box = event.rect()
        rows = visible_rows(self, box.top(), box.bottom())
        cols = visible_columns(self, box.left(), box.right())
        if not self.paints_cells or self.isRightToLeft():
            own = QRegion()
        else:
            task_rows = [r for r in rows if model.task_at(r.number) is not None]
            own = own_region(task_rows, cols, qt_painted_cells(self)).intersected(event.region())
        qt_part = event.region().subtracted(own)
        if not qt_part.isEmpty():
            super().paintEvent(QPaintEvent(qt_part))
        row_range = range(rows[0].number, rows[-1].number + 1) if rows else range(0)
        col_range = range(cols[0].number, cols[-1].number + 1) if cols else range(0)
        looks = model.cell_looks(row_range, col_range)
        painter = QPainter(self.viewport())
        if not own.isEmpty():
            painter.setClipRegion(own)
            geometry = ({r.number: r for r in rows}, {c.number: c for c in cols})
            self._cells.paint(self, painter, looks, geometry, model.cell_text)
            painter.setClipping(False)
        self._paint_late_corners(painter, [(r, c) for r, c, look in looks if look[_LATE]])
        painter.end()

    def _paint_late_corners(self, painter: QPainter, cells: list[tuple[int, int]]) -> None:
        if not cells:
            return
        model = self.matrix_model
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(WARN_COLOR))
        for row, col in cells:
            r = self.visualRect(model.index(row, col))
            size = max(7.0, min(r.width(), r.height()) * 0.35)
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(r.right() - size, r.top()),
                        QPointF(r.right() + 1, r.top()),
                        QPointF(r.right() + 1, r.top() + size),
                    ]
                )
            )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the unit columns' width follows the font
            self._relayout()

    @property
    def matrix_model(self) -> MatrixModel:
        model = self.model()
        assert isinstance(model, MatrixModel)
        return model

    def _relayout(self, *_args: Any) -> None:
        model = self.matrix_model
        self.clearSpans()
        width = model.columnCount()
        for row in model.section_rows():
            self.setSpan(row, 0, 1, max(1, width))
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        if width:
            self.setColumnWidth(0, TASK_COLUMN_WIDTH)
        unit_width = self.unit_column_width()
        for col in range(1, width):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            self.setColumnWidth(col, unit_width)

    def unit_column_width(self) -> int:
        """Room for the widest cell text, "100%", beside the item's text margins and the grid
        line: with a 9 pt sans font 40 px showed it as "10…", which reads as ten percent."""
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        need = self.fontMetrics().horizontalAdvance("100%") + 2 * margin + 2
        return max(UNIT_COLUMN_WIDTH, need)

    def _current_changed(
        self, current: QModelIndex | QPersistentModelIndex, _previous: Any
    ) -> None:
        model = self.matrix_model
        task = model.task_at(current.row()) if current.isValid() else None
        if task is not None:
            self.cell_chosen.emit(task, model.unit_at(current.column()) or "")

    def select_task(self, task_no: int, unit: str = "") -> bool:
        model = self.matrix_model
        row = model.row_of_task(task_no)
        if row < 0:
            return False
        col = model.visible_units().index(unit) + 1 if unit in model.visible_units() else 0
        self.setCurrentIndex(model.index(row, col))
        self.scrollTo(model.index(row, col))
        return True
