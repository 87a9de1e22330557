"""The office's key registry: which public key speaks for which unit, and since when.

A key is trusted only after the office confirmed its fingerprint out of band (phone, stamped
form); the registry records that confirmation. Revocation takes a date: submissions signed
from then on are refused, earlier ones stay valid. Rotation is accepted only on a statement
signed by the unit's current key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.domain.catalog import Catalog
from app.io import keys
from app.models import TrustedKey, Unit
from app.models.base import utcnow
from app.models.store import Store


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


def add_trusted_key(
    store: Store, catalog: Catalog, registration: keys.Registration, note: str = ""
) -> TrustInfo:
    """Register a unit's key (after the office confirmed the fingerprint). Idempotent."""
    unit_info = catalog.find_unit(registration.unit)
    if unit_info is None:
        raise TrustError(f"登记文件中的单位 {registration.unit} 不在工作方案中")
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
        return _info(row, unit)


def list_trusted_keys(store: Store) -> list[TrustInfo]:
    with store.factory() as s:
        rows = s.execute(
            select(TrustedKey, Unit)
            .join(Unit, Unit.id == TrustedKey.unit_id)
            .order_by(Unit.code, TrustedKey.registered_at)
        ).all()
        return [_info(k, u) for k, u in rows]


def revoke_key(store: Store, fingerprint: str, revoked_from: datetime | None = None) -> TrustInfo:
    """Refuse submissions signed by this key from ``revoked_from`` (default: now) on."""
    fp = fingerprint.replace(" ", "").lower()
    with store.factory.begin() as s:
        row = s.scalar(select(TrustedKey).where(TrustedKey.fingerprint == fp))
        if row is None:
            raise TrustError(f"没有登记指纹为 {fingerprint} 的密钥")
        row.status = "revoked"
        row.revoked_from = revoked_from or utcnow()
        unit = s.get_one(Unit, row.unit_id)
        return _info(row, unit)


def rotate_key(store: Store, catalog: Catalog, statement: dict[str, Any]) -> TrustInfo:
    """Accept a new key for a unit on a statement signed by one of its registered keys."""
    old_fp = statement.get("old_fingerprint") if isinstance(statement, dict) else None
    if not isinstance(old_fp, str):
        raise TrustError("不是密钥更换声明")
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
        old.revoked_from = at
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
        return _info(row, unit)


@dataclass(frozen=True)
class KeyVerdict:
    ok: bool
    reason: str
    key_id: int | None = None


# The columns only, prepared once: asked for every imported file (docs/benchmarks.md).
_KEY_ROW = select(
    TrustedKey.id, TrustedKey.unit_id, TrustedKey.status, TrustedKey.revoked_from
).where(TrustedKey.fingerprint == bindparam("fingerprint"))


def check_signing_key(
    session: Session, unit_pk: int, fingerprint: str, signed_at: datetime
) -> KeyVerdict:
    """Is ``fingerprint`` a key of this unit, valid at the submission's signed time?"""
    row = session.connection().execute(_KEY_ROW, {"fingerprint": fingerprint}).first()
    shown = keys.format_fingerprint(fingerprint)
    if row is None:
        return KeyVerdict(False, f"signed by an unregistered key {shown}")
    if row.unit_id != unit_pk:
        return KeyVerdict(False, f"signed by another unit's key {shown}")
    if row.revoked_from is not None and signed_at >= row.revoked_from:
        word = "revoked" if row.status == "revoked" else "replaced"
        return KeyVerdict(
            False, f"signed by a {word} key {shown} (since {row.revoked_from:%Y-%m-%d})"
        )
    return KeyVerdict(True, "", row.id)
