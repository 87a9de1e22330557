"""Office import: verify submission files and merge them into the office store.

Every file ends with exactly one outcome:
- ``accepted``   verified, and now the current version for its unit and period;
- ``superseded`` verified, but older than the current version; kept in the history;
- ``duplicate``  this very submission was imported before; nothing changes;
- ``rejected``   with a one-line reason; nothing changes but the import log.

The current version of a (unit, period) is the verified submission with the highest
(version, sequence), so the same set of files in any order, any number of times, ends in
the same state. Each file is applied in its own transaction; cancelling leaves every finished
file applied and none half applied.
"""

from __future__ import annotations

import contextlib
import json
import uuid as uuidlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.domain.catalog import Catalog
from app.domain.entry_rules import STATUS_LABELS
from app.models import (
    ImportLog,
    Indicator,
    Period,
    Submission,
    SubmissionEntry,
    SubmissionIndicator,
    Task,
    Unit,
)
from app.models.base import utcnow
from app.models.store import Store
from app.services.office_trust import check_signing_key
from app.services.parse_pool import ParsePool, ParseResult, expand_paths, verify_path

OUTCOMES = ("accepted", "superseded", "duplicate", "rejected")
# The merge runs in Core: the ORM's unit of work cost more per file than reading it.
_SUBMISSION_TABLE = cast(Table, Submission.__table__)
_ENTRY_TABLE = cast(Table, SubmissionEntry.__table__)
_INDICATOR_TABLE = cast(Table, SubmissionIndicator.__table__)
_LOG_TABLE = cast(Table, ImportLog.__table__)
# Built once: executing a prepared statement with parameters skips building and hashing a new
# statement for every file (SQLAlchemy's per-statement overhead was most of the merge).
_S = _SUBMISSION_TABLE.c
_SAME = select(_S.id, _S.imported_at).where(
    (_S.uuid == bindparam("uuid")) | (_S.file_sha256 == bindparam("sha"))
)
_HISTORY = select(_S.id, _S.version, _S.sequence, _S.is_current).where(
    _S.unit_id == bindparam("unit"), _S.period_id == bindparam("period")
)
# Two importers at once (two office PCs on one PostgreSQL store, or two runs on one SQLite
# file) must end as one would: the checks below read, then write. SQLite: a no-op write takes
# the database's write lock before the first read (a deferred transaction would fail with
# "database is locked" when its reads turned stale). PostgreSQL: a transaction-scoped advisory
# lock per unit (its sequence numbers span periods); READ COMMITTED reads after it see the
# other importer's committed rows.
_TAKE_WRITE_LOCK = text("UPDATE submission SET id = id WHERE 0")
_LOCK_UNIT = text("SELECT pg_advisory_xact_lock(7201, :unit)")
_REUSED = select(_S.id).where(_S.unit_id == bindparam("unit"), _S.sequence == bindparam("seq"))
_NOT_CURRENT = update(_SUBMISSION_TABLE).where(_S.id == bindparam("old")).values(is_current=False)
_ADD_SUBMISSION = insert(_SUBMISSION_TABLE).returning(_S.id)
_ADD_ENTRIES = insert(_ENTRY_TABLE)
_ADD_INDICATORS = insert(_INDICATOR_TABLE)
_ADD_LOG = insert(_LOG_TABLE)


@dataclass(frozen=True)
class FieldChange:
    """One difference between an incoming submission and the current version (preview)."""

    task: int | None  # None for an indicator
    indicator: int | None
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class FileOutcome:
    file: str
    outcome: str
    reason: str = ""
    unit: str | None = None
    period: str | None = None
    version: int | None = None
    fingerprint: str | None = None
    changes: tuple[FieldChange, ...] = field(default=(), compare=False)

    def to_json(self) -> dict[str, Any]:
        """The documented shape of ``office import --json`` (DESIGN.md §5)."""
        return {
            "file": self.file,
            "outcome": self.outcome,
            "reason": self.reason,
            "unit": self.unit,
            "period": self.period,
            "version": self.version,
        }


class _Refused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _dec(value: Any) -> str | None:
    return None if value is None else str(value)


