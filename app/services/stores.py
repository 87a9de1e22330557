"""Opening this install's stores (made once at start-up, passed to whoever needs them)."""

from __future__ import annotations

from pathlib import Path

from app.config import Settings
from app.domain.catalog import Catalog
from app.domain.messages import Refusal
from app.models.store import Store, StoreError, open_store, startup_lock
from app.services.catalog import install_plan, store_catalog_of

__all__ = ["Store", "StoreError", "open_office_store", "open_unit_store", "store_catalog"]


def open_unit_store(settings: Settings, plan_file: Path | None = None) -> Store:
    store = open_store(settings.unit_store_path, settings.backup_dir)
    _ensure_plan(store, plan_file)
    return store


def open_office_store(settings: Settings, plan_file: Path | None = None) -> Store:
    target: str | Path = settings.db_url or settings.office_store_path
    store = open_store(target, settings.backup_dir)
    _ensure_plan(store, plan_file)
    return store


def _ensure_plan(store: Store, plan_file: Path | None) -> None:
    # Under the start-up lock: two office PCs opening a new PostgreSQL store at once would
    # otherwise both install the plan, and one would fail on the unique plan code.
    with startup_lock(store.engine), store.factory.begin() as s:
        install_plan(s, plan_file)


def store_catalog(store: Store, plan_code: str | None = None) -> Catalog:
    """The catalog of plan ``plan_code``; without one, the newest published plan."""
    try:
        return store_catalog_of(store, plan_code)
    except Refusal as exc:
        raise StoreError(exc.render("zh")) from exc
