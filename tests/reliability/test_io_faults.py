"""I/O faults: a full disk, a data folder that cannot be written, an export target that is
locked or unwritable, an office import into a full store. Each ends in one clear line from the
command line (exit 1), what was typed before stays, and no partial rows or files are left.

A full disk is SQLite's own ``max_page_count`` set on every connection (portable, no root);
the pragma is set by wrapping the store's connection hook, the one thing this file patches.
As root, permission bits do not stop writes, so "read-only" uses ``chattr +i`` (skipped with
a reason where the filesystem has no immutable flag) or a file where a folder must be.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

import app.models.store as store_module
from app.cli import main
from app.config import Settings
from app.domain.catalog import Catalog
from app.domain.entry_rules import EntryDraft
from app.models import Entry, ImportLog, LocalSubmission
from app.services.entries import EntryService
from app.services.stores import open_office_store, open_unit_store
from tests.kit.world import PASS, Base, entry_counts, integrity

pytestmark = pytest.mark.usefixtures("fast_scrypt_env")


@pytest.fixture
def fast_scrypt_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QR_PASS", PASS)


@pytest.fixture
def disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every SQLite connection opened from now on may not grow its file by a single page."""
    original = store_module._sqlite_pragmas

    def full(dbapi_conn: Any, record: Any) -> None:
        original(dbapi_conn, record)
        dbapi_conn.execute("PRAGMA max_page_count = 1")  # clamps to the current size

    monkeypatch.setattr(store_module, "_sqlite_pragmas", full)


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert err and "\n" not in err and "Traceback" not in err, err
    return err


def entry_rows(data: Path) -> dict[int, tuple[int, str]]:
    store = open_unit_store(Settings(data))
    try:
        with store.factory() as s:
            return {r.task_id: (r.revision, r.progress) for r in s.scalars(select(Entry)).all()}
    finally:
        store.close()


@pytest.fixture
def unit_world(base: Base, tmp_path: Path) -> Iterator[Base]:
    yield base.copy_to(tmp_path / "w")


def big_load(catalog: Catalog, path: Path) -> Path:
    entries = [
        {"task": t.no, "period": "2016Q3", "status": "in_progress", "percent": 10,
         "progress": "很长的进展说明。" * 400, "problems": "无", "next_steps": "继续"}
        for t, _role in catalog.tasks_for_unit("zjj")
    ]  # fmt: skip
    path.write_text(json.dumps({"entries": entries}, ensure_ascii=False))
    return path


def test_disk_full_during_autosave_keeps_what_was_saved(
    unit_world: Base, catalog: Catalog, disk_full: None
) -> None:
    before = entry_rows(unit_world.unit_dir)
    store = open_unit_store(Settings(unit_world.unit_dir))
    service = EntryService(store, catalog, "zjj")
    task = catalog.tasks_for_unit("zjj")[0][0].no
    with pytest.raises(Exception, match="database or disk is full"):
        for n in range(200):  # the first saves may still fit in free pages
            service.save(EntryDraft(task, "2016Q4", progress=f"第{n}次：" + "长" * 4000))
    store.close()
    after = entry_rows(unit_world.unit_dir)
    assert {k: v for k, v in after.items() if k in before} == before  # nothing lost
    assert integrity(unit_world.unit_dir / "unit.sqlite3") == "ok"


def test_disk_full_through_the_command_line(
    unit_world: Base, catalog: Catalog, disk_full: None, capsys: pytest.CaptureFixture[str]
) -> None:
    before = entry_rows(unit_world.unit_dir)
    load = big_load(catalog, unit_world.root / "load.json")
    code = main(["--data-dir", str(unit_world.unit_dir), "unit", "load", str(load)])
    assert code == 1
    assert "磁盘已满" in one_line(capsys)
    after = entry_rows(unit_world.unit_dir)
    assert {k: v for k, v in after.items() if k in before} == before
    assert integrity(unit_world.unit_dir / "unit.sqlite3") == "ok"


