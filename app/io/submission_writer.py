"""Write one signed submission workbook (design §3), atomically.

The people's part is the sheets of ``submission_layout`` (cover, tasks, indicators, and the
responses to 督办 notices when there are any), painted to print on A4 landscape by
``app.io.printable_book``. The machine's part is the signed package around it
(app.io.signed_package): every part of the workbook listed with its SHA-256 in the signed
document beside the canonical payload, and ``docProps/custom.xml`` carrying the document, the
key and the Ed25519 signature. openpyxl is given one placeholder custom property so that it
writes the content type and the relationship of ``docProps/custom.xml``; the placeholder part
itself is replaced by the signed one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from app.domain.catalog import Catalog
from app.domain.payload import PayloadError, SubmissionPayload, payload_problems
from app.io.canonical import payload_bytes
from app.io.package_props import property_chunks
from app.io.printable_book import BookLook, book_parts
from app.io.signed_package import package_bytes, write_package
from app.io.submission_layout import submission_footer, submission_layout

__all__ = ["property_chunks", "submission_bytes", "write_submission"]
KIND = "submission"


def submission_bytes(
    payload: SubmissionPayload,
    catalog: Catalog,
    public_key: bytes,
    sign: Callable[[bytes], bytes],
) -> bytes:
    """The signed workbook of ``payload``. Raises PayloadError when the payload does not fit
    the plan or the key does not match the signer."""
    problems = payload_problems(payload, catalog)
    if problems:
        raise PayloadError("；".join(m.render("zh") for m in problems[:3]))
    if len(public_key) != 32:
        raise PayloadError("公钥长度错误（应为 32 字节）")
    fingerprint = hashlib.sha256(public_key).hexdigest()
    look = BookLook(
        title=f"{payload.unit_name} {payload.period} 报送文件 第 {payload.version} 版",
        footer=submission_footer(payload),
    )
    parts = book_parts(submission_layout(payload, catalog, fingerprint), look)
    return package_bytes(KIND, parts, payload_bytes(payload), public_key, sign)


def write_submission(
    path: Path,
    payload: SubmissionPayload,
    catalog: Catalog,
    public_key: bytes,
    sign: Callable[[bytes], bytes],
) -> str:
    """Sign ``payload`` with ``sign`` and write the workbook to ``path``; returns the file's
    SHA-256 (hex). Raises PayloadError when the payload does not fit the plan or the key, and
    OSError when the file cannot be written; an existing file at ``path`` is then untouched."""
    return write_package(Path(path), submission_bytes(payload, catalog, public_key, sign))
