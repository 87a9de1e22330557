"""The office's own Ed25519 key (docs/design.md §3): it signs plan packages and feedback files.

Made at ``office init --passphrase-env VAR`` or ``office key create``, sealed at rest exactly
like a unit's key (app.io.keys: scrypt + AES-GCM under the staff's passphrase). Units trust it
from the registration file ``export_office_key`` writes, after confirming its fingerprint.
``rotate_office_key`` makes a new key and a statement signed by the old one; every later
package carries every statement (``rotation_statements``), so a unit that still trusts an
older key follows the chain to the new one without a new registration. ``replace_office_key``
makes a new key without a statement, for a key whose passphrase is lost or that may have
leaked: every unit registers the new one again.

scrypt makes every seal or unlock take about half a second: the window calls these off the
UI thread. Each function is one user action and one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.entry_rules import validate_passphrase
from app.domain.messages import Refusal
from app.io import keys
from app.io.office_key_file import OFFICE_SUBJECT, office_key_document
from app.models.answers import OfficeKey
from app.models.base import utcnow
from app.models.store import Store
from app.services.answers_audit import record

OFFICE_NAME = "市质量强市办"

__all__ = [
    "OFFICE_NAME",
    "OfficeKeyInfo",
    "OfficeSigner",
    "create_office_key",
    "export_office_key",
    "office_key",
    "office_signer",
    "replace_office_key",
    "rotate_office_key",
    "rotation_statements",
    "unlock_office_key",
]


@dataclass(frozen=True)
class OfficeKeyInfo:
    fingerprint: str
    public_key: bytes
    created_at: datetime
    status: str  # active | retired


@dataclass(frozen=True)
class OfficeSigner:
    """The unlocked key in force, what a package writer needs: the public half, the private
    half (kept only for the one action) and the rotation statements to carry."""

    public_key: bytes
    private_key: bytes
    statements: tuple[dict[str, str], ...]

    def sign(self, data: bytes) -> bytes:
        return keys.sign(self.private_key, data)


def _info(row: OfficeKey) -> OfficeKeyInfo:
    return OfficeKeyInfo(row.fingerprint, row.public_key, row.created_at, row.status)


def active_row(s: Session) -> OfficeKey | None:
    return s.scalars(
        select(OfficeKey).where(OfficeKey.status == "active").order_by(OfficeKey.id.desc())
    ).first()


def _require(s: Session) -> OfficeKey:
    row = active_row(s)
    if row is None:
        raise Refusal("office_key_missing")
    return row


def _check_passphrase(passphrase: str) -> None:
    problems = validate_passphrase(passphrase)
    if problems:
        raise Refusal("cli_refused", detail=problems[0])


def office_key(store: Store) -> OfficeKeyInfo | None:
    with store.factory() as s:
        row = active_row(s)
        return None if row is None else _info(row)


def create_office_key(store: Store, passphrase: str, actor: str = "") -> OfficeKeyInfo:
    """The office's first key (refused when it has one: ``office_key_exists``)."""
    _check_passphrase(passphrase)
    with store.factory() as s:
        existing = active_row(s)
        if existing is not None:
            shown = keys.format_fingerprint(existing.fingerprint)
            raise Refusal("office_key_exists", fingerprint=shown)
    private = keys.generate_private_key()  # the slow seal outside the transaction
    public = keys.public_key_of(private)
    sealed = keys.seal_private_key(private, passphrase)
    with store.factory.begin() as s:
        if active_row(s) is not None:
            raise Refusal("office_key_changed")
        row = OfficeKey(
            public_key=public,
            fingerprint=keys.fingerprint(public),
            encrypted_private_key=sealed,
            status="active",
            created_at=utcnow(),
        )
        s.add(row)
        s.flush()
        record(s, actor, "office_key_create", row.fingerprint, {"fingerprint": row.fingerprint})
        return _info(row)


def unlock_office_key(store: Store, passphrase: str) -> bytes:
    """The raw private key; ``keys.WrongPassphrase`` when the passphrase is wrong."""
    with store.factory() as s:
        sealed = _require(s).encrypted_private_key
    return keys.open_private_key(sealed, passphrase)


def rotation_statements(s: Session) -> tuple[dict[str, str], ...]:
    """Every statement the office's keys made, oldest first (each signed by the key before)."""
    texts = s.scalars(
        select(OfficeKey.rotation_statement)
        .where(OfficeKey.rotation_statement.is_not(None))
        .order_by(OfficeKey.id)
    )
    return tuple(json.loads(t) for t in texts if t)