def test_office_import_into_a_full_store_leaves_no_partial_rows(
    base: Base, tmp_path: Path, disk_full: None, capsys: pytest.CaptureFixture[str]
) -> None:
    world = base.copy_to(tmp_path / "w")
    code = main(["--data-dir", str(world.office_dir), "office", "import", str(world.inbox)])
    assert code == 1
    assert "磁盘已满" in one_line(capsys)
    store = open_office_store(Settings(world.office_dir))  # the pragma is per connection
    try:
        have = entry_counts(store)
        with store.factory() as s:
            logged = s.scalar(select(func.count(ImportLog.id))) or 0
    finally:
        store.close()
    # Files applied before the disk filled are whole, with all their rows; none is half in.
    rows = {base.manifest["files"][n]: k for n, k in base.manifest["entries"].items()}
    assert len(have) < 30 and logged <= len(have)
    assert have == {uuid: rows[uuid] for uuid in have}
    assert integrity(world.office_dir / "office.sqlite3") == "ok"


def _chattr(path: Path, flag: str) -> bool:
    if shutil.which("chattr") is None:
        return False
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


@pytest.fixture
def immutable() -> Iterator[Any]:
    """Make paths immutable (``chattr +i``: stops root too); undone after the test."""
    done: list[Path] = []

    def make(path: Path) -> None:
        if not _chattr(path, "+i"):
            pytest.skip("no chattr +i on this filesystem: cannot make a path read-only as root")
        done.append(path)

    yield make
    for p in done:
        _chattr(p, "-i")


