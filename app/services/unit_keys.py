"""Care of the unit's signing key after set-up: unlocking it, a new passphrase, rotation
(the old key vouches for the new one), backup and restore (with the export numbering), and
reset when the passphrase is forgotten.

scrypt makes every seal or unlock take about half a second: a window calls these off the UI
thread. Each function is one user action and one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.io import keys
from app.io.key_backup import ExportCounters, KeyBackup, export_key_backup, read_key_backup
from app.models import SigningKey, Unit, UnitProfile
from app.models.base import utcnow
from app.models.store import Store
from app.services.export_numbering import numbering, raise_numbering
from app.services.unit_setup import (
    UnitProfileInfo,
    UnitSetupError,
    active_key_row,
    check_passphrase,
    check_person,
    new_key_row,
    profile_info,
    profile_row,
    require_key,
    require_profile,
)

__all__ = [
    "RESTORE_ACTIONS",
    "KeyMismatch",
    "RestoreResult",
    "backup_key",
    "change_passphrase",
    "latest_rotation_statement",
    "reset_key",
    "restore_key",
    "rotate_key",
    "unlock_key",
    "write_rotation_file",
]


def unlock_key(store: Store, passphrase: str) -> bytes:
    """The raw private key for signing; ``WrongPassphrase`` (「密码不正确」) otherwise."""
    with store.factory() as s:
        _, _, key = require_key(s)
        sealed = key.encrypted_private_key
    return keys.open_private_key(sealed, passphrase)


def change_passphrase(store: Store, old_passphrase: str, new_passphrase: str) -> None:
    """Re-seal the same key under a new passphrase (the fingerprint does not change)."""
    check_passphrase(new_passphrase)
    private = unlock_key(store, old_passphrase)
    sealed = keys.seal_private_key(private, new_passphrase)
    with store.factory.begin() as s:
        _, _, key = require_key(s)
        if key.fingerprint != keys.sealed_fingerprint(sealed):
            raise UnitSetupError("签名密钥在此期间已变更，请重试")
        key.encrypted_private_key = sealed


def rotate_key(store: Store, old_passphrase: str, new_passphrase: str) -> UnitProfileInfo:
    """A new key, vouched for by a statement the old key signs; the old key is retired."""
    check_passphrase(new_passphrase)
    old_private = unlock_key(store, old_passphrase)
    new_private = keys.generate_private_key()
    new_public = keys.public_key_of(new_private)
    sealed = keys.seal_private_key(new_private, new_passphrase)
    now = utcnow()
    with store.factory.begin() as s:
        profile, unit, old = require_key(s)
        if old.fingerprint != keys.fingerprint(keys.public_key_of(old_private)):
            raise UnitSetupError("签名密钥在此期间已变更，请重试")
        statement = keys.rotation_statement(old_private, new_public, unit.code, now)
        old.status, old.retired_at = "retired", now
        s.flush()
        s.add(
            new_key_row(
                unit.id,
                new_public,
                sealed,
                now,
                json.dumps(statement, ensure_ascii=False, sort_keys=True),
            )
        )
        s.flush()
        return profile_info(s, profile)


def latest_rotation_statement(store: Store) -> dict[str, object] | None:
    with store.factory() as s:
        _, _, key = require_key(s)
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


# -- backup, restore, reset -----------------------------------------------------------------
def backup_key(store: Store, out: Path) -> Path:
    """The key in force, still sealed by the passphrase, with the unit, clerk and numbering."""
    with store.factory() as s:
        profile, unit, key = require_key(s)
        data = export_key_backup(
            key.encrypted_private_key,
            key.public_key,
            unit.code,
            unit.name,
            profile.clerk,
            profile.contact,
            key.created_at,
            counters=numbering(s, profile, unit),
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
    backup = _read_backup(file)
    if passphrase is not None:
        keys.open_private_key(backup.sealed, passphrase)
    with store.factory.begin() as s:
        profile, unit_row = _backup_profile(s, backup, clerk, contact)
        action, retired = _install_backup_key(s, unit_row, backup, replace)
        s.flush()
        if backup.counters is not None:
            raise_numbering(s, profile, unit_row, backup.counters)
            s.flush()
        return RestoreResult(
            profile=profile_info(s, profile),
            action=action,
            passphrase_checked=passphrase is not None,
            retired_fingerprint=retired,
            counters=numbering(s, profile, unit_row),
            backup_had_counters=backup.counters is not None,
        )


def _read_backup(file: Path) -> KeyBackup:
    try:
        return read_key_backup(Path(file).read_bytes())
    except OSError as exc:
        raise UnitSetupError(f"无法读取 {file}：{exc.strerror}") from exc
    except keys.KeyFileError as exc:
        raise UnitSetupError(str(exc)) from exc


def _backup_profile(
    s: Session, backup: KeyBackup, clerk: str | None, contact: str | None
) -> tuple[UnitProfile, Unit]:
    """This install's profile, or on a fresh install a new one for the backup's unit."""
    profile = profile_row(s)
    if profile is not None:
        unit_row = s.get_one(Unit, profile.unit_id)
        if unit_row.code != backup.unit:
            raise UnitSetupError(f"备份属于另一个单位（{backup.unit_name or backup.unit}）")
        return profile, unit_row
    found = s.scalars(select(Unit).where(Unit.code == backup.unit)).first()
    if found is None:
        raise UnitSetupError(f"备份中的单位“{backup.unit}”不在本机的工作方案中")
    who, phone = check_person(
        backup.clerk if clerk is None else clerk,
        backup.contact if contact is None else contact,
    )
    profile = UnitProfile(
        unit_id=found.id,
        clerk=who,
        contact=phone,
        created_at=utcnow(),
        next_sequence=1,
    )
    s.add(profile)
    return profile, found


def _install_backup_key(
    s: Session, unit_row: Unit, backup: KeyBackup, replace: bool
) -> tuple[str, str]:
    """Put the backup's key in force; (one of RESTORE_ACTIONS, the retired fingerprint)."""
    fp = keys.fingerprint(backup.public_key)
    same = s.scalars(select(SigningKey).where(SigningKey.fingerprint == fp)).first()
    current = active_key_row(s, unit_row.id)
    if same is not None and same is current:
        if _same_envelope(same.encrypted_private_key, backup.sealed):
            return "unchanged", ""
        same.encrypted_private_key = backup.sealed
        return "resealed", ""
    if same is not None:
        raise UnitSetupError("备份中的密钥已经停用（已更换或重置），不能恢复；请用最近的密钥备份")
    if current is not None and not replace:
        raise KeyMismatch(fp, current.fingerprint)
    now = utcnow()
    retired = ""
    if current is not None:
        current.status, current.retired_at = "retired", now
        retired = current.fingerprint
        s.flush()
    s.add(new_key_row(unit_row.id, backup.public_key, backup.sealed, backup.created_at or now))
    return ("replaced" if current is not None else "installed"), retired


def reset_key(store: Store, new_passphrase: str) -> UnitProfileInfo:
    """A forgotten passphrase: a new key under ``new_passphrase``; the old one is retired.

    Nothing vouches for the new key (the old one cannot sign any more), so the office must
    register it like a first key, after confirming its fingerprint. Entries, exports and the
    numbering stay, so the next export continues the versions and sequence numbers.
    """
    check_passphrase(new_passphrase)
    with store.factory() as s:
        require_profile(s)  # refuse before the slow seal
    private = keys.generate_private_key()
    public = keys.public_key_of(private)
    sealed = keys.seal_private_key(private, new_passphrase)
    now = utcnow()
    with store.factory.begin() as s:
        profile, unit = require_profile(s)
        current = active_key_row(s, unit.id)
        if current is not None:
            current.status, current.retired_at = "retired", now
            s.flush()
        s.add(new_key_row(unit.id, public, sealed, now))
        s.flush()
        return profile_info(s, profile)
