"""Whose data folder this is: a unit's or the office's, derived from the stores it holds.

The command line and the window read the role the same way, so ``office init`` followed by
starting the program opens the office window, and a command of the other role is refused
instead of creating a second store beside the first:

- only ``unit.sqlite3`` -> unit; only ``office.sqlite3`` (or an office store elsewhere,
  ``--db URL``) -> office;
- neither -> no role yet (a fresh folder: ``unit init`` / ``office init`` or the set-up wizard
  make the first store, and with it the role);
- both (a folder of the first version where a command of the other role created the second
  store) -> the ``role.json`` the first version's wizard wrote, if any; else unit when the
  unit store holds a unit profile, office otherwise.

``role.json`` is only read, for those first-version folders (and for one whose wizard chose
the office before its store was made). This module imports nothing heavy: the window asks it
before its first paint.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path
from typing import Final, Literal

from app.config import Settings
from app.domain.messages import Refusal

Role = Literal["unit", "office"]
UNIT: Final = "unit"
OFFICE: Final = "office"
LEGACY_ROLE_FILE = "role.json"  # written by the first version's set-up wizard

log = logging.getLogger(__name__)


class RoleRefused(Refusal):
    """A command of the other role in this folder (code ``role_is_unit`` / ``role_is_office``)."""


def install_role(settings: Settings) -> Role | None:
    """The role of this install's data folder; None for a fresh folder."""
    unit = settings.unit_store_path.exists()
    office = settings.db_url is not None or settings.office_store_path.exists()
    if unit != office:
        return UNIT if unit else OFFICE
    legacy = legacy_role(settings.data_dir)
    if not unit or legacy is not None:
        return legacy
    return UNIT if _has_unit_profile(settings.unit_store_path) else OFFICE


def require_role(settings: Settings, role: Role) -> None:
    """Refuse (``RoleRefused``) when the folder belongs to the other role; a fresh folder and
    a folder of ``role`` pass. Call it before opening, and so creating, a store."""
    found = install_role(settings)
    if found is None or found == role:
        return
    if found == UNIT:
        raise RoleRefused("role_is_unit", folder=settings.data_dir)
    raise RoleRefused("role_is_office", folder=settings.data_dir)


def legacy_role(data_dir: Path) -> Role | None:
    """The first version's ``role.json``; None when absent or damaged."""
    path = data_dir / LEGACY_ROLE_FILE
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log.warning("cannot read %s", path, exc_info=True)
        return None
    role = data.get("role") if isinstance(data, dict) else None
    if role == UNIT:
        return UNIT
    return OFFICE if role == OFFICE else None


def _has_unit_profile(path: Path) -> bool:
    """Whether the unit store names its unit (read-only; an unreadable store names none)."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        log.warning("cannot open %s to read its role", path, exc_info=True)
        return False
    try:
        return con.execute("SELECT 1 FROM unit_profile LIMIT 1").fetchone() is not None
    except sqlite3.Error:
        log.warning("cannot read the unit profile of %s", path, exc_info=True)
        return False
    finally:
        con.close()
