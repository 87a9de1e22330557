"""The office's key registry: which public key speaks for which unit, and since when.

A key is trusted only after the office confirmed its fingerprint out of band (phone, stamped
form); the registry records that confirmation. Rotation is accepted only on a statement signed
by the unit's current key.

Revocation counts from arrival (design §3): once a key is revoked, a file signed by it that
the office has not already imported is refused whatever signing time it claims (the signing
time is written by whoever holds the key, so it proves nothing about a stolen one). Files
imported before stay. A rotated key is treated the same way from the moment the office
registers the rotation: a file still in transit, signed with the old key, is refused with a
reason that asks the unit to export again (the clerk's program signs with the new key). The
old key is no longer in the clerk's use, so it is exactly the key most likely to leak from an
old computer or a backup, and a re-export costs one click.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.domain.catalog import Catalog
from app.domain.messages import Message
from app.io import keys
from app.models import TrustedKey, Unit
from app.models.base import utcnow
from app.models.store import Store
from app.services import audit


class TrustError(ValueError):
    """A registration or rotation the office cannot accept; the message says why."""


@dataclass(frozen=True)
class TrustInfo:
    unit_id: str
    unit_name: str
    fingerprint: str
    fingerprint_display: str
    clerk: str
    status: str  # active | revoked | rotated
    registered_at: datetime
    key_created_at: datetime | None
    revoked_from: datetime | None


def _unit_row(session: Session, catalog: Catalog, unit_code: str) -> Unit:
    unit = session.scalar(select(Unit).where(Unit.code == unit_code))
    if unit is None:
        raise TrustError(f"单位 {unit_code} 不在工作方案 {catalog.code} 中")
    return unit


def _info(row: TrustedKey, unit: Unit) -> TrustInfo:
    return TrustInfo(
        unit_id=unit.code,
        unit_name=unit.name,
        fingerprint=row.fingerprint,
        fingerprint_display=keys.format_fingerprint(row.fingerprint),
        clerk=row.clerk,
        status=row.status,
        registered_at=row.registered_at,
        key_created_at=row.key_created_at,
        revoked_from=row.revoked_from,
    )


def read_registration_file(path: Path) -> keys.Registration:
    try:
        return keys.read_registration(path)
    except keys.KeyFileError as exc:
        raise TrustError(str(exc)) from exc


def _audit_trust(s: Session, actor: str, action: str, info: TrustInfo, **more: Any) -> None:
    audit.record(
        s,
        actor=actor,
        action=action,
        subject=f"{info.unit_id} {info.fingerprint[:16]}",
        details={"unit": info.unit_id, "fingerprint": info.fingerprint, **more},
    )


def add_trusted_key(
    store: Store,
    catalog: Catalog,
    registration: keys.Registration,
    note: str = "",
    *,
    actor: str | None = None,
) -> TrustInfo:
    """Register a unit's key (after the office confirmed the fingerprint). Idempotent."""
    unit_info = catalog.find_unit(registration.unit)
    if unit_info is None:
        raise TrustError(f"登记文件中的单位 {registration.unit} 不在工作方案中")
    who = audit.resolve_actor(store, actor)
    with store.factory.begin() as s:
        unit = _unit_row(s, catalog, unit_info.id)
        existing = s.scalar(
            select(TrustedKey).where(TrustedKey.fingerprint == registration.fingerprint)
        )
        if existing is not None:
            if existing.unit_id != unit.id:
                raise TrustError("该密钥已登记给另一个单位")
            return _info(existing, unit)
        row = TrustedKey(
            unit_id=unit.id,
            public_key=registration.public_key,
            fingerprint=registration.fingerprint,
            clerk=registration.clerk,
            key_created_at=registration.created_at,
            registered_at=utcnow(),
            status="active",
            note=note,
        )
        s.add(row)
        s.flush()
        info = _info(row, unit)
        _audit_trust(s, who, "trust_add", info, clerk=registration.clerk, note=note)
        return info


def list_trusted_keys(store: Store) -> list[TrustInfo]:
    with store.factory() as s:
        rows = s.execute(
            select(TrustedKey, Unit)
            .join(Unit, Unit.id == TrustedKey.unit_id)
            .order_by(Unit.code, TrustedKey.registered_at)
        ).all()
        return [_info(k, u) for k, u in rows]


