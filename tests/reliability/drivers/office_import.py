"""Crash-trial driver: the office importing a folder of genuine files, then again, until killed.

    python -m tests.reliability.drivers.office_import OFFICE_DATA_DIR INBOX [--pool]

``--pool`` reads through the worker processes (the batch path), otherwise in process.
Prints ``ready``, then ``confirmed <outcome> <file name>`` after each file was applied.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.config import Settings
from app.services.office_import import FileOutcome, Importer
from app.services.stores import open_office_store, store_catalog


def main(data_dir: str, inbox: str, pool: bool) -> None:
    store = open_office_store(Settings(Path(data_dir)))
    importer = Importer(store, store_catalog(store), workers=2)
    print("ready", flush=True)

    def report(o: FileOutcome, done: int, total: int) -> None:
        print(f"confirmed {o.outcome} {Path(o.file).name}", flush=True)

    while True:
        importer.run([inbox], on_result=report, in_process=not pool)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], "--pool" in sys.argv[3:])