def _entry_rows(payload: Any) -> list[dict[str, Any]]:
    return [
        {
            "task": e.task,
            "status": e.status,
            "percent": e.percent,
            "progress": e.progress,
            "problems": e.problems,
            "next_steps": e.next_steps,
            "targets": json.dumps(
                {name: _dec(v) for name, v in e.targets}, ensure_ascii=False, sort_keys=True
            ),
        }
        for e in payload.entries
    ]


def _changes(session: Session, current: Any, payload: Any) -> list[FieldChange]:
    """Field-by-field difference of ``payload`` against the current version."""
    new_entries = {r["task"]: r for r in _entry_rows(payload)}
    new_inds = {i.no: (_dec(i.value) or "", i.note) for i in payload.indicators}
    old_entries: dict[int, dict[str, Any]] = {}
    old_inds: dict[int, tuple[str, str]] = {}
    if current is not None:
        for se, no in session.execute(
            select(SubmissionEntry, Task.no)
            .join(Task, Task.id == SubmissionEntry.task_id)
            .where(SubmissionEntry.submission_id == current.id)
        ):
            old_entries[no] = {
                "status": se.status,
                "percent": se.percent,
                "progress": se.progress,
                "problems": se.problems,
                "next_steps": se.next_steps,
                "targets": se.targets,
            }
        for si, no in session.execute(
            select(SubmissionIndicator, Indicator.no)
            .join(Indicator, Indicator.id == SubmissionIndicator.indicator_id)
            .where(SubmissionIndicator.submission_id == current.id)
        ):
            old_inds[no] = (si.value or "", si.note)
    out: list[FieldChange] = []
    for task in sorted(set(new_entries) | set(old_entries)):
        old, new = old_entries.get(task, {}), new_entries.get(task, {})
        for name in ("status", "percent", "progress", "problems", "next_steps", "targets"):
            a, b = old.get(name), new.get(name)
            if a != b:
                if name == "status":
                    a, b = STATUS_LABELS.get(str(a), a or ""), STATUS_LABELS.get(str(b), b or "")
                out.append(FieldChange(task, None, name, _text(a), _text(b)))
    for no in sorted(set(new_inds) | set(old_inds)):
        a2, b2 = old_inds.get(no, ("", "")), new_inds.get(no, ("", ""))
        if a2 != b2:
            out.append(FieldChange(None, no, "value", " ".join(a2).strip(), " ".join(b2).strip()))
    return out


def _text(value: Any) -> str:
    return "" if value is None else str(value)


