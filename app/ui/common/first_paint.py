"""Run something once a widget has painted for the first time (docs/design.md §6: paint first,
load after)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer


class AfterFirstPaint(QObject):
    """An event filter: at the widget's first paint it removes itself and queues ``run``."""

    def __init__(self, run: Callable[[], None]) -> None:
        super().__init__()
        self._run = run

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._run)
        return False
