"""Crash-trial driver: the clerk's autosave, saving drafts in a loop until it is killed.

    python -m tests.reliability.drivers.autosave UNIT_DATA_DIR

Prints ``ready`` once the store is open, then ``confirmed <task> <period> <revision> <n>``
after each ``EntryService.save`` has returned (``n`` is also written into the text).
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.config import Settings
from app.domain.entry_rules import EntryDraft
from app.services.entries import EntryService
from app.services.stores import open_unit_store, store_catalog
from app.services.unit_setup import get_profile

PERIOD = "2016Q2"


def main(data_dir: str) -> None:
    store = open_unit_store(Settings(Path(data_dir)))
    catalog = store_catalog(store)
    profile = get_profile(store)
    assert profile is not None
    service = EntryService(store, catalog, profile.unit_id)
    tasks = [t for t, _role in service.tasks()]
    print("ready", flush=True)
    n = 0
    while True:
        for task in tasks:
            n += 1
            draft = EntryDraft(
                task.no,
                PERIOD,
                status="in_progress",
                percent=n % 101,
                progress=f"第{n}次保存：按计划推进。#{n}#",
                problems="无" * (n % 7 + 1),
                next_steps=f"下一步{n}",
                targets=tuple((t.name, str(n)) for t in task.targets),
            )
            saved = service.save(draft)
            print(f"confirmed {task.no} {PERIOD} {saved.revision} {n}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
