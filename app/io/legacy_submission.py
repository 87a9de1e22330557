"""The numbering in a submission of the first format (``qualityreport.signed-xlsx/1``), for the
clerk's own recovery only.

The office refuses such files (``old_format``: not every part was signed). A clerk moving to a
new computer may still hold them, and their version and sequence numbers are what the office
has seen (app.services.export_numbering). This reads just that: the zip in its one shape, the
custom properties strictly, the Ed25519 signature over the payload by the key in the file, the
payload in canonical form. The sheets are not compared: nothing here is imported, and a forged
file could only make the clerk's numbering jump ahead, which the office accepts.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.domain.payload import PayloadError, SubmissionPayload
from app.io.canonical import payload_from_bytes
from app.io.package_errors import PackageRejected, shown
from app.io.package_props import OLD_FORMATS, PART, read_properties
from app.io.package_zip import entry_bytes, load, read_entries

_HEAD = ("qr.format", "qr.algorithm", "qr.public_key", "qr.fingerprint", "qr.signature")


def legacy_payload(source: bytes | str | os.PathLike[str]) -> SubmissionPayload:
    """The signed payload of a first-format submission; raises PackageRejected."""
    data = load(source)
    carrier = next((e for e in read_entries(data) if e.name == PART), None)
    if carrier is None:
        raise PackageRejected("no_payload")
    props = dict(read_properties(entry_bytes(data, carrier)))
    if props.get("qr.format") not in OLD_FORMATS or any(k not in props for k in _HEAD):
        raise PackageRejected("no_payload")
    if props["qr.algorithm"] != "Ed25519":
        raise PackageRejected("bad_algorithm", algorithm=shown(props["qr.algorithm"]))
    try:
        key = base64.b64decode(props["qr.public_key"], validate=True)
        signature = base64.b64decode(props["qr.signature"], validate=True)
        count = int(props.get("qr.payload.count", ""))
        signed = "".join(props[f"qr.payload.{i:04d}"] for i in range(1, count + 1)).encode()
    except (binascii.Error, ValueError, KeyError, UnicodeEncodeError):
        raise PackageRejected("bad_properties", name="qr.payload") from None
    if hashlib.sha256(key).hexdigest() != props["qr.fingerprint"]:
        raise PackageRejected("fingerprint_mismatch")
    try:
        Ed25519PublicKey.from_public_bytes(key).verify(signature, signed)
    except (InvalidSignature, ValueError):
        raise PackageRejected("bad_signature") from None
    try:
        return payload_from_bytes(signed)
    except PayloadError as exc:
        raise PackageRejected("bad_payload", detail=shown(str(exc))) from None
