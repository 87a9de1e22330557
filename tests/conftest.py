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
from tests.kit.answers import OFFICE_PASS, UNIT_PASS, Pair, Roles, fast_scrypt, make_pair


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


# -- the office's answers: an office and a unit install side by side (tests/kit/answers.py) --
@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Pair]:
    """An office store with its key and a unit store (zjj) trusting it."""
    fast_scrypt(monkeypatch)
    p = make_pair(tmp_path)
    yield p
    p.office.close()
    p.unit.close()


@pytest.fixture
def roles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Roles:
    """The command line on an office folder and a unit folder (passphrases in $QR_OFFICE,
    $QR_UNIT)."""
    fast_scrypt(monkeypatch)
    monkeypatch.setenv("QR_OFFICE", OFFICE_PASS)
    monkeypatch.setenv("QR_UNIT", UNIT_PASS)
    return Roles(tmp_path, capsys)
