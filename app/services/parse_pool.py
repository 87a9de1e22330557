"""Verify submission files in worker processes, each bounded in time and memory.

One poisoned file (a decompression trick, a parser bug, a pathological XML) must not hang or
kill a batch of hundreds: each file is read and verified in a separate process that is killed
after ``timeout_s`` and runs under an address-space limit where the OS offers one. Results come
back as plain picklable dataclasses; the database work stays in the calling thread.

Workers are forked where that is safe (``start_method``: the command line on Linux), which
lets a batch of 16 files use them; elsewhere they are spawned, worth it from 100 files
(app.services.office_import.POOL_FROM). A forked worker never touches what it inherited but
the catalog, and ends by ``os._exit`` or a kill, never by closing its parent's objects.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.domain.catalog import Catalog
from app.domain.messages import Message
from app.domain.plan_book import PlanBook
from app.io.bounded_read import read_at_most

if TYPE_CHECKING:  # multiprocessing loads with the first pool: a small batch needs none
    from multiprocessing.connection import Connection

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024
DEPTH = 2  # paths a worker holds: the one it reads and the next


def start_method(platform: str = sys.platform, threads: int | None = None) -> str:
    """How the workers start. "fork" copies this process, the reader already loaded (~10 ms a
    worker here): only on Linux, in a process with one thread, counted by the OS so that Qt's
    own threads count too (a fork copies the locks other threads hold, not the threads that
    would release them). That is the command line, also in the frozen bundle, where PyInstaller
    loads QtCore without starting a thread. Elsewhere (the window, which imports on a thread
    of its pool; Windows; macOS) "spawn": a fresh interpreter that loads the reader itself
    (75-100 ms a worker here)."""
    if not platform.startswith("linux"):
        return "spawn"
    return "fork" if (os_threads() if threads is None else threads) == 1 else "spawn"


def os_threads() -> int:
    """This process's threads, Python's and native ones (Linux: /proc; elsewhere Python's)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


@dataclass(frozen=True)
class ParseResult:
    path: str
    sha256: str | None
    verified: Any | None  # app.io.submission_reader.VerifiedSubmission
    message: Message | None  # why the file was refused; None when verified
    # What a refused file genuinely says about itself (signature valid), for the import log.
    unit: str | None = None
    period: str | None = None
    version: int | None = None
    fingerprint: str | None = None
    plan: str | None = None

    @property
    def code(self) -> str:
        return "" if self.message is None else self.message.code


def _refused(path: str, sha: str | None, message: Message) -> ParseResult:
    return ParseResult(path, sha, None, message)


def verify_path(path: str, catalog: Catalog | PlanBook) -> ParseResult:
    """Read and verify one file (runs inside a worker, or inline for a single file)."""
    from app.io.submission_reader import SubmissionRejected, verify_submission

    try:
        size = os.stat(path).st_size
        if size > MAX_FILE_BYTES:
            return _refused(path, None, Message.of("too_large", mb=MAX_FILE_BYTES // (1024 * 1024)))
        with open(path, "rb") as f:
            data = read_at_most(f, MAX_FILE_BYTES)
    except OSError as exc:
        return _refused(path, None, Message.of("file_unreadable", detail=exc.strerror or str(exc)))
    digest = hashlib.sha256(data).hexdigest()
    try:
        verified = verify_submission(data, catalog)
    except SubmissionRejected as exc:
        p = exc.payload
        if p is None:
            return ParseResult(path, digest, None, exc.message, fingerprint=exc.fingerprint)
        return ParseResult(
            path,
            digest,
            None,
            exc.message,
            p.unit_id,
            p.period,
            p.version,
            exc.fingerprint,
            p.plan_code,
        )
    except MemoryError:
        return _refused(path, digest, Message.of("reader_memory"))
    except Exception as exc:  # a reader bug must reject the file, not the batch
        log.exception("reading %s failed", path)
        return _refused(path, digest, Message.of("reader_error", error=type(exc).__name__))
    return ParseResult(path, digest, verified, None)


def _limit_memory(megabytes: int) -> None:
    """At most ``megabytes`` of address space more than the worker holds as it starts (a
    forked worker starts with its parent's)."""
    try:
        import resource
    except ImportError:  # Windows: the zip guard's size limits bound memory instead
        return
    limit = _address_space() + megabytes * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _address_space() -> int:
    """This process's address space in bytes (0 where /proc does not say)."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return 0


def _worker_main(conn: Connection, catalog: Catalog | PlanBook, memory_mb: int) -> None:
    # What a forked worker inherited stays out of its collections (its parent forked it with
    # the collector off): no page is copied for a collection, and nothing of the parent's is
    # finalised here (an SQLite connection closed in a child could checkpoint and delete the
    # WAL its parent is using).
    gc.freeze()
    gc.enable()
    _limit_memory(memory_mb)
    while True:
        try:
            path = conn.recv()
        except EOFError:
            return
        if path is None:
            return
        conn.send(verify_path(path, catalog))


@dataclass
class _Worker:
    proc: Any
    conn: Connection
    paths: deque[str] = field(default_factory=deque)  # sent, unanswered; [0] is being read
    started: float = 0.0  # when paths[0] started


def _stop(w: _Worker) -> None:
    if w.proc.is_alive():
        w.proc.kill()
    w.proc.join()
    w.conn.close()


class ParsePool:
    """A few worker processes fed one path at a time; see the module docstring."""

    def __init__(
        self,
        catalog: Catalog | PlanBook,
        workers: int = 0,
        timeout_s: float = 10.0,
        memory_mb: int = 1024,
        start: str | None = None,
    ) -> None:
        self.catalog = catalog
        self.size = workers or max(1, min(2, os.cpu_count() or 1))
        self.timeout_s = timeout_s
        self.memory_mb = memory_mb
        self.start = start or start_method()  # "fork" | "spawn"
        import multiprocessing.context

        self._ctx: multiprocessing.context.ForkContext | multiprocessing.context.SpawnContext = (
            multiprocessing.get_context("fork")
            if self.start == "fork"
            else multiprocessing.get_context("spawn")
        )
        self._workers: list[_Worker] = []

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(
            target=_worker_main, args=(child, self.catalog, self.memory_mb), daemon=True
        )
        collecting = gc.isenabled()
        if self.start == "fork":
            gc.disable()  # until the worker has frozen what it inherits (_worker_main)
        try:
            proc.start()
        finally:
            if collecting:
                gc.enable()  # this process's own frozen objects (app.cli's) stay as they were
        child.close()
        return _Worker(proc, parent)

    def __enter__(self) -> ParsePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop every worker. None holds anything but the file it reads, so each is killed
        rather than told to stop and waited for: a worker's own exit (its interpreter's
        shutdown) costs ~18 ms, and one still reading would be waited for up to its end."""
        for w in self._workers:
            _stop(w)
        self._workers = []

    def _replace(self, w: _Worker) -> None:
        _stop(w)
        self._workers[self._workers.index(w)] = self._spawn()

    def results(
        self, paths: Iterable[str], cancelled: Callable[[], bool] = lambda: False
    ) -> Iterator[ParseResult]:
        """Results in completion order; stops handing out new files once ``cancelled()``.

        Each worker holds up to ``DEPTH`` paths, and idle workers are fed before results are
        handed over: the caller's database work on one file overlaps the reading of the next
        (fed one path at a time, a worker waited for every merge: docs/benchmarks.md)."""
        from multiprocessing import connection

        queue = deque(paths)
        while len(self._workers) < min(self.size, max(1, len(queue))):
            self._workers.append(self._spawn())

        def feed(now: float) -> None:
            for w in self._workers:
                while len(w.paths) < DEPTH and queue and not cancelled():
                    if not w.paths:
                        w.started = now
                    w.paths.append(queue.popleft())
                    w.conn.send(w.paths[-1])

        feed(time.monotonic())
        while True:
            busy = [w for w in self._workers if w.paths]
            if not busy:
                return
            ready = connection.wait([w.conn for w in busy], timeout=0.2)
            now = time.monotonic()
            done: list[ParseResult] = []
            for w in busy:
                path = w.paths[0]
                if now - w.started > self.timeout_s:  # late is late, even if it just answered
                    result = _refused(
                        path, None, Message.of("reader_timeout", seconds=f"{self.timeout_s:g}")
                    )
                elif w.conn in ready:
                    try:
                        done.append(w.conn.recv())
                        w.paths.popleft()
                        w.started = now  # the next queued path starts now
                        continue
                    except (EOFError, OSError):
                        log.warning("a reader process died on %s", path, exc_info=True)
                        result = _refused(path, None, Message.of("reader_crashed"))
                else:
                    continue
                queue.extendleft(reversed(list(w.paths)[1:]))  # not read yet: hand back
                self._replace(w)  # the replacement worker starts idle; w is discarded
                done.append(result)
            feed(now)
            yield from done


def expand_paths(paths: Iterable[str | Path]) -> list[str]:
    """Files as given; folders walked for .xlsx files (Excel's ~$ lock files skipped)."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = [
                f
                for f in path.rglob("*")
                if f.is_file()
                and f.suffix.lower() == ".xlsx"
                and not f.name.startswith(("~$", "."))
            ]
            out.extend(str(f) for f in sorted(found))
        else:
            out.append(str(path))
    return out
