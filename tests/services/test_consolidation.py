"""The office's merged view over a real office store filled with genuine signed submissions."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import event

from app.config import Settings
from app.domain.catalog import Catalog
from app.domain.payload import PayloadEntry, SubmissionPayload
from app.services.consolidation import (
    completion_by_section,
    completion_by_unit,
    effective_percent,
    indicator_board,
    load_matrix,
    period_details,
    section_label,
    status_counts,
    submissions_over_time,
    task_detail,
    tracker,
)
from app.services.stores import Store, open_office_store
from tests.kit.office import SUPERSEDED_MARKER, OfficeData, build_office

PERIODS = ("2016Q1", "2016Q2")


@pytest.fixture(scope="module")
def office(
    tmp_path_factory: pytest.TempPathFactory, catalog: Catalog
) -> Iterator[tuple[Store, OfficeData]]:
    root = tmp_path_factory.mktemp("consolidation")
    store = open_office_store(Settings(root / "data"))
    data = build_office(store, catalog, root, PERIODS)
    yield store, data
    store.close()


def entry_of(payload: SubmissionPayload | None, task_no: int) -> PayloadEntry | None:
    if payload is None:
        return None
    return next((e for e in payload.entries if e.task == task_no), None)


def test_the_data_set_is_what_it_claims(office: tuple[Store, OfficeData], catalog: Catalog) -> None:
    _store, data = office
    outcomes = {o.outcome for o in data.outcomes}
    assert outcomes == {"accepted", "superseded", "rejected"}
    for period in PERIODS:
        states = [data.states[(u.id, period)] for u in catalog.reporting_units()]
        assert len(states) == len(catalog.reporting_units()) == 20
        assert states.count("missing") == 2 and states.count("rejected") == 1
        assert states.count("late") == 3
        assert sum(1 for (u, p), v in data.current.items() if p == period and v >= 2) == 4


def test_matrix_has_a_cell_exactly_where_a_unit_has_a_role(
    office: tuple[Store, OfficeData], catalog: Catalog
) -> None:
    store, _ = office
    matrix = load_matrix(store, catalog, "2016Q1")
    reporting = catalog.reporting_units()
    assert matrix.units[: len(reporting)] == tuple(reporting)
    assert {u.id for u in matrix.units[len(reporting) :]} == {"zlqsb"}  # the office leads tasks
    expected = {
        (t.no, u.id): catalog.roles_of(u.id, t)[0]
        for t in catalog.tasks
        for u in catalog.units
        if catalog.roles_of(u.id, t)
    }
    assert {k: c.role for k, c in matrix.cells.items()} == expected
    assert matrix.cell(8, "scjg") is None  # task 8 belongs to an empty group
    assert [t.no for t in matrix.tasks] == list(range(1, 50))


def test_matrix_shows_the_current_version_only(
    office: tuple[Store, OfficeData], catalog: Catalog
) -> None:
    store, data = office
    for period in PERIODS:
        matrix = load_matrix(store, catalog, period)
        filled = 0
        for (task_no, unit_id), cell in matrix.cells.items():
            assert SUPERSEDED_MARKER not in cell.progress
            payload = data.current_payload(unit_id, period)
            entry = entry_of(payload, task_no)
            assert cell.version == data.current.get((unit_id, period))
            if entry is None:
                assert cell.status is None and cell.progress == "" and cell.percent is None
                continue
            filled += 1
            assert (cell.status, cell.percent, cell.progress, cell.problems) == (
                entry.status,
                entry.percent,
                entry.progress,
                entry.problems,
            )
        expected = sum(
            len(p.entries)
            for (u, p_code), v in data.current.items()
            if p_code == period
            for p in [data.payloads[(u, p_code, v)]]
        )
        assert filled == expected > 100


def test_late_flags_follow_the_current_version(
    office: tuple[Store, OfficeData], catalog: Catalog
) -> None:
    store, data = office
    matrix = load_matrix(store, catalog, "2016Q2")
    for (_, unit_id), cell in matrix.cells.items():
        state = data.states.get((unit_id, "2016Q2"))
        assert cell.late == (state == "late")
    assert any(c.late for c in matrix.cells.values())


def test_matrix_loads_in_a_few_queries_not_one_per_cell(
    office: tuple[Store, OfficeData], catalog: Catalog
) -> None:
    store, _ = office
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        matrix = load_matrix(store, catalog, "2016Q1")
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    assert len(matrix.cells) > 150
    assert len(statements) <= 4


def test_an_unknown_period_is_refused(office: tuple[Store, OfficeData], catalog: Catalog) -> None:
    store, _ = office
    with pytest.raises(KeyError):
        load_matrix(store, catalog, "2015Q1")


def test_task_detail_rows_carry_every_units_current_text_and_targets(
    office: tuple[Store, OfficeData], catalog: Catalog
) -> None:
    store, data = office
    detail = task_detail(store, catalog, "2016Q1", 23)
    assert [r.unit_id for r in detail.rows] == ["scjg"]
    row = detail.rows[0]
    entry = entry_of(data.current_payload("scjg", "2016Q1"), 23)
    assert entry is not None
    assert (row.progress, row.problems, row.next_steps) == (
        entry.progress,
        entry.problems,
        entry.next_steps,
    )
    assert [t.target.name for t in row.targets] == [t.name for t in catalog.task(23).targets]
    sent = dict(entry.targets)
    for t in row.targets:
        assert t.actual == sent[t.target.name]
        assert t.met == (None if t.actual is None else t.target.met_by(t.actual))
    assert row.version == data.current[("scjg", "2016Q1")]
    assert row.file_sha256 is not None and len(row.file_sha256) == 64


def test_period_details_show_the_current_version_only(
    office: tuple[Store, OfficeData], catalog: Catalog
) -> None:
    store, data = office
    for period in PERIODS:
        details = period_details(store, catalog, period)
        assert sorted(details) == [t.no for t in catalog.tasks]
        for task_no, rows in details.items():
            for row in rows:
                entry = entry_of(data.current_payload(row.unit_id, period), task_no)
                texts = (row.progress, row.problems, row.next_steps)
                if entry is None:
                    assert row.status is None and texts == ("", "", "")
                else:
                    assert texts == (entry.progress, entry.problems, entry.next_steps)
                    assert [t.actual for t in row.targets] == [v for _, v in entry.targets]


def test_task_detail_history_lists_every_version_with_its_differences(
    office: tuple[Store, OfficeData], catalog: Catalog
) -> None:
    store, data = office
    unit, period = next(
        (u, p) for (u, p), v in sorted(data.current.items()) if v >= 2 and p == "2016Q1"
    )
    task_no = data.current_payload(unit, period).entries[0].task  # type: ignore[union-attr]
    detail = task_detail(store, catalog, period, task_no)
    mine = [h for h in detail.history if h.unit_id == unit]
    newest = data.current[(unit, period)]
    assert [h.version for h in mine] == list(range(1, newest + 1))
    assert [h.is_current for h in mine] == [False] * (newest - 1) + [True]
    assert mine[0].changes == ()  # nothing before version 1
    change = {c.field: c for c in mine[1].changes}
    assert SUPERSEDED_MARKER in change["progress"].old
    assert SUPERSEDED_MARKER not in change["progress"].new
    old = entry_of(data.payloads[(unit, period, 1)], task_no)
    new = entry_of(data.payloads[(unit, period, 2)], task_no)
    assert old is not None and new is not None
    assert change["progress"].new == new.progress and change["progress"].old == old.progress
    assert ("percent" in change) == (old.percent != new.percent)
    assert all(c.task == task_no for h in mine for c in h.changes)
    [row] = [r for r in detail.rows if r.unit_id == unit]
    latest = entry_of(data.payloads[(unit, period, newest)], task_no)
    assert latest is not None and row.progress == latest.progress and row.version == newest
    # the other units on the task are in the history too, oldest version first
    units_with_files = {
        r.unit_id
        for r in detail.rows
        if data.states.get((r.unit_id, period)) in ("submitted", "late")
    }
    assert {h.unit_id for h in detail.history} == units_with_files


def test_indicator_board_takes_the_owners_current_figures(
    office: tuple[Store, OfficeData], catalog: Catalog
) -> None:
    store, data = office
    board = indicator_board(store, catalog, "2016Q2")
    indicators = [b for b in board if b.kind == "indicator"]
    targets = [b for b in board if b.kind == "target"]
    assert [b.key for b in indicators] == [f"I{i.no}" for i in catalog.indicators]
    assert len(targets) == sum(len(t.targets) for t in catalog.tasks)
    for ind, row in zip(catalog.indicators, indicators, strict=True):
        assert ind.owner is not None
        payload = data.current_payload(ind.owner, "2016Q2")
        sent = None if payload is None else {i.no: i.value for i in payload.indicators}[ind.no]
        assert row.actual == sent
        if sent is None:
            assert (row.state, row.source) == ("no_data", "")
        else:
            assert row.state == ("met" if ind.as_target().met_by(sent) else "not_met")
            version = data.current[(ind.owner, "2016Q2")]
            assert row.source == f"{catalog.unit(ind.owner).short_name} v{version}"
    t35 = [b for b in targets if b.key.startswith("T35.")]
    entry = entry_of(data.current_payload("jtys", "2016Q2"), 35)
    assert [b.actual for b in t35] == [v for _, v in entry.targets]  # type: ignore[union-attr]


def test_tracker_matches_who_sent_what(office: tuple[Store, OfficeData], catalog: Catalog) -> None:
    store, data = office
    t = tracker(store, catalog, "2016Q1")
    assert t.expected == 20
    for row in t.rows:
        state = data.states[(row.unit_id, "2016Q1")]
        assert row.state == state
        assert row.version == data.current.get((row.unit_id, "2016Q1"))
        assert (row.last_import is None) == (state == "missing")
        if state == "rejected":
            assert row.rejected_attempts == 1 and row.last_reason is not None
            assert row.last_reason.code == "unregistered_key"
    assert t.count("late") == 3 and t.count("missing") == 2


def test_chart_figures_are_the_means_of_the_current_entries(
    office: tuple[Store, OfficeData], catalog: Catalog
) -> None:
    store, data = office
    matrix = load_matrix(store, catalog, "2016Q1")
    by_section: dict[int, list[int]] = {s.no: [] for s in catalog.sections}
    by_unit: dict[str, list[int]] = {u.id: [] for u in catalog.reporting_units()}
    for (unit, period), version in data.current.items():
        if period != "2016Q1":
            continue
        for e in data.payloads[(unit, period, version)].entries:
            p = effective_percent(e.status, e.percent)
            if p is not None:
                by_section[catalog.task(e.task).section].append(p)
                by_unit[unit].append(p)

    def mean(v: list[int]) -> float:
        return round(sum(v) / len(v), 1) if v else 0.0

    assert completion_by_section(matrix) == [
        (section_label(s.no, s.title), mean(by_section[s.no])) for s in catalog.sections
    ]
    assert completion_by_unit(matrix) == [
        (u.short_name, mean(by_unit[u.id])) for u in catalog.reporting_units()
    ]
    counts = dict(status_counts(matrix))
    reporting = {u.id for u in catalog.reporting_units()}
    assert sum(counts.values()) == sum(1 for (_, u) in matrix.cells if u in reporting)
    assert counts["未报送"] == sum(
        1 for (_, u), c in matrix.cells.items() if u in reporting and c.status is None
    )


def test_submissions_over_time_counts_units_by_their_first_signed_day(
    office: tuple[Store, OfficeData], catalog: Catalog
) -> None:
    store, data = office
    series = submissions_over_time(store, catalog, "2016Q1")
    days = [d for d, _ in series]
    counts = [n for _, n in series]
    assert days == sorted(set(days))
    assert counts == sorted(counts)
    sent = sum(
        1 for (u, p), s in data.states.items() if p == "2016Q1" and s in ("submitted", "late")
    )
    assert counts[-1] == sent


def test_a_period_nobody_reported_is_empty_not_an_error(
    office: tuple[Store, OfficeData], catalog: Catalog
) -> None:
    store, _ = office
    matrix = load_matrix(store, catalog, "2016Q4")
    assert all(c.status is None and c.version is None for c in matrix.cells.values())
    assert all(v == 0.0 for _, v in completion_by_section(matrix))
    board = indicator_board(store, catalog, "2016Q4")
    assert {b.state for b in board} == {"no_data"}
    assert submissions_over_time(store, catalog, "2016Q4") == []
    assert task_detail(store, catalog, "2016Q4", 23).history == ()


def test_effective_percent() -> None:
    assert effective_percent("completed", None) == 100
    assert effective_percent("not_started", None) == 0
    assert effective_percent("in_progress", None) is None
    assert effective_percent("delayed", 35) == 35


def test_targets_stored_as_text_read_back_as_decimals(tmp_path: Path) -> None:
    from app.services.consolidation import parse_targets

    assert parse_targets('{"a": "6.75", "b": null}') == {"a": Decimal("6.75"), "b": None}
    assert parse_targets("not json") == {}
