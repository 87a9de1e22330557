"""One signed package for every kind of signed file (design §3): read, verify, write.

A package is a printable workbook whose every part is signed, like an OOXML digital signature
or a JAR manifest. The signed document is canonical JSON (app.io.canonical):

    {"format": "qualityreport.signed-xlsx/2",
     "kind": "submission" | "plan" | "feedback",
     "manifest": [{"name": <zip entry name>, "sha256": <hex of its uncompressed bytes>}, ...],
     "payload": <the kind's canonical JSON>}

The manifest lists every zip entry except ``docProps/custom.xml``, in the order of the zip;
``docProps/custom.xml`` carries the signed document, the key and the Ed25519 signature over
the document's bytes (app.io.package_props). The zip has exactly one shape
(app.io.package_zip). ``read_package`` accepts a file only when all of it holds: the shape,
the strict custom.xml, the signature, the document's canonical form and kind, and every
entry's name, order and digest against the manifest. What a kind's payload means (and what
its sheets must show) is the kind's own reader's business (app.io.submission_reader).

Order of the checks: the bytes and the zip shape, every entry inflated within its bounds,
custom.xml, the signature, the document, the manifest, then the parts themselves: no link
outside the package and nothing the writer does not write (app.io.package_parts). custom.xml
is the only part parsed as XML before the signature and the manifest have been checked.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.domain.payload import PayloadError
from app.io.atomic_file import write_atomic
from app.io.canonical import json_bytes, parse_json_strict
from app.io.keys import format_fingerprint
from app.io.package_errors import PackageRejected, shown
from app.io.package_parts import check_parts
from app.io.package_props import (
    FORMAT,
    PART,
    chunk_name,
    custom_xml,
    property_chunks,
    read_properties,
    signed_properties,
)
from app.io.package_zip import (
    ZipEntry,
    build_zip,
    check_name,
    entry_bytes,
    load,
    read_entries,
)

KINDS = ("submission", "plan", "feedback")
ALGORITHM = "Ed25519"
# No kind of signed file may carry active or hidden content, whoever signed it: by part name
# (lower case fragment -> code), checked before anything is parsed, so that these are refused
# by their own names; after the signature, app.io.package_parts allows only what the writer
# writes.
FORBIDDEN_PARTS = (
    ("vbaproject", "macro"),
    ("macrosheets/", "macro"),
    ("externallinks/", "external_link"),
    ("connections.xml", "external_link"),
    ("querytables/", "external_link"),
    ("embeddings/", "embedded_object"),
    ("oleobject", "embedded_object"),
    ("activex", "activex"),
    ("drawings/", "drawing"),
)
_DOC_KEYS = frozenset({"format", "kind", "manifest", "payload"})
_ENTRY_KEYS = frozenset({"name", "sha256"})
_HEX = frozenset("0123456789abcdef")


# the signed payload (parsed JSON) -> (the kind's object, that object's canonical bytes)
PayloadReader = Callable[[Any], tuple[Any, bytes]]


class PackageWriteError(PayloadError):
    """The writer was given something it cannot sign (a bad key pair, a name, a payload)."""


@dataclass(frozen=True)
class SignedPackage:
    """A package whose shape, signature and manifest hold; its signer is not yet judged."""

    sha256: str  # of the whole file
    kind: str
    fingerprint: str
    public_key: bytes
    signature: bytes
    signed: bytes  # the signed document, exactly as signed
    payload: Any = field(repr=False)  # the kind's object made of its "payload"
    payload_bytes: bytes = field(repr=False)  # the payload's bytes, as signed (canonical)
    parts: Mapping[str, bytes] = field(repr=False, compare=False)  # all but custom.xml


# -- reading ------------------------------------------------------------------------------
def plain_json(value: Any) -> tuple[Any, bytes]:
    """The payload reader of a kind whose payload is plain JSON: itself, canonically."""
    return value, json_bytes(value)


def read_package(
    source: bytes | str | os.PathLike[str],
    kind: str,
    read_payload: PayloadReader = plain_json,
) -> SignedPackage:
    """The whole generic check of one file of ``kind``; raises PackageRejected.

    ``read_payload`` turns the signed payload (parsed JSON) into the kind's object and that
    object's canonical bytes, raising PayloadError when it is not one; the bytes must equal
    the signed ones, so a payload has exactly one signed form."""
    data = load(source)
    entries = read_entries(data)
    _no_forbidden_parts(entries)
    contents = {e.name: entry_bytes(data, e) for e in entries}
    carrier = contents.pop(PART, None)
    if carrier is None:
        raise PackageRejected("no_payload")
    head, text = signed_properties(read_properties(carrier))
    public_key, signature, fingerprint = _key_and_signature(head)
    signed = _signed(text, public_key, signature)
    try:
        doc_kind, manifest, value, payload_raw = _document(signed)
        if doc_kind != kind or head["qr.kind"] != doc_kind:
            raise PackageRejected("wrong_kind", kind=shown(doc_kind), expected=kind)
        payload = _payload(read_payload, value, payload_raw)
    except PackageRejected as exc:
        raise exc.knowing(fingerprint) from None
    try:
        _check_manifest(manifest, [e.name for e in entries if e.name != PART], contents)
        check_parts((e.name for e in entries), contents)
    except PackageRejected as exc:  # what the signer signed stays known (the import log)
        raise exc.knowing(fingerprint, payload) from None
    return SignedPackage(
        sha256=hashlib.sha256(data).hexdigest(),
        kind=doc_kind,
        fingerprint=fingerprint,
        public_key=public_key,
        signature=signature,
        signed=signed,
        payload=payload,
        payload_bytes=payload_raw,
        parts=MappingProxyType(contents),
    )


def _no_forbidden_parts(entries: Sequence[ZipEntry]) -> None:
    for entry in entries:
        low = entry.name.lower()
        for fragment, code in FORBIDDEN_PARTS:
            if fragment in low:
                raise PackageRejected(code, name=entry.name)


def _signed(text: str, public_key: bytes, signature: bytes) -> bytes:
    """The signed document's bytes, once the signature over them holds."""
    try:
        signed = text.encode("utf-8")
    except UnicodeEncodeError:
        raise PackageRejected("bad_properties", name=chunk_name(1)) from None
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, signed)
    except (InvalidSignature, ValueError):
        raise PackageRejected("bad_signature") from None
    return signed


