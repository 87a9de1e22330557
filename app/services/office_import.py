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

import json
import uuid as uuidlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
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


def _changes(session: Session, current: Submission | None, payload: Any) -> list[FieldChange]:
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
        session = self.store.factory()
        try:
            session.begin()
            outcome, sub_id = self._merge(session, result, base, dry_run)
            if dry_run:
                session.rollback()
            else:
                session.add(self._log_row(outcome, result.sha256, batch, sub_id))
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
        unit = s.scalar(select(Unit).where(Unit.code == p.unit_id))
        period = s.scalar(select(Period).where(Period.code == p.period))
        if unit is None:
            raise _Refused(f"unit {p.unit_id} is not in the plan")
        if period is None:
            raise _Refused(f"period {p.period} is not in the plan")
        same = s.scalar(
            select(Submission).where(
                (Submission.uuid == p.submission_id) | (Submission.file_sha256 == result.sha256)
            )
        )
        if same is not None:
            reason = f"already imported on {same.imported_at:%Y-%m-%d %H:%M} UTC"
            return _with(base, outcome="duplicate", reason=reason), same.id
        verdict = check_signing_key(s, unit.id, v.fingerprint, p.created_at)
        if not verdict.ok:
            raise _Refused(verdict.reason)
        history = s.scalars(
            select(Submission).where(
                Submission.unit_id == unit.id, Submission.period_id == period.id
            )
        ).all()
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
        reused = s.scalar(
            select(Submission.id).where(
                Submission.unit_id == unit.id, Submission.sequence == p.sequence
            )
        )
        if reused is not None:
            raise _Refused(f"sequence {p.sequence} of this unit was already used by another file")
        current = next((h for h in history if h.is_current), None)
        newest = current is None or p.version > current.version
        changes = tuple(_changes(s, current, p)) if dry_run else ()
        from app.io.canonical import payload_bytes

        sub = Submission(
            uuid=p.submission_id,
            unit_id=unit.id,
            period_id=period.id,
            version=p.version,
            sequence=p.sequence,
            file_sha256=result.sha256,
            file_name=Path(result.path).name,
            fingerprint=v.fingerprint,
            key_id=verdict.key_id,
            clerk=p.clerk,
            contact=p.contact,
            app_version=p.app_version,
            created_at=p.created_at,
            imported_at=utcnow(),
            is_current=newest,
            payload=payload_bytes(p).decode("utf-8"),
        )
        if newest and current is not None:
            current.is_current = False
            s.flush()  # one current row per (unit, period) at every moment
        s.add(sub)
        s.flush()
        task_ids = dict(s.execute(select(Task.no, Task.id)).tuples().all())
        ind_ids = dict(s.execute(select(Indicator.no, Indicator.id)).tuples().all())
        rows = _entry_rows(p)
        if rows:
            s.execute(
                insert(SubmissionEntry),
                [
                    {
                        **{k: r[k] for k in r if k != "task"},
                        "task_id": task_ids[r["task"]],
                        "submission_id": sub.id,
                    }
                    for r in rows
                ],
            )
        if p.indicators:
            s.execute(
                insert(SubmissionIndicator),
                [
                    {
                        "submission_id": sub.id,
                        "indicator_id": ind_ids[i.no],
                        "value": _dec(i.value),
                        "note": i.note,
                    }
                    for i in p.indicators
                ],
            )
        if newest:
            what = "new" if current is None else f"replaces v{current.version}"
            return _with(base, outcome="accepted", reason=what, changes=changes), sub.id
        assert current is not None
        reason = f"older than the current v{current.version}; kept in the history"
        return _with(base, outcome="superseded", reason=reason, changes=changes), sub.id

    # -- the import log --------------------------------------------------------------------
    def _log_row(
        self, o: FileOutcome, sha: str | None, batch: str, sub_id: int | None
    ) -> ImportLog:
        return ImportLog(
            batch=batch or str(uuidlib.uuid4()),
            file_path=o.file,
            file_sha256=sha,
            outcome=o.outcome,
            reason=o.reason,
            unit_code=o.unit,
            period_code=o.period,
            version=o.version,
            fingerprint=o.fingerprint,
            submission_id=sub_id,
            at=utcnow(),
        )

    def _log(self, o: FileOutcome, sha: str | None, batch: str, sub_id: int | None) -> None:
        with self.store.factory.begin() as s:
            s.add(self._log_row(o, sha, batch, sub_id))


def _with(base: FileOutcome, **changes: Any) -> FileOutcome:
    from dataclasses import replace

    return replace(base, **changes)


def import_files(
    store: Store, catalog: Catalog, paths: Sequence[str | Path], **kw: Any
) -> list[FileOutcome]:
    return Importer(store, catalog).run(paths, **kw)
