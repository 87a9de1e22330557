"""Revision 0002 (signed packages, issue 12) on a real store of schema 0001: what was imported
stays, submission ids become the unit's own, the import log keeps its old words and gains
codes, and a file of the old layout is refused with a reason that says to export again."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import replace
from pathlib import Path

from sqlalchemy import func, select

from app.config import Settings
from app.domain.catalog import Catalog
from app.models import SCHEMA_HEAD, ImportLog, Submission
from app.models.store import current_revision
from app.services.office_import import Importer
from app.services.office_status import period_status
from app.services.stores import open_office_store
from tests.kit.keys import Key, trust
from tests.kit.paths import FIXTURES
from tests.kit.submissions import make_payload, write
from tests.kit.world import office_state

OLD_FILE = FIXTURES / "old-format-submission.xlsx"  # written by the 0001-era program


def _office(tmp_path: Path) -> Settings:
    settings = Settings(tmp_path / "data")
    settings.data_dir.mkdir(parents=True)
    shutil.copy(FIXTURES / "schema-0001-office.sqlite3", settings.data_dir / "office.sqlite3")
    return settings


def test_0002_keeps_every_version_and_gives_it_its_signed_digest(tmp_path: Path) -> None:
    store = open_office_store(_office(tmp_path))
    try:
        assert current_revision(store.engine) == SCHEMA_HEAD  # 0002 and what follows it
        with store.factory() as s:
            rows = s.execute(select(Submission.payload, Submission.signed_sha256)).all()
            logged = s.execute(select(ImportLog.reason, ImportLog.reason_code)).all()
        assert rows and all(
            d == hashlib.sha256(p.encode("utf-8")).hexdigest() for p, d in rows
        )  # the stand-in: the stored payload's digest (no signed document existed)
        assert logged and all(code is None for _reason, code in logged)
        with store.engine.connect() as c:  # read for every import: before the big payload
            columns = [r[1] for r in c.exec_driver_sql("PRAGMA table_info(submission)")]
        assert columns.index("signed_sha256") < columns.index("payload")
    finally:
        store.close()


def test_0002_old_log_rows_still_read_and_new_ones_carry_codes(
    tmp_path: Path, catalog: Catalog
) -> None:
    store = open_office_store(_office(tmp_path))
    try:
        with store.factory() as s:
            old_reason = s.scalars(
                select(ImportLog.reason).where(ImportLog.outcome == "rejected")
            ).first()
        assert old_reason
        before = office_state(store)
        [o] = Importer(store, catalog).run([OLD_FILE], in_process=True)
        assert (o.outcome, o.code) == ("rejected", "old_format")
        assert "重新导出" in o.reason and "export it again" in o.message.render("en")
        assert office_state(store) == before  # the store keeps what it had
        with store.factory() as s:
            code, params = s.execute(
                select(ImportLog.reason_code, ImportLog.reason_params).order_by(ImportLog.id.desc())
            ).first() or (None, None)
        assert code == "old_format" and params is not None and "signed-xlsx/1" in params
        # the tracker's "last reason" of a unit with only old rejected rows: the old words
        status = period_status(store, catalog, "2016Q1")
        reasons = [u.last_reason for u in status.units if u.last_reason is not None]
        assert all(m.render("en") for m in reasons)
    finally:
        store.close()


def test_0002_another_units_file_with_an_existing_id_imports(
    tmp_path: Path, catalog: Catalog
) -> None:
    """Under 0001 a submission id was unique in the whole store: another unit signing a
    victim's id blocked the victim's file. 0002 scopes ids to their unit."""
    store = open_office_store(_office(tmp_path))
    try:
        with store.factory() as s:
            taken = s.scalars(select(Submission.uuid)).first()
            n = s.scalar(select(func.count(Submission.id)))
        assert taken is not None
        key = Key()
        trust(store, catalog, "jyj", key)
        p = replace(make_payload(catalog, "jyj"), submission_id=taken)
        f = write(tmp_path, catalog, key, p, "jyj.xlsx")
        [o] = Importer(store, catalog).run([f], in_process=True)
        assert (o.outcome, o.code) == ("accepted", "import_new")
        with store.factory() as s:
            assert s.scalar(select(func.count(Submission.id))) == n + 1
    finally:
        store.close()
