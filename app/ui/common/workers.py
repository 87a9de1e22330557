"""Running slow work (key derivation, store migration) off the UI thread.

The job gets no widget and no session: it runs a plain callable that opens what it needs,
and its result or one-line error comes back to the UI thread through a queued signal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    # Created on the UI thread, so emits from the pool thread are queued to it.
    done = Signal(object)
    failed = Signal(object)


class Job(QRunnable):
    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self._fn = fn
        self.relay = _Relay()
        self.setAutoDelete(False)  # Python keeps it alive (see _running)

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # reported to the UI as one line, never a traceback
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)


_running: set[Job] = set()


def run_in_background(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[BaseException], None],
) -> Job:
    """Run ``fn`` on the global thread pool; exactly one callback runs on the UI thread."""
    job = Job(fn)

    def finished(result: Any) -> None:
        _running.discard(job)
        on_done(result)

    def failed(exc: BaseException) -> None:
        _running.discard(job)
        on_failed(exc)

    job.relay.done.connect(finished)
    job.relay.failed.connect(failed)
    _running.add(job)
    QThreadPool.globalInstance().start(job)
    return job


def wait_for_background(msecs: int = 30000) -> bool:
    """Block until pool jobs finish (used at shutdown so no key is half-written)."""
    return bool(QThreadPool.globalInstance().waitForDone(msecs))