def _payload(read_payload: PayloadReader, value: Any, signed_bytes: bytes) -> Any:
    try:
        payload, canonical = read_payload(value)
    except PayloadError as exc:
        raise PackageRejected("bad_payload", detail=shown(str(exc))) from None
    if canonical != signed_bytes:
        raise PackageRejected("not_canonical").knowing(None, payload)
    return payload


def _b64(text: str, name: str, size: int) -> bytes:
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise PackageRejected("bad_properties", name=name) from None
    if len(raw) != size:
        raise PackageRejected("bad_properties", name=name)
    return raw


def _key_and_signature(head: Mapping[str, str]) -> tuple[bytes, bytes, str]:
    if head["qr.algorithm"] != ALGORITHM:
        raise PackageRejected("bad_algorithm", algorithm=shown(head["qr.algorithm"]))
    public_key = _b64(head["qr.public_key"], "qr.public_key", 32)
    signature = _b64(head["qr.signature"], "qr.signature", 64)
    fingerprint = head["qr.fingerprint"]
    if len(fingerprint) != 64 or not set(fingerprint) <= _HEX:
        raise PackageRejected("bad_properties", name="qr.fingerprint")
    if hashlib.sha256(public_key).hexdigest() != fingerprint:
        raise PackageRejected("fingerprint_mismatch")
    return public_key, signature, fingerprint


def _document(signed: bytes) -> tuple[str, list[tuple[str, str]], Any, bytes]:
    """(kind, manifest, payload value, payload bytes) of a signed document in canonical form."""
    try:
        doc = parse_json_strict(signed, duplicates_checked_by_caller=True)  # canonical below
    except PayloadError as exc:
        raise PackageRejected("bad_payload", detail=shown(str(exc))) from None
    if not isinstance(doc, dict) or doc.keys() != _DOC_KEYS:
        raise PackageRejected("bad_payload", detail="format, kind, manifest, payload")
    if doc["format"] != FORMAT:
        raise PackageRejected("unsupported_format", format=shown(str(doc["format"])))
    kind = doc["kind"]
    if kind not in KINDS:
        raise PackageRejected("bad_payload", detail=f"kind {shown(str(kind))}")
    manifest = _manifest(doc["manifest"])
    prefix = _head(kind, manifest)
    if not (signed.startswith(prefix) and signed.endswith(b"}")):
        raise PackageRejected("not_canonical")
    return kind, manifest, doc["payload"], signed[len(prefix) : -1]


def _manifest(value: Any) -> list[tuple[str, str]]:
    if not isinstance(value, list):
        raise PackageRejected("bad_payload", detail="manifest")
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for item in value:
        if not isinstance(item, dict) or item.keys() != _ENTRY_KEYS:
            raise PackageRejected("bad_payload", detail="manifest")
        name, digest = item["name"], item["sha256"]
        if not isinstance(name, str) or not isinstance(digest, str):
            raise PackageRejected("bad_payload", detail="manifest")
        if name == PART or name in seen or len(digest) != 64 or not set(digest) <= _HEX:
            raise PackageRejected("bad_payload", detail=f"manifest {shown(name)}")
        check_name(name)
        seen.add(name)
        out.append((name, digest))
    return out


