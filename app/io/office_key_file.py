"""The office's key registration file (``office key export``) and its rotation statements.

A unit trusts the office's Ed25519 key the way the office trusts a unit's: from a file whose
fingerprint the clerk confirms by phone or on the stamped sheet (docs/design.md §3). The file
is JSON of its own format, so a unit's registration file can never pass for the office's.
A rotation statement is ``app.io.keys``'s, made with ``"unit": "office"``: the old key signs
the new one, and a unit that trusts the old key follows it to the new (a statement travels
in every later plan package and feedback file).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from app.domain.messages import Refusal
from app.io import keys
from app.io.bounded_read import read_bounded

OFFICE_KEY_FORMAT = "qualityreport.office-key/1"
OFFICE_SUBJECT = "office"  # the "unit" a statement of the office's key names
MAX_FILE_BYTES = 1_000_000
MAX_STATEMENTS = 50  # rotations carried in one package: one a year is plenty
_STATEMENT_KEYS = frozenset(
    {
        "format",
        "unit",
        "algorithm",
        "old_fingerprint",
        "new_public_key",
        "new_fingerprint",
        "at",
        "signature",
    }
)


@dataclass(frozen=True)
class OfficeKeyFile:
    fingerprint: str
    public_key: bytes
    office: str
    created_at: datetime


def office_key_document(office: str, public_raw: bytes, created_at: datetime) -> dict[str, Any]:
    fp = keys.fingerprint(public_raw)
    return {
        "format": OFFICE_KEY_FORMAT,
        "office": office,
        "algorithm": keys.ALGORITHM,
        "public_key": keys.b64(public_raw),
        "fingerprint": fp,
        "fingerprint_display": keys.format_fingerprint(fp),
        "created_at": keys.iso_utc(created_at),
    }


def office_key_from_document(doc: object) -> OfficeKeyFile:
    """The key a document names; ``Refusal("office_key_file_bad")`` when it is not one."""
    if not isinstance(doc, dict) or doc.get("format") != OFFICE_KEY_FORMAT:
        raise Refusal("office_key_file_bad", detail="format")
    try:
        public = keys.unb64(doc.get("public_key"), "public_key")
        created = keys.parse_iso_utc(doc.get("created_at"), "created_at")
    except keys.KeyFileError as exc:
        raise Refusal("office_key_file_bad", detail=str(exc)[:80]) from exc
    fp, office = doc.get("fingerprint"), doc.get("office", "")
    if len(public) != 32 or not isinstance(fp, str) or fp != keys.fingerprint(public):
        raise Refusal("office_key_file_bad", detail="fingerprint")
    if doc.get("algorithm") != keys.ALGORITHM or not isinstance(office, str):
        raise Refusal("office_key_file_bad", detail="algorithm")
    return OfficeKeyFile(fp, public, office[:200], created)


def read_office_key_file(path: Path) -> OfficeKeyFile:
    import json

    raw = read_bounded(Path(path), MAX_FILE_BYTES, "office_key_file_too_large")
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise Refusal("office_key_file_bad", detail="JSON") from exc
    return office_key_from_document(doc)


def checked_statement(doc: object) -> dict[str, str]:
    """A rotation statement's shape (its signature is checked against the old key by
    ``follow``): exactly its keys, each text of bounded length."""
    if not isinstance(doc, dict) or frozenset(doc) != _STATEMENT_KEYS:
        raise ValueError("rotation statement: keys")
    if not all(isinstance(v, str) and len(v) <= 200 for v in doc.values()):
        raise ValueError("rotation statement: values")
    if doc["unit"] != OFFICE_SUBJECT:
        raise ValueError("rotation statement: not the office's")
    return dict(doc)


def follow(trusted_public: bytes, statements: list[dict[str, str]], target_fp: str) -> list[bytes]:
    """The keys from the trusted one to ``target_fp``, each vouched for by the one before
    (empty when ``target_fp`` is the trusted key's; ``Refusal`` when no chain reaches it)."""
    chain: list[bytes] = []
    current = trusted_public
    by_old = {s["old_fingerprint"]: s for s in statements}
    while keys.fingerprint(current) != target_fp:
        statement = by_old.pop(keys.fingerprint(current), None)
        if statement is None:
            raise Refusal("office_key_untrusted", fingerprint=keys.format_fingerprint(target_fp))
        try:
            current = keys.verify_rotation(statement, current)
        except keys.KeyFileError as exc:
            raise Refusal("office_rotation_bad", detail=str(exc)[:80]) from exc
        chain.append(current)
    return chain
