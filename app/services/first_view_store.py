"""A store read with the standard library's ``sqlite3`` for a window's first view (docs/design.md
§6): one read transaction, the schema this program knows, the newest published plan.

Importing SQLAlchemy, mapping the models and compiling the first statements is ~0.4 s of a
window's start; its first view needs none of it. The first views (``unit_first_view``,
``office_first_view``) read the rows the services read and build the same values through the
same functions; the window shows them, then binds the store's own services. They answer only a
store in the common state: anything else (a file missing, locked or foreign, a migration due,
no published plan) is ``Unusual`` and left to the store's own path,
which also says what is wrong. Nothing here writes.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import defaultdict
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.config import SCHEMA_HEAD
from app.domain.catalog import AssignmentInfo, Catalog, PeriodInfo, TargetInfo, TaskInfo
from app.services.plan_cache import parsed_catalog

log = logging.getLogger(__name__)


class Unusual(Exception):
    """A store state a first view leaves to the store's own path."""


def utc(text: str | None) -> datetime | None:
    """A UTC column as SQLAlchemy stores it on SQLite (naive text), aware as the models give it."""
    return None if text is None else datetime.fromisoformat(text).replace(tzinfo=UTC)


def open_snapshot(path: Path) -> sqlite3.Connection | None:
    """A read-only connection in one read transaction on the store at ``path``, if it is this
    program's store at its current schema; None otherwise (and no file is made)."""
    if not path.is_file():
        return None
    conn = sqlite3.connect(path, timeout=1.0, isolation_level=None)
    try:
        conn.execute("PRAGMA query_only=ON")
        conn.execute("BEGIN")  # one snapshot for everything the view reads
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if row is None or row[0] != SCHEMA_HEAD:
            raise Unusual(f"schema {row[0] if row else None}, not {SCHEMA_HEAD}")
    except Exception:  # whatever it is, the store's own path meets it and says so
        conn.close()
        skipped()
        return None
    return conn


def skipped() -> None:
    """Log (with its traceback) why the first view left the store to the store's path."""
    log.info("first view not read directly; the store's own path opens it", exc_info=True)


def newest_plan(conn: sqlite3.Connection) -> tuple[int, Catalog]:
    """``store_catalog_of`` without a code: the newest published plan (highest year, then code)
    with its period rows as they stand now."""
    plan = conn.execute(
        "SELECT id, code, revision, content_hash, source_json FROM plan"
        " WHERE revision >= 1 ORDER BY year DESC, code LIMIT 1"
    ).fetchone()
    if plan is None:
        raise Unusual("no published plan")
    return plan[0], _catalog(conn, plan)


def _catalog(conn: sqlite3.Connection, plan: tuple[Any, ...]) -> Catalog:
    plan_id, code, revision, digest, text = plan
    base = parsed_catalog(code, revision, digest, text)
    rows = conn.execute(
        'SELECT code, kind, title, start, "end", due FROM period'
        " WHERE plan_id = ? AND removed_in IS NULL ORDER BY seq",
        (plan_id,),
    )
    periods = tuple(
        PeriodInfo(c, kind, title, *(date.fromisoformat(d) for d in (start, end, due)))
        for c, kind, title, start, end, due in rows
    )
    retired = _retired_tasks(conn, plan_id)
    if periods == base.periods and not retired:
        return base
    return replace(base, periods=periods, retired=retired)


def _retired_tasks(conn: sqlite3.Connection, plan_id: int) -> tuple[TaskInfo, ...]:
    """``catalog._retired_tasks``: the tasks a revision removed, as their rows last stood."""
    tasks = conn.execute(
        "SELECT task.id, task.no, section.no, task.title, task.text FROM task"
        " JOIN section ON section.id = task.section_id"
        " WHERE task.plan_id = ? AND task.removed_in IS NOT NULL ORDER BY task.no",
        (plan_id,),
    ).fetchall()
    if not tasks:
        return ()
    ids = [t[0] for t in tasks]
    marks = ", ".join("?" * len(ids))  # placeholders only: the ids are parameters
    owners: dict[int, list[AssignmentInfo]] = defaultdict(list)
    for task_id, role, unit, group in conn.execute(
        "SELECT a.task_id, a.role, unit.code, unit_group.name FROM assignment a"
        " LEFT OUTER JOIN unit ON unit.id = a.unit_id"
        " LEFT OUTER JOIN unit_group ON unit_group.id = a.group_id"
        f" WHERE a.task_id IN ({marks}) ORDER BY a.task_id, a.seq",
        ids,
    ):
        owners[task_id].append(AssignmentInfo(unit or group, role, unit is None))
    targets: dict[int, list[TargetInfo]] = defaultdict(list)
    for task_id, name, comparator, value, top, measure in conn.execute(
        "SELECT task_id, name, comparator, value, value_max, unit_of_measure FROM target"
        f" WHERE task_id IN ({marks}) AND removed_in IS NULL ORDER BY task_id, seq",
        ids,
    ):
        high = None if top is None else Decimal(top)
        targets[task_id].append(TargetInfo(name, comparator, Decimal(value), high, measure))
    return tuple(
        TaskInfo(no, section, title, text, tuple(owners[pk]), tuple(targets[pk]))
        for pk, no, section, title, text in tasks
    )