def _head(kind: str, manifest: Sequence[tuple[str, str]]) -> bytes:
    """The canonical document's bytes before the payload (keys sort: format, kind,
    manifest, payload)."""
    listed = [{"name": n, "sha256": d} for n, d in manifest]
    head = json_bytes({"format": FORMAT, "kind": kind, "manifest": listed})
    return head[:-1] + b',"payload":'


def _check_manifest(
    manifest: Sequence[tuple[str, str]], names: Sequence[str], contents: Mapping[str, bytes]
) -> None:
    """Exactly the listed entries, in the listed order, each with its listed digest."""
    listed = [n for n, _d in manifest]
    if listed != list(names):
        known = set(listed)
        extra = [n for n in names if n not in known]
        if extra:
            raise PackageRejected("manifest_extra", name=shown(extra[0]))
        missing = [n for n in listed if n not in contents]
        if missing:
            raise PackageRejected("manifest_missing", name=shown(missing[0]))
        first = next((n for n, m in zip(names, listed, strict=False) if n != m), names[-1])
        raise PackageRejected("manifest_order", name=shown(first))
    for name, digest in manifest:
        if hashlib.sha256(contents[name]).hexdigest() != digest:
            raise PackageRejected("manifest_digest", name=shown(name))


def check_signer(
    package: SignedPackage,
    *,
    pubkey: bytes | None = None,
    trusted: Callable[[str], bytes | None] | None = None,
) -> None:
    """The signing key must be the given one and/or the one registered for its fingerprint."""
    fp = package.fingerprint
    groups = format_fingerprint(fp)
    if pubkey is not None and pubkey != package.public_key:
        raise PackageRejected("wrong_key", fingerprint=groups).knowing(fp)
    if trusted is not None:
        registered = trusted(fp)
        if registered is None:
            raise PackageRejected("unregistered_key", fingerprint=groups).knowing(fp)
        if registered != package.public_key:
            raise PackageRejected("registered_key_differs", fingerprint=groups).knowing(fp)


# -- writing ------------------------------------------------------------------------------
def package_bytes(
    kind: str,
    parts: Sequence[tuple[str, bytes]],
    payload_bytes: bytes,
    public_key: bytes,
    sign: Callable[[bytes], bytes],
    *,
    check: bool = True,
) -> bytes:
    """The package of ``parts`` (every entry but custom.xml, in zip order) signed with the
    kind's canonical ``payload_bytes``, read back in full before it is returned, so a writer
    can never hand out a file its own reader refuses (the payload must be canonical JSON, the
    names allowed, the sizes within bounds). ``check=False`` skips the reading back: attack
    tests build hostile but validly signed files with it. Raises PackageWriteError."""
    if kind not in KINDS or any(name == PART for name, _c in parts):
        raise PackageWriteError(f"cannot sign {kind!r} with its own {PART}")
    try:
        manifest = [(n, hashlib.sha256(c).hexdigest()) for n, c in parts]
        for name, _digest in manifest:
            check_name(name)
    except PackageRejected as exc:
        raise PackageWriteError(exc.reason) from exc
    signed = _head(kind, manifest) + payload_bytes + b"}"
    signature = sign(signed)
    try:  # a mismatched key/signer pair would produce a file nobody can verify
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, signed)
    except (InvalidSignature, ValueError) as exc:
        raise PackageWriteError("签名与公钥不匹配") from exc
    data = build_zip([*parts, (PART, custom_xml(_properties(kind, public_key, signature, signed)))])
    if check:
        try:
            read_package(data, kind)
        except PackageRejected as exc:
            raise PackageWriteError(exc.reason) from exc
    return data


def _properties(
    kind: str, public_key: bytes, signature: bytes, signed: bytes
) -> list[tuple[str, str]]:
    chunks = property_chunks(signed.decode("utf-8"))
    return [
        ("qr.format", FORMAT),
        ("qr.kind", kind),
        ("qr.algorithm", ALGORITHM),
        ("qr.public_key", base64.b64encode(public_key).decode("ascii")),
        ("qr.fingerprint", hashlib.sha256(public_key).hexdigest()),
        ("qr.signature", base64.b64encode(signature).decode("ascii")),
        ("qr.signed.count", str(len(chunks))),
        *((chunk_name(i), c) for i, c in enumerate(chunks, 1)),
    ]


def write_package(path: Path, data: bytes) -> str:
    """Write a package atomically; returns its SHA-256 (hex)."""
    write_atomic(Path(path), data)
    return hashlib.sha256(data).hexdigest()