def test_read_only_data_folder_is_a_clear_refusal(
    unit_world: Base, catalog: Catalog, immutable: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    before = entry_rows(unit_world.unit_dir)
    load = big_load(catalog, unit_world.root / "load.json")
    for f in unit_world.unit_dir.iterdir():
        immutable(f)
    immutable(unit_world.unit_dir)
    code = main(["--data-dir", str(unit_world.unit_dir), "unit", "load", str(load)])
    assert code == 1
    line = one_line(capsys)
    assert "只读" in line or "无法打开数据文件" in line, line
    for f in [unit_world.unit_dir, *unit_world.unit_dir.iterdir()]:
        _chattr(f, "-i")
    assert entry_rows(unit_world.unit_dir) == before


def test_data_folder_that_is_a_file_is_a_clear_refusal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    code = main(["--data-dir", str(blocker / "sub"), "unit", "init", "--unit", "zjj",
                 "--clerk", "李四", "--passphrase-env", "QR_PASS"])  # fmt: skip
    assert code == 1
    assert "无法创建数据文件夹" in one_line(capsys)
    assert blocker.read_text().startswith("a file")


def _export(world: Base, target: Path) -> int:
    return main(["--data-dir", str(world.unit_dir), "unit", "export", "--period", "2016Q1",
                 "--out", str(target), "--passphrase-env", "QR_PASS"])  # fmt: skip


def _exports(world: Base) -> int:
    store = open_unit_store(Settings(world.unit_dir))
    try:
        with store.factory() as s:
            return s.scalar(select(func.count(LocalSubmission.id))) or 0
    finally:
        store.close()


@pytest.mark.parametrize("kind", ["target is a folder", "folder missing", "locked file"])
def test_unwritable_export_target_leaves_nothing(
    kind: str,
    unit_world: Base,
    tmp_path: Path,
    immutable: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "zjj.xlsx"
    if kind == "target is a folder":
        target.mkdir()
    elif kind == "folder missing":
        target = out / "missing" / "zjj.xlsx"
    else:  # a file another program holds (Windows refuses to replace it): immutable here
        target.write_bytes(b"the previous export")
        immutable(target)
    code = _export(unit_world, target)
    assert code == 1
    line = one_line(capsys)
    assert "无法写入" in line, line
    if kind == "locked file":
        assert target.read_bytes() == b"the previous export"
        _chattr(target, "-i")
    left = [p.name for p in out.rglob("*") if p.is_file() and p != target]
    assert left == [], left  # no temporary or half file beside it
    assert _exports(unit_world) == 0
    # once the target is writable, the export goes through as version 1: nothing was used up
    capsys.readouterr()
    fine = out / "fine.xlsx"
    assert _export(unit_world, fine) == 0 and fine.exists()
    with open_unit_store(Settings(unit_world.unit_dir)).factory() as s:
        assert s.scalar(select(func.max(LocalSubmission.version))) == 1


def test_temporary_files_of_a_killed_export_are_ignored_then_cleaned(
    unit_world: Base, tmp_path: Path, catalog: Catalog
) -> None:
    """What a kill during the write leaves (a ``.<name>.<hex>.tmp`` beside the target) is not
    taken for a submission by the office import, and the next export to that name removes it;
    another file's temporary file and the clerk's own files are left alone."""
    from app.services.export import export_period
    from app.services.parse_pool import expand_paths

    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".zjj.xlsx.0badc0de.tmp"
    stale.write_bytes(b"PK\x03\x04 half a workbook")
    other = out / ".other.xlsx.12345678.tmp"
    other.write_bytes(b"someone else's")
    mine = out / "zjj.xlsx.notes.tmp"
    mine.write_text("the clerk's own file")
    assert expand_paths([out]) == []
    store = open_unit_store(Settings(unit_world.unit_dir))
    try:
        export_period(store, catalog, "2016Q1", out / "zjj.xlsx", PASS)
    finally:
        store.close()
    assert sorted(p.name for p in out.iterdir()) == sorted([other.name, mine.name, "zjj.xlsx"])
    assert expand_paths([out]) == [str(out / "zjj.xlsx")]


def test_read_only_data_folder_after_a_crash(
    unit_world: Base, catalog: Catalog, immutable: Any
) -> None:
    """The previous run died (its -wal and -shm files are still there), then the folder became
    read-only: every command ends in its result or one clear line, and nothing is lost.
    (Each command is its own process, as for the clerk: making the files immutable under a
    process that still has the store open ends that process with SIGBUS, inside SQLite.)"""
    import sys

    from tests.kit.paths import ROOT

    opener = (
        "import os, signal, sys; from pathlib import Path; from app.config import Settings; "
        "from app.services.stores import open_unit_store; "
        "s = open_unit_store(Settings(Path(sys.argv[1]))); "
        "c = s.engine.connect(); c.exec_driver_sql('SELECT count(*) FROM entry').all(); "
        "os.kill(os.getpid(), signal.SIGKILL)"
    )
    subprocess.run([sys.executable, "-c", opener, str(unit_world.unit_dir)], cwd=ROOT, check=False)
    assert (unit_world.unit_dir / "unit.sqlite3-wal").exists()
    before = entry_rows(unit_world.unit_dir)
    load = big_load(catalog, unit_world.root / "load.json")
    files = sorted(unit_world.unit_dir.iterdir())
    for f in [*files, unit_world.unit_dir]:
        immutable(f)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "app", "--data-dir", str(unit_world.unit_dir), *args]
        return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=60)

    # Reading works where SQLite can use the -shm file as it is; otherwise one clear line.
    status = cli("unit", "status", "--period", "2016Q1")
    err = status.stderr.strip()
    assert ((status.returncode, err) == (0, "") and "9/9" in status.stdout) or (
        status.returncode == 1 and "无法打开数据文件" in err and "\n" not in err
    ), (status.returncode, err)
    load_run = cli("unit", "load", str(load))
    err = load_run.stderr.strip()
    assert load_run.returncode == 1 and "\n" not in err and "Traceback" not in err, err
    assert "只读" in err or "无法打开数据文件" in err, err
    for f in [unit_world.unit_dir, *files]:
        _chattr(f, "-i")
    assert entry_rows(unit_world.unit_dir) == before
