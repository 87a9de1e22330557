"""Making an install a unit's: its profile (unit, clerk), its first signing key and the key
registration file for the office. Key care after set-up is in ``unit_keys``; the export
numbering in ``export_numbering``.

scrypt makes every seal or unlock take about half a second: a window calls these off the UI
thread. Each function is one user action and one transaction. The session-level helpers
(``profile_row``, ``require_key`` …) are shared by the unit's other services.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.catalog import Catalog
from app.domain.entry_rules import clean_text, has_control_chars, validate_passphrase
from app.models import Plan, SigningKey, Unit, UnitProfile
from app.models.base import utcnow
from app.models.store import Store
from app.services.unit_profile import UnitProfileInfo

__all__ = [
    "ActiveKey",
    "UnitProfileInfo",
    "UnitSetupError",
    "active_key",
    "get_profile",
    "init_unit",
    "update_clerk",
    "write_registration_file",
    "write_registration_sheet",
]

CLERK_LIMIT = 50
CONTACT_LIMIT = 100


class UnitSetupError(Exception):
    """A refused set-up or key action; the message is one Chinese line for the clerk."""


@dataclass(frozen=True)
class ActiveKey:
    """The public half of the key in force (the sealed private half stays in the store)."""

    unit_id: str
    public_key: bytes
    fingerprint: str
    created_at: datetime


# -- reading ------------------------------------------------------------------------------
def profile_row(s: Session) -> UnitProfile | None:
    return s.scalars(select(UnitProfile).order_by(UnitProfile.id)).first()


def active_key_row(s: Session, unit_row_id: int) -> SigningKey | None:
    return s.scalars(
        select(SigningKey)
        .where(SigningKey.unit_id == unit_row_id, SigningKey.status == "active")
        .order_by(SigningKey.id.desc())
    ).first()


def profile_info(s: Session, profile: UnitProfile) -> UnitProfileInfo:
    unit = s.get_one(Unit, profile.unit_id)
    key = active_key_row(s, unit.id)
    return UnitProfileInfo(
        unit_id=unit.code,
        unit_name=unit.name,
        short_name=unit.short_name,
        clerk=profile.clerk,
        contact=profile.contact,
        fingerprint=key.fingerprint if key else "",
        created_at=profile.created_at,
        key_created_at=key.created_at if key else None,
    )


def new_key_row(
    unit_pk: int, public: bytes, sealed: bytes, created_at: datetime, statement: str | None = None
) -> SigningKey:
    """The key row every path that installs a key in force adds (set-up, rotate, restore)."""
    from app.io import keys  # cryptography: not at start-up (get_profile runs there)

    return SigningKey(
        unit_id=unit_pk,
        public_key=public,
        fingerprint=keys.fingerprint(public),
        encrypted_private_key=sealed,
        status="active",
        created_at=created_at,
        rotation_statement=statement,
    )


def get_profile(store: Store, catalog: Catalog | None = None) -> UnitProfileInfo | None:
    """This install's unit and clerk, or None before set-up (the wizard's cue)."""
    with store.factory() as s:
        profile = profile_row(s)
        return None if profile is None else profile_info(s, profile)


def require_profile(s: Session) -> tuple[UnitProfile, Unit]:
    profile = profile_row(s)
    if profile is None:
        raise UnitSetupError("本机尚未设置填报单位，请先完成设置（unit init）")
    return profile, s.get_one(Unit, profile.unit_id)


def require_key(s: Session) -> tuple[UnitProfile, Unit, SigningKey]:
    profile, unit = require_profile(s)
    key = active_key_row(s, unit.id)
    if key is None:
        raise UnitSetupError("本机没有可用的签名密钥，请从备份恢复密钥")
    return profile, unit, key


def active_key(store: Store) -> ActiveKey:
    with store.factory() as s:
        _, unit, key = require_key(s)
        return ActiveKey(unit.code, key.public_key, key.fingerprint, key.created_at)


# -- set-up -------------------------------------------------------------------------------
def check_person(clerk: str, contact: str) -> tuple[str, str]:
    clerk, contact = clean_text(clerk), clean_text(contact)
    if not clerk:
        raise UnitSetupError("请填写填报人姓名")
    if len(clerk) > CLERK_LIMIT or len(contact) > CONTACT_LIMIT:
        raise UnitSetupError(f"姓名不能超过{CLERK_LIMIT}个字，联系方式不能超过{CONTACT_LIMIT}个字")
    if has_control_chars(clerk + contact) or "\n" in clerk + contact:
        raise UnitSetupError("姓名或联系方式含有控制字符或换行")
    return clerk, contact


def check_passphrase(passphrase: str) -> None:
    problems = validate_passphrase(passphrase)
    if problems:
        raise UnitSetupError(problems[0])


def init_unit(
    store: Store, catalog: Catalog, unit: str, clerk: str, contact: str, passphrase: str
) -> UnitProfileInfo:
    """Make this install ``unit``'s (id, name or alias) and create its signing key."""
    info = catalog.find_unit(unit)
    if info is None:
        raise UnitSetupError(f"工作方案中没有单位“{clean_text(unit)}”")
    if not catalog.tasks_for_unit(info.id) or not info.reports:
        raise UnitSetupError(f"{info.name}在工作方案中不需要填报进展")
    clerk, contact = check_person(clerk, contact)
    check_passphrase(passphrase)
    with store.factory() as s:
        existing = profile_row(s)
        if existing is not None:
            name = s.get_one(Unit, existing.unit_id).name
            raise UnitSetupError(f"本机已设置为{name}的填报端，不能重复设置")
    from app.io import keys

    # The slow scrypt runs outside the transaction, so no write lock is held meanwhile.
    private = keys.generate_private_key()
    public = keys.public_key_of(private)
    sealed = keys.seal_private_key(private, passphrase)
    with store.factory.begin() as s:
        if profile_row(s) is not None:
            raise UnitSetupError("本机已完成设置，不能重复设置")
        plan = s.scalars(select(Plan).where(Plan.code == catalog.code)).one_or_none()
        if plan is None:
            raise UnitSetupError(f"本机数据中没有工作方案 {catalog.code}")
        unit_row = s.scalars(select(Unit).where(Unit.code == info.id)).one()
        now = utcnow()
        profile = UnitProfile(unit_id=unit_row.id, clerk=clerk, contact=contact, created_at=now)
        s.add(profile)
        s.add(new_key_row(unit_row.id, public, sealed, now))
        s.flush()
        return profile_info(s, profile)


