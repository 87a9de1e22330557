"""A unit's Ed25519 signing key: sealing at rest, fingerprints, the registration file and the
rotation statement (the backup file: ``key_backup``; the printable sheet: ``registration_sheet``).

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
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# cryptography is imported by the functions that use it: the windows read fingerprints and
# registrations at start-up and must not load it before their first view (docs/design.md §6).

ALGORITHM = "Ed25519"
SEAL_ALG = "AES-256-GCM"
# Tests lower SCRYPT_N through monkeypatch; opening accepts any sane cost an envelope names.
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
_MAX_N, _MAX_R, _MAX_P = 2**20, 16, 4  # a hostile envelope must not exhaust memory

REGISTRATION_FORMAT = "qualityreport.key-registration/1"
ROTATION_FORMAT = "qualityreport.key-rotation/1"


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
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.generate().private_bytes_raw()


def public_key_of(private_raw: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

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
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(private_raw).sign(data)


def verify(public_raw: bytes, data: bytes, signature: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


# -- sealing at rest ----------------------------------------------------------------------
def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: object, what: str) -> bytes:
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
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(_passphrase_bytes(passphrase))


def seal_private_key(private_raw: bytes, passphrase: str) -> bytes:
    """A JSON envelope holding the private key AES-GCM encrypted under scrypt(passphrase)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

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
        "salt": b64(salt),
        "nonce": b64(nonce),
        "ct": b64(ct),
        "alg": SEAL_ALG,
        "fingerprint": fp,
    }
    return json.dumps(envelope, sort_keys=True, separators=(",", ":")).encode("ascii")


def sealed_fingerprint(sealed: bytes) -> str:
    """The fingerprint an envelope claims (checked for real only when opened)."""
    return str(read_envelope(sealed)["fingerprint"])


def read_envelope(sealed: bytes) -> dict[str, Any]:
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
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    env = read_envelope(sealed)
    salt = unb64(env.get("salt"), "salt")
    nonce = unb64(env.get("nonce"), "nonce")
    ct = unb64(env.get("ct"), "ct")
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
        "public_key": b64(public_raw),
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
    public = unb64(doc.get("public_key"), "public_key")
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
        "new_public_key": b64(new_public),
        "new_fingerprint": fingerprint(new_public),
        "at": iso_utc(at),
    }
    return {**body, "signature": b64(sign(old_private, canonical_bytes(body)))}


def verify_rotation(doc: dict[str, Any], old_public: bytes) -> bytes:
    """The new public key, if ``doc`` is a statement signed by ``old_public``'s key."""
    if not isinstance(doc, dict) or doc.get("format") != ROTATION_FORMAT:
        raise RotationError("不是密钥更换声明（format 不符）")
    body = {k: v for k, v in doc.items() if k != "signature"}
    signature = unb64(doc.get("signature"), "signature")
    if doc.get("old_fingerprint") != fingerprint(old_public):
        raise RotationError("声明不是由该旧密钥作出的")
    if not verify(old_public, canonical_bytes(body), signature):
        raise RotationError("密钥更换声明的签名无效")
    new_public = unb64(doc.get("new_public_key"), "new_public_key")
    if len(new_public) != 32 or doc.get("new_fingerprint") != fingerprint(new_public):
        raise RotationError("声明中的新公钥与指纹不符")
    return new_public


def read_rotation(path: Path) -> dict[str, Any]:
    return _load_json_file(path, RotationError)
