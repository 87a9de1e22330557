"""Signed submissions for tests: real payloads, real files, real zips taken apart, and files a
signer made by hand (the attack tests)."""

from __future__ import annotations

import io
import uuid
import zipfile
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from app.domain.catalog import Catalog
from app.domain.payload import PayloadEntry, PayloadIndicator, SubmissionPayload
from app.io.submission_reader import SubmissionRejected, verify_submission
from app.io.submission_writer import write_submission
from tests.kit.keys import Key

STATUSES = ("in_progress", "completed", "delayed", "not_started")


def make_payload(
    catalog: Catalog,
    unit: str = "zjj",
    period: str = "2016Q1",
    *,
    text: str = "按计划推进，完成阶段目标。",
    texts: tuple[str, ...] = (),
    version: int = 1,
    sequence: int = 1,
) -> SubmissionPayload:
    """Every task of the unit filled; ``texts`` (if given) cycle through the text fields."""
    entries = []
    pool = list(texts) or [text]
    k = 0
    for i, (task, _role) in enumerate(catalog.tasks_for_unit(unit)):
        fields = []
        for _ in range(3):
            fields.append(pool[k % len(pool)])
            k += 1
        entries.append(
            PayloadEntry(
                task=task.no,
                status=STATUSES[i % 4],
                percent=None if i % 4 == 3 else (i * 17) % 101,
                progress=fields[0],
                problems=fields[1],
                next_steps=fields[2],
                targets=tuple(
                    (x.name, Decimal("1500.5") + j if j % 2 == 0 else None)
                    for j, x in enumerate(task.targets)
                ),
            )
        )
    indicators = tuple(
        PayloadIndicator(ind.no, Decimal("93.4") + ind.no, f"说明{ind.no}")
        for ind in catalog.indicators_for_unit(unit)
    )
    return SubmissionPayload(
        plan_code=catalog.code,
        plan_hash=catalog.content_hash,
        unit_id=unit,
        unit_name=catalog.unit(unit).name,
        period=period,
        version=version,
        sequence=sequence,
        submission_id=str(uuid.uuid4()),
        created_at=datetime(2016, 4, 8, 7, 30, 15, tzinfo=UTC),
        app_version="0.1.0",
        clerk="张三",
        contact="0755-12345678",
        entries=tuple(entries),
        indicators=indicators,
        plan_revision=catalog.revision,
    )


def write(
    folder: Path, catalog: Catalog, key: Key, payload: SubmissionPayload, name: str = "s.xlsx"
) -> Path:
    path = folder / name
    write_submission(path, payload, catalog, key.public, key.sign)
    return path


def sample_submission(folder: Path, catalog: Catalog, key: Key) -> bytes:
    """The submission most file tests take apart: zjj 2016Q1, a text of two lines."""
    payload = make_payload(catalog, "zjj", texts=("进展顺利。\n第二行", "问题", "计划"))
    return write(folder, catalog, key, payload).read_bytes()


def rejected(data: bytes, catalog: Catalog | None, **kw: object) -> SubmissionRejected:
    with pytest.raises(SubmissionRejected) as info:
        verify_submission(data, catalog, **kw)  # type: ignore[arg-type]
    assert "\n" not in info.value.reason and info.value.reason
    return info.value


