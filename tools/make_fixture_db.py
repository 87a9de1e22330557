#!/usr/bin/env python3
"""Make the fixture databases of the current schema, with data in them, for the upgrade tests.

    .venv/bin/python tools/make_fixture_db.py            writes tests/fixtures/schema-<HEAD>-*

Run it once per released schema revision (after adding an Alembic revision and bumping
SCHEMA_HEAD) and commit the files: tests/reliability/test_migrations.py opens every fixture
with the newest program and checks that the data is intact. Never regenerate an old one.

Writes schema-<HEAD>-unit.sqlite3 (a unit install: profile, sealed key, a filled period, an
export record), schema-<HEAD>-office.sqlite3 (registered keys, imported versions, the import
log) and schema-<HEAD>.json (what the test must find in them).
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    from sqlalchemy import func, select

    from app.config import Settings
    from app.io import keys
    from app.models import (
        SCHEMA_HEAD,
        Entry,
        EntryTargetValue,
        ImportLog,
        IndicatorValue,
        LocalSubmission,
        SubmissionEntry,
        TrustedKey,
    )
    from app.services.catalog import default_catalog
    from app.services.entries import EntryService
    from app.services.export import export_period
    from app.services.office_import import Importer
    from app.services.stores import open_office_store, open_unit_store
    from app.services.unit_setup import init_unit
    from tests.kit.keys import Key, trust
    from tests.kit.submissions import make_payload, write
    from tests.kit.world import PASS, fill_period, office_state

    out_dir = ROOT / "tests" / "fixtures"
    out_dir.mkdir(parents=True, exist_ok=True)
    catalog = default_catalog()
    keys.SCRYPT_N = 2**12  # the envelope records its cost; the tests unlock it quickly
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        unit = open_unit_store(Settings(work / "unit"))
        init_unit(unit, catalog, "zjj", "李四", "0755-12345678", PASS)
        service = EntryService(unit, catalog, "zjj")
        fill_period(service, catalog, "2016Q1", "（迁移测试）")
        fill_period(service, catalog, "2016Q2", "第二季度")
        export_period(unit, catalog, "2016Q1", work / "export.xlsx", PASS)
        with unit.factory() as s:
            unit_expect = {
                "entries": s.scalar(select(func.count(Entry.id))),
                "target_values": s.scalar(select(func.count(EntryTargetValue.id))),
                "indicator_values": s.scalar(select(func.count(IndicatorValue.id))),
                "exports": [
                    [r.version, r.sequence, r.uuid]
                    for r in s.scalars(select(LocalSubmission).order_by(LocalSubmission.id))
                ],
                "progress_task_1": s.scalars(select(Entry.progress).order_by(Entry.id)).first(),
            }
        unit.close()

        office = open_office_store(Settings(work / "office"))
        files = []
        for u in ("zjj", "jtys", "swj"):
            key = Key()
            trust(office, catalog, u, key)
            for version in (1, 2):
                p = make_payload(
                    catalog, u, version=version, sequence=version, text=f"{u}{version}"
                )
                files.append(write(work, catalog, key, p, f"{u}-{version}.xlsx"))
        (work / "junk.xlsx").write_bytes(b"not a workbook")
        Importer(office, catalog).run([*files, work / "junk.xlsx"], in_process=True)
        with office.factory() as s:
            office_expect = {
                "state": sorted(office_state(office)),
                "submission_entries": s.scalar(select(func.count(SubmissionEntry.id))),
                "import_log": s.scalar(select(func.count(ImportLog.id))),
                "trusted_keys": sorted(s.scalars(select(TrustedKey.fingerprint)).all()),
            }
        office.close()

        for which in ("unit", "office"):
            src = work / which / f"{which}.sqlite3"
            dest = out_dir / f"schema-{SCHEMA_HEAD}-{which}.sqlite3"
            dest.unlink(missing_ok=True)
            con = sqlite3.connect(src)
            con.execute("PRAGMA journal_mode=DELETE")  # one self-contained file to commit
            con.execute(f"VACUUM INTO '{dest}'")
            con.close()
    manifest = {"revision": SCHEMA_HEAD, "unit": unit_expect, "office": office_expect}
    (out_dir / f"schema-{SCHEMA_HEAD}.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
    )
    for p in sorted(out_dir.glob(f"schema-{SCHEMA_HEAD}*")):
        print(f"{p.relative_to(ROOT)}  {p.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
