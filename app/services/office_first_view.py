"""The office's first view read with the standard library's ``sqlite3`` (docs/design.md §6;
``app.services.first_view_store`` says why and when).

The office's first view is the matrix of the period shown: ``load_matrix``'s three queries (the
period's row, each unit's current version with its review, the current versions' entries),
answered here and built into the same ``Matrix`` by the same function
(``consolidation.matrix_types.build_matrix``). The window shows it, then binds the store and
reads the rest (review details, keys, other plans) through the services.
tests/services/test_office_first_view.py compares it with ``load_matrix`` on real stores.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.domain.catalog import Catalog
from app.domain.plan_time import is_late
from app.services.consolidation.matrix_types import Matrix, Reported, build_matrix
from app.services.first_view_store import newest_plan, open_snapshot, skipped, utc


def open_office_first_view(path: Path) -> OfficeFirstView | None:
    """The office's first view of the store at ``path``, or None (take the store's own path)."""
    conn = open_snapshot(path)
    if conn is None:
        return None
    try:
        _plan_id, catalog = newest_plan(conn)
    except Exception:  # whatever it is, the store's own path meets it and says so
        conn.close()
        skipped()
        return None
    return OfficeFirstView(conn, catalog)


class OfficeFirstView:
    """The newest plan and its periods' matrices, read in one read transaction."""

    def __init__(self, conn: sqlite3.Connection, catalog: Catalog) -> None:
        self._conn = conn
        self.catalog = catalog

    def close(self) -> None:
        self._conn.close()

    def matrix(self, period: str) -> Matrix:
        """``load_matrix(store, catalog, period)`` (KeyError for a period not in the plan)."""
        due = self.catalog.period(period).due
        row = self._conn.execute(
            'SELECT period.id FROM period JOIN "plan" ON "plan".id = period.plan_id'
            ' WHERE "plan".code = ? AND period.code = ?',
            (self.catalog.code, period),
        ).fetchone()
        versions: dict[str, tuple[int, bool]] = {}
        reviews: dict[str, str] = {}
        reported: Reported = {}
        if row is not None:
            for unit, version, created, review in self._conn.execute(
                "SELECT unit.code, submission.version, submission.created_at, review.state"
                " FROM submission JOIN unit ON unit.id = submission.unit_id"
                " LEFT OUTER JOIN review ON review.submission_id = submission.id"
                " WHERE submission.period_id = ? AND submission.is_current = 1",
                (row[0],),
            ):
                signed = utc(created)
                assert signed is not None  # a NOT NULL column
                versions[unit] = (version, is_late(signed, due))
                reviews[unit] = review or "pending"
            reported = self._entries(row[0])
        return build_matrix(self.catalog, period, versions, reported, reviews)

    def _entries(self, period_id: int) -> Reported:
        rows = self._conn.execute(
            "SELECT unit.code, task.no, e.status, e.percent, e.progress, e.problems"
            " FROM submission_entry e JOIN submission ON submission.id = e.submission_id"
            " JOIN unit ON unit.id = submission.unit_id JOIN task ON task.id = e.task_id"
            " WHERE submission.period_id = ? AND submission.is_current = 1",
            (period_id,),
        )
        return {(no, unit): (st, pc, pr, pb) for unit, no, st, pc, pr, pb in rows}
