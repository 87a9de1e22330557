"""The floor of any verifying importer in Python (docs/design.md §6), per file: read it, SHA-256
of its bytes, python-calamine over every sheet, defusedxml on ``docProps/custom.xml``, one
Ed25519 verify of the signed document, one SQLite transaction storing the rows.

It checks nothing else (no zip shape, no manifest, no payload, no visible cells) and stores
the sheets' rows as they come; it runs in one process, with the importer's SQLite settings
(WAL, ``synchronous=NORMAL`` during a batch).

    python -m tools.bench.floor DB FILE...    prints the seconds it took
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import sqlite3
import sys
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS file (id INTEGER PRIMARY KEY, sha256 TEXT UNIQUE, signed BLOB)",
    "CREATE TABLE IF NOT EXISTS row (file_id INTEGER, sheet TEXT, no INTEGER, cells TEXT)",
)


def open_db(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    for statement in SCHEMA:
        conn.execute(statement)
    return conn


def signed_document(custom: bytes) -> tuple[bytes, bytes, bytes]:
    """(the signed bytes, public key, signature) from custom.xml, parsed by defusedxml."""
    from defusedxml.ElementTree import fromstring

    props: dict[str, str] = {}
    for prop in fromstring(custom):
        props[prop.get("name", "")] = prop[0].text or ""
    count = int(props["qr.signed.count"])
    text = "".join(props[f"qr.signed.{i:04d}"] for i in range(1, count + 1))
    key = base64.b64decode(props["qr.public_key"])
    return text.encode("utf-8"), key, base64.b64decode(props["qr.signature"])


def floor_one(conn: sqlite3.Connection, path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from python_calamine import CalamineWorkbook

    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets = [(name, book.get_sheet_by_name(name).to_python()) for name in book.sheet_names]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        signed, key, signature = signed_document(z.read("docProps/custom.xml"))
    Ed25519PublicKey.from_public_bytes(key).verify(signature, signed)
    conn.execute("BEGIN")
    cur = conn.execute("INSERT INTO file (sha256, signed) VALUES (?, ?)", (digest, signed))
    file_id = cur.lastrowid
    conn.executemany(
        "INSERT INTO row VALUES (?, ?, ?, ?)",
        (
            (file_id, name, no, json.dumps(row, ensure_ascii=False, default=str))
            for name, rows in sheets
            for no, row in enumerate(rows)
        ),
    )
    conn.execute("COMMIT")


def floor_import(files: Sequence[Path], db: Path) -> None:
    """Every file through the floor, into a fresh database at ``db``."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    conn = open_db(db)
    try:
        for f in files:
            floor_one(conn, f)
    finally:
        conn.close()


if __name__ == "__main__":
    started = time.perf_counter()
    floor_import([Path(a) for a in sys.argv[2:]], Path(sys.argv[1]))
    print(f"{time.perf_counter() - started:.3f}")
