"""``docProps/custom.xml``: the signature's carrier, written by this module and read strictly.

It is the one part the signature cannot cover (it holds the signature), so anyone may edit it;
Excel shows its properties under File > Properties > Custom. The reader therefore accepts the
properties below, in this order, and nothing else: no other property, element, attribute,
comment or text, every ``pid`` in sequence, every value one ``vt:lpwstr``:

    qr.format        FORMAT (older formats are named in the refusal: export again)
    qr.kind          submission | plan | feedback
    qr.algorithm     Ed25519
    qr.public_key    base64 of the raw 32-byte key
    qr.fingerprint   SHA-256 of the raw key, hex
    qr.signature     base64 of the Ed25519 signature over the signed document
    qr.signed.count  number of chunks
    qr.signed.0001 … the signed document (canonical JSON), in chunks of at most 255 UTF-16
                     code units (Excel's limit for one text property)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.io.package_errors import PackageRejected, shown
from app.io.package_xml import NS_CUSTOM, NS_VT, is_element, only_space, parse_xml, qname

PART = "docProps/custom.xml"
FORMAT = "qualityreport.signed-xlsx/2"
OLD_FORMATS = frozenset({"qualityreport.signed-xlsx/1"})
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
HEAD_NAMES = (
    "qr.format",
    "qr.kind",
    "qr.algorithm",
    "qr.public_key",
    "qr.fingerprint",
    "qr.signature",
    "qr.signed.count",
)
PROPERTY_CHUNK = 255  # UTF-16 code units per text property (Excel's limit)
MAX_CHUNKS = 9999
_PROPERTY = qname(NS_CUSTOM, "property")
_ROOT = qname(NS_CUSTOM, "Properties")
_TEXT = qname(NS_VT, "lpwstr")


def chunk_name(i: int) -> str:
    return f"qr.signed.{i:04d}"


def property_chunks(text: str, size: int = PROPERTY_CHUNK) -> list[str]:
    """Split so that no chunk exceeds ``size`` UTF-16 code units (astral characters take 2)."""
    out: list[str] = []
    pos = 0
    while pos < len(text):
        piece = text[pos : pos + size]
        if len(piece.encode("utf-16-le")) > 2 * size:  # rare: characters beyond the BMP
            units = n = 0
            for ch in piece:
                units += 2 if ord(ch) > 0xFFFF else 1
                if units > size:
                    break
                n += 1
            piece = piece[:n]
        out.append(piece)
        pos += len(piece)
    return out


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as XML text needs them (xml.sax.saxutils.escape, whose module
    imports urllib.request and http.client: ~15 ms of every verifying process)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def custom_xml(properties: Sequence[tuple[str, str]]) -> bytes:
    """The part for these text properties, in this order (deterministic bytes)."""
    out = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{NS_CUSTOM}" xmlns:vt="{NS_VT}">'
    ]
    for pid, (name, value) in enumerate(properties, 2):
        out.append(
            f'<property fmtid="{FMTID}" pid="{pid}" name="{escape(name)}">'
            f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        )
    out.append("</Properties>")
    return "".join(out).encode("utf-8")


def _bad(name: str) -> PackageRejected:
    return PackageRejected("bad_properties", name=shown(name))


def _property(element: Any, pid: int) -> tuple[str, str]:
    """(name, text) of one ``property`` element of exactly the written form."""
    if element.tag != _PROPERTY:  # a comment's or instruction's tag is not a string
        raise _bad(str(element.tag) if is_element(element) else "<!-- -->")
    name = element.get("name", "")
    if len(element.keys()) != 3 or element.get("fmtid") != FMTID:
        raise _bad(name)
    if element.get("pid") != str(pid) or not only_space(element.text) or len(element) != 1:
        raise _bad(name)
    value = element[0]
    if value.tag != _TEXT or value.keys() or len(value) or not only_space(value.tail):
        raise _bad(name)
    return name, value.text or ""


def read_properties(content: bytes) -> list[tuple[str, str]]:
    """Every property of the part, in order, each of the written form (not yet the names)."""
    root = parse_xml(PART, content)
    if root.tag != _ROOT or root.attrib or not only_space(root.text):
        raise _bad(str(root.tag))
    if root.getprevious() is not None or root.getnext() is not None:
        raise _bad("<!-- -->")  # a comment or instruction around the document
    out = []
    for pid, element in enumerate(root, 2):
        out.append(_property(element, pid))
        if not only_space(element.tail):
            raise _bad(out[-1][0])
    return out


def format_of(properties: Sequence[tuple[str, str]]) -> str:
    """The declared format: refuses a file of no format, an older or an unknown one."""
    found = [value for name, value in properties if name == "qr.format"]
    if not found:
        raise PackageRejected("no_payload")
    if found[0] in OLD_FORMATS:
        raise PackageRejected("old_format", format=shown(found[0]))
    if found[0] != FORMAT:
        raise PackageRejected("unsupported_format", format=shown(found[0]))
    return found[0]


def signed_properties(properties: Sequence[tuple[str, str]]) -> tuple[dict[str, str], str]:
    """The head properties by name and the signed document's text, after checking that the
    part holds exactly HEAD_NAMES then qr.signed.0001 … qr.signed.<count>."""
    format_of(properties)
    head = dict(properties[: len(HEAD_NAMES)])
    names = [name for name, _value in properties]
    for i, want in enumerate(HEAD_NAMES):
        got = names[i] if i < len(names) else None
        if got != want:  # name the missing property, else the one out of place
            raise _bad(want if want not in names or got is None else got)
    count = head["qr.signed.count"]
    if not (count.isascii() and count.isdigit() and 1 <= int(count) <= MAX_CHUNKS):
        raise _bad("qr.signed.count")
    chunks = properties[len(HEAD_NAMES) :]
    for i, (name, _value) in enumerate(chunks, 1):
        if name != chunk_name(i):
            raise _bad(name)
    if len(chunks) != int(count):
        raise _bad(chunk_name(len(chunks) + 1))
    return head, "".join(value for _name, value in chunks)
