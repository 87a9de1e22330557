"""Run the real program start on a data dir and act like a clerk, for the crash test.

    python tests/ui/unit/autosave_driver.py DATA_DIR type TASK TEXT   select TASK, type TEXT into
        工作进展, print "typed", then keep running until killed
    python tests/ui/unit/autosave_driver.py DATA_DIR report           print where the window opened
        (period, task, progress text) as JSON and exit

QSettings follow XDG_CONFIG_HOME, which the test points at its temp folder.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from PySide6.QtCore import QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.config import Settings
from app.ui.common.application import prepare_application
from app.ui.common.launch import Launcher


def main() -> int:
    data_dir, mode = sys.argv[1], sys.argv[2]
    app = QApplication(sys.argv[:1])
    prepare_application(app, "zh_CN")
    # A fixed "today" so the window opens on 2016Q1 (the period due next on 2016-04-01).
    launcher = Launcher(app, Settings.make(data_dir), today=lambda: date(2016, 4, 1))
    launcher.start()

    def act() -> None:
        window = launcher.window
        if window is None or getattr(window, "_service", None) is None:
            QTimer.singleShot(50, act)  # not attached yet: the store opens after first paint
            return
        if mode == "report":
            print(
                json.dumps(
                    {
                        "period": window.current_period(),
                        "task": window.current_task(),
                        "progress": window.form.texts["progress"].toPlainText(),
                    },
                    ensure_ascii=False,
                ),
                flush=True,
            )
            app.exit(0)
            return
        task, text = int(sys.argv[3]), sys.argv[4]
        window.select_task(task)
        box = window.form.texts["progress"]
        box.setFocus()
        QTest.keyClicks(box, "Q1 ")
        event = QInputMethodEvent()
        event.setCommitString(text)  # what a Chinese input method delivers
        QApplication.sendEvent(box, event)
        print("typed", flush=True)  # now the test waits, then kills us with SIGKILL

    QTimer.singleShot(0, act)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
