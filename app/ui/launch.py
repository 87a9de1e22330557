"""Start the desktop program: paint a window first, load data after (DESIGN.md §6)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from app import APP_NAME, APP_TITLE_ZH, STARTED_AT
from app.config import Settings


class _FirstPaint(QObject):
    """Reports the first paint of a widget once, then removes itself."""

    def __init__(self, on_paint: Callable[[], None]) -> None:
        super().__init__()
        self._on_paint = on_paint

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._on_paint)
        return False


def run_gui(settings: Settings, *, smoke_test: bool = False, lang: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    window = QMainWindow()
    window.setWindowTitle(APP_TITLE_ZH)
    window.setCentralWidget(QLabel(APP_TITLE_ZH))
    window.resize(1200, 760)

    def painted() -> None:
        elapsed = time.perf_counter() - STARTED_AT
        if smoke_test:
            print(f"first paint after {elapsed * 1000:.0f} ms")
            app.quit()

    watcher = _FirstPaint(painted)
    window.installEventFilter(watcher)
    window.show()
    return int(app.exec())
