"""The store's modules imported on a worker thread while a window shows its first view
(docs/design.md §6): the window answers input meanwhile; the binding runs on the UI thread
once they are in, or at once when an action needs the store before then.

Only modules without Qt are imported here (SQLAlchemy, the models, the services): no widget
class is made off the UI thread. A failed import is logged and left to the binding, which
imports the module again on the UI thread and reports what is wrong.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, Signal

log = logging.getLogger(__name__)


class Preload(QObject):
    """Imports ``modules`` on a thread, then runs ``then`` once on the UI thread; ``now()`` runs
    it at once (after waiting for the imports) when an action cannot wait."""

    imported = Signal()  # emitted by the worker thread, received on the UI thread

    def __init__(self, modules: Sequence[str], then: Callable[[], None]) -> None:
        super().__init__()
        self._modules = tuple(modules)
        self._then: Callable[[], None] | None = then
        self._thread = threading.Thread(target=self._import, name="preload", daemon=True)
        self.imported.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        self._thread.start()

    def pending(self) -> bool:
        return self._then is not None

    def now(self) -> None:
        """Wait for the imports and bind now (once; nothing if done already)."""
        if self._then is not None:
            self._thread.join()
            self._run()

    def _run(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()

    def _import(self) -> None:
        try:
            for name in self._modules:
                importlib.import_module(name)
        except Exception:  # the binding imports it again, on the UI thread, and says why
            log.exception("preloading the store's modules failed")
        try:
            self.imported.emit()
        except RuntimeError:  # the program ended while the modules loaded: nothing to bind
            log.info("preloaded after the program ended", exc_info=True)