# -- taking zips apart --------------------------------------------------------------------
def entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def rezip(
    data: bytes | dict[str, bytes],
    replace: dict[str, bytes | None] | None = None,
    add: dict[str, bytes] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """The same workbook with parts replaced (None removes one) or added; ``data`` may be
    the workbook or its ``entries()`` already taken out (faster in loops)."""
    replace = replace or {}
    parts = entries(data) if isinstance(data, bytes) else data
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as out:
        for name, content in parts.items():
            new = replace.get(name, content)
            if new is not None:
                out.writestr(fixed_info(name, compression), new)
        for name, content in (add or {}).items():
            out.writestr(fixed_info(name, compression), content)
    return buf.getvalue()


def fixed_info(name: str, compression: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    """An entry stamped 1980-01-01, not now: the same input rezips to the same bytes even
    when two calls straddle a two-second tick of the zip clock."""
    info = zipfile.ZipInfo(name)
    info.compress_type = compression
    return info


def sheet_part(data: bytes, sheet_name: str) -> str:
    """The part holding a sheet (openpyxl writes them in order: sheet1, sheet2, ...)."""
    from app.io.submission_layout import SHEET_NAMES

    return f"xl/worksheets/sheet{SHEET_NAMES.index(sheet_name) + 1}.xml"


def custom_xml(props: dict[str, bytes | str]) -> bytes:
    """A docProps/custom.xml with these text properties; bytes values go in as they are
    (only &, < and > escaped), so a test can plant any byte sequence."""
    out = [
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/docPropsVTypes">'
    ]
    for pid, (name, value) in enumerate(props.items(), 2):
        raw = value if isinstance(value, bytes) else value.encode("utf-8")
        raw = raw.replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(b">", b"&gt;")
        out.append(
            b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="%d" name="%s">'
            b"<vt:lpwstr>%s</vt:lpwstr></property>" % (pid, escape(name).encode(), raw)
        )
    out.append(b"</Properties>")
    return b"".join(out)


def signed_properties(data: bytes) -> dict[str, str]:
    """The qr.* properties of a written file (read with the standard parser: test side)."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(entries(data)["docProps/custom.xml"])
    ns = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
    return {p.get("name", ""): (p[0].text or "") for p in root.iter(f"{ns}property")}


def repack(data: bytes) -> bytes:
    """The same package, its entries stored instead of deflated: other bytes, the same signed
    content (the manifest digests the uncompressed parts)."""
    from app.io.package_zip import build_zip

    return build_zip(list(entries(data).items()), deflate=False)


# -- files a signer makes by hand (attack tests) ------------------------------------------
def parts_of(data: bytes) -> list[tuple[str, bytes]]:
    """Every entry but docProps/custom.xml, in zip order: what the manifest lists."""
    return [(n, c) for n, c in entries(data).items() if n != "docProps/custom.xml"]


def signed_payload_bytes(data: bytes) -> bytes:
    from app.io.submission_reader import read_submission

    return read_submission(data).payload_bytes


def resigned(
    data: bytes,
    key: Key,
    replace: dict[str, bytes | None] | None = None,
    add: dict[str, bytes] | None = None,
    payload: bytes | None = None,
    kind: str = "submission",
) -> bytes:
    """The file's parts with some replaced (None removes one) or added, signed again by
    ``key`` with a fresh manifest: a file its signer made by hand, valid in every respect the
    signature covers. ``payload``: other signed payload bytes (default: the file's own)."""
    from app.io.signed_package import package_bytes

    replace = replace or {}
    parts = [(n, replace.get(n, c)) for n, c in parts_of(data)]
    kept = [(n, c) for n, c in parts if c is not None]
    kept += list((add or {}).items())
    raw = payload if payload is not None else signed_payload_bytes(data)
    return package_bytes(kind, kept, raw, key.public, key.sign, check=False)


def with_signed_document(data: bytes, key: Key, document: bytes, kind: str = "submission") -> bytes:
    """The file's parts with any signed document at all (even one no writer would make),
    validly signed by ``key``: what a hostile signer can hand over."""
    import base64
    import hashlib

    from app.io.package_props import FORMAT, chunk_name, property_chunks
    from app.io.package_zip import build_zip

    chunks = property_chunks(document.decode("utf-8"))
    props = [
        ("qr.format", FORMAT),
        ("qr.kind", kind),
        ("qr.algorithm", "Ed25519"),
        ("qr.public_key", base64.b64encode(key.public).decode()),
        ("qr.fingerprint", hashlib.sha256(key.public).hexdigest()),
        ("qr.signature", base64.b64encode(key.sign(document)).decode()),
        ("qr.signed.count", str(len(chunks))),
        *((chunk_name(i), c) for i, c in enumerate(chunks, 1)),
    ]
    return build_zip([*parts_of(data), ("docProps/custom.xml", custom_xml(dict(props)))])
