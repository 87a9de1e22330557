"""The clerk's first view read with the standard library's ``sqlite3`` (docs/design.md §6;
``app.services.first_view_store`` says why and when).

The clerk's first view is the plan, the period's entries, indicators and export state: the
entry service's reads, answered here with the same values built by the same functions
(``app.services.entry_types``). Besides the store states every first view leaves to the store's
path, this one leaves a store without a profile (the wizard), a unit the newest plan does not
list and a clerk last in another plan. The UI state the window sets while it fills is kept and
handed to the service (``written``). tests/services/test_unit_first_view.py compares every
answer with the service's on real stores.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.domain.catalog import Catalog, IndicatorInfo, TaskInfo
from app.domain.entry_rules import EntryDraft, IndicatorDraft
from app.services.entry_types import (
    PeriodState,
    PeriodSummary,
    SavedEntry,
    SavedIndicator,
    blank_draft,
    period_digest,
    period_state,
    period_summary,
    saved_entry,
    saved_indicator,
    stored_draft,
)
from app.services.first_view_store import Unusual, newest_plan, open_snapshot, skipped, utc
from app.services.unit_profile import UnitProfileInfo

if TYPE_CHECKING:
    from app.models.store import Store


STATE_PLAN = "ui.plan"  # the plan the clerk was in (app.ui.unit.plan_switch)


@dataclass(frozen=True)
class RowIds:
    """The row ids the entry service resolves once (``PlanRowIds``)."""

    unit: int
    tasks: dict[int, int]  # task no -> id
    periods: dict[str, int]  # period code -> id
    indicators: dict[int, int]  # indicator no -> id
    target_names: dict[int, str]  # target id -> name


def open_first_view(path: Path) -> FirstEntryReads | None:
    """The clerk's first view of the store at ``path``, or None (take the store's own path)."""
    conn = open_snapshot(path)
    if conn is None:
        return None
    try:
        return _first_view(conn)
    except Exception:  # whatever it is, the store's own path meets it and says so
        conn.close()
        skipped()
        return None


def _first_view(conn: sqlite3.Connection) -> FirstEntryReads:
    plan_id, catalog = newest_plan(conn)
    profile = _profile(conn)
    if profile is None:
        raise Unusual("no profile yet: the set-up wizard")
    if not any(u.id == profile.unit_id and u.reports for u in catalog.units):
        raise Unusual("the newest plan does not list the unit as reporting")
    if _setting(conn, STATE_PLAN) not in (None, catalog.code):
        raise Unusual("the clerk was last in another plan")
    ids = _row_ids(conn, plan_id, profile.unit_id)
    return FirstEntryReads(conn, catalog, profile, ids)


def _profile(conn: sqlite3.Connection) -> UnitProfileInfo | None:
    """``get_profile``: the unit, its clerk and the key in force."""
    row = conn.execute(
        "SELECT unit_id, clerk, contact, created_at FROM unit_profile ORDER BY id LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    unit_pk, clerk, contact, created = row
    code, name, short = conn.execute(
        "SELECT code, name, short_name FROM unit WHERE id = ?", (unit_pk,)
    ).fetchone()
    key = conn.execute(
        "SELECT fingerprint, created_at FROM signing_key WHERE unit_id = ? AND status = 'active'"
        " ORDER BY id DESC LIMIT 1",
        (unit_pk,),
    ).fetchone()
    created_at = utc(created)
    assert created_at is not None
    fingerprint, key_created = ("", None) if key is None else (key[0], utc(key[1]))
    return UnitProfileInfo(code, name, short, clerk, contact, fingerprint, created_at, key_created)


def _setting(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def _row_ids(conn: sqlite3.Connection, plan_id: int, unit: str) -> RowIds:
    unit_row = conn.execute("SELECT id FROM unit WHERE code = ?", (unit,)).fetchone()
    if unit_row is None:
        raise Unusual(f"no unit row for {unit}")

    def pairs(sql: str) -> Iterator[tuple[Any, Any]]:
        return iter(conn.execute(sql, (plan_id,)).fetchall())

    return RowIds(
        unit=unit_row[0],
        tasks=dict(pairs("SELECT no, id FROM task WHERE plan_id = ?")),
        periods=dict(pairs("SELECT code, id FROM period WHERE plan_id = ?")),
        indicators=dict(pairs("SELECT no, id FROM indicator WHERE plan_id = ?")),
        target_names=dict(
            pairs(
                "SELECT target.id, target.name FROM target JOIN task ON target.task_id = task.id"
                " WHERE task.plan_id = ?"
            )
        ),
    )


class FirstEntryReads:
    """What the clerk's window reads while it fills, answered from one read transaction: the
    entry service's reads, same names, same values. ``store`` is None (there is none yet):
    the window leaves what needs the store to ``bind``."""

    store: Store | None = None

    def __init__(
        self, conn: sqlite3.Connection, catalog: Catalog, profile: UnitProfileInfo, ids: RowIds
    ) -> None:
        self._conn = conn
        self.catalog = catalog
        self.profile = profile
        self.unit_id = profile.unit_id
        self._ids = ids
        self._written: dict[str, str | None] = {}

    def close(self) -> None:
        self._conn.close()

    def written(self) -> dict[str, str | None]:
        """The UI state set while the window filled, for the service to store."""
        return dict(self._written)

    # -- the entry service's reads ---------------------------------------------------------
    def tasks(self) -> list[tuple[TaskInfo, str]]:
        return self.catalog.tasks_for_unit(self.unit_id)

    def indicators(self) -> list[IndicatorInfo]:
        return self.catalog.indicators_for_unit(self.unit_id)

    def get_state(self, key: str) -> str | None:
        if key in self._written:
            return self._written[key]
        return _setting(self._conn, key)

    def set_state(self, key: str, value: str | None) -> None:
        self._written[key] = value

    def load(self, task_no: int, period: str) -> SavedEntry:
        found = [e for e in self.list_period(period) if e.draft.task_no == task_no]
        if not found:
            raise KeyError(task_no)
        return found[0]

    def list_period(self, period: str) -> list[SavedEntry]:
        rows = {
            task_id: (row[1:6], utc(row[6]), row[7], values)
            for task_id, (row, values) in self._entry_rows(period).items()
        }
        out = []
        for task, role in self.tasks():
            found = rows.get(self._ids.tasks[task.no])
            if found is None:
                out.append(saved_entry(task, role, blank_draft(task, period), None, 0))
                continue
            texts, at, revision, values = found
            draft = stored_draft(task, period, texts, values)
            out.append(saved_entry(task, role, draft, at, revision))
        return out

    def _entry_rows(self, period: str) -> dict[int, tuple[tuple[Any, ...], dict[str, str]]]:
        """Task id -> ((id, status, percent, progress, problems, next_steps, updated_at,
        revision), target name -> value) of the unit's entries in ``period``."""
        rows = self._conn.execute(
            "SELECT task_id, id, status, percent, progress, problems, next_steps, updated_at,"
            " revision FROM entry WHERE unit_id = ? AND period_id = ?",
            (self._ids.unit, self._period_pk(period)),
        ).fetchall()
        values: dict[int, dict[str, str]] = {row[1]: {} for row in rows}
        for entry_id, target_id, value in self._conn.execute(
            "SELECT v.entry_id, v.target_id, v.value FROM entry_target_value v"
            " JOIN entry ON entry.id = v.entry_id WHERE entry.unit_id = ? AND entry.period_id = ?",
            (self._ids.unit, self._period_pk(period)),
        ):
            values[entry_id][self._ids.target_names[target_id]] = value or ""
        return {row[0]: (row[1:], values[row[1]]) for row in rows}

    def list_indicators(self, period: str) -> list[SavedIndicator]:
        rows = {
            indicator_id: rest
            for indicator_id, *rest in self._conn.execute(
                "SELECT indicator_id, value, note, updated_at, revision FROM indicator_value"
                " WHERE unit_id = ? AND period_id = ?",
                (self._ids.unit, self._period_pk(period)),
            )
        }
        out = []
        for info in self.indicators():
            found = rows.get(self._ids.indicators[info.no])
            if found is None:
                out.append(saved_indicator(info, IndicatorDraft(info.no, period), None, 0))
                continue
            value, note, at, revision = found
            draft = IndicatorDraft(info.no, period, value or "", note)
            out.append(saved_indicator(info, draft, utc(at), revision))
        return out

    def summary(
        self,
        period: str,
        entries: list[SavedEntry] | None = None,
        indicators: list[SavedIndicator] | None = None,
    ) -> PeriodSummary:
        entries = self.list_period(period) if entries is None else entries
        indicators = self.list_indicators(period) if indicators is None else indicators
        return period_summary(self.catalog, period, entries, indicators)

    def period_state(self, period: str) -> PeriodState:
        row = self._conn.execute(
            "SELECT version, created_at, content_sha256 FROM local_submission"
            " WHERE unit_id = ? AND period_id = ? ORDER BY version DESC LIMIT 1",
            (self._ids.unit, self._period_pk(period)),
        ).fetchone()
        if row is None:
            return period_state(None, lambda: "")
        version, created, digest = row
        created_at = utc(created)
        assert created_at is not None  # a NOT NULL column
        return period_state((version, created_at, digest), lambda: self._digest(period))

    def _digest(self, period: str) -> str:
        entries: list[EntryDraft] = [e.draft for e in self.list_period(period)]
        indicators = [i.draft for i in self.list_indicators(period)]
        return period_digest(self.unit_id, period, entries, indicators)

    def _period_pk(self, code: str) -> int:
        if code not in self._ids.periods:
            raise KeyError(code)
        return self._ids.periods[code]
