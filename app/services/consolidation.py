"""The office's merged view of one period: the task x unit matrix, a task's detail with its
version history, the indicator board, the submission tracker and the figures behind charts.

Only current versions (``Submission.is_current``) feed the matrix, the details and the board;
superseded versions appear only in a task's history. Every loader opens one session, runs a
handful of queries (never one per cell) and returns frozen dataclasses.

Definitions (shared by the window, the report and the assessment):
- effective percent of an entry: the percent the clerk gave; else 100 for 已完成 and 0 for
  未启动; unknown (None) for 推进中/滞后 without a percent.
- completion by section / unit: the mean effective percent of the entries reported for the
  period (entries with an unknown percent left out); 0.0 where nothing was reported.
- a target's actual on the board: one row per target, the figure of the unit ranked first on
  the task (lead, then responsible, then support, each in plan order) that reported a figure.
  Several units' figures are never summed: in this plan a shared target (e.g. task 2's 12
  sub-indices) is the same city-wide figure, not a sum of parts. Every unit's own figure is in
  the task detail.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.catalog import (
    ROLE_ORDER,
    Catalog,
    SectionInfo,
    TargetInfo,
    TaskInfo,
    UnitInfo,
)
from app.domain.entry_rules import STATUS_LABELS
from app.domain.messages import Message
from app.domain.payload import plain_decimal
from app.models import (
    ImportLog,
    Indicator,
    Period,
    Plan,
    Submission,
    SubmissionEntry,
    SubmissionIndicator,
    Task,
    Unit,
)
from app.models.store import Store
from app.services.office_import import FieldChange
from app.services.office_status import PLAN_TZ, is_late, period_status

NUMERALS = "一二三四五六七八九十"
NOT_REPORTED = "未报送"
BOARD_STATES = {"met": "达标", "not_met": "未达标", "no_data": "无数据"}


def section_label(no: int, title: str) -> str:
    """'一、大力推进重点项目建设' (the plan's own numbering)."""
    numeral = NUMERALS[no - 1] if 1 <= no <= len(NUMERALS) else str(no)
    return f"{numeral}、{title}"


def effective_percent(status: str | None, percent: int | None) -> int | None:
    if percent is not None:
        return percent
    if status == "completed":
        return 100
    if status == "not_started":
        return 0
    return None


def status_label(status: str | None) -> str:
    return NOT_REPORTED if status is None else STATUS_LABELS.get(status, status)


def source_text(unit_name: str, version: int | None, sha256: str | None = None) -> str:
    """'市场监管委 v2 · 3f2a9c01': who said it, in which version, in which file."""
    if version is None:
        return ""
    text = f"{unit_name} v{version}"
    return f"{text} · {sha256[:8]}" if sha256 else text


# -- the matrix ---------------------------------------------------------------------------
@dataclass(frozen=True)
class MatrixCell:
    task_no: int
    unit_id: str
    role: str
    status: str | None  # None: nothing reported on this task in the current version
    percent: int | None
    progress: str
    problems: str
    version: int | None  # the unit's current version for the period (None: not submitted)
    late: bool


@dataclass(frozen=True)
class Matrix:
    period: str
    units: tuple[UnitInfo, ...]  # reporting units first (plan order), then others with a role
    tasks: tuple[TaskInfo, ...]
    cells: Mapping[tuple[int, str], MatrixCell]  # only where the unit has a role on the task
    sections: tuple[SectionInfo, ...] = ()

    def cell(self, task_no: int, unit_id: str) -> MatrixCell | None:
        return self.cells.get((task_no, unit_id))

    def task_cells(self, task_no: int) -> list[MatrixCell]:
        return [c for u in self.units if (c := self.cells.get((task_no, u.id))) is not None]


def _plan_id(s: Session, catalog: Catalog) -> int | None:
    return s.scalar(select(Plan.id).where(Plan.code == catalog.code))


def _period_pk(s: Session, catalog: Catalog, period: str) -> int | None:
    return s.scalar(
        select(Period.id)
        .join(Plan, Plan.id == Period.plan_id)
        .where(Plan.code == catalog.code, Period.code == period)
    )


def matrix_units(catalog: Catalog) -> tuple[UnitInfo, ...]:
    """Columns: the reporting units in plan order, then the other units with a role."""
    reporting = catalog.reporting_units()
    seen = {u.id for u in reporting}
    others = [u for u in catalog.units if u.id not in seen and catalog.tasks_for_unit(u.id)]
    return (*reporting, *others)


def _roles(catalog: Catalog, units: tuple[UnitInfo, ...]) -> dict[tuple[int, str], str]:
    out: dict[tuple[int, str], str] = {}
    for t in catalog.tasks:
        for u in units:
            roles = catalog.roles_of(u.id, t)
            if roles:
                out[(t.no, u.id)] = roles[0]
    return out


@dataclass(frozen=True)
class _Current:
    """A unit's current submission for the period (the columns the views need)."""

    unit_id: str
    version: int
    sequence: int
    created_at: datetime
    imported_at: datetime
    file_name: str
    file_sha256: str
    fingerprint: str
    late: bool


def _current_submissions(
    s: Session, catalog: Catalog, period_pk: int | None, due: date
) -> dict[str, _Current]:
    if period_pk is None:
        return {}
    rows = s.execute(
        select(
            Unit.code,
            Submission.version,
            Submission.sequence,
            Submission.created_at,
            Submission.imported_at,
            Submission.file_name,
            Submission.file_sha256,
            Submission.fingerprint,
        )
        .join(Unit, Unit.id == Submission.unit_id)
        .where(Submission.period_id == period_pk, Submission.is_current.is_(True))
    ).tuples()
    return {
        code: _Current(code, v, seq, at, imp, name, sha, fp, is_late(at, due))
        for code, v, seq, at, imp, name, sha, fp in rows
    }


def load_matrix(store: Store, catalog: Catalog, period: str) -> Matrix:
    """The task x unit matrix of one period (KeyError for a period not in the plan)."""
    info = catalog.period(period)
    units = matrix_units(catalog)
    roles = _roles(catalog, units)
    with store.factory() as s:
        period_pk = _period_pk(s, catalog, period)
        current = _current_submissions(s, catalog, period_pk, info.due)
        reported: dict[tuple[int, str], tuple[str, int | None, str, str]] = {}
        if period_pk is not None:
            for code, no, st, pc, pr, pb in s.execute(
                select(
                    Unit.code,
                    Task.no,
                    SubmissionEntry.status,
                    SubmissionEntry.percent,
                    SubmissionEntry.progress,
                    SubmissionEntry.problems,
                )
                .join(Submission, Submission.id == SubmissionEntry.submission_id)
                .join(Unit, Unit.id == Submission.unit_id)
                .join(Task, Task.id == SubmissionEntry.task_id)
                .where(Submission.period_id == period_pk, Submission.is_current.is_(True))
            ).tuples():
                reported[(no, code)] = (st, pc, pr, pb)
    cells: dict[tuple[int, str], MatrixCell] = {}
    for (task_no, unit_id), role in roles.items():
        sub = current.get(unit_id)
        e = reported.get((task_no, unit_id))
        cells[(task_no, unit_id)] = MatrixCell(
            task_no=task_no,
            unit_id=unit_id,
            role=role,
            status=None if e is None else e[0],
            percent=None if e is None else e[1],
            progress="" if e is None else e[2],
            problems="" if e is None else e[3],
            version=None if sub is None else sub.version,
            late=False if sub is None else sub.late,
        )
    return Matrix(period, units, catalog.tasks, cells, catalog.sections)


# -- charts -------------------------------------------------------------------------------
def _mean(values: list[int]) -> float:
    return round(sum(values) / len(values), 1) if values else 0.0


def completion_by_section(matrix: Matrix) -> list[tuple[str, float]]:
    """('一、大力推进重点项目建设', mean effective percent of the entries reported) per section."""
    by_section: dict[int, list[int]] = defaultdict(list)
    for t in matrix.tasks:
        for c in matrix.task_cells(t.no):
            p = effective_percent(c.status, c.percent)
            if p is not None and c.status is not None:
                by_section[t.section].append(p)
    return [(section_label(x.no, x.title), _mean(by_section[x.no])) for x in matrix.sections]


def completion_by_unit(matrix: Matrix) -> list[tuple[str, float]]:
    """(unit short name, mean effective percent of its reported entries) per reporting unit."""
    out = []
    for u in matrix.units:
        if not u.reports:
            continue
        values = [
            p
            for t in matrix.tasks
            if (c := matrix.cells.get((t.no, u.id))) is not None
            and c.status is not None
            and (p := effective_percent(c.status, c.percent)) is not None
        ]
        out.append((u.short_name, _mean(values)))
    return out


def status_counts(matrix: Matrix) -> list[tuple[str, int]]:
    """(status label, cells) of the reporting units: 已完成, 推进中, 滞后, 未启动, 未报送."""
    reporting = {u.id for u in matrix.units if u.reports}
    counts = dict.fromkeys(("completed", "in_progress", "delayed", "not_started"), 0)
    missing = 0
    for (_, unit_id), c in matrix.cells.items():
        if unit_id not in reporting:
            continue
        if c.status is None:
            missing += 1
        else:
            counts[c.status] = counts.get(c.status, 0) + 1
    return [(STATUS_LABELS.get(k, k), n) for k, n in counts.items()] + [(NOT_REPORTED, missing)]


def submissions_over_time(store: Store, period: str) -> list[tuple[date, int]]:
    """Per day (Beijing time) on which a unit first sent a verified version for the period:
    the cumulative number of units that had sent one by then."""
    with store.factory() as s:
        rows = s.execute(
            select(Submission.unit_id, func.min(Submission.created_at))
            .join(Period, Period.id == Submission.period_id)
            .where(Period.code == period)
            .group_by(Submission.unit_id)
        ).tuples()
        firsts = sorted(_aware(at).astimezone(PLAN_TZ).date() for _, at in rows)
    out: list[tuple[date, int]] = []
    for i, day in enumerate(firsts, 1):
        if out and out[-1][0] == day:
            out[-1] = (day, i)
        else:
            out.append((day, i))
    return out


def _aware(at: datetime) -> datetime:
    # func.min() bypasses the UTC column type and hands back naive UTC (or text) on SQLite.
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


# -- a task's detail ----------------------------------------------------------------------
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


_ENTRY_COLUMNS = (
    SubmissionEntry.status,
    SubmissionEntry.percent,
    SubmissionEntry.progress,
    SubmissionEntry.problems,
    SubmissionEntry.next_steps,
    SubmissionEntry.targets,
)


def period_details(
    store: Store, catalog: Catalog, period: str
) -> dict[int, tuple[UnitEntryDetail, ...]]:
    """Every task's rows (one per unit with a role, current versions only), in two queries."""
    info = catalog.period(period)
    units = matrix_units(catalog)
    roles = _roles(catalog, units)
    with store.factory() as s:
        period_pk = _period_pk(s, catalog, period)
        current = _current_submissions(s, catalog, period_pk, info.due)
        entries: dict[tuple[int, str], tuple[Any, ...]] = {}
        if period_pk is not None:
            for code, no, *fields in s.execute(
                select(Unit.code, Task.no, *_ENTRY_COLUMNS)
                .join(Submission, Submission.id == SubmissionEntry.submission_id)
                .join(Unit, Unit.id == Submission.unit_id)
                .join(Task, Task.id == SubmissionEntry.task_id)
                .where(Submission.period_id == period_pk, Submission.is_current.is_(True))
            ).tuples():
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
    task: TaskInfo, unit: UnitInfo, role: str, e: tuple[Any, ...] | None, sub: _Current | None
) -> UnitEntryDetail:
    status, percent, progress, problems, next_steps, targets = (
        e if e is not None else (None, None, "", "", "", "{}")
    )
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
    task = catalog.task(task_no)  # KeyError for a task not in the plan
    info = catalog.period(period)
    rows = period_details(store, catalog, period)[task_no]
    order = {r.unit_id: i for i, r in enumerate(rows)}
    names = {r.unit_id: r.unit_name for r in rows}
    history: list[VersionInfo] = []
    with store.factory() as s:
        period_pk = _period_pk(s, catalog, period)
        if period_pk is not None and order:
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
                .where(Submission.period_id == period_pk, Unit.code.in_(list(order)))
            ).tuples()
            subs = sorted(found, key=lambda r: (order[r[1]], r[2]))
            ids = [r[0] for r in subs]
            fields: dict[int, tuple[Any, ...]] = {
                sid: tuple(rest)
                for sid, *rest in s.execute(
                    select(SubmissionEntry.submission_id, *_ENTRY_COLUMNS)
                    .join(Task, Task.id == SubmissionEntry.task_id)
                    .where(SubmissionEntry.submission_id.in_(ids), Task.no == task_no)
                ).tuples()
            }
            previous: dict[str, tuple[Any, ...] | None] = {}
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
                        late=is_late(at, info.due),
                    )
                )
    return TaskDetail(task, period, rows, tuple(history))


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
    blank: tuple[Any, ...] = (None, None, "", "", "", "{}")
    a, b = old or blank, new or blank
    out = []
    names = ("status", "percent", "progress", "problems", "next_steps", "targets")
    for i, name in enumerate(names):
        x, y = a[i], b[i]
        if name == "targets":
            x, y = _targets_text(task, x), _targets_text(task, y)
        if x == y:
            continue
        if name == "status":
            x, y = ("" if x is None else status_label(x)), ("" if y is None else status_label(y))
        out.append(FieldChange(task.no, None, name, "" if x is None else str(x), str(y or "")))
    return out


