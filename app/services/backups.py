"""Backups of this install's SQLite stores: list, make one now, restore one.

Backups live in ``Settings.backup_dir``; the store makes one by itself before every schema
migration (``before-<revision>``). A restore is careful: the backup must pass SQLite's
integrity check and hold a schema this program knows, and the store as it is now is backed up
first (``before-restore``), so a restore can itself be undone. The copy goes through SQLite's
backup API into the live file, so a window that has the store open sees the restored content.
The office store on PostgreSQL is backed up with the server's own tools (pg_dump), not here.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from app.config import Settings
from app.models.store import StoreError, backup_sqlite, restore_sqlite

__all__ = [
    "BackupError",
    "BackupInfo",
    "RestoreResult",
    "create_backup",
    "list_backups",
    "restore_backup",
    "store_of_backup",
]

Which = Literal["unit", "office"]
STORES: tuple[Which, ...] = ("unit", "office")
_NAME = re.compile(r"(unit|office)-(\d{8}T\d{6}Z)-(.+)\.sqlite3")


class BackupError(Exception):
    """A backup that cannot be made or restored; the message is one line for the user."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    store: Which
    label: str  # manual, before-0002, before-restore, ...
    created_at: datetime
    size: int
    revision: str | None  # the schema revision inside; None if it cannot be read


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    safety_copy: BackupInfo | None  # the store as it was just before, None if it was empty


def _store_path(settings: Settings, which: Which) -> Path:
    if which == "office" and settings.db_url:
        raise BackupError(
            "办公室数据库在 PostgreSQL 服务器上，请用服务器的 pg_dump / pg_restore 备份和恢复"
        )
    return settings.unit_store_path if which == "unit" else settings.office_store_path


def _revision(path: Path) -> str | None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if row is None else str(row[0])
    except sqlite3.Error:
        return None
    finally:
        con.close()


def _info(path: Path) -> BackupInfo | None:
    m = _NAME.fullmatch(path.name)
    if m is None:
        return None
    store: Which = "unit" if m.group(1) == "unit" else "office"
    created = datetime.strptime(m.group(2), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    return BackupInfo(path, store, m.group(3), created, path.stat().st_size, _revision(path))


def store_of_backup(path: Path) -> Which | None:
    """Which store a backup file belongs to, from its name (None for a foreign name)."""
    m = _NAME.fullmatch(Path(path).name)
    return None if m is None else ("unit" if m.group(1) == "unit" else "office")


def list_backups(settings: Settings) -> list[BackupInfo]:
    """Every backup of this install, newest first."""
    folder = settings.backup_dir
    if not folder.is_dir():
        return []
    found = [i for p in folder.iterdir() if p.is_file() and (i := _info(p)) is not None]
    # the name stamps whole seconds; the file's own time orders two made in one second
    return sorted(found, key=lambda i: (i.created_at, i.path.stat().st_mtime_ns), reverse=True)


def create_backup(settings: Settings, which: Which, label: str = "manual") -> BackupInfo:
    source = _store_path(settings, which)
    if not source.exists():
        raise BackupError(f"还没有{_zh(which)}数据，无需备份（{source}）")
    try:
        made = backup_sqlite(source, settings.backup_dir, label)
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(f"备份失败：{exc}") from exc
    info = _info(made)
    assert info is not None
    return info


def restore_backup(settings: Settings, which: Which, backup: Path) -> RestoreResult:
    """Replace the store's content with ``backup``'s, after checking it and saving the
    current content as a ``before-restore`` backup."""
    from app.models import SCHEMA_HEAD

    target = _store_path(settings, which)
    backup = Path(backup)
    if not backup.is_file():
        raise BackupError(f"找不到备份文件 {backup}")
    named = store_of_backup(backup)
    if named is not None and named != which:
        raise BackupError(f"{backup.name} 是{_zh(named)}数据的备份，不能恢复到{_zh(which)}数据")
    revision = _revision(backup)
    if revision is None:
        raise BackupError(f"{backup.name} 不是本程序的数据备份，或已损坏")
    if revision > SCHEMA_HEAD:  # revisions are zero-padded numbers: text order is age
        raise BackupError(f"{backup.name} 来自更新版本的程序（数据版本 {revision}），请先升级程序")
    safety = None
    if target.exists():
        safety = create_backup(settings, which, "before-restore")
    try:
        restore_sqlite(backup, target)
    except StoreError as exc:
        raise BackupError(f"备份文件已损坏，未恢复：{backup.name}") from exc
    except (sqlite3.Error, OSError) as exc:
        kept = f"，恢复前的数据另存为 {safety.path.name}" if safety else ""
        raise BackupError(f"恢复失败，原数据未改动{kept}：{exc}") from exc
    restored = _info(backup) or BackupInfo(
        backup, which, "", datetime.now(UTC), backup.stat().st_size, revision
    )
    return RestoreResult(restored, safety)


def _zh(which: Which) -> str:
    return "填报" if which == "unit" else "汇总"
