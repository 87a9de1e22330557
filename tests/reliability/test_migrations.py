"""Upgrades from every released schema with data in it, backups before a migration, restore
from a backup (service and command line), and the refusal of a network path.

tests/fixtures/schema-<rev>-{unit,office}.sqlite3 are real stores of each released schema
(tools/make_fixture_db.py made them); schema-<rev>.json says what is in them. A new Alembic
revision is covered without touching this file: the fixtures of the older schemas then
upgrade, and the test requires the backup that must precede it.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

import app.models
import app.models.store as store_module
from app.cli import main
from app.config import Settings, is_network_path
from app.domain.catalog import Catalog
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
from app.models.store import StoreError, current_revision, open_store
from app.services import backups
from app.services.entries import EntryService
from app.services.export import export_period
from app.services.office_import import Importer
from app.services.stores import open_office_store, open_unit_store, store_catalog
from tests.kit.paths import FIXTURES
from tests.kit.world import PASS, integrity, office_state

RELEASED = sorted(p.stem.removeprefix("schema-") for p in FIXTURES.glob("schema-*.json"))


def test_a_fixture_exists_for_the_current_schema() -> None:
    """Releasing a schema means committing its fixtures (tools/make_fixture_db.py)."""
    assert SCHEMA_HEAD in RELEASED
    for rev in RELEASED:
        for which in ("unit", "office"):
            assert integrity(FIXTURES / f"schema-{rev}-{which}.sqlite3") == "ok"


def _install(rev: str, data: Path) -> dict[str, Any]:
    data.mkdir(parents=True)
    for which in ("unit", "office"):
        shutil.copy(FIXTURES / f"schema-{rev}-{which}.sqlite3", data / f"{which}.sqlite3")
    expect: dict[str, Any] = json.loads((FIXTURES / f"schema-{rev}.json").read_text())
    return expect


def _backups(settings: Settings) -> list[backups.BackupInfo]:
    return [b for b in backups.list_backups(settings) if b.label.startswith("before-")]


@pytest.mark.parametrize("rev", RELEASED)
def test_upgrade_keeps_the_units_data(rev: str, tmp_path: Path, catalog: Catalog) -> None:
    settings = Settings(tmp_path / "data")
    expect = _install(rev, settings.data_dir)["unit"]
    store = open_unit_store(settings)
    try:
        assert current_revision(store.engine) == SCHEMA_HEAD
        made = _backups(settings)
        if rev == SCHEMA_HEAD:
            assert store.backup is None and made == []
        else:  # the copy of the old store was made before the upgrade touched it
            assert store.backup is not None and [b.revision for b in made] == [rev]
        with store.factory() as s:
            assert s.scalar(select(func.count(Entry.id))) == expect["entries"]
            assert s.scalar(select(func.count(EntryTargetValue.id))) == expect["target_values"]
            assert s.scalar(select(func.count(IndicatorValue.id))) == expect["indicator_values"]
            exports = s.scalars(select(LocalSubmission).order_by(LocalSubmission.id)).all()
            assert [[e.version, e.sequence, e.uuid] for e in exports] == expect["exports"]
            first = s.scalars(select(Entry.progress).order_by(Entry.id)).first()
            assert first == expect["progress_task_1"]
        # the clerk goes on: the period is still complete, the key still opens, v2 follows
        service = EntryService(store, store_catalog(store), "zjj")
        assert service.summary("2016Q1").ready
        result = export_period(store, store_catalog(store), "2016Q1", tmp_path / "v.xlsx", PASS)
        assert result.version == len(expect["exports"]) + 1
    finally:
        store.close()


@pytest.mark.parametrize("rev", RELEASED)
def test_upgrade_keeps_the_offices_data(rev: str, tmp_path: Path) -> None:
    settings = Settings(tmp_path / "data")
    expect = _install(rev, settings.data_dir)["office"]
    store = open_office_store(settings)
    try:
        assert current_revision(store.engine) == SCHEMA_HEAD
        assert (store.backup is None) == (rev == SCHEMA_HEAD)
        assert sorted(list(x) for x in office_state(store)) == expect["state"]
        with store.factory() as s:
            assert s.scalar(select(func.count(SubmissionEntry.id))) == expect["submission_entries"]
            assert s.scalar(select(func.count(ImportLog.id))) == expect["import_log"]
            fps = sorted(s.scalars(select(TrustedKey.fingerprint)).all())
            assert fps == expect["trusted_keys"]
    finally:
        store.close()


NEXT_REVISION = '''"""a later schema (test only)"""
import sqlalchemy as sa
from alembic import op

revision = "{new}"
down_revision = "{old}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("setting") as batch:
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("setting") as batch:
        batch.drop_column("note")
'''


def test_a_migration_backs_up_first_and_keeps_the_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A future revision, simulated: the real Alembic scripts plus one more (a column added
    through a batch table copy, as SQLite needs). Opening the newest fixture backs it up, then
    upgrades it with every row intact."""
    scripts = tmp_path / "migrations"
    shutil.copytree(store_module.migrations_dir(), scripts, ignore=shutil.ignore_patterns("__py*"))
    new = f"{int(SCHEMA_HEAD) + 1:04d}"
    (scripts / "versions" / f"{new}_test.py").write_text(
        NEXT_REVISION.format(new=new, old=SCHEMA_HEAD)
    )
    monkeypatch.setattr(store_module, "migrations_dir", lambda: scripts)
    monkeypatch.setattr(app.models, "SCHEMA_HEAD", new)
    settings = Settings(tmp_path / "data")
    expect = _install(SCHEMA_HEAD, settings.data_dir)["office"]
    store = open_office_store(settings)
    try:
        assert current_revision(store.engine) == new
        assert sorted(list(x) for x in office_state(store)) == expect["state"]
        [made] = _backups(settings)
        assert made.label == f"before-{new}" and made.revision == SCHEMA_HEAD
        assert made.path == store.backup
    finally:
        store.close()
    # the backup is the old store as it was: it opens with the old program's schema
    con = sqlite3.connect(made.path)
    assert con.execute("SELECT count(*) FROM submission").fetchone()[0] == len(expect["state"])
    assert "note" not in [r[1] for r in con.execute("PRAGMA table_info(setting)")]
    con.close()


