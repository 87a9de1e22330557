"""A realistic office store for tests: every reporting unit's GENUINE signed submissions.

A thin wrapper over ``tools.demo.office_data``: the signed files of a (periods, seed) pair are
written once per test session (signing and writing is the slow part) and imported through the
real importer into each store that asks. ``tricky`` is on, so one current entry carries a text
that looks like a formula ("=1+1 ...").
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from app.domain.catalog import Catalog
from app.services.stores import Store
from tools.demo.office_data import (
    SUPERSEDED_MARKER,
    TRICKY_TEXT,
    OfficeData,
    OfficeFiles,
    load_office,
    write_office_files,
)

__all__ = ["SUPERSEDED_MARKER", "TRICKY_TEXT", "OfficeData", "build_office", "office_files"]

_FILES: dict[tuple[tuple[str, ...], int, str], OfficeFiles] = {}


def office_files(
    catalog: Catalog,
    tmp_dir: Path | None = None,
    periods: Sequence[str] = ("2016Q1",),
    seed: int = 1,
) -> OfficeFiles:
    """The signed files for (periods, seed), written on first use and reused after."""
    key = (tuple(periods), seed, catalog.content_hash)
    files = _FILES.get(key)
    if files is None or not all(f.path.exists() for f in files.files):
        root = Path(tempfile.mkdtemp(prefix="office-data-", dir=tmp_dir))
        files = _FILES[key] = write_office_files(catalog, root, periods, seed, tricky=True)
    return files


def build_office(
    store: Store,
    catalog: Catalog,
    tmp_dir: Path,
    periods: Sequence[str] = ("2016Q1",),
    seed: int = 1,
) -> OfficeData:
    """Register the units' keys in ``store`` and import every file (in a shuffled order)."""
    return load_office(store, catalog, office_files(catalog, tmp_dir, periods, seed))
