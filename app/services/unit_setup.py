"""Making an install a unit's: its profile (unit, clerk) and its signing key, and key care.

scrypt makes every seal or unlock take about half a second: a window calls these off the UI
thread. Each function is one user action and one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.catalog import Catalog
from app.domain.entry_rules import clean_text, has_control_chars, validate_passphrase
from app.io import keys
from app.io.keys import WrongPassphrase
from app.models import Plan, SigningKey, Unit, UnitProfile
from app.models.base import utcnow
from app.models.store import Store

__all__ = [
    "ActiveKey",
    "UnitProfileInfo",
    "UnitSetupError",
    "WrongPassphrase",
    "active_key",
    "backup_key",
    "change_passphrase",
    "get_profile",
    "init_unit",
    "latest_rotation_statement",
    "restore_key",
    "rotate_key",
    "unlock_key",
    "write_registration_file",
    "write_registration_sheet",
    "write_rotation_file",
]

CLERK_LIMIT = 50
CONTACT_LIMIT = 100


class UnitSetupError(Exception):
    """A refused set-up or key action; the message is one Chinese line for the clerk."""


@dataclass(frozen=True)
class UnitProfileInfo:
    unit_id: str
    unit_name: str
    short_name: str
    clerk: str
    contact: str
    fingerprint: str
    created_at: datetime
    key_created_at: datetime | None = None


@dataclass(frozen=True)
class ActiveKey:
    """The public half of the key in force (the sealed private half stays in the store)."""

    unit_id: str
    public_key: bytes
    fingerprint: str
    created_at: datetime


# -- reading ------------------------------------------------------------------------------
def _profile_row(s: Session) -> UnitProfile | None:
    return s.scalars(select(UnitProfile).order_by(UnitProfile.id)).first()


def _active_key_row(s: Session, unit_row_id: int) -> SigningKey | None:
    return s.scalars(
        select(SigningKey)
        .where(SigningKey.unit_id == unit_row_id, SigningKey.status == "active")
        .order_by(SigningKey.id.desc())
    ).first()


def _info(s: Session, profile: UnitProfile) -> UnitProfileInfo:
    unit = s.get_one(Unit, profile.unit_id)
    key = _active_key_row(s, unit.id)
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


def get_profile(store: Store, catalog: Catalog | None = None) -> UnitProfileInfo | None:
    """This install's unit and clerk, or None before set-up (the wizard's cue)."""
    with store.factory() as s:
        profile = _profile_row(s)
        return None if profile is None else _info(s, profile)


def _require_profile(s: Session) -> tuple[UnitProfile, Unit]:
    profile = _profile_row(s)
    if profile is None:
        raise UnitSetupError("本机尚未设置填报单位，请先完成设置（unit init）")
    return profile, s.get_one(Unit, profile.unit_id)


def _require_key(s: Session) -> tuple[UnitProfile, Unit, SigningKey]:
    profile, unit = _require_profile(s)
    key = _active_key_row(s, unit.id)
    if key is None:
        raise UnitSetupError("本机没有可用的签名密钥，请从备份恢复密钥")
    return profile, unit, key


def active_key(store: Store) -> ActiveKey:
    with store.factory() as s:
        _, unit, key = _require_key(s)
        return ActiveKey(unit.code, key.public_key, key.fingerprint, key.created_at)


# -- set-up -------------------------------------------------------------------------------
def _check_person(clerk: str, contact: str) -> tuple[str, str]:
    clerk, contact = clean_text(clerk), clean_text(contact)
    if not clerk:
        raise UnitSetupError("请填写填报人姓名")
    if len(clerk) > CLERK_LIMIT or len(contact) > CONTACT_LIMIT:
        raise UnitSetupError(f"姓名不能超过{CLERK_LIMIT}个字，联系方式不能超过{CONTACT_LIMIT}个字")
    if has_control_chars(clerk + contact) or "\n" in clerk + contact:
        raise UnitSetupError("姓名或联系方式含有控制字符或换行")
    return clerk, contact


def _check_passphrase(passphrase: str) -> None:
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
    clerk, contact = _check_person(clerk, contact)
    _check_passphrase(passphrase)
    with store.factory() as s:
        existing = _profile_row(s)
        if existing is not None:
            name = s.get_one(Unit, existing.unit_id).name
            raise UnitSetupError(f"本机已设置为{name}的填报端，不能重复设置")
    # The slow scrypt runs outside the transaction, so no write lock is held meanwhile.
    private = keys.generate_private_key()
    public = keys.public_key_of(private)
    sealed = keys.seal_private_key(private, passphrase)
    with store.factory.begin() as s:
        if _profile_row(s) is not None:
            raise UnitSetupError("本机已完成设置，不能重复设置")
        plan = s.scalars(select(Plan).where(Plan.code == catalog.code)).one_or_none()
        if plan is None:
            raise UnitSetupError(f"本机数据中没有工作方案 {catalog.code}")
        unit_row = s.scalars(
            select(Unit).where(Unit.plan_id == plan.id, Unit.code == info.id)
        ).one()
        now = utcnow()
        profile = UnitProfile(
            plan_id=plan.id, unit_id=unit_row.id, clerk=clerk, contact=contact, created_at=now
        )
        s.add(profile)
        s.add(
            SigningKey(
                unit_id=unit_row.id,
                public_key=public,
                fingerprint=keys.fingerprint(public),
                encrypted_private_key=sealed,
                status="active",
                created_at=now,
            )
        )
        s.flush()
        return _info(s, profile)


def update_clerk(store: Store, clerk: str, contact: str) -> UnitProfileInfo:
    """A new clerk or phone number; the key stays."""
    clerk, contact = _check_person(clerk, contact)
    with store.factory.begin() as s:
        profile, _ = _require_profile(s)
        profile.clerk, profile.contact = clerk, contact
        s.flush()
        return _info(s, profile)


# -- the key ------------------------------------------------------------------------------
def unlock_key(store: Store, passphrase: str) -> bytes:
    """The raw private key for signing; ``WrongPassphrase`` (「密码不正确」) otherwise."""
    with store.factory() as s:
        _, _, key = _require_key(s)
        sealed = key.encrypted_private_key
    return keys.open_private_key(sealed, passphrase)


def write_registration_file(store: Store, catalog: Catalog | None, out: Path) -> Path:
    """The key registration file the office imports (after confirming the fingerprint)."""
    with store.factory() as s:
        profile, unit, key = _require_key(s)
        doc = keys.registration_document(
            unit.code, unit.name, key.public_key, profile.clerk, key.created_at
        )
    try:
        return keys.write_registration(Path(out), doc)
    except OSError as exc:
        raise UnitSetupError(f"无法写入 {out}：{exc.strerror}") from exc


def write_registration_sheet(store: Store, catalog: Catalog | None, out: Path) -> Path:
    """The printable registration sheet (HTML, A4) to sign, stamp and send with the file."""
    with store.factory() as s:
        profile, unit, key = _require_key(s)
        doc = keys.registration_document(
            unit.code, unit.name, key.public_key, profile.clerk, key.created_at
        )
        contact = profile.contact
    html = keys.registration_sheet_html(
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


def change_passphrase(store: Store, old_passphrase: str, new_passphrase: str) -> None:
    """Re-seal the same key under a new passphrase (the fingerprint does not change)."""
    _check_passphrase(new_passphrase)
    private = unlock_key(store, old_passphrase)
    sealed = keys.seal_private_key(private, new_passphrase)
    with store.factory.begin() as s:
        _, _, key = _require_key(s)
        if key.fingerprint != keys.sealed_fingerprint(sealed):
            raise UnitSetupError("签名密钥在此期间已变更，请重试")
        key.encrypted_private_key = sealed


def rotate_key(store: Store, old_passphrase: str, new_passphrase: str) -> UnitProfileInfo:
    """A new key, vouched for by a statement the old key signs; the old key is retired."""
    _check_passphrase(new_passphrase)
    old_private = unlock_key(store, old_passphrase)
    new_private = keys.generate_private_key()
    new_public = keys.public_key_of(new_private)
    sealed = keys.seal_private_key(new_private, new_passphrase)
    now = utcnow()
    with store.factory.begin() as s:
        profile, unit, old = _require_key(s)
        if old.fingerprint != keys.fingerprint(keys.public_key_of(old_private)):
            raise UnitSetupError("签名密钥在此期间已变更，请重试")
        statement = keys.rotation_statement(old_private, new_public, unit.code, now)
        old.status, old.retired_at = "retired", now
        s.flush()
        s.add(
            SigningKey(
                unit_id=unit.id,
                public_key=new_public,
                fingerprint=keys.fingerprint(new_public),
                encrypted_private_key=sealed,
                status="active",
                created_at=now,
                rotation_statement=json.dumps(statement, ensure_ascii=False, sort_keys=True),
            )
        )
        s.flush()
        return _info(s, profile)


def latest_rotation_statement(store: Store) -> dict[str, object] | None:
    with store.factory() as s:
        _, _, key = _require_key(s)
        text = key.rotation_statement
    return None if text is None else dict(json.loads(text))


def write_rotation_file(store: Store, out: Path) -> Path:
    statement = latest_rotation_statement(store)
    if statement is None:
        raise UnitSetupError("当前密钥不是更换得来的，没有密钥更换声明")
    try:
        return keys.write_json_atomic(Path(out), dict(statement))
    except OSError as exc:
        raise UnitSetupError(f"无法写入 {out}：{exc.strerror}") from exc


def backup_key(store: Store, out: Path) -> Path:
    """The key in force, still sealed by the passphrase, with the unit and clerk."""
    with store.factory() as s:
        profile, unit, key = _require_key(s)
        data = keys.export_key_backup(
            key.encrypted_private_key,
            key.public_key,
            unit.code,
            unit.name,
            profile.clerk,
            profile.contact,
            key.created_at,
        )
    out = Path(out)
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(out)
    except OSError as exc:
        raise UnitSetupError(f"无法写入 {out}：{exc.strerror}") from exc
    return out


def restore_key(
    store: Store,
    file: Path,
    *,
    passphrase: str | None = None,
    clerk: str | None = None,
    contact: str | None = None,
) -> UnitProfileInfo:
    """Bring a backed-up key back: onto a fresh install (making it the unit's) or this one.

    With ``passphrase`` the backup is opened first, so a wrong file or passphrase is found now
    rather than at the next export.
    """
    try:
        backup = keys.read_key_backup(Path(file).read_bytes())
    except OSError as exc:
        raise UnitSetupError(f"无法读取 {file}：{exc.strerror}") from exc
    except keys.KeyFileError as exc:
        raise UnitSetupError(str(exc)) from exc
    if passphrase is not None:
        keys.open_private_key(backup.sealed, passphrase)
    fp = keys.fingerprint(backup.public_key)
    with store.factory.begin() as s:
        profile = _profile_row(s)
        if profile is None:
            unit_row = s.scalars(select(Unit).where(Unit.code == backup.unit)).first()
            if unit_row is None:
                raise UnitSetupError(f"备份中的单位“{backup.unit}”不在本机的工作方案中")
            who, phone = _check_person(
                backup.clerk if clerk is None else clerk,
                backup.contact if contact is None else contact,
            )
            profile = UnitProfile(
                plan_id=unit_row.plan_id, unit_id=unit_row.id, clerk=who, contact=phone
            )
            s.add(profile)
        else:
            unit_row = s.get_one(Unit, profile.unit_id)
            if unit_row.code != backup.unit:
                raise UnitSetupError(f"备份属于另一个单位（{backup.unit_name or backup.unit}）")
        same = s.scalars(select(SigningKey).where(SigningKey.fingerprint == fp)).first()
        if same is not None and same.status == "active":
            s.flush()
            return _info(s, profile)
        if same is not None:
            raise UnitSetupError("该密钥已经更换停用，不能恢复")
        now = utcnow()
        current = _active_key_row(s, unit_row.id)
        if current is not None:
            current.status, current.retired_at = "retired", now
            s.flush()
        s.add(
            SigningKey(
                unit_id=unit_row.id,
                public_key=backup.public_key,
                fingerprint=fp,
                encrypted_private_key=backup.sealed,
                status="active",
                created_at=backup.created_at or now,
            )
        )
        s.flush()
        return _info(s, profile)
