"""The import's merge on SQLite's own cursor (app.services.direct_sqlite, issue 17) writes the
very rows the Core path writes: the same files, in the same order, through both paths, then
every table the import writes compared row by row (times of arrival aside)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app.config import Settings
from app.domain.catalog import Catalog
from app.services import office_import
from app.services.audit import verify_audit
from app.services.office_import import Importer
from app.services.stores import open_office_store
from tools.bench import data

TABLES = {  # table -> columns that hold the time of the run, not the file's content
    "submission": ("imported_at",),
    "submission_entry": (),
    "submission_indicator": (),
    "import_log": ("at", "batch"),
    "audit_log": ("at", "prev_sha256", "sha256"),  # the chain hashes the time too
}


def batch(catalog: Catalog, work: Path) -> list[Path]:
    """New versions, replacing versions, older versions arriving late, the same file twice
    (once under another name) and a file that is no submission."""
    files = data.ensure_files(catalog, work / "files", 120, jobs=1)
    copy = work / "copy-of-first.xlsx"
    shutil.copyfile(files[0], copy)
    junk = work / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a workbook")
    return [*files[100:110], *files[:120], copy, junk]


def import_all(catalog: Catalog, template: Path, folder: Path, paths: list[Path]) -> Path:
    settings = data.fresh_office(template, folder)
    store = open_office_store(settings)
    try:
        outcomes = Importer(store, catalog).run(paths, in_process=True)
        chain = verify_audit(store)  # one row per key registered and per file, chained
        assert chain.ok and chain.rows == len(catalog.reporting_units()) + len(paths), chain
    finally:
        store.close()
    assert {o.outcome for o in outcomes} == {"accepted", "superseded", "duplicate", "rejected"}
    return Settings(folder).office_store_path


def dump(db: Path) -> dict[str, list[dict[str, Any]]]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        out = {}
        for table, volatile in TABLES.items():
            rows = conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            names = [k for k in rows[0].keys() if k not in volatile] if rows else []  # noqa: SIM118
            out[table] = [{k: r[k] for k in names} for r in rows]
        return out
    finally:
        conn.close()


def test_direct_and_core_merges_write_the_same_rows(
    catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = data.office_template(catalog, tmp_path / "template")
    paths = batch(catalog, tmp_path)
    direct = dump(import_all(catalog, template, tmp_path / "direct", paths))
    monkeypatch.setattr(office_import, "DirectSqlite", lambda conn, **kw: None)  # Core only
    core = dump(import_all(catalog, template, tmp_path / "core", paths))
    assert len(direct["submission"]) == 120  # the files that came twice: once
    assert sum(r["is_current"] for r in direct["submission"]) == 100
    assert direct == core


def test_a_failure_mid_group_keeps_the_files_before_it(
    catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files share a commit (DirectSqlite's groups): a file that fails with an unexpected
    error takes nothing but itself; the finished files of its group are committed, each
    reported file is stored, and the audit chain holds."""
    template = data.office_template(catalog, tmp_path / "template")
    files = data.ensure_files(catalog, tmp_path / "files", 12, jobs=1)
    store = open_office_store(data.fresh_office(template, tmp_path / "office"))
    real = office_import.Importer._merge
    seen: list[str] = []

    def merge(self: Importer, c: Any, ids: Any, result: Any, s: Any = None) -> Any:
        seen.append(result.path)
        if len(seen) == 7:
            raise RuntimeError("disk on fire")
        return real(self, c, ids, result, s)

    monkeypatch.setattr(office_import.Importer, "_merge", merge)
    monkeypatch.setattr(office_import, "GROUP", 4)
    told: list[str] = []
    try:
        with pytest.raises(RuntimeError):
            Importer(store, catalog).run(
                files, in_process=True, on_result=lambda o, n, t: told.append(o.file)
            )
        chain = verify_audit(store)
        assert chain.ok
    finally:
        store.close()
    stored = dump(Settings(tmp_path / "office").office_store_path)
    names = sorted(r["file_name"] for r in stored["submission"])
    assert names == sorted(
        Path(f).name for f in seen[:6]
    )  # the six before the failure, the seventh not at all
    assert told == seen[:4]  # the first group's, reported once it was committed


def test_a_group_holds_the_write_lock_from_its_first_statement(
    catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The merge skips import_merge.lock_store inside a group: the group began IMMEDIATE, so
    another writer cannot slip in between a file's reads and its writes."""
    template = data.office_template(catalog, tmp_path / "template")
    files = data.ensure_files(catalog, tmp_path / "files", 3, jobs=1)
    settings = data.fresh_office(template, tmp_path / "office")
    store = open_office_store(settings)
    real = office_import.Importer._merge
    probes: list[bool] = []

    def merge(self: Importer, c: Any, ids: Any, result: Any, s: Any = None) -> Any:
        other = sqlite3.connect(settings.office_store_path, timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # refused while the import holds the lock
            other.execute("ROLLBACK")
            probes.append(False)
        except sqlite3.OperationalError:
            probes.append(True)
        finally:
            other.close()
        return real(self, c, ids, result, s)

    monkeypatch.setattr(office_import.Importer, "_merge", merge)
    try:
        outcomes = Importer(store, catalog).run(files, in_process=True)
    finally:
        store.close()
    assert [o.outcome for o in outcomes] == ["accepted"] * 3
    assert probes == [True, True, True]
