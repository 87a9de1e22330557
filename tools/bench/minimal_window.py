"""The start-up baseline: a minimal PySide6 window, timed exactly as ``python -m app`` times
itself (``app.STARTED_AT`` is taken when the package is first imported; the paint is caught by
an event filter that reports from the next event-loop turn), then it quits.

    python tools/bench/minimal_window.py      prints "first paint after N ms"
"""

import time

STARTED_AT = time.perf_counter()

import sys  # noqa: E402

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow  # noqa: E402


class FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, report)
        return False


def report() -> None:
    print(f"first paint after {(time.perf_counter() - STARTED_AT) * 1000:.0f} ms", flush=True)
    QApplication.quit()


if __name__ == "__main__":
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("质量工作任务填报与汇总")
    window.setCentralWidget(QLabel("质量工作任务填报与汇总"))
    window.resize(1100, 720)
    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    sys.exit(app.exec())
