"""Paths and constants every layer may use. No Qt, no database, no I/O beyond path lookups."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from app import APP_NAME

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_PLAN_FILE = "plans/sz-2016.json"
UNIT_STORE_FILE = "unit.sqlite3"
OFFICE_STORE_FILE = "office.sqlite3"
BACKUP_DIR = "backups"
# The newest Alembic revision (tests assert it matches the scripts). Here, not in app.models,
# so the first view can check a store is current without importing SQLAlchemy.
SCHEMA_HEAD = "0004"


def resource_root() -> Path:
    """Folder holding ``resources/``: the repository from source, ``_MEIPASS`` when frozen."""
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        return Path(meipass) / "resources"
    return PACKAGE_DIR.parent / "resources"


def resource_path(relative: str) -> Path:
    """The one way to find a shipped file (plan data, icons, translations) from source or bundle."""
    return resource_root() / relative


def migrations_dir() -> Path:
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        return Path(meipass) / "app" / "migrations"
    return PACKAGE_DIR / "migrations"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))


def default_log_dir() -> Path:
    """The platform's log folder (%LOCALAPPDATA%\\QualityReport\\Logs, ~/.local/state/…/log)."""
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME, appauthor=False))


NETWORK_FS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "sshfs", "fuse.sshfs", "afs", "ncpfs"}
)


def is_network_path(path: Path, mounts: str | None = None) -> bool:
    """SQLite cannot lock safely on a network share (docs/design.md §2): refuse UNC paths and
    mounts. ``mounts``: the text of /proc/mounts (read when not given; tests pass their own)."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if os.name == "nt":
        import ctypes

        drive = os.path.splitdrive(os.path.abspath(text))[0]
        if drive:
            kernel32 = getattr(ctypes, "windll").kernel32  # noqa: B009 - Windows only
            DRIVE_REMOTE = 4
            return bool(kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE)
        return False
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text()
        except OSError:
            return False
    resolved = str(Path(text).resolve())
    best, fstype = "", ""
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")  # /proc/mounts escapes spaces
        inside = resolved == point or resolved.startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, fstype = point, parts[2]
    return fstype in NETWORK_FS


@dataclass(frozen=True)
class Settings:
    """Where this install keeps its stores. Made once at start-up from the command line."""

    data_dir: Path
    db_url: str | None = None  # office store override (e.g. postgresql+psycopg://…)
    # None: the platform's log folder. A --data-dir install keeps its log beside its stores,
    # so a portable copy or a test's temporary folder never writes into the user's profile.
    logs: Path | None = None

    @property
    def unit_store_path(self) -> Path:
        return self.data_dir / UNIT_STORE_FILE

    @property
    def office_store_path(self) -> Path:
        return self.data_dir / OFFICE_STORE_FILE

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / BACKUP_DIR

    @property
    def log_dir(self) -> Path:
        return self.logs if self.logs is not None else default_log_dir()

    @classmethod
    def make(cls, data_dir: str | os.PathLike[str] | None, db_url: str | None = None) -> Settings:
        if not data_dir:
            return cls(default_data_dir(), db_url)
        # The stores refuse a network share (see is_network_path); the log never goes there.
        logs = None if is_network_path(Path(data_dir)) else Path(data_dir) / "logs"
        return cls(Path(data_dir), db_url, logs)
