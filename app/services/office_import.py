"""Office import: verify submission files and merge them into the office store.

Every file ends with exactly one outcome, and its reason is a Message (code + parameters):
- ``accepted``   verified, and now the current version for its unit and period;
- ``superseded`` verified, but ranked below the current version; kept in the history;
- ``duplicate``  this very file, or this unit's same signed content, was imported before;
- ``rejected``   with a reason; nothing changes but the import log.

The rules of identity, order and conflict are in app.services.import_merge (design §3): the
same set of files in any order, any number of times, ends in the same state. Each file is
applied whole or not at all (its own transaction, or its savepoint in a group of files that
commit together, app.services.direct_sqlite); a file is reported once it is committed, and
cancelling leaves every finished file applied and none half applied. The import log keeps
each reason's code and parameters, so the window shows it in the interface's language.
"""

from __future__ import annotations

import contextlib
import json
import logging
import uuid as uuidlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.domain.catalog import Catalog
from app.domain.messages import Message
from app.domain.plan_book import PlanBook
from app.models import Indicator, Period, Plan, Task, Unit
from app.models.base import utcnow
from app.models.store import Store
from app.services import audit
from app.services import import_merge as merge
from app.services.catalog import plan_book
from app.services.direct_sqlite import DirectSqlite
from app.services.import_changes import FieldChange, field_changes
from app.services.parse_pool import (
    ParsePool,
    ParseResult,
    expand_paths,
    start_method,
    verify_path,
)
from app.services.supervision import record_responses

# From this many files on, the batch is verified in worker processes (parse_pool): below,
# the workers' start costs more than they save on 2 cores. Spawned: ~0.25 s of CPU for two.
# Forked (the command line on Linux): ~15 ms; even by 16 files (docs/benchmarks.md).
POOL_FROM = {"spawn": 100, "fork": 16}

# A batch verified in process commits its files in groups on SQLite (DirectSqlite): at most
# this many files, or 0.1 s of work, per commit.
GROUP = 16

__all__ = ["OUTCOMES", "FieldChange", "FileOutcome", "Importer"]
log = logging.getLogger(__name__)
OUTCOMES = ("accepted", "superseded", "duplicate", "rejected")
_ADD_LOG = insert(merge.LOG_TABLE)
_UNIT_IDS = select(Unit.code, Unit.id)
_PLAN_ROW_IDS = {  # plan code, key, row id of each kind of plan row (Importer._plan_ids)
    name: select(Plan.code.label("plan"), key.label("key"), pk.label("id")).join(
        Plan, Plan.id == plan_id
    )
    for name, key, pk, plan_id in (
        ("period", Period.code, Period.id, Period.plan_id),
        ("task", Task.no, Task.id, Task.plan_id),
        ("indicator", Indicator.no, Indicator.id, Indicator.plan_id),
    )
}


@dataclass(frozen=True)
class FileOutcome:
    file: str
    outcome: str
    message: Message
    unit: str | None = None
    period: str | None = None
    version: int | None = None
    fingerprint: str | None = None
    conflict: bool = False  # another, different file has this version (both kept)
    changes: tuple[FieldChange, ...] = field(default=(), compare=False)
    plan: str | None = None  # the plan the file was filled for, and its revision
    plan_revision: int | None = None
    older_revision: bool = False  # accepted, marked: the plan has a newer revision

    @property
    def code(self) -> str:
        return self.message.code

    @property
    def reason(self) -> str:
        return self.message.render("zh")

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        """The documented shape of ``office import --json`` (design §5), the reason in
        ``lang`` beside its stable code."""
        return {
            "file": self.file,
            "outcome": self.outcome,
            "reason": self.message.render(lang),
            "code": self.code,
            "params": self.message.param_dict,
            "unit": self.unit,
            "period": self.period,
            "version": self.version,
            "conflict": self.conflict,
            "plan": self.plan,
            "plan_revision": self.plan_revision,
            "older_revision": self.older_revision,
        }


def verified_here(count: int, start: str, in_process: bool | None = None) -> bool:
    """Whether a batch of ``count`` files is verified in the importing process, its workers
    starting by ``start`` (parse_pool.start_method); ``in_process`` decides when given."""
    return in_process if in_process is not None else count < POOL_FROM[start]


