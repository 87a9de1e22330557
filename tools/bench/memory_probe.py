"""An office session in a fresh process, for its peak memory (run by the memory benchmark).

    python -m tools.bench.memory_probe TEMPLATE_DATA_DIR WORK_DATA_DIR FOLDER [--window]

Copies the template office store and imports FOLDER as ``office import`` does. Without
``--window`` it then loads what the window shows (every period's matrix, the tracker, the
board) and one period's report data through the services; with ``--window`` it runs the real
office window (offscreen): opened and painted, the import, a refresh, and every page shown.
Prints the RSS high-water marks as one JSON line: this process's from /proc/self/status
(VmHWM: ``ru_maxrss`` would also count the parent's pages the fork copied before the exec), and
the largest worker's, sampled every 20 ms with psutil while the import runs.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import sys
import threading
from collections.abc import Callable
from pathlib import Path


def _mb(kilobytes: int) -> float:
    return kilobytes / 1024


def _peak() -> int:
    """KiB: the high-water mark of this program image."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


class WorkerWatch:
    """The largest RSS any child process reaches while ``run`` runs (KiB)."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()

    def run(self, job: Callable[[], object]) -> None:
        import psutil  # type: ignore[import-untyped]

        me = psutil.Process()

        def watch() -> None:
            while not self._stop.wait(0.02):
                for child in me.children(recursive=True):
                    with contextlib.suppress(psutil.Error):  # a child that just ended
                        self.peak = max(self.peak, child.memory_info().rss // 1024)

        thread = threading.Thread(target=watch, daemon=True)
        thread.start()
        try:
            job()
        finally:
            self._stop.set()
            thread.join()


WATCH = WorkerWatch()


def headless(template: str, work: str, folder: str) -> int:
    from app.services import consolidation
    from app.services.office_import import Importer
    from app.services.report import build_report
    from app.services.stores import open_office_store, store_catalog
    from tools.bench.data import fresh_office

    store = open_office_store(fresh_office(Path(template), Path(work)))
    catalog = store_catalog(store)
    WATCH.run(lambda: Importer(store, catalog).run([folder]))
    after_import = _peak()
    for p in catalog.periods:
        consolidation.load_matrix(store, catalog, p.code)
        consolidation.tracker(store, catalog, p.code)
        consolidation.indicator_board(store, catalog, p.code)
    build_report(store, catalog, catalog.periods[-1].code)
    store.close()
    return after_import


def window(template: str, work: str, folder: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.services.office_import import Importer
    from app.ui.common.application import prepare_application
    from app.ui.office.window import open_office_window
    from tools.bench.data import fresh_office

    settings = fresh_office(Path(template), Path(work))
    app = QApplication(sys.argv)
    prepare_application(app)
    win = open_office_window(settings, load_after_paint=False)
    win.resize(1600, 1000)
    win.show()
    app.processEvents()
    win.load()
    assert win.store is not None and win.catalog is not None
    store, catalog = win.store, win.catalog
    WATCH.run(lambda: Importer(store, catalog).run([folder]))  # as the import dialog does
    after_import = _peak()
    win.refresh()
    for i in range(win.tabs.count()):
        win.tabs.setCurrentIndex(i)
        app.processEvents()
    win.close()
    return after_import


def main(template: str, work: str, folder: str, *flags: str) -> None:
    after_import = (window if "--window" in flags else headless)(template, work, folder)
    print(
        json.dumps(
            {
                "after_import_mb": _mb(after_import),
                "peak_mb": _mb(_peak()),
                "worker_mb": _mb(WATCH.peak),
            }
        )
    )


if __name__ == "__main__":
    main(*sys.argv[1:])
