"""The file tests' signed submission: one key and one sample file per test module (each module
takes its own apart)."""

from __future__ import annotations

import pytest

from app.domain.catalog import Catalog
from tests.kit.keys import Key
from tests.kit.submissions import sample_submission


@pytest.fixture(scope="module")
def key() -> Key:
    return Key()


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog, key: Key) -> bytes:
    return sample_submission(tmp_path_factory.mktemp("w"), catalog, key)
