"""The reading pool's end: closing it never waits for a worker, whatever the worker is doing."""

from __future__ import annotations

import os
import time
from pathlib import Path

from app.domain.catalog import Catalog
from app.services.parse_pool import ParsePool


def test_close_stops_a_worker_stuck_in_a_file_at_once(catalog: Catalog, tmp_path: Path) -> None:
    stuck = tmp_path / "never-written.xlsx"
    os.mkfifo(stuck)  # opening it for reading blocks until a writer comes: none will
    pool = ParsePool(catalog, workers=1, timeout_s=60)
    worker = pool._spawn()
    pool._workers.append(worker)
    worker.conn.send(str(stuck))
    started = time.monotonic()
    pool.close()
    assert time.monotonic() - started < 1.5  # asked to stop, it would have been waited for 2 s
    assert not worker.proc.is_alive()
    assert pool._workers == []
