"""A unit's Ed25519 signing key: sealing at rest, fingerprints, and the files that carry keys.

The private key is never written in the clear: it is AES-256-GCM encrypted under a key derived
from the clerk's passphrase by scrypt (n = 2^17, 128 MiB, about 0.4 s here). PKCS8
``BestAvailableEncryption`` only runs 2,048 PBKDF2 rounds, hence this envelope of our own.
The fingerprint is the SHA-256 of the raw public key, read aloud in groups of four.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ALGORITHM = "Ed25519"
SEAL_ALG = "AES-256-GCM"
# Tests lower SCRYPT_N through monkeypatch; opening accepts any sane cost an envelope names.
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
_MAX_N, _MAX_R, _MAX_P = 2**20, 16, 4  # a hostile envelope must not exhaust memory

REGISTRATION_FORMAT = "qualityreport.key-registration/1"
ROTATION_FORMAT = "qualityreport.key-rotation/1"
BACKUP_FORMAT = "qualityreport.key-backup/1"


class KeyFileError(ValueError):
    """A key file or envelope is malformed or inconsistent; the message is for the user."""


class WrongPassphrase(KeyFileError):
    def __init__(self, message: str = "密码不正确") -> None:
        super().__init__(message)


class RegistrationError(KeyFileError):
    pass


class RotationError(KeyFileError):
    pass


# -- the key itself -----------------------------------------------------------------------
def generate_private_key() -> bytes:
    return Ed25519PrivateKey.generate().private_bytes_raw()


def public_key_of(private_raw: bytes) -> bytes:
    return (
        Ed25519PrivateKey.from_private_bytes(private_raw)
        .public_key()
        .public_bytes(Encoding.Raw, PublicFormat.Raw)
    )


def fingerprint(public_raw: bytes) -> str:
    return hashlib.sha256(public_raw).hexdigest()


def format_fingerprint(fp: str) -> str:
    """'3F2A 9C01 …': 16 groups of 4 upper-case hex digits, easy to read over the phone."""
    fp = fp.replace(" ", "").upper()
    return " ".join(fp[i : i + 4] for i in range(0, len(fp), 4))


def sign(private_raw: bytes, data: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(private_raw).sign(data)


def verify(public_raw: bytes, data: bytes, signature: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


# -- sealing at rest ----------------------------------------------------------------------
def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object, what: str) -> bytes:
    if not isinstance(text, str):
        raise KeyFileError(f"{what}: 不是base64文本")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise KeyFileError(f"{what}: base64格式错误") from exc


def _passphrase_bytes(passphrase: str) -> bytes:
    # NFC so the same passphrase typed on another keyboard/IME derives the same key.
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(_passphrase_bytes(passphrase))


def seal_private_key(private_raw: bytes, passphrase: str) -> bytes:
    """A JSON envelope holding the private key AES-GCM encrypted under scrypt(passphrase)."""
    fp = fingerprint(public_key_of(private_raw))
    salt, nonce = os.urandom(16), os.urandom(12)
    key = _derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    # The fingerprint as associated data binds the envelope to its public key.
    ct = AESGCM(key).encrypt(nonce, private_raw, fp.encode("ascii"))
    envelope = {
        "v": 1,
        "kdf": "scrypt",
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "salt": _b64(salt),
        "nonce": _b64(nonce),
        "ct": _b64(ct),
        "alg": SEAL_ALG,
        "fingerprint": fp,
    }
    return json.dumps(envelope, sort_keys=True, separators=(",", ":")).encode("ascii")


def sealed_fingerprint(sealed: bytes) -> str:
    """The fingerprint an envelope claims (checked for real only when opened)."""
    return str(_read_envelope(sealed)["fingerprint"])


def _read_envelope(sealed: bytes) -> dict[str, Any]:
    try:
        env = json.loads(sealed)
    except (ValueError, UnicodeDecodeError) as exc:
        raise KeyFileError("密钥文件已损坏（不是有效的JSON）") from exc
    if not isinstance(env, dict) or env.get("v") != 1:
        raise KeyFileError("密钥文件格式不受支持")
    if env.get("kdf") != "scrypt" or env.get("alg") != SEAL_ALG:
        raise KeyFileError("密钥文件使用了不支持的算法")
    n, r, p = env.get("n"), env.get("r"), env.get("p")
    if not all(isinstance(x, int) and not isinstance(x, bool) for x in (n, r, p)):
        raise KeyFileError("密钥文件参数错误")
    assert isinstance(n, int) and isinstance(r, int) and isinstance(p, int)
    if not (2 <= n <= _MAX_N and n & (n - 1) == 0 and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P):
        raise KeyFileError("密钥文件参数超出范围")
    fp = env.get("fingerprint")
    if not isinstance(fp, str) or len(fp) != 64 or fp != fp.lower():
        raise KeyFileError("密钥文件缺少指纹")
    return env


def open_private_key(sealed: bytes, passphrase: str) -> bytes:
    """The raw private key; ``WrongPassphrase`` when the passphrase (or envelope) is wrong."""
    env = _read_envelope(sealed)
    salt = _unb64(env.get("salt"), "salt")
    nonce = _unb64(env.get("nonce"), "nonce")
    ct = _unb64(env.get("ct"), "ct")
    key = _derive(passphrase, salt, env["n"], env["r"], env["p"])
    try:
        private_raw = AESGCM(key).decrypt(nonce, ct, env["fingerprint"].encode("ascii"))
    except (InvalidTag, ValueError) as exc:
        raise WrongPassphrase() from exc
    if len(private_raw) != 32 or fingerprint(public_key_of(private_raw)) != env["fingerprint"]:
        raise KeyFileError("密钥文件与其指纹不符")
    return private_raw


# -- registration file (to the office) ----------------------------------------------------
@dataclass(frozen=True)
class Registration:
    unit: str
    unit_name: str
    public_key: bytes
    fingerprint: str
    created_at: datetime
    clerk: str


def iso_utc(at: datetime) -> str:
    if at.tzinfo is None:
        raise ValueError("naive datetime")
    return at.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_iso_utc(text: object, what: str = "time") -> datetime:
    if not isinstance(text, str):
        raise KeyFileError(f"{what}: 时间格式错误")
    try:
        at = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise KeyFileError(f"{what}: 时间格式错误") from exc
    if at.tzinfo is None:
        raise KeyFileError(f"{what}: 时间缺少时区")
    return at.astimezone(UTC)


def registration_document(
    unit_id: str, unit_name: str, public_raw: bytes, clerk: str, created_at: datetime
) -> dict[str, Any]:
    return {
        "format": REGISTRATION_FORMAT,
        "unit": unit_id,
        "unit_name": unit_name,
        "algorithm": ALGORITHM,
        "public_key": _b64(public_raw),
        "fingerprint": fingerprint(public_raw),
        "fingerprint_display": format_fingerprint(fingerprint(public_raw)),
        "created_at": iso_utc(created_at),
        "clerk": clerk,
    }


def write_json_atomic(path: Path, doc: dict[str, Any]) -> Path:
    """Write through a temporary file then replace, so a crash leaves no half file."""
    path = Path(path)
    data = (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    return path


def write_registration(path: Path, doc: dict[str, Any]) -> Path:
    return write_json_atomic(path, doc)


def _load_json_file(path: Path, err: type[KeyFileError]) -> dict[str, Any]:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise err(f"无法读取 {path}: {exc.strerror}") from exc
    if len(raw) > 1_000_000:
        raise err(f"{path}: 文件过大")
    try:
        doc = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise err(f"{path}: 不是有效的JSON") from exc
    if not isinstance(doc, dict):
        raise err(f"{path}: 格式错误")
    return doc


def registration_from_document(doc: dict[str, Any]) -> Registration:
    if doc.get("format") != REGISTRATION_FORMAT:
        raise RegistrationError("不是密钥登记文件（format 不符）")
    public = _unb64(doc.get("public_key"), "public_key")
    if len(public) != 32:
        raise RegistrationError("公钥长度错误")
    fp = doc.get("fingerprint")
    if not isinstance(fp, str) or fp.lower() != fingerprint(public):
        raise RegistrationError("登记文件中的指纹与公钥不符，文件可能被改动")
    unit, name, clerk = doc.get("unit"), doc.get("unit_name", ""), doc.get("clerk", "")
    if not isinstance(unit, str) or not unit:
        raise RegistrationError("登记文件缺少单位")
    if not isinstance(name, str) or not isinstance(clerk, str):
        raise RegistrationError("登记文件格式错误")
    created = parse_iso_utc(doc.get("created_at"), "created_at")
    return Registration(unit, name, public, fp.lower(), created, clerk)


def read_registration(path: Path) -> Registration:
    return registration_from_document(_load_json_file(path, RegistrationError))


# -- rotation statement (old key vouches for the new one) ---------------------------------
def canonical_bytes(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def rotation_statement(
    old_private: bytes, new_public: bytes, unit_id: str, at: datetime
) -> dict[str, Any]:
    body = {
        "format": ROTATION_FORMAT,
        "unit": unit_id,
        "algorithm": ALGORITHM,
        "old_fingerprint": fingerprint(public_key_of(old_private)),
        "new_public_key": _b64(new_public),
        "new_fingerprint": fingerprint(new_public),
        "at": iso_utc(at),
    }
    return {**body, "signature": _b64(sign(old_private, canonical_bytes(body)))}


def verify_rotation(doc: dict[str, Any], old_public: bytes) -> bytes:
    """The new public key, if ``doc`` is a statement signed by ``old_public``'s key."""
    if not isinstance(doc, dict) or doc.get("format") != ROTATION_FORMAT:
        raise RotationError("不是密钥更换声明（format 不符）")
    body = {k: v for k, v in doc.items() if k != "signature"}
    signature = _unb64(doc.get("signature"), "signature")
    if doc.get("old_fingerprint") != fingerprint(old_public):
        raise RotationError("声明不是由该旧密钥作出的")
    if not verify(old_public, canonical_bytes(body), signature):
        raise RotationError("密钥更换声明的签名无效")
    new_public = _unb64(doc.get("new_public_key"), "new_public_key")
    if len(new_public) != 32 or doc.get("new_fingerprint") != fingerprint(new_public):
        raise RotationError("声明中的新公钥与指纹不符")
    return new_public


