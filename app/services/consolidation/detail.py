"""A task's detail: every unit's current text and targets, and every version with what it
changed against the unit's previous one."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.catalog import Catalog, TargetInfo, TaskInfo, UnitInfo
from app.domain.payload import plain_decimal
from app.domain.plan_time import is_late
from app.models import Submission, SubmissionEntry, Task, Unit
from app.models.store import Store
from app.services.consolidation.current import (
    Current,
    current_entries,
    current_submissions,
    matrix_units,
    period_pk,
    unit_roles,
)
from app.services.consolidation.labels import source_text, status_label
from app.services.import_changes import FieldChange


@dataclass(frozen=True)
class TargetActual:
    target: TargetInfo
    actual: Decimal | None
    met: bool | None  # None: no figure reported


@dataclass(frozen=True)
class UnitEntryDetail:
    unit_id: str
    unit_name: str  # short name
    role: str
    status: str | None
    percent: int | None
    progress: str
    problems: str
    next_steps: str
    targets: tuple[TargetActual, ...]
    version: int | None
    file_sha256: str | None
    submitted_at: datetime | None
    late: bool

    @property
    def source(self) -> str:
        return source_text(self.unit_name, self.version, self.file_sha256)


@dataclass(frozen=True)
class VersionInfo:
    unit_id: str
    version: int
    sequence: int
    submitted_at: datetime
    imported_at: datetime
    is_current: bool
    file_name: str
    file_sha256: str
    changes: tuple[FieldChange, ...]  # of this task, against the unit's previous version
    unit_name: str = ""
    late: bool = False


@dataclass(frozen=True)
class TaskDetail:
    task: TaskInfo
    period: str
    rows: tuple[UnitEntryDetail, ...]  # every unit with a role, in matrix order
    history: tuple[VersionInfo, ...]  # per unit in matrix order, oldest version first


def parse_targets(text: str) -> dict[str, Decimal | None]:
    """The entry's stored {target name: "decimal" | null} (bad text reads as no figure)."""
    try:
        raw = json.loads(text or "{}")
    except ValueError:
        return {}
    out: dict[str, Decimal | None] = {}
    if isinstance(raw, dict):
        for name, value in raw.items():
            try:
                out[str(name)] = None if value is None else Decimal(str(value))
            except InvalidOperation:
                out[str(name)] = None
    return out


def target_actuals(
    task: TaskInfo, stored: Mapping[str, Decimal | None]
) -> tuple[TargetActual, ...]:
    out = []
    for t in task.targets:
        actual = stored.get(t.name)
        out.append(TargetActual(t, actual, None if actual is None else t.met_by(actual)))
    return tuple(out)


# An entry's fields as the detail reads them, and what "no entry" reads as.
_ENTRY_COLUMNS = (
    SubmissionEntry.status,
    SubmissionEntry.percent,
    SubmissionEntry.progress,
    SubmissionEntry.problems,
    SubmissionEntry.next_steps,
    SubmissionEntry.targets,
)
_ENTRY_FIELDS = ("status", "percent", "progress", "problems", "next_steps", "targets")
_NO_ENTRY: tuple[Any, ...] = (None, None, "", "", "", "{}")


def period_details(
    store: Store, catalog: Catalog, period: str
) -> dict[int, tuple[UnitEntryDetail, ...]]:
    """Every task's rows (one per unit with a role, current versions only), in two queries."""
    info = catalog.period(period)
    units = matrix_units(catalog)
    roles = unit_roles(catalog, units)
    with store.factory() as s:
        pk = period_pk(s, catalog, period)
        current = current_submissions(s, pk, info.due)
        entries: dict[tuple[int, str], tuple[Any, ...]] = {}
        if pk is not None:
            for code, no, *fields in s.execute(current_entries(pk, *_ENTRY_COLUMNS)).tuples():
                entries[(no, code)] = tuple(fields)
    out: dict[int, tuple[UnitEntryDetail, ...]] = {}
    for task in catalog.tasks:
        rows = []
        for u in units:
            role = roles.get((task.no, u.id))
            if role is None:
                continue
            rows.append(_detail(task, u, role, entries.get((task.no, u.id)), current.get(u.id)))
        out[task.no] = tuple(rows)
    return out