# -- the indicator board ------------------------------------------------------------------
@dataclass(frozen=True)
class BoardRow:
    kind: str  # "indicator" | "target"
    key: str  # "I1" or "T23.2"
    name: str
    owner_or_task: str  # the owner's short name, or "23 重点产品质量监督抽查"
    target: TargetInfo
    actual: Decimal | None
    state: str  # "met" | "not_met" | "no_data"
    source: str  # unit short name + " v" + version, "" without data
    unit_id: str | None = None
    note: str = ""

    @property
    def state_label(self) -> str:
        return BOARD_STATES[self.state]


def _state(target: TargetInfo, actual: Decimal | None) -> str:
    if actual is None:
        return "no_data"
    return "met" if target.met_by(actual) else "not_met"


def _ranked_units(catalog: Catalog, task: TaskInfo) -> list[str]:
    """Units on a task in board order: lead, responsible, support; each in plan order."""
    ranked: list[tuple[int, int, str]] = []
    for i, a in enumerate(task.units):
        members = catalog.group(a.unit).members if a.is_group else (a.unit,)
        for m in members:
            ranked.append((ROLE_ORDER[a.role], i, m))
    seen: set[str] = set()
    out = []
    for _, _, m in sorted(ranked):
        if m not in seen:
            seen.add(m)
            out.append(m)
    return out