class Importer:
    """Imports files into one office store. Safe to use from one worker thread at a time."""

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        *,
        workers: int = 0,
        timeout_s: float = 10.0,
        memory_mb: int = 1024,
    ) -> None:
        self.store = store
        self.catalog = catalog
        self.workers = workers
        self.timeout_s = timeout_s
        self.memory_mb = memory_mb
        self._conn: Connection | None = None  # the batch's connection while run() runs
        self._ids: dict[str, dict[Any, int]] | None = None  # plan codes -> row ids, per run

    # -- the public entry point ------------------------------------------------------------
    def run(
        self,
        paths: Iterable[str | Path],
        *,
        dry_run: bool = False,
        on_result: Callable[[FileOutcome, int, int], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
        in_process: bool | None = None,
    ) -> list[FileOutcome]:
        """Import files and folders; ``on_result(outcome, done, total)`` after each file."""
        files = expand_paths(paths)
        batch = str(uuidlib.uuid4())
        outcomes: list[FileOutcome] = []
        if not files:
            return outcomes
        # A single file needs no process pool (its start-up costs more than the file);
        # a batch does, so one poisoned file cannot hang or kill the whole batch.
        inline = in_process if in_process is not None else len(files) == 1
        results: Iterable[ParseResult]
        pool: ParsePool | None = None
        if inline:
            results = (verify_path(f, self.catalog) for f in files if not cancelled())
        else:
            pool = ParsePool(self.catalog, self.workers, self.timeout_s, self.memory_mb)
            results = pool.results(files, cancelled)
        try:
            with self._batch_connection():
                for result in results:
                    outcome = self.apply(result, batch=batch, dry_run=dry_run)
                    outcomes.append(outcome)
                    if on_result is not None:
                        on_result(outcome, len(outcomes), len(files))
        finally:
            if pool is not None:
                pool.close()
        order = {f: i for i, f in enumerate(files)}
        outcomes.sort(key=lambda o: order.get(o.file, len(order)))
        return outcomes

    @contextlib.contextmanager
    def _batch_connection(self) -> Iterator[None]:
        """One connection for the batch. On SQLite it commits with synchronous=NORMAL: still
        one transaction per file and safe against a crash of the program (WAL), but without
        an fsync per file (8-14 ms each here, more than reading the file: docs/benchmarks.md).
        A power cut may roll back the last files, which a re-import applies again; the
        checkpoint at the end makes the finished batch durable."""
        self._ids = None  # the plan rows are read again once per run
        conn = self.store.engine.connect()
        raw = conn.connection.driver_connection if conn.dialect.name == "sqlite" else None
        if raw is not None:
            raw.execute("PRAGMA synchronous=NORMAL")  # outside any transaction
        self._conn = conn
        try:
            yield
        finally:
            self._conn = None
            try:
                if raw is not None:
                    conn.rollback()
                    raw.execute("PRAGMA synchronous=FULL")  # as every other connection
                    raw.execute("PRAGMA wal_checkpoint(PASSIVE)")
            finally:
                conn.close()

    def _session(self) -> Session:
        return Session(bind=self._conn) if self._conn is not None else self.store.factory()

    def _plan_ids(self, s: Session) -> dict[str, dict[Any, int]]:
        """Row ids by unit code, period code, task and indicator number (read once per run,
        not four SELECTs per file)."""
        if self._ids is None:
            self._ids = {
                "unit": dict(s.execute(select(Unit.code, Unit.id)).tuples().all()),
                "period": dict(s.execute(select(Period.code, Period.id)).tuples().all()),
                "task": dict(s.execute(select(Task.no, Task.id)).tuples().all()),
                "indicator": dict(s.execute(select(Indicator.no, Indicator.id)).tuples().all()),
            }
        return self._ids

    # -- one file, one transaction ---------------------------------------------------------
    def apply(self, result: ParseResult, *, batch: str = "", dry_run: bool = False) -> FileOutcome:
        name = result.path
        if result.verified is None:
            outcome = FileOutcome(
                name,
                "rejected",
                result.reason,
                result.unit,
                result.period,
                result.version,
                result.fingerprint,
            )
            if not dry_run:
                self._log(outcome, result.sha256, batch, None)
            return outcome
        verified = result.verified
        payload = verified.payload
        base = FileOutcome(
            name,
            "rejected",
            unit=payload.unit_id,
            period=payload.period,
            version=payload.version,
            fingerprint=verified.fingerprint,
        )
        try:
            return self._apply_verified(result, base, batch, dry_run)
        except IntegrityError:
            # Another process imported the same file (or another file of the unit) between
            # our reads and our insert; once more, the file now meets that row (duplicate).
            return self._apply_verified(result, base, batch, dry_run)

    def _apply_verified(
        self, result: ParseResult, base: FileOutcome, batch: str, dry_run: bool
    ) -> FileOutcome:
        session = self._session()
        try:
            session.begin()
            outcome, sub_id = self._merge(session, result, base, dry_run)
            if dry_run:
                session.rollback()
            else:
                session.connection().execute(
                    _ADD_LOG, self._log_row(outcome, result.sha256, batch, sub_id)
                )
                session.commit()
        except _Refused as exc:
            session.rollback()
            outcome = _with(base, outcome="rejected", reason=exc.reason)
            if not dry_run:
                self._log(outcome, result.sha256, batch, None)
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
        return outcome

    def _merge(
        self, s: Session, result: ParseResult, base: FileOutcome, dry_run: bool
    ) -> tuple[FileOutcome, int | None]:
        v = result.verified
        assert v is not None
        p = v.payload
        c = s.connection()
        if c.dialect.name == "sqlite":  # first statement: the write lock, before any read
            c.execute(_TAKE_WRITE_LOCK)
        ids = self._plan_ids(s)
        unit_id, period_id = ids["unit"].get(p.unit_id), ids["period"].get(p.period)
        if unit_id is None:
            raise _Refused(f"unit {p.unit_id} is not in the plan")
        if period_id is None:
            raise _Refused(f"period {p.period} is not in the plan")
        if c.dialect.name == "postgresql":  # one merge per unit at a time, across processes
            c.execute(_LOCK_UNIT, {"unit": unit_id})
        same = c.execute(_SAME, {"uuid": p.submission_id, "sha": result.sha256}).first()
        if same is not None:
            reason = f"already imported on {same.imported_at:%Y-%m-%d %H:%M} UTC"
            return _with(base, outcome="duplicate", reason=reason), same.id
        verdict = check_signing_key(s, unit_id, v.fingerprint, p.created_at)
        if not verdict.ok:
            raise _Refused(verdict.reason)
        history = c.execute(_HISTORY, {"unit": unit_id, "period": period_id}).all()
        for h in history:
            if h.version == p.version:
                raise _Refused(
                    f"another file with version {p.version} of {p.period} was already imported"
                )
            if (h.version < p.version) != (h.sequence < p.sequence):
                raise _Refused(
                    f"sequence {p.sequence} is out of order against version {h.version} "
                    f"(sequence {h.sequence}): a replayed or tampered export"
                )
        reused = c.execute(_REUSED, {"unit": unit_id, "seq": p.sequence}).first()
        if reused is not None:
            raise _Refused(f"sequence {p.sequence} of this unit was already used by another file")
        current = next((h for h in history if h.is_current), None)
        newest = current is None or p.version > current.version
        changes = tuple(_changes(s, current, p)) if dry_run else ()
        if newest and current is not None:  # one current row per (unit, period) at every moment
            c.execute(_NOT_CURRENT, {"old": current.id})
        row = {
            "uuid": p.submission_id,
            "unit_id": unit_id,
            "period_id": period_id,
            "version": p.version,
            "sequence": p.sequence,
            "file_sha256": result.sha256,
            "file_name": Path(result.path).name,
            "fingerprint": v.fingerprint,
            "key_id": verdict.key_id,
            "clerk": p.clerk,
            "contact": p.contact,
            "app_version": p.app_version,
            "created_at": p.created_at,
            "imported_at": utcnow(),
            "is_current": newest,
            "payload": v.payload_bytes.decode("utf-8"),  # the signed bytes: canonical already
        }
        sub_id: int = c.execute(_ADD_SUBMISSION, row).scalar_one()
        task_ids, ind_ids = ids["task"], ids["indicator"]
        rows = _entry_rows(p)
        # Core inserts of the tables (executemany), not the ORM's per-row bulk path.
        if rows:
            c.execute(
                _ADD_ENTRIES,
                [
                    {
                        **{k: r[k] for k in r if k != "task"},
                        "task_id": task_ids[r["task"]],
                        "submission_id": sub_id,
                    }
                    for r in rows
                ],
            )
        if p.indicators:
            c.execute(
                _ADD_INDICATORS,
                [
                    {
                        "submission_id": sub_id,
                        "indicator_id": ind_ids[i.no],
                        "value": _dec(i.value),
                        "note": i.note,
                    }
                    for i in p.indicators
                ],
            )
        if newest:
            what = "new" if current is None else f"replaces v{current.version}"
            return _with(base, outcome="accepted", reason=what, changes=changes), sub_id
        assert current is not None
        reason = f"older than the current v{current.version}; kept in the history"
        return _with(base, outcome="superseded", reason=reason, changes=changes), sub_id

    # -- the import log --------------------------------------------------------------------
    def _log_row(
        self, o: FileOutcome, sha: str | None, batch: str, sub_id: int | None
    ) -> dict[str, Any]:
        return {
            "batch": batch or str(uuidlib.uuid4()),
            "file_path": o.file,
            "file_sha256": sha,
            "outcome": o.outcome,
            "reason": o.reason,
            "unit_code": o.unit,
            "period_code": o.period,
            "version": o.version,
            "fingerprint": o.fingerprint,
            "submission_id": sub_id,
            "at": utcnow(),
        }

    def _log(self, o: FileOutcome, sha: str | None, batch: str, sub_id: int | None) -> None:
        with self._session() as s, s.begin():
            s.connection().execute(_ADD_LOG, self._log_row(o, sha, batch, sub_id))


def _with(base: FileOutcome, **changes: Any) -> FileOutcome:
    from dataclasses import replace

    return replace(base, **changes)


def import_files(
    store: Store, catalog: Catalog, paths: Sequence[str | Path], **kw: Any
) -> list[FileOutcome]:
    return Importer(store, catalog).run(paths, **kw)