# -- backups and restore -----------------------------------------------------------------
def _setting(data: Path, key: str) -> str | None:
    con = sqlite3.connect(data / "unit.sqlite3")
    try:
        row = con.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])
    finally:
        con.close()


def _set(settings: Settings, key: str, value: str) -> None:
    store = open_unit_store(settings)
    EntryService(store, store_catalog(store), "zjj").set_state(key, value)
    store.close()


def test_restore_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings(tmp_path / "data")
    _install(SCHEMA_HEAD, settings.data_dir)
    d = ["--data-dir", str(settings.data_dir)]
    _set(settings, "marker", "before")
    assert main([*d, "backup", "create"]) == 0
    _set(settings, "marker", "after")
    capsys.readouterr()
    assert main([*d, "backup", "list", "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert listed["store"] == "unit" and listed["label"] == "manual"
    assert listed["revision"] == SCHEMA_HEAD
    assert main([*d, "backup", "restore", listed["file"]]) == 0
    assert _setting(settings.data_dir, "marker") == "before"
    # what was there just before the restore is a backup of its own: the restore is undoable
    safety = [b for b in backups.list_backups(settings) if b.label == "before-restore"]
    assert len(safety) == 1
    con = sqlite3.connect(safety[0].path)
    assert con.execute("SELECT value FROM setting WHERE key='marker'").fetchone() == ("after",)
    con.close()
    store = open_unit_store(settings)  # and the restored store opens as usual
    store.close()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "another store", "newer program"])
def test_a_bad_backup_is_refused_and_changes_nothing(
    damage: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(tmp_path / "data")
    _install(SCHEMA_HEAD, settings.data_dir)
    _set(settings, "marker", "live")
    good = backups.create_backup(settings, "unit").path
    bad = tmp_path / f"unit-20990101T000000Z-{damage.replace(' ', '-')}.sqlite3"
    if damage == "garbage":
        bad.write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)
    elif damage == "truncated":
        bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    elif damage == "another store":
        bad = tmp_path / "office-20990101T000000Z-manual.sqlite3"
        shutil.copy(FIXTURES / f"schema-{SCHEMA_HEAD}-office.sqlite3", bad)
    else:
        shutil.copy(good, bad)
        con = sqlite3.connect(bad)
        con.execute("UPDATE alembic_version SET version_num = '9999'")
        con.commit()
        con.close()
    before = (settings.data_dir / "unit.sqlite3").read_bytes()
    capsys.readouterr()
    code = main(["--data-dir", str(settings.data_dir), "backup", "restore", str(bad),
                 "--store", "unit"])  # fmt: skip
    err = capsys.readouterr().err.strip()
    assert code == 1 and err and "\n" not in err and "Traceback" not in err, err
    assert _setting(settings.data_dir, "marker") == "live"
    assert (settings.data_dir / "unit.sqlite3").read_bytes() == before


def test_restore_service_for_the_window(tmp_path: Path, catalog: Catalog) -> None:
    """The API the window's menu calls: list, create, restore, each one user action."""
    settings = Settings(tmp_path / "data")
    _install(SCHEMA_HEAD, settings.data_dir)
    first = backups.create_backup(settings, "office")
    store = open_office_store(settings)
    Importer(store, catalog).run([], in_process=True)
    with store.factory.begin() as s:
        s.query(ImportLog).delete()
    store.close()
    result = backups.restore_backup(settings, "office", first.path)
    assert result.safety_copy is not None and result.safety_copy.store == "office"
    assert [b.path for b in backups.list_backups(settings)][-1] == first.path  # newest first
    store = open_office_store(settings)
    with store.factory() as s:
        assert s.scalar(select(func.count(ImportLog.id))) > 0
    store.close()
    with pytest.raises(backups.BackupError, match="PostgreSQL"):
        backups.restore_backup(Settings(settings.data_dir, "postgresql+psycopg://x/y"), "office",
                               first.path)  # fmt: skip


# -- network paths -----------------------------------------------------------------------
MOUNTS = """\
/dev/vda / ext4 rw,relatime 0 0
server:/export /mnt/office nfs4 rw,relatime 0 0
//fs/share /mnt/smb cifs rw,relatime 0 0
/dev/vdb /mnt/office/local ext4 rw 0 0
/dev/vdc /mnt/smbdata ext4 rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "network"),
    [
        ("\\\\server\\share\\qr", True),
        ("//server/share/qr", True),
        ("/mnt/office/qr", True),
        ("/mnt/smb/qr", True),
        ("/mnt/office/local/qr", False),  # a local disk mounted inside the share
        ("/mnt/smbdata/qr", False),  # a name that only starts like the share
        ("/home/clerk/qr", False),
    ],
)
def test_network_paths_are_recognised(path: str, network: bool) -> None:
    assert is_network_path(Path(path), MOUNTS) is network


@pytest.mark.parametrize("folder", ["\\\\server\\share\\qr", "//server/share/qr"])
def test_store_on_a_network_share_points_to_postgresql(
    folder: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(StoreError, match="PostgreSQL"):
        open_store(Path(folder) / "office.sqlite3")
    code = main(["--data-dir", folder, "office", "init"])
    err = capsys.readouterr().err.strip()
    assert code == 1 and "网络共享" in err and "PostgreSQL" in err and "\n" not in err
