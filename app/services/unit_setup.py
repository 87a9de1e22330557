"""Making an install a unit's: its profile (unit, clerk) and its signing key, and key care.

scrypt makes every seal or unlock take about half a second: a window calls these off the UI
thread. Each function is one user action and one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.catalog import Catalog
from app.domain.entry_rules import clean_text, has_control_chars, validate_passphrase
from app.io import keys
from app.io.keys import ExportCounters, WrongPassphrase
from app.models import LocalSubmission, Period, Plan, Setting, SigningKey, Unit, UnitProfile
from app.models.base import utcnow
from app.models.store import Store

__all__ = [
    "RESTORE_ACTIONS",
    "ActiveKey",
    "ExportCounters",
    "KeyMismatch",
    "RestoreResult",
    "UnitProfileInfo",
    "UnitSetupError",
    "WrongPassphrase",
    "active_key",
    "backup_key",
    "catch_up_counters",
    "change_passphrase",
    "export_counters",
    "get_profile",
    "init_unit",
    "latest_rotation_statement",
    "reserved_version_key",
    "reset_key",
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


def _new_key_row(
    unit_pk: int, public: bytes, sealed: bytes, created_at: datetime, statement: str | None = None
) -> SigningKey:
    """The key row every path that installs a key in force adds (set-up, rotate, restore)."""
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
        s.add(_new_key_row(unit_row.id, public, sealed, now))
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
            _new_key_row(
                unit.id,
                new_public,
                sealed,
                now,
                json.dumps(statement, ensure_ascii=False, sort_keys=True),
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


# -- export numbering ---------------------------------------------------------------------
def reserved_version_key(unit_id: str, period: str) -> str:
    """The ``Setting`` holding a period's reserved version (app.services.export reserves it)."""
    return f"export.reserved_version.{unit_id}.{period}"


def _counters(s: Session, profile: UnitProfile, unit: Unit) -> keys.ExportCounters:
    """The numbering as export would continue it: used sequences and versions, reservations."""
    used = s.scalar(
        select(func.max(LocalSubmission.sequence)).where(LocalSubmission.unit_id == unit.id)
    )
    versions: dict[str, int] = {}
    rows = s.execute(
        select(Period.code, func.max(LocalSubmission.version))
        .join(LocalSubmission, LocalSubmission.period_id == Period.id)
        .where(LocalSubmission.unit_id == unit.id)
        .group_by(Period.code)
    ).all()
    for code, version in rows:
        versions[code] = int(version)
    prefix = reserved_version_key(unit.code, "")
    for row in s.scalars(select(Setting).where(Setting.key.startswith(prefix, autoescape=True))):
        period, reserved = row.key[len(prefix) :], _int_or_zero(row.value)
        if reserved > versions.get(period, 0):
            versions[period] = reserved
    return keys.ExportCounters(
        max(profile.next_sequence, (used or 0) + 1), dict(sorted(versions.items()))
    )


def _int_or_zero(text: str) -> int:
    try:
        return max(int(text), 0)
    except ValueError:
        return 0


def _raise_counters(
    s: Session, profile: UnitProfile, unit: Unit, counters: keys.ExportCounters
) -> None:
    """Take numbers from elsewhere (a backup, old exports) where they are higher than ours."""
    profile.next_sequence = max(profile.next_sequence, counters.next_sequence)
    known = set(s.scalars(select(Period.code).where(Period.plan_id == unit.plan_id)))
    for period, version in counters.versions.items():
        if period not in known:  # another plan's period: nothing here can reuse its numbers
            continue
        key = reserved_version_key(unit.code, period)
        row = s.get(Setting, key)
        if row is None:
            s.add(Setting(key=key, value=str(version)))
        elif version > _int_or_zero(row.value):
            row.value = str(version)


def export_counters(store: Store) -> keys.ExportCounters:
    """This install's numbering (what a key backup carries)."""
    with store.factory() as s:
        profile, unit = _require_profile(s)
        return _counters(s, profile, unit)


def catch_up_counters(store: Store, files: Sequence[Path]) -> keys.ExportCounters:
    """Raise the numbering past earlier exported submission files (or folders of them).

    For a new PC whose key backup predates the last exports: the clerk's own files still say
    which versions and sequence numbers the office has seen. Each file's signature is checked
    (by the key inside it: a retired key of the unit is fine), so a damaged file is refused.
    """
    from app.io.submission_reader import SubmissionRejected, verify_submission
    from app.services.parse_pool import expand_paths

    paths = expand_paths(files)
    if not paths:
        raise UnitSetupError("没有找到以前导出的报送文件（.xlsx）")
    with store.factory() as s:
        _, unit = _require_profile(s)
        unit_code = unit.code
    found = keys.ExportCounters(1, {})
    for path in paths:
        name = Path(path).name
        try:
            payload = verify_submission(path, None).payload
        except SubmissionRejected as exc:
            raise UnitSetupError(f"{name}：{exc}") from exc
        except OSError as exc:
            raise UnitSetupError(f"无法读取 {name}：{exc.strerror or exc}") from exc
        if payload.unit_id != unit_code:
            raise UnitSetupError(f"{name} 是另一个单位（{payload.unit_name}）的报送文件")
        found = found.merged(
            keys.ExportCounters(payload.sequence + 1, {payload.period: payload.version})
        )
    with store.factory.begin() as s:
        profile, unit = _require_profile(s)
        _raise_counters(s, profile, unit, found)
        s.flush()
        return _counters(s, profile, unit)


