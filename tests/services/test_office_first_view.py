"""The office's first view read with sqlite3 gives what ``load_matrix`` gives, on a real office
store holding signed, imported submissions (app.services.office_first_view, docs/design.md §6),
and leaves every unusual store to the store's own path."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.config import Settings
from app.domain.catalog import Catalog
from app.services.consolidation import load_matrix
from app.services.office_first_view import OfficeFirstView, open_office_first_view
from app.services.stores import open_office_store, store_catalog
from tools.bench.startup_bench import office_data_dir

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def office_dir(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> Path:
    """Eight submissions imported by the real importer (signed files, verified); then, as the
    office would leave them: one reviewed accepted, one returned, one signed after its due day."""
    folder = office_data_dir(catalog, tmp_path_factory.mktemp("office"), 8)
    conn = sqlite3.connect(folder / "office.sqlite3")
    with conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM submission WHERE is_current ORDER BY id")]
        assert len(ids) >= 3, ids
        for sub, state in ((ids[0], "accepted"), (ids[1], "returned")):
            conn.execute(
                "INSERT INTO review (submission_id, state, comment, actor, decided_at, row_version)"
                " VALUES (?, ?, '', '李四', '2016-04-20 02:00:00.000000', 1)",
                (sub, state),
            )
        conn.execute(
            "UPDATE submission SET created_at = '2017-12-31 12:00:00.000000' WHERE id = ?",
            (ids[2],),
        )
    conn.close()
    return folder


def first_view(folder: Path) -> OfficeFirstView:
    first = open_office_first_view(folder / "office.sqlite3")
    assert first is not None, "the first view did not answer for an office store"
    return first


def test_every_periods_matrix_equals_load_matrix(office_dir: Path) -> None:
    store = open_office_store(Settings(office_dir))
    first = first_view(office_dir)
    try:
        catalog = store_catalog(store)
        assert first.catalog == catalog
        seen_reviews: set[str] = set()
        late = 0
        for period in (p.code for p in catalog.periods):
            matrix = first.matrix(period)
            assert matrix == load_matrix(store, catalog, period), period
            seen_reviews |= set(matrix.reviews.values())
            late += sum(c.late for c in matrix.cells.values())
        assert seen_reviews == {"pending", "accepted", "returned"}  # every state compared
        assert late > 0  # and lateness
        with pytest.raises(KeyError):
            first.matrix("2099Q1")
    finally:
        first.close()
        store.close()


def test_it_reads_without_sqlalchemy(office_dir: Path) -> None:
    code = (
        "import sys; from pathlib import Path\n"
        "from app.services.office_first_view import open_office_first_view\n"
        f"f = open_office_first_view(Path({str(office_dir / 'office.sqlite3')!r}))\n"
        "m = f.matrix(f.catalog.periods[0].code)\n"
        "assert any(c.status for c in m.cells.values())\n"
        "heavy = [n for n in sys.modules if n.split('.')[0] in "
        "('sqlalchemy', 'PySide6', 'alembic', 'pydantic', 'cryptography', 'openpyxl')]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


@pytest.mark.parametrize(
    ("why", "statement"),
    [
        ("a migration is due", "UPDATE alembic_version SET version_num = '0003'"),
        ("no published plan", "UPDATE plan SET revision = 0"),
    ],
)
def test_unusual_stores_are_left_to_the_stores_own_path(
    office_dir: Path, tmp_path: Path, why: str, statement: str
) -> None:
    copy = tmp_path / "office.sqlite3"
    source = sqlite3.connect(office_dir / "office.sqlite3")
    target = sqlite3.connect(copy)
    source.backup(target)
    source.close()
    with target:
        target.execute(statement)
    target.close()
    assert open_office_first_view(copy) is None, why


def test_no_store_no_view(tmp_path: Path) -> None:
    assert open_office_first_view(tmp_path / "office.sqlite3") is None
    assert not (tmp_path / "office.sqlite3").exists()


def test_tasks_a_revision_retired_keep_their_reported_rows(
    office_dir: Path, tmp_path: Path
) -> None:
    """Tasks removed by a revision after units reported on them: the catalog lists them as
    retired and each period's matrix keeps their rows (its history), as ``load_matrix``."""
    copy = tmp_path / "office.sqlite3"
    source, target = sqlite3.connect(office_dir / "office.sqlite3"), sqlite3.connect(copy)
    source.backup(target)
    source.close()
    with target:
        target.execute("UPDATE task SET removed_in = 2 WHERE no IN (1, 9, 49)")
    target.close()
    store = open_office_store(Settings(tmp_path))
    first = open_office_first_view(copy)
    assert first is not None
    try:
        catalog = store_catalog(store)
        assert first.catalog == catalog and [t.no for t in catalog.retired] == [1, 9, 49]
        for period in (p.code for p in catalog.periods):
            matrix = first.matrix(period)
            assert matrix == load_matrix(store, catalog, period), period
        assert 1 in {t.no for t in matrix.tasks}  # reported: kept in the period's rows
    finally:
        first.close()
        store.close()
