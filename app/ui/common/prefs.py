"""Where the window keeps its state.

- Per-person preferences (language, window geometry) live in ``QSettings`` under the
  organisation/application names set by :func:`app.ui.common.application.prepare_application`.
- The install's role (unit clerk or office) is not a preference: it is derived from the
  stores in the data folder (``app.services.install_role``), as the command line does.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

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
