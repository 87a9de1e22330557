"""Shared by the table models whose texts come from tr() at the time they are asked for."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt


def ask_views_again(model: QAbstractItemModel) -> None:
    """After a language switch: every header and cell text is asked for anew."""
    rows, cols = model.rowCount(), model.columnCount()
    if cols:
        model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, cols - 1)
    if rows and cols:
        model.dataChanged.emit(model.index(0, 0), model.index(rows - 1, cols - 1))