def revoke_key(
    store: Store,
    fingerprint: str,
    revoked_from: datetime | None = None,
    *,
    actor: str | None = None,
) -> TrustInfo:
    """Refuse every file signed by this key that arrives from ``revoked_from`` (default: now)
    on, whatever signing time it claims; what was imported before stays."""
    fp = fingerprint.replace(" ", "").lower()
    who = audit.resolve_actor(store, actor)
    with store.factory.begin() as s:
        row = s.scalar(select(TrustedKey).where(TrustedKey.fingerprint == fp))
        if row is None:
            raise TrustError(f"没有登记指纹为 {fingerprint} 的密钥")
        row.status = "revoked"
        row.revoked_from = revoked_from or utcnow()
        unit = s.get_one(Unit, row.unit_id)
        info = _info(row, unit)
        _audit_trust(s, who, "trust_revoke", info, revoked_from=row.revoked_from)
        return info


def rotate_key(
    store: Store, catalog: Catalog, statement: dict[str, Any], *, actor: str | None = None
) -> TrustInfo:
    """Accept a new key for a unit on a statement signed by one of its registered keys."""
    old_fp = statement.get("old_fingerprint") if isinstance(statement, dict) else None
    if not isinstance(old_fp, str):
        raise TrustError("不是密钥更换声明")
    who = audit.resolve_actor(store, actor)
    with store.factory.begin() as s:
        old = s.scalar(select(TrustedKey).where(TrustedKey.fingerprint == old_fp.lower()))
        if old is None:
            raise TrustError("声明所依据的旧密钥未在本办登记")
        if old.status == "revoked":
            raise TrustError("旧密钥已被吊销，不能据此更换密钥：请重新登记并电话确认指纹")
        try:
            new_public = keys.verify_rotation(statement, old.public_key)
        except keys.KeyFileError as exc:
            raise TrustError(str(exc)) from exc
        unit = s.get_one(Unit, old.unit_id)
        if statement.get("unit") != unit.code:
            raise TrustError("声明中的单位与旧密钥的单位不符")
        new_fp = keys.fingerprint(new_public)
        existing = s.scalar(select(TrustedKey).where(TrustedKey.fingerprint == new_fp))
        if existing is not None:
            return _info(existing, unit)
        at = keys.parse_iso_utc(statement.get("at"), "at")
        old.status = "rotated"
        old.revoked_from = utcnow()  # in force from its registration here (see above)
        row = TrustedKey(
            unit_id=unit.id,
            public_key=new_public,
            fingerprint=new_fp,
            clerk=old.clerk,
            key_created_at=at,
            registered_at=utcnow(),
            status="active",
            replaces_key_id=old.id,
            note="rotated",
        )
        s.add(row)
        s.flush()
        info = _info(row, unit)
        _audit_trust(s, who, "trust_rotate", info, old_fingerprint=old.fingerprint)
        return info


@dataclass(frozen=True)
class KeyVerdict:
    message: Message | None  # why the key does not speak for the unit; None when it does
    key_id: int | None = None

    @property
    def ok(self) -> bool:
        return self.message is None


# The columns only, prepared once: asked for every imported file (docs/benchmarks.md).
_KEY_ROW = select(
    TrustedKey.id, TrustedKey.unit_id, TrustedKey.status, TrustedKey.revoked_from
).where(TrustedKey.fingerprint == bindparam("fingerprint"))


def check_signing_key(
    session: Session, unit_pk: int, fingerprint: str, arrived_at: datetime
) -> KeyVerdict:
    """Does ``fingerprint`` speak for this unit for a file arriving at ``arrived_at``?"""
    row = session.connection().execute(_KEY_ROW, {"fingerprint": fingerprint}).first()
    shown = keys.format_fingerprint(fingerprint)
    if row is None:
        return KeyVerdict(Message.of("unregistered_key", fingerprint=shown))
    if row.unit_id != unit_pk:
        return KeyVerdict(Message.of("key_other_unit", fingerprint=shown))
    ended = row.status in ("revoked", "rotated")
    if ended and (row.revoked_from is None or arrived_at >= row.revoked_from):
        since = "" if row.revoked_from is None else f"{row.revoked_from:%Y-%m-%d}"
        code = "key_revoked" if row.status == "revoked" else "key_rotated"
        return KeyVerdict(Message.of(code, fingerprint=shown, since=since))
    return KeyVerdict(None, row.id)


def signer_for_unit(store: Store, unit_code: str, fingerprint: str) -> KeyVerdict:
    """``check_signing_key`` for a file arriving now, by unit code (``verify`` on an office
    computer: the registry is the key to check against)."""
    with store.factory() as s:
        unit_pk = s.scalar(select(Unit.id).where(Unit.code == unit_code))
        if unit_pk is None:
            return KeyVerdict(Message.of("unit_unknown", unit=unit_code))
        return check_signing_key(s, unit_pk, fingerprint, utcnow())
