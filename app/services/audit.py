"""The office's audit log (docs/design.md §4): append-only and hash-chained.

Every row holds the SHA-256 of the row before it (``prev_sha256``; the first row's is 64
zeros) and its own: SHA-256 over the canonical JSON of {prev, at, actor, action, subject,
details}. ``record`` appends inside the caller's transaction, so a change and its audit row
commit together or not at all. Appenders take turns (PostgreSQL: a transaction-scoped
advisory lock; SQLite: the database's write lock, taken before the head is read), so the
chain never forks.

The head (last id and hash) is also kept in the ``setting`` row ``audit.head``, written in the
same transaction: a deleted last row leaves the head pointing past the chain's end, which
``verify_audit`` reports as a deleted row. Whoever can rewrite the whole database can rewrite
the whole chain too; printing or noting ``verify_audit``'s head hash from time to time gives a
witness outside the store.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast

from sqlalchemy import Select, Table, bindparam, insert, or_, select, text, update
from sqlalchemy.orm import Session

from app.domain.audit_actions import AUDIT_ACTIONS as ACTIONS
from app.domain.messages import Message, Refusal
from app.domain.plan_time import PLAN_TZ
from app.io.canonical import CanonicalError, canonical_bytes, canonical_time, json_bytes
from app.models import AuditEntry, Setting
from app.models.base import utcnow
from app.models.store import Store

GENESIS = "0" * 64
HEAD_KEY = "audit.head"  # setting: "<id> <sha256>" of the newest row
ACTOR_KEY = "office.actor"  # setting: the staff name used when no --actor is given
AUDIT_LOCK = 7202  # PostgreSQL advisory lock: one appender at a time (7200/7201: store, units)
MAX_ACTOR = 100

_TABLE = cast(Table, AuditEntry.__table__)
_T = _TABLE.c
_ADD_ROW = insert(_TABLE).returning(_T.id)
_TAKE_WRITE_LOCK = text("UPDATE setting SET key = key WHERE 0")
_LOCK = text(f"SELECT pg_advisory_xact_lock({AUDIT_LOCK})")
_HEAD = select(Setting.value).where(Setting.key == HEAD_KEY)
_SET_HEAD = update(Setting).where(Setting.key == HEAD_KEY).values(value=bindparam("head"))
_NEW_HEAD = insert(Setting).values(key=HEAD_KEY, value=bindparam("head"))
_LAST = select(_T.id, _T.sha256).order_by(_T.id.desc()).limit(1)


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor: str
    action: str
    subject: str
    details: dict[str, Any]
    sha256: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "actor": self.actor,
            "action": self.action,
            "subject": self.subject,
            "details": self.details,
            "sha256": self.sha256,
        }


@dataclass(frozen=True)
class AuditVerdict:
    ok: bool
    rows: int
    first_bad_id: int | None
    problem: Message | None
    head: str = GENESIS  # the newest row's hash (a witness to note outside the store)

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "ok": self.ok,
            "rows": self.rows,
            "first_bad_id": self.first_bad_id,
            "head": self.head,
            "code": None if self.problem is None else self.problem.code,
            "reason": None if self.problem is None else self.problem.render(lang),
        }


def row_hash(prev: str, at: datetime, actor: str, action: str, subject: str, details: Any) -> str:
    """SHA-256 of the canonical JSON of one row's content and its predecessor's hash (texts
    and details as stored: ``record`` normalises them once, before storing and hashing)."""
    content = {
        "prev": prev,
        "at": canonical_time(at),
        "actor": actor,
        "action": action,
        "subject": subject,
        "details": details,
    }
    return hashlib.sha256(json_bytes(content)).hexdigest()


def _stored_row_hash(prev: str, at: datetime, actor: str, action: str, subject: str,
                     details_json: str) -> str:  # fmt: skip
    """``row_hash`` from the details as stored (``json_bytes`` of them, made once by
    ``record``): the canonical object written around them, keys in sorted order, instead of
    serialising the details a second time (every import writes one row per file)."""
    dump = _JSON_TEXT
    text = (
        f'{{"action":{dump(action)},"actor":{dump(actor)},"at":{dump(canonical_time(at))},'
        f'"details":{details_json},"prev":{dump(prev)},"subject":{dump(subject)}}}'
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_JSON_TEXT = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode  # as json_bytes


# -- appending -----------------------------------------------------------------------------
def write_lock(session: Session) -> None:
    """SQLite: take the write lock before a transaction's first read, so another writer's
    commit in between cannot make the later write fail (WAL snapshot); no-op elsewhere."""
    c = session.connection()
    if c.dialect.name == "sqlite":
        c.execute(_TAKE_WRITE_LOCK)


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    subject: str,
    details: Mapping[str, Any],
    write_locked: bool = False,
) -> None:
    """Append one row inside the caller's transaction (it commits with the change).
    ``write_locked``: the caller holds SQLite's write lock already (the office import)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action: {action}")
    c = session.connection()
    if c.dialect.name == "postgresql":
        c.execute(_LOCK)
    elif not write_locked:  # SQLite: the write lock before the head is read
        c.execute(_TAKE_WRITE_LOCK)
    who, what, _info, text_ = _normalised(actor[:MAX_ACTOR], subject, details)
    last = c.execute(_LAST).first()
    prev = GENESIS if last is None else last.sha256
    at = utcnow()
    sha = _stored_row_hash(prev, at, who, action, what, text_)  # = row_hash(..., info)
    row = {"at": at, "actor": who, "action": action, "subject": what, "details": text_}
    row_id = c.execute(_ADD_ROW, {**row, "prev_sha256": prev, "sha256": sha}).scalar_one()
    head = f"{row_id} {sha}"
    if c.execute(_SET_HEAD, {"head": head}).rowcount == 0:
        c.execute(_NEW_HEAD, {"head": head})