def indicator_board(store: Store, catalog: Catalog, period: str) -> list[BoardRow]:
    """The plan's goal indicators, then every task target, actual against target."""
    info = catalog.period(period)
    with store.factory() as s:
        period_pk = _period_pk(s, catalog, period)
        current = _current_submissions(s, catalog, period_pk, info.due)
        values: dict[tuple[int, str], tuple[str | None, str]] = {}
        stored_targets: dict[tuple[int, str], str] = {}
        if period_pk is not None:
            for code, no, value, note in s.execute(
                select(Unit.code, Indicator.no, SubmissionIndicator.value, SubmissionIndicator.note)
                .join(Submission, Submission.id == SubmissionIndicator.submission_id)
                .join(Unit, Unit.id == Submission.unit_id)
                .join(Indicator, Indicator.id == SubmissionIndicator.indicator_id)
                .where(Submission.period_id == period_pk, Submission.is_current.is_(True))
            ).tuples():
                values[(no, code)] = (value, note)
            for code, no, targets in s.execute(
                select(Unit.code, Task.no, SubmissionEntry.targets)
                .join(Submission, Submission.id == SubmissionEntry.submission_id)
                .join(Unit, Unit.id == Submission.unit_id)
                .join(Task, Task.id == SubmissionEntry.task_id)
                .where(
                    Submission.period_id == period_pk,
                    Submission.is_current.is_(True),
                    SubmissionEntry.targets != "{}",
                )
            ).tuples():
                stored_targets[(no, code)] = targets
    names = {u.id: u.short_name for u in catalog.units}

    def src(unit_id: str) -> str:
        sub = current.get(unit_id)
        return "" if sub is None else source_text(names.get(unit_id, unit_id), sub.version)

    rows: list[BoardRow] = []
    for ind in catalog.indicators:
        target = ind.as_target()
        owner = ind.owner
        candidates = [owner] if owner else sorted({c for n, c in values if n == ind.no})
        actual: Decimal | None = None
        note, who = "", None
        for c in candidates:
            if c is not None and (ind.no, c) in values:
                raw, note = values[(ind.no, c)]
                actual = _decimal(raw)
                who = c
                break
        rows.append(
            BoardRow(
                kind="indicator",
                key=f"I{ind.no}",
                name=ind.name,
                owner_or_task=names.get(owner, "") if owner else "",
                target=target,
                actual=actual,
                state=_state(target, actual),
                source=src(who) if who and actual is not None else "",
                unit_id=who,
                note=note,
            )
        )
    for task in catalog.tasks:
        if not task.targets:
            continue
        ranked = _ranked_units(catalog, task)
        parsed = {
            u: parse_targets(stored_targets[(task.no, u)])
            for u in ranked
            if (task.no, u) in stored_targets
        }
        for i, target in enumerate(task.targets, 1):
            actual, who = None, None
            for u in ranked:
                v = parsed.get(u, {}).get(target.name)
                if v is not None:
                    actual, who = v, u
                    break
            rows.append(
                BoardRow(
                    kind="target",
                    key=f"T{task.no}.{i}",
                    name=target.name,
                    owner_or_task=f"{task.no} {task.title}",
                    target=target,
                    actual=actual,
                    state=_state(target, actual),
                    source=src(who) if who else "",
                    unit_id=who,
                )
            )
    return rows


