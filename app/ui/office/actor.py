"""The staff member a decision is recorded under.

The name typed in the window's settings is kept per Windows account (``QSettings``): on a
shared PostgreSQL store each staff member's computer must record its own name, which one value
in the store cannot do. A local SQLite store also gets it as the office setting ``office.actor``,
so the command line on that computer uses the same name. Without a name in the settings, the
store's setting or the computer's user name (``app.services.audit.office_actor``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.ui.common.prefs import ui_settings

if TYPE_CHECKING:
    from app.models.store import Store

KEY_ACTOR = "office/actor"


def window_actor() -> str:
    """The name set in this account's settings ("" for none)."""
    return str(ui_settings().value(KEY_ACTOR, "") or "").strip()


def current_actor(store: Store) -> str:
    from app.services.audit import office_actor

    return window_actor() or office_actor(store)


def set_actor(store: Store | None, name: str) -> None:
    name = " ".join(name.split())
    ui_settings().setValue(KEY_ACTOR, name)
    if store is not None and store.path is not None:  # a local store: the CLI here agrees
        from app.services.audit import set_office_actor

        set_office_actor(store, name)
