"""One verified submission merged into the office store, in named steps (design §3).

Identity: a file is a duplicate when the office holds the very same file (its SHA-256), or,
once its signature and its key are verified for its unit, the same signed content of that
unit (the SHA-256 of the signed document, which names the submission id). Nothing another
unit signs can make a unit's own file a duplicate.

Order: the versions of one (unit, period) rank by (version, sequence, signed SHA-256); the
highest is current. Two different files with one version are a conflict: both are kept, the
rank picks the current one, and the conflict is reported (outcome, status, window). No
outcome depends on what was imported before except duplicate / superseded, and the set of
rows and the current one are the same in every order of import.

Each step runs inside the caller's transaction and either returns or raises ``Refused``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, Row, Table, bindparam, insert, select, text, update

from app.domain.messages import Message
from app.models import ImportLog, Submission, SubmissionEntry, SubmissionIndicator
from app.services.direct_sqlite import DirectSqlite
from app.services.import_changes import decimal_text, entry_rows
from app.services.office_trust import KEY_ROW, key_verdict

Executor = Connection | DirectSqlite  # Core, or the same statements on SQLite's own cursor
MAX_CLOCK_AHEAD = timedelta(days=1)  # a signing time further ahead of ours is refused

# The merge runs in Core: the ORM's unit of work cost more per file than reading it.
SUBMISSION_TABLE = cast(Table, Submission.__table__)
LOG_TABLE = cast(Table, ImportLog.__table__)
_S = SUBMISSION_TABLE.c
# Built once: a prepared statement with parameters skips building and hashing a new statement
# for every file (SQLAlchemy's per-statement overhead was most of the merge).
_SAME_FILE = select(_S.id, _S.imported_at).where(_S.file_sha256 == bindparam("sha"))
_SAME_CONTENT = select(_S.id, _S.imported_at).where(
    _S.unit_id == bindparam("unit"), _S.signed_sha256 == bindparam("signed")
)
_HISTORY = select(_S.id, _S.version, _S.sequence, _S.signed_sha256, _S.is_current).where(
    _S.unit_id == bindparam("unit"), _S.period_id == bindparam("period")
)
# Two importers at once (two office PCs on one PostgreSQL store, or two runs on one SQLite
# file) must end as one would: the checks below read, then write. SQLite: a no-op write takes
# the database's write lock before the first read. PostgreSQL: a transaction-scoped advisory
# lock per unit; READ COMMITTED reads after it see the other importer's committed rows.
_TAKE_WRITE_LOCK = text("UPDATE submission SET id = id WHERE 0")
_LOCK_UNIT = text("SELECT pg_advisory_xact_lock(7201, :unit)")
_NOT_CURRENT = update(SUBMISSION_TABLE).where(_S.id == bindparam("old")).values(is_current=False)
_ADD_SUBMISSION = insert(SUBMISSION_TABLE).returning(_S.id)
_ADD_ENTRIES = insert(cast(Table, SubmissionEntry.__table__))
_ADD_INDICATORS = insert(cast(Table, SubmissionIndicator.__table__))


class Refused(Exception):
    """The file is refused by the office's rules; ``message`` says why."""

    def __init__(self, code: str, /, **params: object) -> None:
        self.message = Message.of(code, **params)
        super().__init__(self.message.render("zh"))


@dataclass(frozen=True)
class Placement:
    """Where a new version lands among its unit's and period's history."""

    newest: bool  # becomes the current version
    current: Any | None  # the current row before it (id, version, ...)
    conflict: bool  # another file has the same version


@dataclass(frozen=True)
class Merged:
    message: Message
    outcome: str  # accepted | superseded | duplicate
    submission_id: int
    conflict: bool = False
    current_id: int | None = None  # the version it was compared with (dry-run changes)


def lock_store(c: Executor) -> None:
    if isinstance(c, DirectSqlite) and c.write_locked:  # taken when its group began
        return
    if c.dialect.name == "sqlite":  # first statement: the write lock, before any read
        c.execute(_TAKE_WRITE_LOCK)


def lock_unit(c: Executor, unit_id: int) -> None:
    if c.dialect.name == "postgresql":  # one merge per unit at a time, across processes
        c.execute(_LOCK_UNIT, {"unit": unit_id})


def duplicate(row: Row[Any] | None) -> Merged | None:
    if row is None:
        return None
    at = f"{row.imported_at:%Y-%m-%d %H:%M}"
    return Merged(Message.of("import_duplicate", at=at), "duplicate", row.id)


def same_file(c: Executor, sha: str) -> Merged | None:
    """The very same file was imported before (any unit: the bytes were verified then)."""
    return duplicate(c.execute(_SAME_FILE, {"sha": sha}).first())


def same_content(c: Executor, unit_id: int, signed_sha: str) -> Merged | None:
    """The same signed content of this unit (repacked, or its custom.xml rewritten)."""
    return duplicate(c.execute(_SAME_CONTENT, {"unit": unit_id, "signed": signed_sha}).first())