# -- backup, restore, reset -----------------------------------------------------------------
def backup_key(store: Store, out: Path) -> Path:
    """The key in force, still sealed by the passphrase, with the unit, clerk and numbering."""
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
            counters=_counters(s, profile, unit),
        )
    out = Path(out)
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(out)
    except OSError as exc:
        raise UnitSetupError(f"无法写入 {out}：{exc.strerror}") from exc
    return out


RESTORE_ACTIONS = ("installed", "replaced", "resealed", "unchanged")


@dataclass(frozen=True)
class RestoreResult:
    """What ``restore_key`` did, for the clerk to be told.

    ``action``: ``installed`` (no key here before), ``replaced`` (the backup's key is now in
    force, ``retired_fingerprint`` was retired), ``resealed`` (the key in force is the backup's;
    its sealed copy, hence its passphrase, now comes from the backup), ``unchanged``.
    """

    profile: UnitProfileInfo
    action: str
    passphrase_checked: bool
    retired_fingerprint: str
    counters: ExportCounters
    backup_had_counters: bool


class KeyMismatch(UnitSetupError):
    """The backup holds another key of this unit than the one in force."""

    def __init__(self, backup_fingerprint: str, active_fingerprint: str) -> None:
        super().__init__(
            f"备份中的密钥（{keys.format_fingerprint(backup_fingerprint)[:19]} …）"
            f"不是本机正在使用的密钥（{keys.format_fingerprint(active_fingerprint)[:19]} …），"
            "未恢复"
        )
        self.backup_fingerprint = backup_fingerprint
        self.active_fingerprint = active_fingerprint


def _same_envelope(a: bytes, b: bytes) -> bool:
    try:
        return bool(json.loads(a) == json.loads(b))
    except ValueError:
        return a == b


def restore_key(
    store: Store,
    file: Path,
    *,
    passphrase: str | None = None,
    clerk: str | None = None,
    contact: str | None = None,
    replace: bool = False,
) -> RestoreResult:
    """Bring a backed-up key back: onto a fresh install (making it the unit's) or this one.

    With ``passphrase`` the backup is opened first, so a wrong file or passphrase is found now
    rather than at the next export. The backup's export numbering is taken where it is higher
    than this install's. When the backup holds the key in force sealed differently (an older
    passphrase), the backup's sealed copy replaces the store's: the backup's passphrase then
    applies. Another key of the unit replaces the one in force only with ``replace``
    (``KeyMismatch`` otherwise); a retired key is never brought back.
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
                plan_id=unit_row.plan_id,
                unit_id=unit_row.id,
                clerk=who,
                contact=phone,
                created_at=utcnow(),
                next_sequence=1,
            )
            s.add(profile)
        else:
            unit_row = s.get_one(Unit, profile.unit_id)
            if unit_row.code != backup.unit:
                raise UnitSetupError(f"备份属于另一个单位（{backup.unit_name or backup.unit}）")
        same = s.scalars(select(SigningKey).where(SigningKey.fingerprint == fp)).first()
        current = _active_key_row(s, unit_row.id)
        retired = ""
        if same is not None and same is current:
            if _same_envelope(same.encrypted_private_key, backup.sealed):
                action = "unchanged"
            else:
                same.encrypted_private_key = backup.sealed
                action = "resealed"
        elif same is not None:
            raise UnitSetupError(
                "备份中的密钥已经停用（已更换或重置），不能恢复；请用最近的密钥备份"
            )
        else:
            if current is not None and not replace:
                raise KeyMismatch(fp, current.fingerprint)
            now = utcnow()
            if current is not None:
                current.status, current.retired_at = "retired", now
                retired = current.fingerprint
                s.flush()
            s.add(
                _new_key_row(
                    unit_row.id, backup.public_key, backup.sealed, backup.created_at or now
                )
            )
            action = "replaced" if current is not None else "installed"
        s.flush()
        if backup.counters is not None:
            _raise_counters(s, profile, unit_row, backup.counters)
            s.flush()
        return RestoreResult(
            profile=_info(s, profile),
            action=action,
            passphrase_checked=passphrase is not None,
            retired_fingerprint=retired,
            counters=_counters(s, profile, unit_row),
            backup_had_counters=backup.counters is not None,
        )


def reset_key(store: Store, new_passphrase: str) -> UnitProfileInfo:
    """A forgotten passphrase: a new key under ``new_passphrase``; the old one is retired.

    Nothing vouches for the new key (the old one cannot sign any more), so the office must
    register it like a first key, after confirming its fingerprint. Entries, exports and the
    numbering stay, so the next export continues the versions and sequence numbers.
    """
    _check_passphrase(new_passphrase)
    with store.factory() as s:
        _require_profile(s)  # refuse before the slow seal
    private = keys.generate_private_key()
    public = keys.public_key_of(private)
    sealed = keys.seal_private_key(private, new_passphrase)
    now = utcnow()
    with store.factory.begin() as s:
        profile, unit = _require_profile(s)
        current = _active_key_row(s, unit.id)
        if current is not None:
            current.status, current.retired_at = "retired", now
            s.flush()
        s.add(_new_key_row(unit.id, public, sealed, now))
        s.flush()
        return _info(s, profile)
