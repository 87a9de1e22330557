"""Debounced autosave: each pending draft is written ~400 ms after the last keystroke, and at
once when the window asks (focus change, task or period switch, close). A failed write stays
pending and is retried, so nothing typed is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

DEBOUNCE_MS = 400


class Autosaver(QObject):
    saved = Signal(object)  # what the save callable returned (SavedEntry / SavedIndicator)
    failed = Signal(str)

    def __init__(self, delay_ms: int = DEBOUNCE_MS, parent: Any = None) -> None:
        super().__init__(parent)
        self._pending: dict[Hashable, Callable[[], Any]] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self._flushing = False

    def schedule(self, key: Hashable, save: Callable[[], Any]) -> None:
        """Remember the newest save for ``key`` and (re)start the quiet-time timer."""
        self._pending[key] = save
        self._timer.start()

    def has_pending(self) -> bool:
        return bool(self._pending)

    def flush(self) -> bool:
        """Write everything pending now; False if a write failed (it stays pending)."""
        self._timer.stop()
        if self._flushing or not self._pending:
            return True
        self._flushing = True
        ok = True
        try:
            for key in list(self._pending):
                save = self._pending.pop(key)
                try:
                    result = save()
                except Exception as exc:  # disk full, file locked…: keep it, say so, retry
                    self._pending.setdefault(key, save)
                    ok = False
                    self.failed.emit(str(exc) or type(exc).__name__)
                    continue
                self.saved.emit(result)
        finally:
            self._flushing = False
        if not ok:
            self._timer.start(2000)
        return ok