def office_signer(store: Store, passphrase: str) -> OfficeSigner:
    """The key in force, unlocked, with the statements every package carries."""
    private = unlock_office_key(store, passphrase)
    with store.factory() as s:
        row = _require(s)
        if row.fingerprint != keys.fingerprint(keys.public_key_of(private)):
            raise Refusal("office_key_changed")
        return OfficeSigner(row.public_key, private, rotation_statements(s))


def rotate_office_key(
    store: Store, old_passphrase: str, new_passphrase: str, actor: str = ""
) -> OfficeKeyInfo:
    """A new key vouched for by a statement the old key signs; the old key is retired."""
    _check_passphrase(new_passphrase)
    old_private = unlock_office_key(store, old_passphrase)
    new_private = keys.generate_private_key()
    new_public = keys.public_key_of(new_private)
    sealed = keys.seal_private_key(new_private, new_passphrase)
    now = utcnow()
    with store.factory.begin() as s:
        if _require(s).fingerprint != keys.fingerprint(keys.public_key_of(old_private)):
            raise Refusal("office_key_changed")
        statement = keys.rotation_statement(old_private, new_public, OFFICE_SUBJECT, now)
        row = _succeed(s, new_public, sealed, now, "office_key_rotate", actor, statement)
        return _info(row)


def replace_office_key(store: Store, new_passphrase: str, actor: str = "") -> OfficeKeyInfo:
    """A new key when the key in force cannot vouch for it: its passphrase is lost, or it may
    have leaked (a statement it signed would vouch for an attacker's key just as well). The
    old key is retired without a statement, so no unit follows to the new key by itself:
    each one trusts it again from the registration file, after confirming its fingerprint
    by phone (``unit office-key replace``)."""
    _check_passphrase(new_passphrase)
    with store.factory() as s:
        _require(s)
    private = keys.generate_private_key()  # the slow seal outside the transaction
    public = keys.public_key_of(private)
    sealed = keys.seal_private_key(private, new_passphrase)
    with store.factory.begin() as s:
        row = _succeed(s, public, sealed, utcnow(), "office_key_replace", actor, None)
        return _info(row)


def _succeed(
    s: Session,
    public: bytes,
    sealed: bytes,
    now: datetime,
    action: str,
    actor: str,
    statement: dict[str, str] | None,
) -> OfficeKey:
    """The key in force retired and the new one in its place, with the audit row (the
    caller's transaction); ``statement``: what the old key signed for the new one, if any."""
    old = _require(s)
    old.status, old.retired_at = "retired", now
    s.flush()  # one active key at every moment
    row = OfficeKey(
        public_key=public,
        fingerprint=keys.fingerprint(public),
        encrypted_private_key=sealed,
        status="active",
        created_at=now,
        rotation_statement=None
        if statement is None
        else json.dumps(statement, ensure_ascii=False, sort_keys=True),
    )
    s.add(row)
    s.flush()
    details = {"old_fingerprint": old.fingerprint, "fingerprint": row.fingerprint}
    record(s, actor, action, row.fingerprint, details)
    return row


def latest_rotation_statement(store: Store) -> dict[str, str] | None:
    """The statement that vouches for the key in force; None for a key created or replaced
    (no older key vouches for it: units register it anew)."""
    with store.factory() as s:
        row = active_row(s)
        return None if row is None else _statement(row)


def _statement(row: OfficeKey) -> dict[str, str] | None:
    found: dict[str, str] | None = (
        json.loads(row.rotation_statement) if row.rotation_statement else None
    )
    return found


def export_office_key(store: Store, out: Path) -> Path:
    """The office's registration file, for every unit to trust (after the fingerprint)."""
    with store.factory() as s:
        row = _require(s)
        doc = office_key_document(OFFICE_NAME, row.public_key, row.created_at)
    try:
        return keys.write_json_atomic(Path(out), doc)
    except OSError as exc:
        raise Refusal("file_unwritable", path=str(out), detail=exc.strerror or exc) from exc


def write_rotation_file(store: Store, out: Path) -> Path:
    with store.factory() as s:
        statement = _statement(_require(s))
    if statement is None:
        raise Refusal("office_key_no_statement")
    try:
        return keys.write_json_atomic(Path(out), dict(statement))
    except OSError as exc:
        raise Refusal("file_unwritable", path=str(out), detail=exc.strerror or exc) from exc
