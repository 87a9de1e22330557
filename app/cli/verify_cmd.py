"""``verify FILE.xlsx [--pubkey FILE] [--json]``: check one signed submission, write nothing.

Exit 0 only for a valid file; 1 when the file is refused (one line with the reason); 2 for bad
usage (no such file, an unreadable key file).
"""

from __future__ import annotations

import argparse
import base64
import binascii
import hashlib
import json
from pathlib import Path
from typing import Any

from app.cli.catalog_cmd import current_catalog
from app.cli.common import CliError, Context, print_json
from app.io.keys import format_fingerprint
from app.io.submission_reader import SubmissionRejected, verify_submission

MAX_KEY_FILE = 64 * 1024


def register(sub: Any) -> None:
    p = sub.add_parser(
        "verify", help="check one signed submission file (signature, key, visible cells)"
    )
    p.add_argument("file", metavar="FILE.xlsx", help="the submission file")
    p.add_argument(
        "--pubkey",
        metavar="FILE",
        help="the unit's key registration file (JSON), or a raw / base64 / PEM public key",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=run)


def load_public_key(path: Path) -> bytes:
    """The raw 32-byte Ed25519 key from a registration file, PEM, base64 text or raw bytes."""
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_KEY_FILE + 1)
    except OSError as exc:
        raise CliError(f"无法读取公钥文件 {path}：{exc.strerror or exc}", 2) from exc
    if len(raw) > MAX_KEY_FILE:
        raise CliError(f"{path}：不是公钥文件（文件过大）", 2)
    if len(raw) == 32:
        return raw
    text = raw.decode("utf-8", errors="replace").strip()
    if text.startswith("{"):
        return _key_from_registration(path, text)
    if text.startswith("-----BEGIN PUBLIC KEY-----"):
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
        from cryptography.hazmat.primitives.serialization import load_pem_public_key

        try:
            key = load_pem_public_key(raw)
        except ValueError as exc:
            raise CliError(f"{path}：PEM 公钥无法读取", 2) from exc
        if not isinstance(key, Ed25519PublicKey):
            raise CliError(f"{path}：不是 Ed25519 公钥", 2)
        return key.public_bytes_raw()
    return _b64_key(path, text)


def _b64_key(path: Path, text: object) -> bytes:
    if not isinstance(text, str):
        raise CliError(f"{path}：public_key 应为 base64 文本", 2)
    try:
        key = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise CliError(f"{path}：不是公钥文件（应为登记文件、PEM 或 base64）", 2) from exc
    if len(key) != 32:
        raise CliError(f"{path}：公钥长度错误（应为 32 字节）", 2)
    return key


def _key_from_registration(path: Path, text: str) -> bytes:
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise CliError(f"{path}：不是有效的 JSON", 2) from exc
    if not isinstance(doc, dict) or "public_key" not in doc:
        raise CliError(f"{path}：登记文件缺少 public_key", 2)
    key = _b64_key(path, doc["public_key"])
    fp = doc.get("fingerprint")
    if fp is not None and (
        not isinstance(fp, str) or fp.replace(" ", "").lower() != hashlib.sha256(key).hexdigest()
    ):
        raise CliError(f"{path}：登记文件中的指纹与公钥不符", 2)
    return key


def run(ctx: Context, args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"找不到文件：{path}", 2)
    pubkey = load_public_key(Path(args.pubkey)) if args.pubkey else None
    catalog = current_catalog(ctx)
    try:
        v = verify_submission(path, catalog, pubkey=pubkey)
    except SubmissionRejected as exc:
        if args.json:
            p = exc.payload
            print_json(
                {
                    "file": str(path),
                    "valid": False,
                    "reason": exc.reason,
                    "code": exc.code,
                    "unit": p.unit_id if p else None,
                    "period": p.period if p else None,
                    "version": p.version if p else None,
                    "fingerprint": exc.fingerprint,
                }
            )
        else:
            print(f"REFUSED: {exc.reason}")
        return 1
    p = v.payload
    if args.json:
        print_json(
            {
                "file": str(path),
                "valid": True,
                "reason": "",
                "code": "ok",
                "unit": p.unit_id,
                "unit_name": p.unit_name,
                "period": p.period,
                "version": p.version,
                "fingerprint": v.fingerprint,
                "sha256": v.file_sha256,
            }
        )
    else:
        print(
            f"OK: {p.unit_name} {p.period} v{p.version} "
            f"signed by {format_fingerprint(v.fingerprint)}"
        )
    return 0
