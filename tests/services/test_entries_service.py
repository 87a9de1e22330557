"""The clerk's drafts in a real SQLite store (app/services/entries.py)."""

from __future__ import annotations

import sqlite3
import unicodedata
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event

from app.config import Settings
from app.domain.catalog import Catalog
from app.domain.entry_rules import EntryDraft, IndicatorDraft
from app.models import LocalSubmission
from app.services.entries import EntryError, EntryService
from app.services.stores import Store, open_unit_store, store_catalog


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2016, 3, 20, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def zjj(unit_store: Store, clock: Clock) -> EntryService:
    return EntryService(unit_store, store_catalog(unit_store), "zjj", clock=clock)


@pytest.fixture
def scjg(unit_store: Store, clock: Clock) -> EntryService:
    return EntryService(unit_store, store_catalog(unit_store), "scjg", clock=clock)


def raw_rows(store: Store, sql: str) -> list[tuple[Any, ...]]:
    """Read through a second, independent SQLite connection: what a restart would see."""
    assert store.path is not None
    conn = sqlite3.connect(store.path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def target_of(catalog: Catalog, task_no: int) -> str:
    return catalog.task(task_no).targets[0].name


# -- save and load ------------------------------------------------------------------------
def test_blank_load(zjj: EntryService, catalog: Catalog) -> None:
    saved = zjj.load(2, "2016Q1")
    assert (saved.revision, saved.updated_at, saved.errors, saved.filled) == (0, None, (), False)
    assert saved.role == "responsible"
    assert saved.draft.targets == ((target_of(catalog, 2), ""),)
    assert raw_rows(zjj.store, "SELECT count(*) FROM entry") == [(0,)]


def test_save_cleans_text_and_is_durable_at_once(zjj: EntryService, clock: Clock) -> None:
    nfd = unicodedata.normalize("NFD", "完成 café")
    saved = zjj.save(EntryDraft(2, "2016Q1", "in_progress", 40, f"  {nfd}\r\n第二行 ", "", ""))
    assert saved.draft.progress == "完成 café\n第二行"
    assert saved.revision == 1 and saved.updated_at == clock.now and saved.errors == ()
    # the service's own engine is still open: another connection sees the committed row
    assert raw_rows(zjj.store, "SELECT status, percent, progress, revision FROM entry") == [
        ("in_progress", 40, "完成 café\n第二行", 1)
    ]
    zjj.save(saved.draft.with_changes(percent=50))
    assert raw_rows(zjj.store, "SELECT percent, revision FROM entry") == [(50, 2)]
    assert zjj.load(2, "2016Q1").draft == saved.draft.with_changes(percent=50)


def test_survives_reopening_the_store(settings: Settings, catalog: Catalog) -> None:
    store = open_unit_store(settings)
    EntryService(store, catalog, "zjj").save(EntryDraft(2, "2016Q1", "in_progress", 10, "x"))
    store.close()
    again = open_unit_store(settings)
    try:
        assert EntryService(again, catalog, "zjj").load(2, "2016Q1").draft.percent == 10
    finally:
        again.close()


def test_a_save_without_change_is_a_no_op(zjj: EntryService, clock: Clock) -> None:
    first = zjj.save(EntryDraft(2, "2016Q1", "in_progress", 40, "做了"))
    stamp = first.updated_at
    same = zjj.save(EntryDraft(2, "2016Q1", "in_progress", 40, " 做了 \n"))  # same once cleaned
    assert (same.revision, same.updated_at) == (1, stamp)
    assert zjj.save(EntryDraft(2, "2016Q1")).revision == 2  # erased: a change, row kept
    # nothing typed and nothing stored: no row is created
    assert zjj.save(EntryDraft(26, "2016Q1")).revision == 0
    assert raw_rows(zjj.store, "SELECT count(*) FROM entry") == [(1,)]


def test_invalid_values_are_kept_with_their_errors(zjj: EntryService, catalog: Catalog) -> None:
    name = target_of(catalog, 2)
    saved = zjj.save(EntryDraft(2, "2016Q1", "delayed", 150, "", "", "", ((name, "约三成"),)))
    codes = {(e.field, e.code) for e in saved.errors}
    assert codes == {
        ("percent", "percent_range"),
        ("progress", "required"),
        ("problems", "delayed_needs_problems"),
        (f"target:{name}", "not_a_number"),
    }
    again = zjj.load(2, "2016Q1")
    assert (again.draft.percent, again.draft.target(name)) == (150, "约三成")
    assert {(e.field, e.code) for e in again.errors} == codes


def test_target_actuals_stored_and_cleared(scjg: EntryService, catalog: Catalog) -> None:
    names = [t.name for t in catalog.task(23).targets]
    d = EntryDraft(23, "2016Q1", "in_progress", 30, "抽查", targets=((names[1], " 2.1 "),))
    saved = scjg.save(d)
    assert saved.draft.targets == tuple((n, "2.1" if n == names[1] else "") for n in names)
    assert raw_rows(scjg.store, "SELECT value FROM entry_target_value") == [("2.1",)]
    scjg.save(saved.draft.with_target(names[1], "").with_target(names[0], "1,500"))
    assert raw_rows(scjg.store, "SELECT value FROM entry_target_value") == [("1,500",)]


@pytest.mark.parametrize(
    "draft",
    [
        EntryDraft(23, "2016Q1", "in_progress"),  # not a zjj task
        EntryDraft(2, "2017Q1", "in_progress"),  # no such period
        EntryDraft(2, "2016Q1", "finished"),  # no such status
        EntryDraft(2, "2016Q1", targets=(("没有这个目标", "1"),)),
    ],
)
def test_unstorable_drafts_are_refused(zjj: EntryService, draft: EntryDraft) -> None:
    with pytest.raises(EntryError):
        zjj.save(draft)
    assert raw_rows(zjj.store, "SELECT count(*) FROM entry") == [(0,)]


def test_list_period_is_every_task_in_order_in_few_queries(scjg: EntryService) -> None:
    scjg.save(EntryDraft(23, "2016Q1", "in_progress", 20, "抽查"))
    scjg.save(EntryDraft(23, "2016Q2", "in_progress", 60, "其他期"))
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(scjg.store.engine, "before_cursor_execute", count)
    try:
        listed = scjg.list_period("2016Q1")
    finally:
        event.remove(scjg.store.engine, "before_cursor_execute", count)
    assert [e.draft.task_no for e in listed] == [t.no for t, _ in scjg.tasks()]
    assert len(listed) == 22
    assert [e.draft.task_no for e in listed if e.filled] == [23]
    assert next(e for e in listed if e.filled).draft.percent == 20
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert 1 <= len(selects) <= 2  # entries, then their target values: not one per task


def test_list_period_reads_rows_from_one_query(scjg: EntryService) -> None:
    for no in (3, 4, 5):
        scjg.save(EntryDraft(no, "2016Q1", "in_progress", no, f"任务{no}"))
    by_task = {e.draft.task_no: e for e in scjg.list_period("2016Q1")}
    assert [by_task[n].draft.percent for n in (3, 4, 5)] == [3, 4, 5]
    assert all(by_task[n].revision == 1 for n in (3, 4, 5))


# -- indicators ---------------------------------------------------------------------------
def test_indicators(zjj: EntryService) -> None:
    assert [i.no for i in zjj.indicators()] == [3, 4, 8]
    assert zjj.load_indicator(3, "2016").revision == 0
    saved = zjj.save_indicator(IndicatorDraft(3, "2016", " 99.5 ", "抽查口径"))
    assert (saved.draft.value, saved.revision, saved.errors) == ("99.5", 1, ())
    assert zjj.save_indicator(IndicatorDraft(3, "2016", "99.5", "抽查口径")).revision == 1
    bad = zjj.save_indicator(IndicatorDraft(3, "2016", "120"))
    assert [e.code for e in bad.errors] == ["over_100"] and bad.revision == 2
    assert [i.draft.value for i in zjj.list_indicators("2016")] == ["120", "", ""]
    with pytest.raises(EntryError):
        zjj.save_indicator(IndicatorDraft(1, "2016", "90"))  # scjg's indicator


# -- copy from the previous period --------------------------------------------------------
def test_copy_from_previous(zjj: EntryService, catalog: Catalog) -> None:
    name = target_of(catalog, 2)
    q1_2 = EntryDraft(2, "2016Q1", "in_progress", 30, "一季度进展", "缺人", "招人", ((name, "5"),))
    zjj.save(q1_2)
    zjj.save(EntryDraft(26, "2016Q1", "completed", 100, "一季度完成"))
    zjj.save(EntryDraft(26, "2016Q2", "in_progress", 50, "二季度已写"))

    copied = zjj.copy_from_previous("2016Q2", [2, 26, 27])
    assert copied == [2]  # 26 already filled here; 27 has nothing to copy
    assert zjj.load(2, "2016Q2").draft == q1_2.with_changes(period="2016Q2")
    assert zjj.load(26, "2016Q2").draft.progress == "二季度已写"
    assert zjj.load(2, "2016Q1").draft == q1_2  # the source is untouched

    assert zjj.copy_from_previous("2016Q2", [26], overwrite=True) == [26]
    assert zjj.load(26, "2016Q2").draft.status == "completed"
    assert zjj.copy_from_previous("2016Q1", [2]) == []  # nothing before Q1
    with pytest.raises(EntryError):
        zjj.copy_from_previous("2016Q2", [23])


def test_copy_into_a_blank_saved_row_and_annual_from_q4(zjj: EntryService) -> None:
    zjj.save(EntryDraft(2, "2016Q4", "completed", 100, "全年完成"))
    zjj.save(EntryDraft(2, "2016", "in_progress", 10, "x"))
    zjj.save(EntryDraft(2, "2016"))  # erased again: a blank row exists
    assert zjj.copy_from_previous("2016", [2]) == [2]
    assert zjj.load(2, "2016").draft.progress == "全年完成"


# -- summary and state --------------------------------------------------------------------
def test_summary_counts(zjj: EntryService) -> None:
    s = zjj.summary("2016Q1")
    assert (s.filled, s.total, len(s.errors)) == (0, 9, 9)
    assert {(e.field, e.code) for e in s.errors} == {("status", "required")}
    assert (s.indicators_filled, s.indicators_total) == (0, 3)

    zjj.save(EntryDraft(2, "2016Q1", "in_progress", 40, "进展"))
    zjj.save(EntryDraft(26, "2016Q1", "completed", 90, "进展"))
    zjj.save(EntryDraft(27, "2016Q1", "not_started", None, "", "", "二季度启动"))
    s = zjj.summary("2016Q1")
    assert (s.filled, s.total) == (3, 9)
    assert len(s.errors) == 6 + 1  # six blank tasks, one broken rule
    broken = [e for e in s.errors if e.code != "required"]
    assert [(e.task_no, e.code) for e in broken] == [(26, "completed_needs_100")]
    assert not s.ready

    annual = zjj.summary("2016")  # indicators are required in the annual report
    assert {e.indicator_no for e in annual.errors if e.indicator_no} == {3, 4, 8}
    zjj.save_indicator(IndicatorDraft(3, "2016", "100"))
    assert {e.indicator_no for e in zjj.summary("2016").errors if e.indicator_no} == {4, 8}


def test_summary_ready_when_all_filled(zjj: EntryService) -> None:
    for task, _ in zjj.tasks():
        zjj.save(EntryDraft(task.no, "2016Q1", "in_progress", 50, f"任务{task.no}进展"))
    s = zjj.summary("2016Q1")
    assert s.ready and s.filled == s.total == 9


def export(zjj: EntryService, version: int) -> None:
    """What the export records (the export itself is another feature's)."""
    with zjj.store.factory.begin() as s:
        s.add(
            LocalSubmission(
                unit_id=zjj.unit_pk,
                period_id=zjj.period_pk("2016Q1"),
                version=version,
                sequence=version,
                uuid=str(uuid.uuid4()),
                file_sha256="0" * 64,
                content_sha256=zjj.content_digest("2016Q1"),
                path="x.xlsx",
                fingerprint="f" * 64,
                created_at=datetime(2016, 4, version, tzinfo=UTC),
            )
        )


def test_period_state(zjj: EntryService) -> None:
    assert (zjj.period_state("2016Q1").kind, zjj.period_state("2016Q1").version) == ("draft", None)
    zjj.save(EntryDraft(2, "2016Q1", "in_progress", 40, "进展"))
    export(zjj, 1)
    state = zjj.period_state("2016Q1")
    assert (state.kind, state.version) == ("exported", 1)
    assert state.exported_at == datetime(2016, 4, 1, tzinfo=UTC)
    zjj.save(EntryDraft(2, "2016Q1", "in_progress", 45, "进展"))
    assert (zjj.period_state("2016Q1").kind, zjj.period_state("2016Q1").version) == ("changed", 1)
    zjj.save(EntryDraft(2, "2016Q1", "in_progress", 40, "进展"))  # typed back: same content
    assert zjj.period_state("2016Q1").kind == "exported"
    zjj.save_indicator(IndicatorDraft(3, "2016Q1", "99"))  # indicator values count too
    assert zjj.period_state("2016Q1").kind == "changed"
    export(zjj, 2)
    assert (zjj.period_state("2016Q1").kind, zjj.period_state("2016Q1").version) == ("exported", 2)
    assert zjj.period_state("2016Q2").kind == "draft"


def test_content_digest(zjj: EntryService) -> None:
    empty = zjj.content_digest("2016Q1")
    assert len(empty) == 64 and empty != zjj.content_digest("2016Q2")
    zjj.save(EntryDraft(2, "2016Q1", "in_progress", 40, "进展"))
    filled = zjj.content_digest("2016Q1")
    assert filled != empty and filled == zjj.content_digest("2016Q1")
    zjj.save(EntryDraft(2, "2016Q1"))
    assert zjj.content_digest("2016Q1") == empty  # a blank row equals no row


# -- "back where they were" ---------------------------------------------------------------
def test_state_round_trip(settings: Settings, catalog: Catalog) -> None:
    store = open_unit_store(settings)
    svc = EntryService(store, catalog, "zjj")
    assert svc.get_state("last_period") is None
    svc.set_state("last_period", "2016Q2")
    svc.set_state("last_task", "26")
    svc.set_state("last_task", "27")
    store.close()
    store = open_unit_store(settings)
    try:
        svc = EntryService(store, catalog, "zjj")
        assert (svc.get_state("last_period"), svc.get_state("last_task")) == ("2016Q2", "27")
        svc.set_state("last_task", None)
        assert svc.get_state("last_task") is None
        svc.set_state("last_task", None)  # forgetting twice is fine
    finally:
        store.close()


def test_unknown_unit(unit_store: Store, catalog: Catalog) -> None:
    with pytest.raises(EntryError):
        EntryService(unit_store, catalog, "nobody")