def read_rotation(path: Path) -> dict[str, Any]:
    return _load_json_file(path, RotationError)


# -- key backup (still sealed by the passphrase) ------------------------------------------
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
    env = _read_envelope(sealed)
    if env["fingerprint"] != fingerprint(public):
        raise KeyFileError("备份的密钥与公钥不符")
    doc: dict[str, Any] = {
        "format": BACKUP_FORMAT,
        "unit": unit_id,
        "unit_name": unit_name,
        "clerk": clerk,
        "contact": contact,
        "algorithm": ALGORITHM,
        "public_key": _b64(public),
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
    public = _unb64(doc.get("public_key"), "public_key")
    env = doc.get("sealed_private_key")
    if not isinstance(env, dict):
        raise KeyFileError("密钥备份文件缺少加密的私钥")
    sealed = json.dumps(env, sort_keys=True, separators=(",", ":")).encode("ascii")
    if len(public) != 32 or _read_envelope(sealed)["fingerprint"] != fingerprint(public):
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


def import_key_backup(data: bytes) -> tuple[bytes, bytes]:
    """(sealed private key, public key) from a backup file's bytes."""
    backup = read_key_backup(data)
    return backup.sealed, backup.public_key


# -- printable registration sheet (stamped and sent, so the office confirms out of band) ----
def registration_sheet_html(reg: Registration, *, contact: str = "", plan_title: str = "") -> str:
    """An A4 page to print, sign and stamp: the fingerprint in large readable groups."""
    from html import escape

    groups = format_fingerprint(reg.fingerprint).split(" ")
    rows = "".join(
        "<tr>" + "".join(f"<td>{g}</td>" for g in groups[i : i + 4]) + "</tr>"
        for i in range(0, len(groups), 4)
    )
    created = reg.created_at.strftime("%Y-%m-%d %H:%M UTC")
    fields = [
        ("单位", f"{reg.unit_name}（{reg.unit}）"),
        ("填报人", reg.clerk),
        ("联系电话", contact),
        ("密钥生成时间", created),
        ("签名算法", ALGORITHM),
    ]
    info = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in fields)
    title = escape(plan_title) if plan_title else "质量工作任务填报"
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>签名密钥登记表 {escape(reg.unit_name)}</title>
<style>
@page {{ size: A4; margin: 20mm; }}
body {{ font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 12pt; }}
h1 {{ text-align: center; font-size: 18pt; }}
table.info th {{ text-align: left; width: 8em; padding: 4pt; }}
table.info td {{ padding: 4pt; border-bottom: 1px solid #999; min-width: 20em; }}
table.fp {{ margin: 8pt auto; border-collapse: collapse; }}
table.fp td {{ font-family: "Consolas", "DejaVu Sans Mono", monospace; font-size: 20pt;
  padding: 4pt 10pt; border: 1px solid #333; letter-spacing: 2pt; }}
.sign {{ margin-top: 24pt; line-height: 2.6; }}
</style></head><body>
<h1>签名密钥登记表</h1>
<p style="text-align:center">{title}</p>
<table class="info">{info}</table>
<h2>公钥指纹（SHA-256）</h2>
<table class="fp">{rows}</table>
<p>本单位确认：上列指纹是本单位报送文件所用签名密钥的指纹。市质量强市办收到登记文件后，
请逐组核对指纹与本表一致（可电话核对），核对无误后再登记。指纹不一致时请勿登记。</p>
<div class="sign">单位负责人（签字）：____________　　单位（盖章）　　日期：____年__月__日<br>
市质量强市办核对人：____________　核对方式：□电话 □当面 □本表　核对日期：____年__月__日</div>
</body></html>
"""
