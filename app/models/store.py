"""One engine and one ``sessionmaker`` per store, opened at start-up.

Opening a store: refuse network paths, set SQLite pragmas on every connection, back the file up
with SQLite's backup API when a migration is due, then run Alembic to the newest revision.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from app.config import is_network_path, migrations_dir


class StoreError(RuntimeError):
    """The store cannot be opened or migrated; the message is for the user."""


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Python's sqlite3 opens transactions lazily; let SQLAlchemy drive BEGIN itself.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database in (None, "", ":memory:"):
        engine = create_engine(url, poolclass=NullPool)
    else:
        engine = create_engine(url)
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def sqlite_path(engine: Engine) -> Path | None:
    if engine.dialect.name != "sqlite" or not engine.url.database:
        return None
    if engine.url.database == ":memory:":
        return None
    return Path(engine.url.database)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return None if row is None else str(row[0])


def backup_sqlite(source: Path, backup_dir: Path, label: str) -> Path:
    """A consistent copy of a live SQLite file through the backup API (WAL included)."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    dest = backup_dir / f"{source.stem}-{stamp}-{label}.sqlite3"
    n = 1
    while dest.exists():
        n += 1
        dest = backup_dir / f"{source.stem}-{stamp}-{label}-{n}.sqlite3"
    src = sqlite3.connect(source)
    try:
        _copy_into(src, dest)
    finally:
        src.close()
    return dest


def _copy_into(src: sqlite3.Connection, dest: Path) -> None:
    """SQLite's backup API: a consistent copy even while another connection writes."""
    dst = sqlite3.connect(dest)
    try:
        src.backup(dst)
    finally:
        dst.close()


def restore_sqlite(backup: Path, target: Path) -> None:
    """Replace ``target``'s content with ``backup``'s, through the backup API (no file swap)."""
    check = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        ok = check.execute("PRAGMA integrity_check").fetchone()
        if not ok or ok[0] != "ok":
            raise StoreError(f"backup {backup} is damaged: {ok}")
        _copy_into(check, target)
    finally:
        check.close()


def alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.attributes["engine"] = engine
    return cfg


def migrate(engine: Engine, backup_dir: Path | None, head: str) -> Path | None:
    """Bring the schema to ``head``; back up first when an existing store will change."""
    rev = current_revision(engine)
    if rev == head:
        return None  # the common start-up path: no Alembic import at all
    with startup_lock(engine):
        rev = current_revision(engine)  # another program may have migrated while we waited
        if rev == head:
            return None
        return _migrate(engine, backup_dir, rev, head)


STARTUP_LOCK = 7200  # PostgreSQL advisory lock key: one program migrates or installs at a time


@contextlib.contextmanager
def startup_lock(engine: Engine) -> Iterator[None]:
    """On PostgreSQL, two office PCs starting at once on a new database take turns creating
    the schema (SQLite's own write lock does this for a file)."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": STARTUP_LOCK})
        conn.commit()
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": STARTUP_LOCK})
            conn.commit()


def _migrate(engine: Engine, backup_dir: Path | None, rev: str | None, head: str) -> Path | None:
    backup = None
    path = sqlite_path(engine)
    if rev is not None and path is not None and backup_dir is not None:
        backup = backup_sqlite(path, backup_dir, f"before-{head}")
    from alembic import command

    command.upgrade(alembic_config(engine), "head")
    return backup


@dataclass
class Store:
    engine: Engine
    factory: sessionmaker[Session]
    backup: Path | None = None  # the backup made before this start's migration, if any

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.engine)

    def close(self) -> None:
        self.engine.dispose()


def _one_line(exc: BaseException) -> str:
    """The driver's own message, without SQLAlchemy's SQL echo and help link lines."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def open_store(url_or_path: str | Path, backup_dir: Path | None = None) -> Store:
    from app.models import SCHEMA_HEAD

    if isinstance(url_or_path, Path):
        if is_network_path(url_or_path):  # the file itself: a UNC name has no parent here
            raise StoreError(
                f"数据文件夹 {url_or_path.parent} 在网络共享上，SQLite 无法在那里安全加锁；"
                "请放在本机磁盘，共用的汇总库请用 --db 指向 PostgreSQL 服务器。"
                f" {url_or_path.parent} is on a network share; SQLite cannot lock safely there. "
                "Keep the store on a local disk, or point the office at PostgreSQL with --db URL."
            )
        try:
            url_or_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"无法创建数据文件夹 cannot create data folder {url_or_path.parent}: "
                f"{exc.strerror or exc}"
            ) from exc
        url = sqlite_url(url_or_path)
    else:
        url = url_or_path
    engine = make_engine(url)
    shown = url_or_path if isinstance(url_or_path, Path) else engine.url.render_as_string()
    try:
        backup = migrate(engine, backup_dir, SCHEMA_HEAD)
    except (sqlite3.Error, OSError) as exc:
        engine.dispose()
        raise StoreError(f"无法打开数据文件 cannot open store {shown}: {_one_line(exc)}") from exc
    except Exception as exc:
        engine.dispose()
        if type(exc).__module__.startswith("sqlalchemy"):
            raise StoreError(
                f"无法打开数据文件 cannot open store {shown}: {_one_line(exc)}"
            ) from exc
        raise
    factory = sessionmaker(engine, expire_on_commit=False)
    return Store(engine, factory, backup)
