"""Signed submissions imported into an office store, for the review, 督办 and audit tests."""

from __future__ import annotations

from pathlib import Path

from app.domain.catalog import Catalog
from app.models.store import Store
from app.services.office_import import FileOutcome, Importer
from tests.kit.keys import Key, trust
from tests.kit.submissions import make_payload, write


def trusted_key(store: Store, catalog: Catalog, unit: str) -> Key:
    """A fresh key the office has registered for ``unit``."""
    key = Key()
    trust(store, catalog, unit, key)
    return key


def submit(
    store: Store,
    catalog: Catalog,
    folder: Path,
    key: Key,
    unit: str = "zjj",
    period: str = "2016Q1",
    version: int = 1,
    text: str = "按计划推进，完成阶段目标。",
) -> FileOutcome:
    """Write a signed file of ``unit``'s and import it."""
    payload = make_payload(catalog, unit, period, version=version, sequence=version, text=text)
    path = write(folder, catalog, key, payload, f"{unit}-{period}-v{version}.xlsx")
    [outcome] = Importer(store, catalog).run([path], in_process=True)
    return outcome
