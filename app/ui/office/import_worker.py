"""Running an import (or its dry-run preview) on the thread pool.

The job holds no widget: it runs the Importer, which opens its own sessions on the pool
thread, and reports through a signal carrier created on the UI thread, so every emit is
queued to the UI. Cancel only stops handing out files: the Importer applies each file in one
transaction, so a finished file stays applied and none is half applied. Whatever the run
raises, even a BaseException (a Rust panic in python-calamine), is logged with its traceback
and ends in ``failed``: the dialog never waits forever.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

if TYPE_CHECKING:
    from app.domain.catalog import Catalog
    from app.models.store import Store

log = logging.getLogger(__name__)


class ImportSignals(QObject):
    result = Signal(object, int, int)  # FileOutcome, done, total
    finished = Signal(object)  # list[FileOutcome] in the order the files were given
    failed = Signal(str)  # one line: the batch could not run at all


class ImportJob(QRunnable):
    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        files: Sequence[str],
        *,
        dry_run: bool,
        in_process: bool | None = None,
        actor: str = "",
    ) -> None:
        super().__init__()
        self.actor = actor  # the staff member the audit log names
        self.setAutoDelete(False)  # the dialog keeps it until ``finished``
        self.store = store
        self.catalog = catalog
        self.files = list(files)
        self.dry_run = dry_run
        self.in_process = in_process
        self.signals = ImportSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _on_result(self, outcome: Any, done: int, total: int) -> None:
        self.signals.result.emit(outcome, done, total)

    def run(self) -> None:
        from app.services.office_import import Importer

        try:
            outcomes = Importer(
                self.store, actor=self.actor
            ).run(  # every plan's submissions, not the window's
                self.files,
                dry_run=self.dry_run,
                on_result=self._on_result,
                cancelled=self._cancel.is_set,
                in_process=self.in_process,
            )
        except BaseException as exc:  # one line for the office; the traceback to the log
            log.exception("import of %d file(s) failed", len(self.files))
            self.signals.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.signals.finished.emit(outcomes)

    def start(self, pool: QThreadPool | None = None) -> None:
        (pool or QThreadPool.globalInstance()).start(self)