class Importer:
    """Imports files into one office store. Safe to use from one worker thread at a time."""

    def __init__(
        self,
        store: Store,
        catalog: Catalog | PlanBook | None = None,
        *,
        workers: int = 0,
        timeout_s: float = 10.0,
        memory_mb: int = 1024,
        clock: Callable[[], datetime] = utcnow,
        actor: str | None = None,
    ) -> None:
        self.store = store
        # the staff member the audit log names for every file (default: the office's setting)
        self.actor = audit.office_actor(store) if actor is None else actor
        # every published revision of every plan (a submission names its own); one catalog
        # still works for a store holding one plan (tools, tests)
        self.plans = plan_book(store) if catalog is None else catalog
        self.workers = workers
        self.timeout_s = timeout_s
        self.memory_mb = memory_mb
        self.clock = clock  # the importing computer's clock: arrival time (tests set it)
        self._conn: Connection | None = None  # the batch's connection while run() runs
        self._ids: dict[str, dict[Any, int]] | None = None  # plan codes -> row ids, per run
        self._direct: DirectSqlite | None = None  # the batch's merge on SQLite's own cursor

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
        # A small batch is verified here: starting the pool's processes costs more than the
        # files (docs/benchmarks.md); a large one, often unattended, is verified in the pool,
        # so one poisoned file cannot hang or kill hundreds (parse_pool).
        start = start_method()
        inline = verified_here(len(files), start, in_process)
        results: Iterable[ParseResult]
        pool: ParsePool | None = None
        log.info("importing %d files, verified %s", len(files), "here" if inline else start)
        if inline:
            results = (verify_path(f, self.plans) for f in files if not cancelled())
        else:
            pool = ParsePool(self.plans, self.workers, self.timeout_s, self.memory_mb, start)
            results = pool.results(files, cancelled)
        told = 0  # outcomes reported: only those of committed files (DirectSqlite's groups)

        def tell() -> None:
            nonlocal told
            for outcome in outcomes[told:]:
                told += 1
                if on_result is not None:
                    on_result(outcome, told, len(files))

        try:
            with self._batch_connection(group=GROUP if inline else 1):
                for result in results:
                    outcomes.append(self.apply(result, batch=batch, dry_run=dry_run))
                    if self._direct is None or self._direct.settled:
                        tell()
                self._settle()
            tell()
        finally:
            if pool is not None:
                pool.close()
        order = {f: i for i, f in enumerate(files)}
        outcomes.sort(key=lambda o: order.get(o.file, len(order)))
        return outcomes

    @contextlib.contextmanager
    def _batch_connection(self, group: int = 1) -> Iterator[None]:
        """One connection for the batch. On SQLite it commits with synchronous=NORMAL: still
        each file whole or absent and safe against a crash of the program (WAL), but without
        an fsync per file (8-14 ms each here, more than reading the file: docs/benchmarks.md).
        A power cut may roll back the last files, which a re-import applies again; the
        checkpoint at the end makes the finished batch durable. ``group``: files per commit
        (DirectSqlite); whatever ends the batch, its finished files are committed."""
        self._ids = None  # the plan rows are read again once per run
        conn = self.store.engine.connect()
        raw = conn.connection.driver_connection if conn.dialect.name == "sqlite" else None
        if raw is not None:
            raw.execute("PRAGMA synchronous=NORMAL")  # outside any transaction
        self._conn = conn
        self._direct = None if raw is None else DirectSqlite(conn, group=group)
        try:
            yield
        finally:
            direct, self._conn, self._direct = self._direct, None, None
            try:
                if direct is not None:
                    direct.rollback()  # a file cut short by an exception
                    direct.settle()  # the files finished before it
                if raw is not None:
                    conn.rollback()
                    raw.execute("PRAGMA synchronous=FULL")  # as every other connection
                    raw.execute("PRAGMA wal_checkpoint(PASSIVE)")
            finally:
                conn.close()

    def _session(self) -> Session:
        self._settle()  # the batch connection's own transactions begin outside any group
        return Session(bind=self._conn) if self._conn is not None else self.store.factory()

    def _settle(self) -> None:
        if self._direct is not None:
            self._direct.settle()

    def _plan_ids(self, c: merge.Executor) -> dict[str, dict[Any, int]]:
        """Row ids by unit code, and by (plan code, period code / task / indicator number):
        read once per run, not four SELECTs per file. Rows a revision removed are there too
        (a file made against the older revision still has its rows)."""
        if self._ids is None:
            self._ids = {
                "unit": {code: row_id for code, row_id in c.execute(_UNIT_IDS).all()},
                **{name: _by_plan(c, q) for name, q in _PLAN_ROW_IDS.items()},
            }
        return self._ids

    # -- one file, one transaction ---------------------------------------------------------
    def apply(self, result: ParseResult, *, batch: str = "", dry_run: bool = False) -> FileOutcome:
        if result.verified is None:
            assert result.message is not None
            outcome = FileOutcome(
                result.path,
                "rejected",
                result.message,
                result.unit,
                result.period,
                result.version,
                result.fingerprint,
                plan=result.plan,
            )
            if not dry_run:
                self._log(outcome, result.sha256, batch, None)
            return outcome
        p = result.verified.payload
        base = FileOutcome(
            result.path,
            "rejected",
            Message.of("import_new"),  # replaced by every path below
            p.unit_id,
            p.period,
            p.version,
            result.verified.fingerprint,
        )
        base = self._placed(base, p)
        try:
            return self._apply_verified(result, base, batch, dry_run)
        except IntegrityError:
            # Another process imported the same file (or content) between our reads and our
            # insert; once more, the file now meets that row (duplicate).
            return self._apply_verified(result, base, batch, dry_run)

    def _apply_verified(
        self, result: ParseResult, base: FileOutcome, batch: str, dry_run: bool
    ) -> FileOutcome:
        v = result.verified
        if self._direct is not None and not dry_run and v is not None and not v.payload.responses:
            return self._apply_direct(self._direct, result, base, batch)
        session = self._session()
        try:
            session.begin()
            c = session.connection()
            merged = self._merge(c, self._plan_ids(c), result, session)
            outcome = replace(
                base,
                outcome=merged.outcome,
                message=merged.message,
                conflict=merged.conflict,
                changes=self._changes(session, merged, result) if dry_run else (),
            )
            if dry_run:
                session.rollback()
            else:
                row = self._log_row(outcome, result.sha256, batch, merged.submission_id)
                session.connection().execute(_ADD_LOG, row)
                self._audit(session, outcome, result.sha256, merged.submission_id)
                session.commit()
        except merge.Refused as exc:
            session.rollback()
            outcome = replace(base, outcome="rejected", message=exc.message)
            if not dry_run:
                self._log(outcome, result.sha256, batch, None)
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
        return outcome

    def _apply_direct(
        self, d: DirectSqlite, result: ParseResult, base: FileOutcome, batch: str
    ) -> FileOutcome:
        """``_apply_verified`` of a batch on SQLite: the same steps and rows, on the
        connection's own cursor (app.services.direct_sqlite)."""
        ids = self._plan_ids(d)  # the first file: read outside its transaction, as before
        d.begin()
        try:
            merged = self._merge(d, ids, result)
            outcome = replace(
                base, outcome=merged.outcome, message=merged.message, conflict=merged.conflict
            )
            d.execute(_ADD_LOG, self._log_row(outcome, result.sha256, batch, merged.submission_id))
            self._audit(d.as_session(), outcome, result.sha256, merged.submission_id)
            d.commit()
        except merge.Refused as exc:
            d.rollback()
            outcome = replace(base, outcome="rejected", message=exc.message)
            self._log(outcome, result.sha256, batch, None)
        except BaseException:
            d.rollback()
            raise
        return outcome

    def _merge(
        self,
        c: merge.Executor,
        ids: dict[str, dict[Any, int]],
        result: ParseResult,
        s: Session | None = None,
    ) -> merge.Merged:
        """The steps of import_merge, in order (see its docstring); ``s``: the session of
        ``c`` (the Core path: a file answering 督办 notices takes it)."""
        v = result.verified
        assert v is not None and result.sha256 is not None
        p = v.payload
        merge.lock_store(c)
        same = merge.same_file(c, result.sha256)
        if same is not None:
            return same
        unit_id, period_id = merge.plan_rows(ids, p)
        merge.lock_unit(c, unit_id)
        arrived = self.clock()
        key_id = merge.check_key(c, unit_id, v.fingerprint, arrived)
        merge.check_signing_time(p.created_at, arrived)
        same = merge.same_content(c, unit_id, v.signed_sha256)
        if same is not None:
            return same
        placed = merge.place(merge.history(c, unit_id, period_id), p.version, p.sequence,
                             v.signed_sha256)  # fmt: skip
        merge.make_current(c, placed)
        row = merge.submission_row(
            v, result.path, unit_id, period_id, key_id, now=utcnow(), current=placed.newest
        )
        sub_id = merge.insert_version(c, row, p, ids)
        if p.responses:  # the unit's answers to its 督办 notices (a current version only)
            assert s is not None
            answers = [(r.notice, r.text) for r in p.responses]
            record_responses(s, unit_id=unit_id, submission_id=sub_id, responses=answers,
                             actor=p.clerk)  # fmt: skip
        outcome, message = merge.verdict(placed, p.version)
        current_id = None if placed.current is None else placed.current.id
        return merge.Merged(message, outcome, sub_id, placed.conflict, current_id)

    def _changes(
        self, s: Session, merged: merge.Merged, result: ParseResult
    ) -> tuple[FieldChange, ...]:
        """What the file changes against the version it was compared with (dry run)."""
        if merged.outcome == "duplicate" or result.verified is None:
            return ()
        return tuple(field_changes(s, merged.current_id, result.verified.payload))

    def _placed(self, base: FileOutcome, payload: Any) -> FileOutcome:
        """The outcome named with the plan and revision the file was filled for."""
        older = isinstance(self.plans, PlanBook) and self.plans.older(
            payload.plan_code, payload.plan_revision
        )
        return replace(
            base, plan=payload.plan_code, plan_revision=payload.plan_revision, older_revision=older
        )

    # -- the import log --------------------------------------------------------------------
    def _log_row(
        self, o: FileOutcome, sha: str | None, batch: str, sub_id: int | None
    ) -> dict[str, Any]:
        params = o.message.param_dict
        return {
            "batch": batch or str(uuidlib.uuid4()),
            "file_path": o.file,
            "file_sha256": sha,
            "outcome": o.outcome,
            "reason": o.reason,
            "reason_code": o.code,
            "reason_params": json.dumps(params, ensure_ascii=False, sort_keys=True),
            "unit_code": o.unit,
            "period_code": o.period,
            "plan_code": o.plan,
            "plan_revision": o.plan_revision,
            "older_revision": o.older_revision,
            "version": o.version,
            "fingerprint": o.fingerprint,
            "submission_id": sub_id,
            "at": utcnow(),
        }

    def _log(self, o: FileOutcome, sha: str | None, batch: str, sub_id: int | None) -> None:
        d = self._direct
        if d is not None:  # a refused file's log row, in the batch's current group
            d.begin()
            try:
                d.execute(_ADD_LOG, self._log_row(o, sha, batch, sub_id))
                self._audit(d.as_session(), o, sha, sub_id)
                d.commit()
            except BaseException:
                d.rollback()
                raise
            return
        with self._session() as s, s.begin():
            s.connection().execute(_ADD_LOG, self._log_row(o, sha, batch, sub_id))
            self._audit(s, o, sha, sub_id)

    def _audit(self, s: Session, o: FileOutcome, sha: str | None, sub_id: int | None) -> None:
        """One audit row per file, committed with the file's rows (design §4)."""
        audit.record(
            s,
            actor=self.actor,
            action="import",
            write_locked=True,  # merge.lock_store / the log insert took it
            subject=f"{o.unit} {o.period} v{o.version}" if o.unit else Path(o.file).name,
            details={
                "file": Path(o.file).name,
                "sha256": sha,
                "outcome": o.outcome,
                "code": o.code,
                "params": o.message.param_dict,
                "unit": o.unit,
                "period": o.period,
                "version": o.version,
                "plan": o.plan,
                "plan_revision": o.plan_revision,
                "conflict": o.conflict,
                "submission_id": sub_id,
            },
        )


def _by_plan(c: merge.Executor, q: Any) -> dict[Any, int]:
    """(plan code, key) -> row id for one kind of catalog row."""
    return {(code, k): row_id for code, k, row_id in c.execute(q).all()}


def logged_message(code: str | None, params: str | None, reason: str) -> Message:
    """The Message an import-log row stored; rows from before codes were kept show their
    text as it was (``import_note``)."""
    if code:
        try:
            values = json.loads(params or "{}")
            if isinstance(values, dict):
                return Message.of(code, **{str(k): str(v) for k, v in values.items()})
        except (KeyError, ValueError):
            pass  # a code this version does not know: show the words it was logged with
    return Message.of("import_note", text=reason)
