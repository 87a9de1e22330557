"""The reading pool: how its workers start, what they return, and its end (closing it never
waits for a worker, whatever the worker is doing), for both ways a worker can start."""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
import time
from pathlib import Path

import pytest

from app.domain.catalog import Catalog
from app.services import parse_pool
from app.services.parse_pool import ParsePool, os_threads, start_method, verify_path
from tests.kit.keys import Key
from tests.kit.submissions import make_payload, write

STARTS = ["spawn", "fork"] if sys.platform.startswith("linux") else ["spawn"]


def test_only_a_single_threaded_linux_process_forks() -> None:
    assert start_method("linux", 1) == "fork"
    assert start_method("linux", 2) == "spawn"  # another thread may hold a lock
    assert start_method("win32", 1) == "spawn"
    assert start_method("darwin", 1) == "spawn"  # its system libraries refuse forks


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/self/task: Linux")
def test_threads_python_does_not_know_of_count_too(qapp: object) -> None:
    """Qt's threads are not Python's: a process running one must not fork."""
    from PySide6.QtCore import QThread

    before, python_threads = os_threads(), threading.active_count()
    qt_thread = QThread()
    qt_thread.start()  # its event loop: a native thread that threading never sees
    try:
        assert qt_thread.isRunning()
        assert os_threads() == before + 1
        assert threading.active_count() == python_threads  # Python does not count it
        assert start_method() == "spawn"
    finally:
        qt_thread.quit()
        qt_thread.wait()
    waiting = threading.Event()
    py_thread = threading.Thread(target=waiting.wait)
    py_thread.start()
    try:
        assert os_threads() == before + 1 and start_method() == "spawn"
    finally:
        waiting.set()
        py_thread.join()


@pytest.mark.parametrize("start", STARTS)
def test_close_stops_a_worker_stuck_in_a_file_at_once(
    catalog: Catalog, tmp_path: Path, start: str
) -> None:
    stuck = tmp_path / "never-written.xlsx"
    os.mkfifo(stuck)  # opening it for reading blocks until a writer comes: none will
    pool = ParsePool(catalog, workers=1, timeout_s=60, start=start)
    worker = pool._spawn()
    pool._workers.append(worker)
    worker.conn.send(str(stuck))
    started = time.monotonic()
    pool.close()
    assert time.monotonic() - started < 1.5  # asked to stop, it would have been waited for 2 s
    assert not worker.proc.is_alive()
    assert pool._workers == []


@pytest.mark.parametrize("start", STARTS)
def test_workers_return_what_the_reader_returns_in_process(
    catalog: Catalog, tmp_path: Path, start: str
) -> None:
    key = Key()
    good = [
        write(tmp_path, catalog, key, make_payload(catalog, unit), f"{unit}.xlsx")
        for unit in ("zjj", "jtys", "swj")
    ]
    torn = tmp_path / "torn.xlsx"
    torn.write_bytes(good[0].read_bytes()[:-200])
    paths = [str(p) for p in [*good, torn, tmp_path / "missing.xlsx"]]
    gc.freeze()  # as the command line does with what its start made (app.cli)
    frozen = gc.get_freeze_count()
    try:
        with ParsePool(catalog, workers=2, start=start) as pool:
            assert pool.start == start
            got = {r.path: r for r in pool.results(paths)}
        assert gc.get_freeze_count() == frozen and gc.isenabled()  # ours, as they were
    finally:
        gc.unfreeze()
    assert set(got) == set(paths)
    for path in paths:
        want = verify_path(path, catalog)
        r = got[path]
        assert (r.sha256, r.code, r.unit) == (want.sha256, want.code, want.unit)
        if want.verified is not None:
            assert r.verified is not None and r.verified.payload == want.verified.payload
    assert [got[p].verified is not None for p in paths] == [True, True, True, False, False]


@pytest.mark.parametrize("start", STARTS)
def test_a_worker_stuck_in_a_file_is_cut_off_and_the_rest_are_read(
    catalog: Catalog, tmp_path: Path, start: str
) -> None:
    stuck = tmp_path / "never-written.xlsx"
    os.mkfifo(stuck)
    good = write(tmp_path, catalog, Key(), make_payload(catalog), "zjj.xlsx")
    with ParsePool(catalog, workers=1, timeout_s=1.0, start=start) as pool:
        got = {r.path: r for r in pool.results([str(stuck), str(good)])}
    assert got[str(stuck)].code == "reader_timeout"
    assert got[str(good)].verified is not None


def _allocate(limit_mb: int, grow_mb: int, answer: multiprocessing.queues.Queue[str]) -> None:
    parse_pool._limit_memory(limit_mb)
    try:
        block = bytearray(grow_mb * 1024 * 1024)
        answer.put(f"allocated {len(block) >> 20}")
    except MemoryError:
        answer.put("MemoryError")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS and /proc: Linux")
def test_the_memory_bound_counts_from_what_a_worker_holds_as_it_starts() -> None:
    ctx = multiprocessing.get_context("fork")
    answers = []
    for grow in (16, 512):
        q: multiprocessing.queues.Queue[str] = ctx.Queue()
        proc = ctx.Process(target=_allocate, args=(128, grow, q))
        proc.start()
        answers.append(q.get(timeout=30))
        proc.join(30)
    # This test process holds far more than 128 MB of address space (Qt, the app, pytest): a
    # bound counted from zero would refuse even the 16 MB.
    assert parse_pool._address_space() > 128 * 1024 * 1024
    assert answers == ["allocated 16", "MemoryError"]
