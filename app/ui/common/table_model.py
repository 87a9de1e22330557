"""A read-only table model over a list of dataclasses, the house pattern for grids.

A subclass names its columns (``COL_*`` constants and ``headers()``) and says what a cell shows
(``text`` and, where it matters, ``tooltip``, ``background``, ``font``, ``alignment``); the
texts come from ``tr()`` when the view asks, so a language switch needs only ``retranslate``.
``ROW_ROLE`` gives a cell's whole row (the dataclass), for selections and tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.ui.common.model_texts import ask_views_again

Row = TypeVar("Row")
_Index = QModelIndex | QPersistentModelIndex

ROW_ROLE = Qt.ItemDataRole.UserRole


class RowTableModel(QAbstractTableModel, Generic[Row]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []

    # -- what a subclass says --------------------------------------------------------------
    def headers(self) -> list[str]:
        """The column titles, in the interface language."""
        return []

    def text(self, row: Row, column: int) -> str:
        return ""

    def tooltip(self, row: Row, column: int) -> str | None:
        return None

    def background(self, row: Row, column: int) -> str | None:
        """A colour name (#rrggbb) for the cell, or None for the view's own."""
        return None

    def font(self, row: Row, column: int) -> QFont | None:
        return None

    def alignment(self, row: Row, column: int) -> Qt.AlignmentFlag | None:
        return None

    # -- content ---------------------------------------------------------------------------
    def set_rows(self, rows: Iterable[Row]) -> None:
        """New content. As many rows as before keep the views' selection (a reload after an
        edit leaves the user where they were); another count resets the views."""
        new = list(rows)
        if new and len(new) == len(self.rows):
            self.rows = new
            last = self.index(len(new) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self.rows = new
        self.endResetModel()

    def retranslate(self) -> None:
        ask_views_again(self)

    # -- Qt model --------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            headers = self.headers()
            return headers[section] if 0 <= section < len(headers) else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, col)
        if role == Qt.ItemDataRole.BackgroundRole:
            color = self.background(row, col)
            return None if color is None else QBrush(QColor(color))
        if role == Qt.ItemDataRole.FontRole:
            return self.font(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(row, col)
        if role == ROW_ROLE:
            return row
        return None