def plan_rows(ids: dict[str, dict[Any, int]], payload: Any) -> tuple[int, int]:
    """The unit's row (one across plans) and the period's row of the payload's plan."""
    unit_id = ids["unit"].get(payload.unit_id)
    period_id = ids["period"].get((payload.plan_code, payload.period))
    if unit_id is None:
        raise Refused("unit_unknown", unit=payload.unit_id)
    if period_id is None:
        raise Refused("period_not_in_plan", period=payload.period)
    return unit_id, period_id


def check_key(c: Any, unit_id: int, fingerprint: str, arrived: datetime) -> int:
    """The registered key's row id, when the key speaks for this unit at arrival."""
    row = c.execute(KEY_ROW, {"fingerprint": fingerprint}).first()
    verdict = key_verdict(row, unit_id, fingerprint, arrived)
    if verdict.message is not None:
        raise Refused(verdict.message.code, **verdict.message.param_dict)
    assert verdict.key_id is not None
    return verdict.key_id


def check_signing_time(signed_at: datetime, arrived: datetime) -> None:
    if signed_at > arrived + MAX_CLOCK_AHEAD:
        raise Refused("signed_in_future", signed_at=f"{signed_at:%Y-%m-%d %H:%M:%S}")


def _rank(version: int, sequence: int, signed_sha: str) -> tuple[int, int, str]:
    return (version, sequence, signed_sha)


def place(history: Sequence[Any], version: int, sequence: int, signed_sha: str) -> Placement:
    current = next((h for h in history if h.is_current), None)
    mine = _rank(version, sequence, signed_sha)
    newest = current is None or mine > _rank(
        current.version, current.sequence, current.signed_sha256
    )
    conflict = any(h.version == version for h in history)
    return Placement(newest, current, conflict)


def history(c: Executor, unit_id: int, period_id: int) -> list[Any]:
    return list(c.execute(_HISTORY, {"unit": unit_id, "period": period_id}).all())


def verdict(p: Placement, version: int) -> tuple[str, Message]:
    """(outcome, reason) of a placed version."""
    if p.newest:
        if p.conflict:
            return "accepted", Message.of("import_conflict_current", version=version)
        if p.current is None:
            return "accepted", Message.of("import_new")
        return "accepted", Message.of("import_replaces", version=p.current.version)
    assert p.current is not None
    if p.conflict:
        return "superseded", Message.of("import_conflict_kept", version=version)
    return "superseded", Message.of("import_older", version=p.current.version)


def insert_version(
    c: Executor, row: dict[str, Any], payload: Any, ids: dict[str, dict[Any, int]]
) -> int:
    """The submission row and its entries and indicators; returns the new row's id."""
    sub_id: int = c.execute(_ADD_SUBMISSION, row).scalar_one()
    plan = payload.plan_code  # task and indicator numbers are the plan's own
    task_ids, ind_ids = ids["task"], ids["indicator"]
    rows = entry_rows(payload)
    if rows:  # Core executemany, not the ORM's per-row bulk path
        c.execute(
            _ADD_ENTRIES,
            [
                {
                    **{k: r[k] for k in r if k != "task"},
                    "task_id": task_ids[(plan, r["task"])],
                    "submission_id": sub_id,
                }
                for r in rows
            ],
        )
    if payload.indicators:
        c.execute(
            _ADD_INDICATORS,
            [
                {
                    "submission_id": sub_id,
                    "indicator_id": ind_ids[(plan, i.no)],
                    "value": decimal_text(i.value),
                    "note": i.note,
                }
                for i in payload.indicators
            ],
        )
    return sub_id


def submission_row(
    verified: Any, path: str, unit_id: int, period_id: int, key_id: int, *, now: datetime,
    current: bool,
) -> dict[str, Any]:  # fmt: skip
    p = verified.payload
    return {
        "uuid": p.submission_id,
        "unit_id": unit_id,
        "period_id": period_id,
        "version": p.version,
        "sequence": p.sequence,
        "file_sha256": verified.file_sha256,
        "signed_sha256": verified.signed_sha256,
        "file_name": Path(path).name,
        "fingerprint": verified.fingerprint,
        "key_id": key_id,
        "clerk": p.clerk,
        "contact": p.contact,
        "app_version": p.app_version,
        "created_at": p.created_at,
        "imported_at": now,
        "is_current": current,
        "payload": verified.payload_bytes.decode("utf-8"),  # the signed bytes: canonical
        "plan_revision": p.plan_revision,
    }


def make_current(c: Executor, p: Placement) -> None:
    """One current row per (unit, period) at every moment: the old one steps down first."""
    if p.newest and p.current is not None:
        c.execute(_NOT_CURRENT, {"old": p.current.id})