def _detail(
    task: TaskInfo, unit: UnitInfo, role: str, e: tuple[Any, ...] | None, sub: Current | None
) -> UnitEntryDetail:
    status, percent, progress, problems, next_steps, targets = e if e is not None else _NO_ENTRY
    return UnitEntryDetail(
        unit_id=unit.id,
        unit_name=unit.short_name,
        role=role,
        status=status,
        percent=percent,
        progress=progress,
        problems=problems,
        next_steps=next_steps,
        targets=target_actuals(task, parse_targets(targets)),
        version=None if sub is None else sub.version,
        file_sha256=None if sub is None else sub.file_sha256,
        submitted_at=None if sub is None else sub.created_at,
        late=False if sub is None else sub.late,
    )


def task_detail(store: Store, catalog: Catalog, period: str, task_no: int) -> TaskDetail:
    """Every unit's current text for a task, its targets, and all versions with differences."""
    task = catalog.task_in_history(task_no)  # KeyError for a task the plan never had
    info = catalog.period(period)
    rows = period_details(store, catalog, period)[task_no]
    history: list[VersionInfo] = []
    with store.factory() as s:
        pk = period_pk(s, catalog, period)
        if pk is not None and rows:
            history = _history(s, pk, task, rows, info.due)
    return TaskDetail(task, period, rows, tuple(history))


def _history(
    s: Session, pk: int, task: TaskInfo, rows: Sequence[UnitEntryDetail], due: date
) -> list[VersionInfo]:
    """Every version of the units on the task (matrix order, oldest first) with its changes."""
    order = {r.unit_id: i for i, r in enumerate(rows)}
    names = {r.unit_id: r.unit_name for r in rows}
    found = s.execute(
        select(
            Submission.id,
            Unit.code,
            Submission.version,
            Submission.sequence,
            Submission.created_at,
            Submission.imported_at,
            Submission.is_current,
            Submission.file_name,
            Submission.file_sha256,
        )
        .join(Unit, Unit.id == Submission.unit_id)
        .where(Submission.period_id == pk, Unit.code.in_(list(order)))
    ).tuples()
    subs = sorted(found, key=lambda r: (order[r[1]], r[2]))
    fields = _task_entries(s, [r[0] for r in subs], task.no)
    previous: dict[str, tuple[Any, ...] | None] = {}
    history = []
    for sid, code, version, seq, at, imp, cur, fname, sha in subs:
        now = fields.get(sid)
        changes = _entry_changes(task, previous[code], now) if code in previous else ()
        previous[code] = now
        history.append(
            VersionInfo(
                unit_id=code,
                version=version,
                sequence=seq,
                submitted_at=at,
                imported_at=imp,
                is_current=cur,
                file_name=fname,
                file_sha256=sha,
                changes=tuple(changes),
                unit_name=names[code],
                late=is_late(at, due),
            )
        )
    return history


def _task_entries(s: Session, ids: list[int], task_no: int) -> dict[int, tuple[Any, ...]]:
    """Submission id -> the task's entry fields in that submission."""
    return {
        sid: tuple(rest)
        for sid, *rest in s.execute(
            select(SubmissionEntry.submission_id, *_ENTRY_COLUMNS)
            .join(Task, Task.id == SubmissionEntry.task_id)
            .where(SubmissionEntry.submission_id.in_(ids), Task.no == task_no)
        ).tuples()
    }


def _targets_text(task: TaskInfo, stored: str) -> str:
    values = parse_targets(stored)
    parts = []
    for t in task.targets:
        v = values.get(t.name)
        parts.append(f"{t.name}：{'—' if v is None else plain_decimal(v)}")
    return "；".join(parts)


def _entry_changes(
    task: TaskInfo, old: tuple[Any, ...] | None, new: tuple[Any, ...] | None
) -> list[FieldChange]:
    """What changed in this task's entry between two versions (status shown as its label)."""
    a, b = old or _NO_ENTRY, new or _NO_ENTRY
    out = []
    for i, name in enumerate(_ENTRY_FIELDS):
        x, y = a[i], b[i]
        if name == "targets":
            x, y = _targets_text(task, x), _targets_text(task, y)
        if x == y:
            continue
        if name == "status":
            x, y = ("" if x is None else status_label(x)), ("" if y is None else status_label(y))
        out.append(FieldChange(task.no, None, name, "" if x is None else str(x), str(y or "")))
    return out
