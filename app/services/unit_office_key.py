"""The office key a unit trusts (docs/design.md §3): added from the office's registration file
after the clerk confirmed its fingerprint, and replaced on a rotation statement signed by the
key trusted so far (from a package that carries it, or from a statement file), or, when the
office lost that key or it may have leaked, by the clerk from the new registration file after
confirming the new fingerprint by phone (``replace_office_trust``).

A unit without a trusted office key works exactly as before; only files from the office (plan
packages, feedback files) need one. ``signer_check`` is what those imports call inside their
own transaction: the package's key must be the trusted one, or be reached from it through
the package's rotation statements (then the trust moves on in that same transaction).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.messages import Refusal
from app.io import keys
from app.io.bounded_read import read_bounded
from app.io.office_key_file import (
    MAX_FILE_BYTES,
    OfficeKeyFile,
    checked_statement,
    follow,
    read_office_key_file,
)
from app.models import Unit, UnitProfile
from app.models.base import utcnow
from app.models.received import OfficeTrust
from app.models.store import Store

__all__ = [
    "OfficeKeyFile",
    "OfficeTrustInfo",
    "follow_rotation",
    "read_office_key_file",
    "replace_office_trust",
    "signer_check",
    "trust_office_key",
    "trusted_office_key",
]


@dataclass(frozen=True)
class OfficeTrustInfo:
    fingerprint: str
    fingerprint_display: str
    public_key: bytes
    status: str  # active | replaced
    added_at: datetime


def _info(row: OfficeTrust) -> OfficeTrustInfo:
    fp = row.fingerprint
    return OfficeTrustInfo(
        fp, keys.format_fingerprint(fp), row.public_key, row.status, row.added_at
    )


def this_unit(s: Session) -> Unit:
    """The unit this install speaks for (``unit_not_set_up`` before ``unit init``)."""
    profile = s.scalars(select(UnitProfile).order_by(UnitProfile.id)).first()
    if profile is None:
        raise Refusal("unit_not_set_up")
    return s.get_one(Unit, profile.unit_id)


def active_trust(s: Session) -> OfficeTrust | None:
    return s.scalars(
        select(OfficeTrust).where(OfficeTrust.status == "active").order_by(OfficeTrust.id.desc())
    ).first()


def trusted_office_key(store: Store) -> OfficeTrustInfo | None:
    with store.factory() as s:
        row = active_trust(s)
        return None if row is None else _info(row)


def trust_office_key(store: Store, file: OfficeKeyFile) -> OfficeTrustInfo:
    """Trust the office's key (the clerk has confirmed its fingerprint). The same key again
    changes nothing; another key while one is trusted is refused (a rotation replaces it)."""
    with store.factory.begin() as s:
        current = active_trust(s)
        if current is not None:
            if current.fingerprint == file.fingerprint:
                return _info(current)
            shown = keys.format_fingerprint(current.fingerprint)
            raise Refusal("office_key_other_trusted", fingerprint=shown)
        known = s.scalar(select(OfficeTrust).where(OfficeTrust.fingerprint == file.fingerprint))
        if known is not None:  # an office key this install once moved away from
            shown = keys.format_fingerprint(file.fingerprint)
            raise Refusal("office_key_trusted_before", fingerprint=shown)
        row = OfficeTrust(
            public_key=file.public_key,
            fingerprint=file.fingerprint,
            status="active",
            added_at=utcnow(),
        )
        s.add(row)
        s.flush()
        return _info(row)


def replace_office_trust(store: Store, file: OfficeKeyFile) -> OfficeTrustInfo:
    """Trust the office's new key in place of the one trusted so far, without a statement the
    old key signed: for when the office announced that its old key was lost or may have
    leaked, and the clerk confirmed the new fingerprint with the office by phone. A key this
    install trusted before is refused (an old, perhaps leaked key must not come back)."""
    with store.factory.begin() as s:
        current = active_trust(s)
        if current is not None and current.fingerprint == file.fingerprint:
            return _info(current)
        known = s.scalar(select(OfficeTrust).where(OfficeTrust.fingerprint == file.fingerprint))
        if known is not None:
            shown = keys.format_fingerprint(file.fingerprint)
            raise Refusal("office_key_trusted_before", fingerprint=shown)
        now = utcnow()
        if current is not None:
            current.status, current.replaced_at = "replaced", now
            s.flush()
        row = OfficeTrust(
            public_key=file.public_key, fingerprint=file.fingerprint, status="active", added_at=now
        )
        s.add(row)
        s.flush()
        return _info(row)


def _move_trust(s: Session, current: OfficeTrust, chain: list[bytes], statements: Any) -> None:
    """Replace the trusted key by the last of ``chain`` (each vouched for by the one before)."""
    by_old = {st["old_fingerprint"]: st for st in statements}
    now = utcnow()
    for public in chain:
        statement = by_old.get(current.fingerprint)
        current.status, current.replaced_at = "replaced", now
        current.rotation_statement = json.dumps(statement, ensure_ascii=False, sort_keys=True)
        s.flush()
        current = OfficeTrust(
            public_key=public, fingerprint=keys.fingerprint(public), status="active", added_at=now
        )
        s.add(current)
        s.flush()


def signer_check(s: Session, signer_fp: str, statements: Any) -> None:
    """Inside the caller's transaction: the file's key (``signer_fp``) speaks for the office
    here, following rotation statements from the trusted key when needed; else ``Refusal``
    (``office_key_not_trusted``, ``office_key_untrusted``, ``office_rotation_bad``)."""
    current = active_trust(s)
    if current is None:
        raise Refusal("office_key_not_trusted")
    if current.fingerprint == signer_fp:
        return
    try:
        checked = [checked_statement(st) for st in statements]
    except ValueError as exc:
        raise Refusal("office_rotation_bad", detail=str(exc)) from exc
    chain = follow(current.public_key, checked, signer_fp)
    _move_trust(s, current, chain, checked)


def follow_rotation(store: Store, path: Path) -> OfficeTrustInfo:
    """A rotation statement file (``office key rotate --out``) signed by the trusted key."""
    raw = read_bounded(Path(path), MAX_FILE_BYTES, "office_key_file_too_large")
    try:
        statement = checked_statement(json.loads(raw.decode("utf-8")))
    except (UnicodeDecodeError, ValueError) as exc:
        raise Refusal("office_rotation_bad", detail=str(exc)[:80]) from exc
    with store.factory.begin() as s:
        current = active_trust(s)
        if current is None:
            raise Refusal("office_key_not_trusted")
        if current.fingerprint == statement["new_fingerprint"]:
            return _info(current)
        if statement["old_fingerprint"] != current.fingerprint:
            raise Refusal("office_rotation_bad", detail="not signed by the trusted key")
        chain = follow(current.public_key, [statement], statement["new_fingerprint"])
        _move_trust(s, current, chain, [statement])
        row = active_trust(s)
        assert row is not None
        return _info(row)
