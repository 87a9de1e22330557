"""Crash-trial driver: exporting the unit's period in a loop until it is killed.

    python -m tests.reliability.drivers.export UNIT_DATA_DIR OUT_DIR [--die-after-write]

``--die-after-write``: the process kills itself (SIGKILL) right after the first file was
written and before the export was recorded: the worst moment, on purpose.
Every other export goes to the same ``same.xlsx`` (an overwrite), the others to new names.
Prints ``ready``, then ``confirmed <file> <version> <sha256>`` after each export returned.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

import app.services.export as export_service
from app.config import Settings
from app.services.export import export_period
from app.services.stores import open_unit_store, store_catalog
from tests.kit.world import PASS


def die_after_write() -> None:
    write = export_service.write_submission

    def write_then_die(*args: Any, **kw: Any) -> str:
        sha = write(*args, **kw)
        os.kill(os.getpid(), signal.SIGKILL)
        return sha

    export_service.write_submission = write_then_die  # type: ignore[assignment]


def main(data_dir: str, out_dir: str) -> None:
    store = open_unit_store(Settings(Path(data_dir)))
    catalog = store_catalog(store)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    print("ready", flush=True)
    k = 0
    while True:
        k += 1
        target = out / ("same.xlsx" if k % 2 else f"e{k:04d}.xlsx")
        result = export_period(store, catalog, "2016Q1", target, PASS)
        print(f"confirmed {target.name} {result.version} {result.file_sha256}", flush=True)


if __name__ == "__main__":
    if "--die-after-write" in sys.argv[3:]:
        die_after_write()
    main(sys.argv[1], sys.argv[2])
