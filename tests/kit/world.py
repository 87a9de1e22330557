"""The prepared world of the reliability proofs: a ready unit install, a ready office install
and a folder of genuine submissions, made once and copied per trial (tests and
tools/long_runs.py); and what the proofs read back (office state, integrity, entry counts).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.config import Settings
from app.domain.catalog import Catalog
from app.domain.entry_rules import EntryDraft, IndicatorDraft
from app.io import keys
from app.models import Submission, SubmissionEntry
from app.models.store import Store
from app.services.entries import EntryService
from app.services.office_import import Importer
from app.services.stores import open_office_store, open_unit_store, store_catalog
from app.services.unit_setup import init_unit
from tests.kit.keys import Key, trust
from tests.kit.submissions import make_payload, write

PASS = "住建局 quality 2016"
UNIT = "zjj"
FAST_SCRYPT_N = 2**12  # the envelope records its cost, so a driver unlocks fast as well
INBOX_UNITS = ("zjj", "jtys", "swj", "jyj", "scjg", "kcw", "jmxxw", "rsj", "fzb", "wjw")

State = set[tuple[str, int, bool]]  # (submission uuid, version, is_current)


def office_state(store: Store) -> State:
    with store.factory() as s:
        rows = s.execute(select(Submission.uuid, Submission.version, Submission.is_current))
        return {(u, v, bool(c)) for u, v, c in rows}


def integrity(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return "; ".join(r[0] for r in con.execute("PRAGMA integrity_check"))
    finally:
        con.close()


def trial_count(name: str, default: int) -> int:
    """How many trials a proof runs: ``default``, or the environment variable ``name``."""
    return int(os.environ.get(name, default))


def fill_period(service: EntryService, catalog: Catalog, period: str, note: str = "") -> None:
    """Every task of the unit filled validly, and its indicators (export-ready)."""
    for task, _role in catalog.tasks_for_unit(service.unit_id):
        service.save(
            EntryDraft(
                task.no,
                period,
                status="in_progress",
                percent=60,
                progress=f"任务{task.no}：按计划推进，已完成季度工作量。{note}",
                problems="无",
                next_steps="继续推进，按期完成。",
                targets=tuple((t.name, str(t.value)) for t in task.targets),
            )
        )
    for ind in catalog.indicators_for_unit(service.unit_id):
        service.save_indicator(IndicatorDraft(ind.no, period, value=str(ind.value)))


@dataclass(frozen=True)
class Base:
    """A prepared world under ``root``: copy it per trial with ``copy_to``."""

    root: Path

    @property
    def unit_dir(self) -> Path:
        return self.root / "unit"

    @property
    def office_dir(self) -> Path:
        return self.root / "office"

    @property
    def inbox(self) -> Path:
        return self.root / "inbox"

    @property
    def manifest(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.root / "manifest.json").read_text())
        return data

    def reference(self) -> State:
        return {(u, v, c) for u, v, c in self.manifest["reference"]}

    def copy_to(self, dest: Path) -> Base:
        shutil.copytree(self.root, dest)
        return Base(dest)


def make_base(root: Path, catalog: Catalog) -> Base:
    """The unit install (key, a filled export-ready 2016Q1), the office install (every inbox
    unit's key registered) and 30 genuine files: 10 units x (Q1 v1, Q1 v2, Q2 v1)."""
    original_n = keys.SCRYPT_N
    keys.SCRYPT_N = FAST_SCRYPT_N
    try:
        unit_store = open_unit_store(Settings(root / "unit"))
        init_unit(unit_store, catalog, UNIT, "李四", "0755-1", PASS)
        fill_period(EntryService(unit_store, catalog, UNIT), catalog, "2016Q1")
        unit_store.close()
    finally:
        keys.SCRYPT_N = original_n
    office = open_office_store(Settings(root / "office"))
    inbox = root / "inbox"
    inbox.mkdir()
    files: dict[str, str] = {}
    (root / "keys").mkdir()
    for i, unit in enumerate(INBOX_UNITS):
        key = Key()
        trust(office, catalog, unit, key)
        doc = keys.registration_document(
            unit, catalog.unit(unit).name, key.public, "张三", datetime(2016, 3, 1, tzinfo=UTC)
        )
        keys.write_registration(root / "keys" / f"{unit}.json", doc)
        for period, version, seq in (("2016Q1", 1, 1), ("2016Q1", 2, 3), ("2016Q2", 1, 2)):
            p = make_payload(
                catalog, unit, period, version=version, sequence=seq, text=f"{unit}{version}"
            )
            name = f"{i:02d}-{unit}-{period}-v{version}.xlsx"
            write(inbox, catalog, key, p, name)
            files[name] = p.submission_id
    office.close()
    # The uninterrupted result, from a scratch copy of the office store.
    scratch = root / "scratch"
    shutil.copytree(root / "office", scratch)
    store = open_office_store(Settings(scratch))
    outcomes = Importer(store, store_catalog(store)).run([inbox], in_process=True)
    assert all(o.outcome == "accepted" or o.outcome == "superseded" for o in outcomes), outcomes
    reference = sorted(office_state(store))
    store.close()
    shutil.rmtree(scratch)
    entries = {
        name: len(catalog.tasks_for_unit(name.split("-")[1])) for name in files
    }  # rows each file brings
    (root / "manifest.json").write_text(
        json.dumps({"files": files, "entries": entries, "reference": reference}, indent=1)
    )
    return Base(root)


def entry_counts(store: Store) -> dict[str, int]:
    """Submission uuid -> its number of entry rows."""
    with store.factory() as s:
        subs = dict(s.execute(select(Submission.id, Submission.uuid)).tuples().all())
        out = dict.fromkeys(subs.values(), 0)
        for (sid,) in s.execute(select(SubmissionEntry.submission_id)):
            out[subs[sid]] += 1
        return out
