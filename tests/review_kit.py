"""Signed submissions imported into an office store, for the review, 督办 and audit tests."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from app.domain.catalog import Catalog
from app.io import keys
from app.services.office_import import FileOutcome, Importer
from app.services.office_trust import add_trusted_key
from app.services.stores import Store
from tests.submission_kit import Key, make_payload, write


def trusted_key(store: Store, catalog: Catalog, unit: str) -> Key:
    key = Key()
    doc = keys.registration_document(
        unit, catalog.unit(unit).name, key.public, "张三", datetime(2016, 3, 1, tzinfo=UTC)
    )
    add_trusted_key(store, catalog, keys.registration_from_document(doc))
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
