"""The key backup file: the unit's key, still sealed by the passphrase, with the unit, the
clerk and the export numbering, so a new PC can continue where the old one stopped."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.io.keys import (
    ALGORITHM,
    KeyFileError,
    b64,
    fingerprint,
    iso_utc,
    parse_iso_utc,
    read_envelope,
    unb64,
)

BACKUP_FORMAT = "qualityreport.key-backup/1"
# The office refuses a reused sequence number and keeps the highest version current, so a key
# restored on a new PC must bring the numbering with it (numbers restarting at 1 are refused).
_MAX_SEQUENCE, _MAX_VERSION, _MAX_PERIODS = 10**9, 10**6, 100
_PERIOD_CODE_CHARS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-")


@dataclass(frozen=True)
class ExportCounters:
    """Where a unit's numbering stands: its next sequence, per period the highest version
    used or reserved (0 or absent: none yet)."""

    next_sequence: int = 1
    versions: dict[str, int] = field(default_factory=dict)

    def merged(self, other: ExportCounters) -> ExportCounters:
        """The larger of each number: counters never go backwards."""
        versions = dict(self.versions)
        for period, version in other.versions.items():
            versions[period] = max(versions.get(period, 0), version)
        return ExportCounters(
            max(self.next_sequence, other.next_sequence), dict(sorted(versions.items()))
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "next_sequence": self.next_sequence,
            "versions": dict(sorted(self.versions.items())),
        }


def _whole(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def counters_from_json(doc: object) -> ExportCounters:
    """Counters from a backup's ``counters`` field; ``KeyFileError`` when malformed."""
    bad = KeyFileError("密钥备份文件中的报送编号格式错误")
    if not isinstance(doc, dict):
        raise bad
    seq, versions = doc.get("next_sequence"), doc.get("versions", {})
    if not _whole(seq, 1, _MAX_SEQUENCE) or not isinstance(versions, dict):
        raise bad
    if len(versions) > _MAX_PERIODS:
        raise bad
    for period, version in versions.items():
        if not (0 < len(period) <= 16 and set(period) <= _PERIOD_CODE_CHARS):
            raise bad
        if not _whole(version, 0, _MAX_VERSION):
            raise bad
    assert isinstance(seq, int)
    return ExportCounters(seq, dict(sorted(versions.items())))


@dataclass(frozen=True)
class KeyBackup:
    sealed: bytes
    public_key: bytes
    unit: str
    unit_name: str
    clerk: str
    contact: str
    created_at: datetime | None
    counters: ExportCounters | None = None  # None: a backup made before backups carried them


def export_key_backup(
    sealed: bytes,
    public: bytes,
    unit_id: str = "",
    unit_name: str = "",
    clerk: str = "",
    contact: str = "",
    created_at: datetime | None = None,
    counters: ExportCounters | None = None,
) -> bytes:
    env = read_envelope(sealed)
    if env["fingerprint"] != fingerprint(public):
        raise KeyFileError("备份的密钥与公钥不符")
    doc: dict[str, Any] = {
        "format": BACKUP_FORMAT,
        "unit": unit_id,
        "unit_name": unit_name,
        "clerk": clerk,
        "contact": contact,
        "algorithm": ALGORITHM,
        "public_key": b64(public),
        "fingerprint": fingerprint(public),
        "created_at": iso_utc(created_at) if created_at else None,
        "sealed_private_key": env,  # AES-GCM under the passphrase, as in the store
    }
    if counters is not None:  # an optional field: older readers ignore it
        doc["counters"] = counters.to_json()
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def read_key_backup(data: bytes) -> KeyBackup:
    try:
        doc = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise KeyFileError("不是有效的密钥备份文件") from exc
    if not isinstance(doc, dict) or doc.get("format") != BACKUP_FORMAT:
        raise KeyFileError("不是密钥备份文件（format 不符）")
    public = unb64(doc.get("public_key"), "public_key")
    env = doc.get("sealed_private_key")
    if not isinstance(env, dict):
        raise KeyFileError("密钥备份文件缺少加密的私钥")
    sealed = json.dumps(env, sort_keys=True, separators=(",", ":")).encode("ascii")
    if len(public) != 32 or read_envelope(sealed)["fingerprint"] != fingerprint(public):
        raise KeyFileError("密钥备份文件中的私钥与公钥不符")
    if doc.get("fingerprint") != fingerprint(public):
        raise KeyFileError("密钥备份文件中的指纹与公钥不符")
    unit, name, clerk, contact = (doc.get(k, "") for k in ("unit", "unit_name", "clerk", "contact"))
    if not all(isinstance(t, str) for t in (unit, name, clerk, contact)):
        raise KeyFileError("密钥备份文件格式错误")
    created = doc.get("created_at")
    counters = doc.get("counters")
    return KeyBackup(
        sealed,
        public,
        str(unit),
        str(name),
        str(clerk),
        str(contact),
        parse_iso_utc(created, "created_at") if created else None,
        None if counters is None else counters_from_json(counters),
    )
