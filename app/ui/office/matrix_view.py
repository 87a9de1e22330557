"""The matrix table: compact unit columns, section header rows spanning the table, late marks."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPolygonF
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

from app.ui.common.colors import WARN_COLOR
from app.ui.office.matrix_model import MatrixModel

UNIT_COLUMN_WIDTH = 40  # at least; wide enough for "100%" in the view's font (unit_column_width)
TASK_COLUMN_WIDTH = 250


class MatrixView(QTableView):
    cell_chosen = Signal(int, str)  # task no, unit id ("" for the task column)

    def __init__(self, model: MatrixModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("matrixView")
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
        """The cells, then an orange corner on each visible cell whose report came in late.
        Drawn here for the visible late cells only: a Python delegate painting every cell was a
        fifth of a repaint after a filter or sort (docs/benchmarks.md)."""
        super().paintEvent(event)
        model = self.matrix_model
        rect = event.rect()
        first, last = self.rowAt(rect.top()), self.rowAt(rect.bottom())
        left, right = self.columnAt(rect.left()), self.columnAt(rect.right())
        if first < 0:
            return
        last = model.rowCount() - 1 if last < 0 else last
        right = model.columnCount() - 1 if right < 0 else right
        corners = []
        for row, col in model.late_cells(range(first, last + 1), range(max(1, left), right + 1)):
            r = self.visualRect(model.index(row, col))
            size = max(7.0, min(r.width(), r.height()) * 0.35)
            corners.append(
                QPolygonF(
                    [
                        QPointF(r.right() - size, r.top()),
                        QPointF(r.right() + 1, r.top()),
                        QPointF(r.right() + 1, r.top() + size),
                    ]
                )
            )
        if not corners:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(WARN_COLOR))
        for corner in corners:
            painter.drawPolygon(corner)
        painter.end()

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
