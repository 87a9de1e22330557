"""docs/design.md §9: PySide6 6.12.0 drops a reference to None per data() call returning None.

This guards the pin: if an upgrade brings the bug back, the count of None references moves.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)


class NoneModel(QAbstractTableModel):
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 2000

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 3

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        return None


def test_data_returning_none_keeps_none_refcount(qapp: object) -> None:
    model = NoneModel()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    index = proxy.index(5, 1)
    for _ in range(50):  # warm up caches
        proxy.data(index, Qt.ItemDataRole.ToolTipRole)
    before = sys.getrefcount(None)
    for _ in range(1000):
        proxy.data(index, Qt.ItemDataRole.ToolTipRole)
    after = sys.getrefcount(None)
    assert abs(after - before) < 50, (before, after)


def test_pinned_pyside_is_6_11() -> None:
    import PySide6

    assert PySide6.__version__.startswith("6.11."), PySide6.__version__