def update_clerk(store: Store, clerk: str, contact: str) -> UnitProfileInfo:
    """A new clerk or phone number; the key stays."""
    clerk, contact = check_person(clerk, contact)
    with store.factory.begin() as s:
        profile, _ = require_profile(s)
        profile.clerk, profile.contact = clerk, contact
        s.flush()
        return profile_info(s, profile)


# -- the registration file ------------------------------------------------------------
def write_registration_file(store: Store, catalog: Catalog | None, out: Path) -> Path:
    """The key registration file the office imports (after confirming the fingerprint)."""
    from app.io import keys

    with store.factory() as s:
        profile, unit, key = require_key(s)
        doc = keys.registration_document(
            unit.code, unit.name, key.public_key, profile.clerk, key.created_at
        )
    try:
        return keys.write_registration(Path(out), doc)
    except OSError as exc:
        raise UnitSetupError(f"无法写入 {out}：{exc.strerror}") from exc


def write_registration_sheet(store: Store, catalog: Catalog | None, out: Path) -> Path:
    """The printable registration sheet (HTML, A4) to sign, stamp and send with the file."""
    from app.io import keys
    from app.io.registration_sheet import registration_sheet_html

    with store.factory() as s:
        profile, unit, key = require_key(s)
        doc = keys.registration_document(
            unit.code, unit.name, key.public_key, profile.clerk, key.created_at
        )
        contact = profile.contact
    html = registration_sheet_html(
        keys.registration_from_document(doc),
        contact=contact,
        plan_title=catalog.title if catalog else "",
    )
    out = Path(out)
    try:
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise UnitSetupError(f"无法写入 {out}：{exc.strerror}") from exc
    return out
