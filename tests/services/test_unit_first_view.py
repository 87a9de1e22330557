"""The clerk's first view read with sqlite3 gives what the entry service gives, on real stores
(app.services.unit_first_view, docs/design.md §6), and leaves every unusual store to the
store's own path."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import Settings
from app.domain.catalog import Catalog
from app.domain.entry_rules import EntryDraft, IndicatorDraft
from app.services.entries import EntryService
from app.services.export import export_period
from app.services.stores import Store, open_unit_store, store_catalog
from app.services.unit_first_view import FirstEntryReads, open_first_view
from app.services.unit_setup import get_profile, init_unit
from tests.kit.answers import fast_scrypt
from tests.kit.world import fill_period

PASS = "住建局 quality 2016 first view"


def busiest_unit(catalog: Catalog) -> str:
    """The reporting unit with the most indicators (and so the most to compare)."""
    units = catalog.reporting_units()
    return max(units, key=lambda u: (len(catalog.indicators_for_unit(u.id)), u.id)).id


@pytest.fixture
def install(
    settings: Settings, catalog: Catalog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[tuple[Settings, Store, EntryService]]:
    """A set-up unit: Q1 filled, exported, changed and exported again (v2 as is); Q2 filled,
    exported, then changed (one entry broken, one target cleared, an indicator noted); Q3
    partly typed; UI state kept."""
    fast_scrypt(monkeypatch)
    store = open_unit_store(settings)
    unit = busiest_unit(catalog)
    init_unit(store, catalog, unit, "张伟", "0755-83070000", PASS)
    service = EntryService(store, catalog, unit)
    for period in ("2016Q1", "2016Q2"):
        fill_period(service, catalog, period, note=period)
        export_period(store, catalog, period, tmp_path / f"{period}.xlsx", PASS)
    fill_period(service, catalog, "2016Q1", note="第二版")
    export_period(store, catalog, "2016Q1", tmp_path / "2016Q1-v2.xlsx", PASS)
    task, _role = service.tasks()[0]
    targets = tuple((t.name, "") for t in task.targets)
    service.save(EntryDraft(task.no, "2016Q2", "delayed", 120, "改过", "", "", targets))
    ind = service.indicators()[0]
    service.save_indicator(IndicatorDraft(ind.no, "2016Q2", "不是数", "说明：口径调整"))
    service.save(EntryDraft(service.tasks()[1][0].no, "2016Q3", "in_progress", 10, "刚开始"))
    service.set_state("ui.period", "2016Q2")
    service.set_state("ui.task", str(task.no))
    yield settings, store, service
    store.close()


def first_view(settings: Settings) -> FirstEntryReads:
    reads = open_first_view(settings.unit_store_path)
    assert reads is not None, "the first view did not answer for a store in the common state"
    return reads


def test_every_read_equals_the_services(
    install: tuple[Settings, Store, EntryService],
) -> None:
    settings, store, service = install
    reads = first_view(settings)
    try:
        assert reads.catalog == service.catalog == store_catalog(store)
        assert reads.profile == get_profile(store)
        assert reads.unit_id == service.unit_id
        assert reads.tasks() == service.tasks()
        assert reads.indicators() == service.indicators()
        kinds = set()
        for period in (p.code for p in service.catalog.periods):
            entries = reads.list_period(period)
            assert entries == service.list_period(period), period
            assert reads.list_indicators(period) == service.list_indicators(period), period
            assert reads.summary(period) == service.summary(period), period
            assert reads.period_state(period) == service.period_state(period), period
            kinds.add(reads.period_state(period).kind)
            no = entries[0].draft.task_no
            assert reads.load(no, period) == service.load(no, period)
        assert kinds == {"draft", "exported", "changed"}  # every state was compared
        assert reads.period_state("2016Q1").version == 2
        for key in ("ui.period", "ui.task", "ui.plan", "nothing.here"):
            assert reads.get_state(key) == service.get_state(key), key
    finally:
        reads.close()


def test_the_ui_state_it_is_given_waits_for_the_service(
    install: tuple[Settings, Store, EntryService],
) -> None:
    settings, _store, service = install
    reads = first_view(settings)
    try:
        reads.set_state("ui.task", "7")
        reads.set_state("ui.period", None)
        assert (reads.get_state("ui.task"), reads.get_state("ui.period")) == ("7", None)
        assert reads.written() == {"ui.task": "7", "ui.period": None}
        assert service.get_state("ui.period") == "2016Q2"  # nothing written to the store
    finally:
        reads.close()


def test_it_reads_without_sqlalchemy(install: tuple[Settings, Store, EntryService]) -> None:
    settings, _store, _service = install
    code = (
        "import sys; from pathlib import Path\n"
        "from app.services.unit_first_view import open_first_view\n"
        f"r = open_first_view(Path({str(settings.unit_store_path)!r}))\n"
        "period = r.catalog.periods[1].code\n"
        "assert sum(e.filled for e in r.list_period(period)) > 0\n"
        "r.period_state(period); r.list_indicators(period)\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in "
        "('sqlalchemy', 'PySide6', 'alembic', 'pydantic', 'cryptography', 'openpyxl')]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])


def _sql(settings: Settings, *statements: str) -> None:
    conn = sqlite3.connect(settings.unit_store_path)
    with conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()


@pytest.mark.parametrize(
    ("why", "statements"),
    [
        ("a migration is due", ["UPDATE alembic_version SET version_num = '0003'"]),
        ("the clerk was in another plan", ["INSERT INTO setting VALUES ('ui.plan', 'sz-2015')"]),
        ("no profile yet", ["DELETE FROM signing_key", "DELETE FROM unit_profile"]),
        ("no published plan", ["UPDATE plan SET revision = 0"]),
        ("a damaged plan", ["UPDATE plan SET source_json = '{no', content_hash = 'x'"]),
        ("no schema at all", ["DROP TABLE alembic_version"]),
    ],
)
def test_unusual_stores_are_left_to_the_stores_own_path(
    install: tuple[Settings, Store, EntryService], why: str, statements: list[str]
) -> None:
    settings, store, _service = install
    store.close()  # no pooled connection holds the file while it is changed under it
    _sql(settings, *statements)
    assert open_first_view(settings.unit_store_path) is None, why


def test_a_missing_or_foreign_file_says_none(tmp_path: Path) -> None:
    assert open_first_view(tmp_path / "unit.sqlite3") is None
    assert not (tmp_path / "unit.sqlite3").exists()  # and made no empty store
    (tmp_path / "junk.sqlite3").write_bytes(b"not a database at all" * 100)
    assert open_first_view(tmp_path / "junk.sqlite3") is None


def test_a_plan_with_retired_tasks_reads_them_as_the_store_does(
    install: tuple[Settings, Store, EntryService],
) -> None:
    """A revision removed two tasks the unit had (one of them with targets and a group among
    its owners, if the plan has such): the catalog carries them, as the store's reading does."""
    settings, store, service = install
    store.close()
    retired = [t.no for t, _role in service.tasks()[:2]]
    _sql(settings, f"UPDATE task SET removed_in = 2 WHERE no IN ({retired[0]}, {retired[1]})")
    reads = first_view(settings)
    fresh = open_unit_store(settings)
    try:
        catalog = store_catalog(fresh)
        assert [t.no for t in catalog.retired] == retired
        assert reads.catalog == catalog
        period = "2016Q1"
        assert reads.list_period(period) == EntryService(
            fresh, catalog, service.unit_id
        ).list_period(period)
    finally:
        reads.close()
        fresh.close()