def _decimal(text: str | None) -> Decimal | None:
    if text is None or text == "":
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


# -- the submission tracker ---------------------------------------------------------------
@dataclass(frozen=True)
class TrackerRow:
    unit_id: str
    unit_name: str
    state: str  # submitted | late | missing | rejected
    version: int | None
    submitted_at: datetime | None
    imported_at: datetime | None
    versions: int
    rejected_attempts: int
    last_reason: Message | None
    last_import: datetime | None  # the latest import attempt of any outcome for this period
    conflict_versions: tuple[int, ...] = ()  # versions held as two different files


@dataclass(frozen=True)
class Tracker:
    period: str
    due: date
    rows: tuple[TrackerRow, ...]

    def count(self, state: str) -> int:
        return sum(1 for r in self.rows if r.state == state)

    @property
    def expected(self) -> int:
        return len(self.rows)


STATE_LABELS = {
    "submitted": "按时报送",
    "late": "逾期报送",
    "missing": "未报送",
    "rejected": "被拒收",
}


def tracker(store: Store, catalog: Catalog, period: str) -> Tracker:
    """Who was expected, who sent on time, late, not at all, or only rejected files."""
    status = period_status(store, catalog, period)
    with store.factory() as s:
        last = dict(
            s.execute(
                select(ImportLog.unit_code, func.max(ImportLog.at))
                .where(ImportLog.period_code == period, ImportLog.unit_code.is_not(None))
                .group_by(ImportLog.unit_code)
            )
            .tuples()
            .all()
        )
    rows = tuple(
        TrackerRow(
            unit_id=u.unit,
            unit_name=u.unit_name,
            state=u.state,
            version=u.version,
            submitted_at=u.submitted_at,
            imported_at=u.imported_at,
            versions=u.versions,
            rejected_attempts=u.rejected_attempts,
            last_reason=u.last_reason,
            last_import=None if last.get(u.unit) is None else _aware(last[u.unit]),
            conflict_versions=u.conflict_versions,
        )
        for u in status.units
    )
    return Tracker(period, status.due, rows)


# -- the current submissions behind a set of periods (traceability) -----------------------
@dataclass(frozen=True)
class SourceInfo:
    unit_id: str
    unit_name: str
    period: str
    version: int
    sequence: int
    submitted_at: datetime
    imported_at: datetime
    file_name: str
    file_sha256: str
    fingerprint: str
    late: bool


def current_sources(store: Store, catalog: Catalog, periods: list[str]) -> list[SourceInfo]:
    """Every current submission of these periods (period order, then matrix order)."""
    order = {u.id: i for i, u in enumerate(matrix_units(catalog))}
    names = {u.id: u.short_name for u in catalog.units}
    out: list[SourceInfo] = []
    with store.factory() as s:
        for code in periods:
            due = catalog.period(code).due
            subs = _current_submissions(s, catalog, _period_pk(s, catalog, code), due)
            for c in sorted(subs.values(), key=lambda c: order.get(c.unit_id, len(order))):
                out.append(
                    SourceInfo(
                        c.unit_id,
                        names.get(c.unit_id, c.unit_id),
                        code,
                        c.version,
                        c.sequence,
                        c.created_at,
                        c.imported_at,
                        c.file_name,
                        c.file_sha256,
                        c.fingerprint,
                        c.late,
                    )
                )
    return out
