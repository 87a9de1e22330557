from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.config import Settings
from app.domain.catalog import Catalog
from app.services.catalog import default_catalog
from app.services.stores import Store, open_office_store, open_unit_store


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return default_catalog()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "data")


@pytest.fixture
def unit_store(settings: Settings) -> Iterator[Store]:
    store = open_unit_store(settings)
    yield store
    store.close()


@pytest.fixture
def office_store(settings: Settings) -> Iterator[Store]:
    store = open_office_store(settings)
    yield store
    store.close()
