"""``verify FILE.xlsx [--pubkey FILE] [--integrity-only] [--json]``: check one signed submission,
write nothing.

The file is checked in full (design §3); its signer is verified against ``--pubkey`` or, on an
office computer, against the office's key registry. Exit 0 only for an intact file whose
signer was verified (or, with ``--integrity-only``, an intact file); 1 when the file is refused
or its signer could not be verified; 2 for bad usage (no such file, an unreadable key file).
With ``--json`` every outcome prints one JSON object: ``file``, ``valid`` (intact),
``signer_verified``, ``code``, ``params``, ``reason``, ``unit``, ``unit_name``, ``period``,
``version``, ``fingerprint``, ``sha256``.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import hashlib
import json
import logging
import sys
from pathlib import Path
from typing import Any

from app.cli.catalog_cmd import current_plans
from app.cli.common import CliError, Context, output_lang, print_json
from app.domain.messages import Message
from app.io.keys import format_fingerprint
from app.io.submission_reader import SubmissionRejected, VerifiedSubmission, verify_submission

MAX_KEY_FILE = 64 * 1024
log = logging.getLogger(__name__)


class UsageRefusal(Exception):
    """Bad usage (exit 2), with its Message."""

    def __init__(self, code: str, **params: object) -> None:
        self.message = Message.of(code, **params)
        super().__init__(self.message.render("zh"))


def register(sub: Any) -> None:
    p = sub.add_parser(
        "verify", help="check one signed submission file (signature, parts, key, visible cells)"
    )
    p.add_argument("file", metavar="FILE.xlsx", help="the submission file")
    p.add_argument(
        "--pubkey",
        metavar="FILE",
        help="the unit's key registration file (JSON), or a raw / base64 / PEM public key",
    )
    p.add_argument(
        "--integrity-only",
        action="store_true",
        help="succeed for an intact file even when its signer cannot be verified",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=run)


def load_public_key(path: Path) -> bytes:
    """The raw 32-byte Ed25519 key from a registration file, PEM, base64 text or raw bytes."""
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_KEY_FILE + 1)
    except OSError as exc:
        raise UsageRefusal("pubkey_unreadable", path=path, detail=exc.strerror or exc) from exc
    if len(raw) > MAX_KEY_FILE:
        raise UsageRefusal("pubkey_invalid", path=path)
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
            raise UsageRefusal("pubkey_invalid", path=path) from exc
        if not isinstance(key, Ed25519PublicKey):
            raise UsageRefusal("pubkey_invalid", path=path)
        return key.public_bytes_raw()
    return _b64_key(path, text)


def _b64_key(path: Path, text: object) -> bytes:
    if not isinstance(text, str):
        raise UsageRefusal("pubkey_invalid", path=path)
    try:
        key = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise UsageRefusal("pubkey_invalid", path=path) from exc
    if len(key) != 32:
        raise UsageRefusal("pubkey_invalid", path=path)
    return key


def _key_from_registration(path: Path, text: str) -> bytes:
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise UsageRefusal("pubkey_invalid", path=path) from exc
    if not isinstance(doc, dict) or "public_key" not in doc:
        raise UsageRefusal("pubkey_invalid", path=path)
    key = _b64_key(path, doc["public_key"])
    fp = doc.get("fingerprint")
    if fp is not None and (
        not isinstance(fp, str) or fp.replace(" ", "").lower() != hashlib.sha256(key).hexdigest()
    ):
        raise UsageRefusal("pubkey_fingerprint", path=path)
    return key


def _registry_verdict(ctx: Context, v: VerifiedSubmission) -> Message | None:
    """On an office computer: None when the registry holds the key for the file's unit
    now, else why not. Elsewhere (no office store): the signer stays unverified."""
    s = ctx.settings
    if not (s.db_url or s.office_store_path.exists()):
        return Message.of("signer_unverified", fingerprint=format_fingerprint(v.fingerprint))
    from app.services.office_trust import signer_for_unit

    return signer_for_unit(ctx.office_store(), v.payload.unit_id, v.fingerprint).message


def _result(path: Path, message: Message, **fields: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {"file": str(path), "valid": False, "signer_verified": False}
    doc.update(dict.fromkeys(("unit", "unit_name", "period", "version", "fingerprint"), None))
    doc.update(message.to_json())
    doc.update(fields)
    doc["message"] = message  # taken out before printing: the reason in the chosen language
    return doc


def _check(ctx: Context, args: argparse.Namespace, path: Path) -> tuple[int, dict[str, Any]]:
    """(exit status, the JSON document) of one verification."""
    if not path.is_file():
        return 2, _result(path, Message.of("file_missing", path=path))
    try:
        pubkey = load_public_key(Path(args.pubkey)) if args.pubkey else None
    except UsageRefusal as exc:
        return 2, _result(path, exc.message)
    try:
        v = verify_submission(path, current_plans(ctx), pubkey=pubkey)
    except SubmissionRejected as exc:
        p = exc.payload
        about = {"unit": p.unit_id, "unit_name": p.unit_name, "period": p.period,
                 "version": p.version} if p else {}  # fmt: skip
        return 1, _result(path, exc.message, fingerprint=exc.fingerprint, **about)
    p = v.payload
    verdict = None if pubkey is not None else _registry_verdict(ctx, v)
    doc = _result(
        path, verdict or Message.of("ok"), valid=True, signer_verified=verdict is None,
        unit=p.unit_id, unit_name=p.unit_name, period=p.period, version=p.version,
        fingerprint=v.fingerprint, sha256=v.file_sha256,
    )  # fmt: skip
    if verdict is None or args.integrity_only:
        return 0, doc
    return 1, doc


def run(ctx: Context, args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        status, doc = _check(ctx, args, path)
    except CliError as exc:  # the installed plan or the store could not be read
        status, doc = exc.code, _result(path, exc.message)
    except Exception as exc:  # one outcome, never a traceback; the log keeps it
        log.exception("verify %s failed", path)
        status, doc = 1, _result(path, Message.of("internal_error", detail=type(exc).__name__))
    doc["reason"] = doc.pop("message").render(output_lang(args))
    if args.json:
        print_json(doc)
    elif status == 2:
        print(f"error: {doc['reason']}", file=sys.stderr)
    else:
        print(_line(doc, args.integrity_only))
    return status


def _line(doc: dict[str, Any], integrity_only: bool) -> str:
    if not doc["valid"]:
        return f"REFUSED: {doc['reason']}"
    what = f"{doc['unit_name']} {doc['period']} v{doc['version']}"
    signer = format_fingerprint(doc["fingerprint"])
    if doc["signer_verified"]:
        return f"OK: {what} signed by {signer} (signer verified)"
    if integrity_only:
        return f"OK (integrity only): {what} signed by {signer} (signer not verified)"
    return f"UNVERIFIED: {what}: {doc['reason']}"
