"""Where the window keeps its state.

- Per-person preferences (language, window geometry) live in ``QSettings`` under the
  organisation/application names set by :func:`app.ui.common.application.prepare_application`.
- The install's role (unit clerk or office) lives in ``role.json`` in the data folder, next to
  the stores it describes: it belongs to the install, not to the Windows account, and must be
  readable before any store is opened (the first window is chosen before the first paint).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import QSettings

ROLE_FILE = "role.json"
ROLE_UNIT = "unit"
ROLE_OFFICE = "office"
ROLES = (ROLE_UNIT, ROLE_OFFICE)

KEY_LANGUAGE = "ui/language"
KEY_MAIN_GEOMETRY = "main/geometry"
KEY_MAIN_STATE = "main/state"
KEY_MAIN_SPLITTER = "main/splitter"
KEY_LAST_EXPORT_DIR = "main/last_dir"


def ui_settings() -> QSettings:
    """The person's preferences (tests redirect them with ``QSettings.setPath``)."""
    return QSettings()


def read_role(data_dir: Path) -> str | None:
    """The role chosen in the set-up wizard, or None on a fresh install or a damaged file."""
    try:
        data = json.loads((data_dir / ROLE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    role = data.get("role") if isinstance(data, dict) else None
    return role if role in ROLES else None


def write_role(data_dir: Path, role: str) -> None:
    if role not in ROLES:
        raise ValueError(role)
    data_dir.mkdir(parents=True, exist_ok=True)
    tmp = data_dir / (ROLE_FILE + ".tmp")
    tmp.write_text(json.dumps({"role": role}), encoding="utf-8")
    os.replace(tmp, data_dir / ROLE_FILE)  # atomic: a crash leaves the old file or the new