def _normalised(actor: str, subject: str, details: Mapping[str, Any]) -> tuple[str, str, Any, str]:
    """The texts and details as the hash sees them and the row stores them: plain JSON, every
    text NFC (the common case, JSON already and normalised, costs one dump)."""
    info: Any = dict(details)
    try:
        text_ = json_bytes(info).decode("utf-8")
        if all(unicodedata.is_normalized("NFC", t) for t in (actor, subject, text_)):
            return actor, subject, info, text_
    except (TypeError, ValueError):  # dates, decimals: the canonical forms below
        pass
    try:
        actor, subject, info = json.loads(canonical_bytes([actor, subject, info]))
    except CanonicalError as exc:
        raise ValueError(f"audit details have no canonical JSON: {exc}") from exc
    return actor, subject, info, json_bytes(info).decode("utf-8")


# -- the staff member's name -----------------------------------------------------------------
def os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name (a service account, a container)
        return ""


def office_actor(store: Store) -> str:
    """The name set in the office's settings, else the computer's user name."""
    with store.factory() as s:
        name = s.scalar(select(Setting.value).where(Setting.key == ACTOR_KEY))
    return (name or "").strip() or os_user()


def set_office_actor(store: Store, name: str) -> None:
    name = " ".join(name.split())[:MAX_ACTOR]
    with store.factory.begin() as s:
        row = s.get(Setting, ACTOR_KEY)
        if row is None:
            s.add(Setting(key=ACTOR_KEY, value=name))
        else:
            row.value = name


def resolve_actor(store: Store, given: str | None) -> str:
    """``--actor`` if given, else ``office_actor``."""
    given = " ".join((given or "").split())
    return given[:MAX_ACTOR] if given else office_actor(store)


# -- reading -------------------------------------------------------------------------------
def _day_start(day: date) -> datetime:
    """Midnight of a calendar day in the plan's city, as UTC (staff count days there)."""
    return datetime.combine(day, time(), PLAN_TZ).astimezone(UTC)


def _bound(value: date | datetime | None, *, end: bool) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return _day_start(value + timedelta(days=1) if end else value)


def _filtered(
    action: str | None,
    actor: str | None,
    since: date | datetime | None,
    until: date | datetime | None,
    text_: str | None,
) -> Select[Any]:
    q = select(AuditEntry)
    if action:
        q = q.where(AuditEntry.action == action)
    if actor:
        q = q.where(AuditEntry.actor == actor)
    start, stop = _bound(since, end=False), _bound(until, end=True)
    if start is not None:
        q = q.where(AuditEntry.at >= start)
    if stop is not None:  # a date includes its whole day; a time is exclusive
        q = q.where(AuditEntry.at < stop)
    if text_:
        q = q.where(
            or_(
                AuditEntry.subject.contains(text_, autoescape=True),
                AuditEntry.details.contains(text_, autoescape=True),
            )
        )
    return q


def list_audit(
    store: Store,
    *,
    action: str | None = None,
    actor: str | None = None,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    text: str | None = None,
    limit: int | None = None,
) -> list[AuditRow]:
    """Rows matching every filter given, newest first (``limit``: the newest so many).
    Dates are whole days in the plan's city (``until`` inclusive)."""
    if action is not None and action not in ACTIONS:
        raise Refusal("audit_action_unknown", action=action, actions="、".join(ACTIONS))
    q = _filtered(action, actor, since, until, text).order_by(AuditEntry.id.desc())
    if limit is not None:
        q = q.limit(max(limit, 0))
    with store.factory() as s:
        return [_row(r) for r in s.scalars(q)]


def _row(r: AuditEntry) -> AuditRow:
    try:
        details = json.loads(r.details)
    except ValueError:
        details = {"unreadable": r.details}
    if not isinstance(details, dict):
        details = {"value": details}
    return AuditRow(r.id, r.at, r.actor, r.action, r.subject, details, r.sha256)


# -- verifying -----------------------------------------------------------------------------
def verify_audit(store: Store) -> AuditVerdict:
    """Walk the chain from the first row: every row's hash recomputed, every link checked,
    the head setting matched against the last row."""
    prev, count, last_id = GENESIS, 0, None
    with store.factory() as s:
        head = s.scalar(_HEAD)
        rows = s.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars()
        for r in rows:
            problem = _check_row(r, prev)
            if problem is not None:
                return AuditVerdict(False, count, r.id, problem, prev)
            prev, count, last_id = r.sha256, count + 1, r.id
    expected = None if last_id is None else f"{last_id} {prev}"
    if head != expected:
        problem = Message.of("audit_head_mismatch", rows=count)
        return AuditVerdict(False, count, last_id, problem, prev)
    return AuditVerdict(True, count, None, None, prev)


def _check_row(r: AuditEntry, prev: str) -> Message | None:
    if r.prev_sha256 != prev:
        return Message.of("audit_chain_broken", id=r.id)
    try:
        details = json.loads(r.details)
        again = row_hash(prev, r.at, r.actor, r.action, r.subject, details)
    except (ValueError, CanonicalError):
        return Message.of("audit_row_altered", id=r.id)
    if again != r.sha256 or json_bytes(details).decode("utf-8") != r.details:
        return Message.of("audit_row_altered", id=r.id)
    return None
