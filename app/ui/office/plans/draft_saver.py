"""Autosave of the plan being edited: ``save_draft`` a moment after the last change, at once
when the window asks (another plan chosen, publish, close). A failed save stays pending and is
tried again, so nothing typed is lost; the status bar says where it stands.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from app.ui.common.colors import ERROR_COLOR, HINT_COLOR, OK_COLOR

log = logging.getLogger(__name__)

SAVE_DELAY_MS = 800
RETRY_MS = 3000


class DraftSaver(QObject):
    saved = Signal()
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, delay_ms: int = SAVE_DELAY_MS) -> None:
        super().__init__(parent)
        self._save: Callable[[], Any] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)

    def schedule(self, save: Callable[[], Any]) -> None:
        """Remember the newest save and (re)start the quiet-time timer."""
        self._save = save
        self._timer.start()

    def pending(self) -> bool:
        return self._save is not None

    def flush(self) -> bool:
        """Save now; False if it failed (it stays pending and is retried)."""
        self._timer.stop()
        save, self._save = self._save, None
        if save is None:
            return True
        try:
            save()
        except Exception as exc:  # disk full, file locked …: keep it, say so, retry
            log.exception("saving the plan draft failed (kept, retried)")
            self._save = save
            self._timer.start(RETRY_MS)
            self.failed.emit(str(exc) or type(exc).__name__)
            return False
        self.saved.emit()
        return True


class SaveLabel(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("draftSaved")

    def saved(self) -> None:
        self.setText(self.tr("草稿已保存 {0}").format(datetime.now().strftime("%H:%M:%S")))
        self.setStyleSheet(f"color: {OK_COLOR};")

    def editing(self) -> None:
        self.setText(self.tr("正在编辑…"))
        self.setStyleSheet(f"color: {HINT_COLOR};")

    def failed(self, reason: str) -> None:
        self.setText(self.tr("草稿保存失败：{0}（稍后自动重试）").format(reason))
        self.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
