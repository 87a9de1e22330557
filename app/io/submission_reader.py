"""Read and verify a signed submission workbook, trusting nothing in it until checked.

Order (each step refuses with one line, ``SubmissionRejected(reason, code)``):

a. the zip, before any XML is parsed: a zip at all, at most ``MAX_ENTRIES`` entries, no
   duplicated names, declared sizes within ``MAX_ENTRY_BYTES`` / ``MAX_TOTAL_BYTES``, no
   entry over 1 MB compressed more than ``MAX_RATIO``:1, no macros, external links, embedded
   or ActiveX objects, drawings; every entry is then read with those bounds (zipfile stops at
   the declared size and checks the CRC), so memory never exceeds the limits;
b. XML: no DTD or entity declaration in any part; the few parts this module parses itself go
   through defusedxml, which is asserted to be active;
c. the signature: format, algorithm, fingerprint = SHA-256(public key), Ed25519 over the
   payload bytes; the key must be the one given (``pubkey``) or the registered one
   (``trusted``); the payload must be exactly its own canonical form;
d. with a catalog: the payload fits the plan (plan code and hash, unit, period, tasks, targets);
e. the sheets: no formula, hidden row or column, conditional format or custom number format,
   and every cell says what the writer would have written for this payload.

Time and memory are bounded by the limits of (a): every later step is linear in at most
``MAX_TOTAL_BYTES``; python-calamine only ever sees a re-packed copy of the parts that were
already read within bounds. A batch importer runs ``verify_submission`` in a worker process
with a timeout (app.services.parse_pool) so that even a parser bug cannot stall the batch.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import io
import os
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import Any, NoReturn

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError
from defusedxml.ElementTree import fromstring as _defused_fromstring

from app.domain.catalog import Catalog
from app.domain.payload import PayloadError, SubmissionPayload, payload_problems
from app.io.canonical import NotCanonicalError, payload_from_bytes
from app.io.keys import format_fingerprint
from app.io.submission_layout import (
    CONTAINER_FORMAT,
    SHEET_NAMES,
    UNKNOWN,
    SheetLayout,
    column_letter,
    submission_layout,
)
from app.io.xlsx_text import visible_text

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ENTRIES = 100
MAX_ENTRY_BYTES = 20 * 1024 * 1024
MAX_TOTAL_BYTES = 50 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024  # small parts compress well legitimately
MAX_CHUNKS = 9999

_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
_REL_OFFICE_DOC = "/officeDocument"
_REL_CUSTOM = "/custom-properties"

# (name fragment, lower case) -> (code, reason)
_FORBIDDEN_PARTS = (
    ("vbaproject", "macro", "文件含有宏（vbaProject.bin），已拒收"),
    ("macrosheets/", "macro", "文件含有宏表（Excel 4.0 宏），已拒收"),
    ("externallinks/", "external_link", "文件含有外部链接，已拒收"),
    ("connections.xml", "external_link", "文件含有外部数据连接，已拒收"),
    ("querytables/", "external_link", "文件含有外部数据查询，已拒收"),
    ("embeddings/", "embedded_object", "文件含有嵌入对象，已拒收"),
    ("oleobject", "embedded_object", "文件含有嵌入对象（OLE），已拒收"),
    ("activex", "activex", "文件含有 ActiveX 控件，已拒收"),
    ("xl/drawings/", "drawing", "文件含有图形、图片或文本框（可能遮盖单元格），已拒收"),
)
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_EXTERNAL = re.compile(rb"TargetMode\s*=\s*[\"']External[\"']", re.IGNORECASE)
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
_CELL_REF = re.compile(rb"<(?:[\w.-]+:)?c\s[^<>]*?\br\s*=\s*[\"']([A-Z]{1,3}[0-9]{1,7})[\"']")
# Rows, columns and the sheet's row defaults: hidden, or too small to show anything.
_SIZED_TAG = re.compile(rb"<(?:[\w.-]+:)?(row|col|sheetFormatPr)\s([^<>]*)")
_HIDDEN_ATTR = re.compile(rb"\b(?:hidden|zeroHeight)\s*=\s*[\"'](?:1|true)[\"']")
_SIZE_ATTR = re.compile(rb"\b(?:ht|width|defaultRowHeight)\s*=\s*[\"']([^\"']*)[\"']")
MIN_SIZE = 1.0  # points for a row, characters for a column
_MERGE_REF = re.compile(rb"<(?:[\w.-]+:)?mergeCell\s[^<>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")
_A1 = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_ROW_NO = re.compile(r"([0-9]{1,7})")
# Every cell's and row's position (r="B7" / r="7"); "\br" skips attributes such as "spans".
_POSITION = re.compile(rb"<((?:[\w.-]+:)?(?:c|row))\s[^<>]*?\br\s*=\s*[\"']([^\"']*)[\"']")
_SHARED_CELL = re.compile(
    rb"<(?:[\w.-]+:)?c\s[^<>]*?\bt\s*=\s*[\"']s[\"'][^<>]*>\s*<(?:[\w.-]+:)?v>([^<]*)<"
)
_SHARED_ITEM = re.compile(rb"<(?:[\w.-]+:)?si[\s>/]")
EXTENT_MARGIN = 50  # rows or columns a re-save may add beyond the written area (all empty)
_CONDITIONAL = re.compile(rb"<(?:[\w.-]+:)?conditionalFormatting[\s>]")
_CUSTOM_NUMFMT = re.compile(rb"<(?:[\w.-]+:)?numFmt\s")
_NUMFMT_ID = re.compile(rb"numFmtId\s*=\s*[\"']([0-9]+)[\"']")
_FAITHFUL_NUMFMTS = {0, 49}  # General and Text: they show the stored value as it is
_HEX64 = re.compile(r"[0-9a-f]{64}")
_ZIP_LOCAL = struct.Struct("<IHHHHHIIIHH")
_ZIP_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_ZIP_END = struct.Struct("<IHHHHIIH")
# What python-calamine reads (the big docProps/custom.xml is not among them).
_CALAMINE_PARTS = re.compile(r"\[Content_Types\]\.xml$|_rels/\.rels$|xl/(?!theme/)", re.IGNORECASE)


class SubmissionRejected(Exception):
    """A file that must not be imported; ``reason`` is one line for the user, ``code`` a
    stable word for programs (macro, bad_signature, visible_cell, ...). ``fingerprint`` and
    ``payload`` are set once they are known to be genuine (for the import log)."""

    def __init__(
        self,
        reason: str,
        code: str = "invalid",
        *,
        fingerprint: str | None = None,
        payload: SubmissionPayload | None = None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code
        self.fingerprint = fingerprint
        self.payload = payload

    def __reduce__(self) -> tuple[Any, ...]:  # crosses process boundaries intact
        return (_rebuild_rejected, (self.reason, self.code, self.fingerprint, self.payload))


def _rebuild_rejected(
    reason: str, code: str, fingerprint: str | None, payload: SubmissionPayload | None
) -> SubmissionRejected:
    return SubmissionRejected(reason, code, fingerprint=fingerprint, payload=payload)


def _reject(reason: str, code: str, **extra: Any) -> NoReturn:
    raise SubmissionRejected(reason, code, **extra)


@dataclass(frozen=True)
class SubmissionFile:
    """A submission as read from disk: structurally safe, signature not yet checked."""

    sha256: str
    size: int
    container_format: str
    algorithm: str
    fingerprint: str
    public_key: bytes
    signature: bytes
    payload_bytes: bytes
    parts: Mapping[str, bytes] = field(repr=False, compare=False)


@dataclass(frozen=True)
class VerifiedSubmission:
    payload: SubmissionPayload
    fingerprint: str
    public_key: bytes
    file_sha256: str
    payload_bytes: bytes


# -- (a) the zip --------------------------------------------------------------------------
def _load(source: bytes | str | os.PathLike[str]) -> bytes:
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    else:
        try:
            with open(source, "rb") as f:
                data = f.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            _reject(f"无法读取文件：{exc.strerror or exc}", "unreadable")
    if len(data) > MAX_FILE_BYTES:
        _reject(f"文件过大（超过 {MAX_FILE_BYTES // (1024 * 1024)} MB）", "too_large")
    if not data:
        _reject("文件为空", "not_xlsx")
    return data


def _forbidden_name(name: str) -> None:
    low = name.lower()
    for fragment, code, reason in _FORBIDDEN_PARTS:
        if fragment in low:
            _reject(reason, code)


def guard_zip(data: bytes) -> dict[str, bytes]:
    """Every entry of the zip, read within the size limits, after the structural checks."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except Exception:  # zipfile raises several types on hostile input; all mean the same
        _reject("不是有效的 Excel（.xlsx）文件", "not_xlsx")
    if len(infos) > MAX_ENTRIES:
        _reject(f"文件内部条目过多（{len(infos)} 个）", "zip_entries")
    seen: set[str] = set()
    total = 0
    for info in infos:
        key = info.filename.replace("\\", "/").lower()
        if key in seen:
            _reject(f"文件内部有重复的条目：{info.filename[:80]}", "zip_duplicate")
        seen.add(key)
        _forbidden_name(info.filename)
        if info.flag_bits & 0x1:
            _reject("文件内部条目已加密", "zip_encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            _reject("文件使用了不支持的压缩方式", "zip_compression")
        if info.file_size > MAX_ENTRY_BYTES:
            _reject(f"文件内部条目过大：{info.filename[:80]}", "zip_size")
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            _reject("文件解压后过大", "zip_size")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(1, info.compress_size):
            _reject(f"压缩比异常（疑似压缩炸弹）：{info.filename[:80]}", "zip_ratio")
    parts: dict[str, bytes] = {}
    for info in infos:
        if info.is_dir():
            continue
        content = _read_entry(data, info)
        if content is None:  # bad CRC, truncated data, forged sizes, broken deflate stream
            _reject(f"文件已损坏：{info.filename[:80]}", "not_xlsx")
        name = info.filename.lstrip("/")
        if name.lower().endswith(_XML_SUFFIXES) or name == "[Content_Types].xml":
            _check_xml_bytes(name, content)
        parts[name] = content
    types = parts.get("[Content_Types].xml")
    if types is None:
        _reject("不是有效的 Excel（.xlsx）文件（缺少内容类型）", "not_xlsx")
    low = types.lower()
    if b"macroenabled" in low or b"vbaproject" in low:
        _reject("文件是启用宏的工作簿，已拒收", "macro")
    if b"activex" in low:
        _reject("文件含有 ActiveX 控件，已拒收", "activex")
    if b"oleobject" in low:
        _reject("文件含有嵌入对象（OLE），已拒收", "embedded_object")
    if b"externallink" in low:
        _reject("文件含有外部链接，已拒收", "external_link")
    for name, content in parts.items():
        if name.endswith(".rels") and _EXTERNAL.search(content):
            _reject("文件引用了外部资源（外部链接），已拒收", "external_link")
    return parts


def _read_entry(data: bytes, info: zipfile.ZipInfo) -> bytes | None:
    """An entry's content exactly as zipfile.open(info).read() checks it (local header and
    name, sizes from the central directory, inflate bounded to the declared size, CRC), or
    None when damaged. zipfile's per-entry objects, locks and seeks cost a tenth of verifying
    a file (docs/benchmarks.md); the bytes are already in memory."""
    start = info.header_offset
    head = data[start : start + _ZIP_LOCAL.size]
    if len(head) != _ZIP_LOCAL.size or info.flag_bits & 0x61:  # encrypted or patched data
        return None
    sig, _v, flags, _m, _t, _d, _crc, _cs, _us, name_len, extra_len = _ZIP_LOCAL.unpack(head)
    begin = start + _ZIP_LOCAL.size
    name = data[begin : begin + name_len]
    try:
        same_name = name.decode("utf-8" if flags & 0x800 else "cp437") == info.orig_filename
    except UnicodeDecodeError:
        return None
    if sig != 0x04034B50 or not same_name:
        return None
    begin += name_len + extra_len
    raw = data[begin : begin + info.compress_size]
    if len(raw) != info.compress_size:
        return None
    if info.compress_type == zipfile.ZIP_STORED:
        content = raw
    else:
        try:
            content = zlib.decompressobj(-15).decompress(raw, info.file_size + 1)
        except zlib.error:
            return None
    if len(content) != info.file_size or zlib.crc32(content) != info.CRC:
        return None
    return content


def _check_xml_bytes(name: str, content: bytes) -> None:
    head = content[:4]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        _reject(f"XML 编码不受支持：{name[:80]}", "xml_encoding")
    if b"<!" in content and _DTD.search(content):  # the substring test first: C speed
        _reject(f"XML 含有 DTD 或实体声明（已拒收）：{name[:80]}", "xml_entities")


# -- (b) XML through defusedxml -------------------------------------------------------------
@functools.cache
def assert_defusedxml_active() -> None:
    """Refuse to run if defusedxml does not forbid entity declarations (a broken install)."""
    try:
        _defused_fromstring('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', forbid_dtd=True)
    except DefusedXmlException:
        return
    raise RuntimeError("defusedxml is not active: XML entity declarations were accepted")


def parse_xml(name: str, content: bytes) -> Any:
    """An ElementTree element from a part, with DTDs and entities forbidden."""
    assert_defusedxml_active()
    try:
        return _defused_fromstring(content, forbid_dtd=True)
    except DefusedXmlException:
        _reject(f"XML 含有 DTD 或实体声明（已拒收）：{name[:80]}", "xml_entities")
    except (ParseError, ValueError, UnicodeError):
        _reject(f"文件部件损坏：{name[:80]}", "xml_malformed")


def _relationships(parts: Mapping[str, bytes], source: str) -> list[tuple[str, str, str]]:
    """(id, type, target part name) of a part's relationships ('' for the package)."""
    folder, base = posixpath.split(source)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    content = parts.get(rels_name)
    if content is None:
        return []
    parse = _parse_relationships if len(content) > _CACHED_PART_BYTES else _cached_relationships
    return list(parse(rels_name, folder, content))


def _parse_relationships(
    rels_name: str, folder: str, content: bytes
) -> tuple[tuple[str, str, str], ...]:
    out: list[tuple[str, str, str]] = []
    for rel in parse_xml(rels_name, content).iter(f"{_NS_PKG_REL}Relationship"):
        target = rel.get("Target", "")
        if target.startswith("/"):
            resolved = target.lstrip("/")
        else:
            resolved = posixpath.normpath(posixpath.join(folder, target))
        out.append((rel.get("Id", ""), rel.get("Type", ""), resolved))
    return tuple(out)


# Small package parts are parsed once per distinct content: every file one writer makes has
# the same ones, so a batch parses them once per worker instead of twice per file.
_CACHED_PART_BYTES = 64 * 1024
_cached_relationships = functools.lru_cache(maxsize=32)(_parse_relationships)


# -- docProps/custom.xml: a strict fast path, defusedxml for everything else --------------
# defusedxml's pure-Python parser took ~1 ms of a ~4 ms verification for the ~45 KB of signed
# properties (docs/benchmarks.md). The common file is read by regular expressions instead,
# but only when the WHOLE part is a document of this exact shape: an optional UTF-8 XML
# declaration, <Properties> with the two standard namespace declarations, then nothing but
# <property name=... fmtid=... pid=...><vt:lpwstr>text</vt:lpwstr></property>, where the text
# has no markup, no character references, no CR and no character XML forbids. On that subset
# the meaning is unambiguous and equals the parser's; anything else (another writer's layout,
# comments, CDATA, a DTD, other value types, odd whitespace) goes to the defusedxml parse.
# It cannot weaken the checks either way: the payload it yields must still carry a valid
# Ed25519 signature, and every XML part was already refused if it declared a DTD or entity.
_WS = rb"[ \t\n]*"
_FAST_DECL = re.compile(
    rb"<\?xml[ \t\n]+version=[\"']1\.0[\"'](?:[ \t\n]+encoding=[\"'](?:UTF|utf)-8[\"'])?"
    rb"(?:[ \t\n]+standalone=[\"'](?:yes|no)[\"'])?" + _WS + rb"\?>"
)
_FAST_ROOT = re.compile(
    _WS + rb"<Properties((?:[ \t\n]+[A-Za-z:]+=\"[^\"<&\t\n]*\")*)" + _WS + rb">"
)
_FAST_ATTR = re.compile(rb"([A-Za-z:]+)=\"([^\"]*)\"")
_FAST_ROOT_ATTRS = {
    b"xmlns": b"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    b"xmlns:vt": b"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
}
# Exactly what openpyxl writes for one of our properties.
_FAST_PROP = re.compile(
    _WS + rb'<property name="(qr\.[A-Za-z0-9_.]+)" fmtid="\{[0-9A-Fa-f-]+\}" pid="[0-9]+">'
    + _WS + rb"<vt:lpwstr>([^<]*)</vt:lpwstr>" + _WS + rb"</property>"
)  # fmt: skip
_FAST_END = re.compile(_WS + rb"</Properties>" + _WS + rb"\Z")
# Bytes the fast path leaves to the parser: CR (line-end folding), the C0 controls XML forbids.
_FAST_UNSURE = bytes([*range(0x00, 0x09), 0x0B, 0x0C, 0x0D, *range(0x0E, 0x20)])
_ENTITIES = (b"&amp;", b"&lt;", b"&gt;", b"&quot;", b"&apos;")


def _plain_xml_text(content: bytes) -> bool:
    """No byte the fast path cannot judge, and every "&" starts one of the five entities."""
    if len(content.translate(None, _FAST_UNSURE)) != len(content):
        return False
    return b"&" not in content or content.count(b"&") == sum(map(content.count, _ENTITIES))


def fast_custom_properties(content: bytes) -> dict[str, str] | None:
    """The qr.* properties of a custom.xml of the common shape; None means "not that shape:
    use the full parse" (which also reports any duplicate, as this does by returning None)."""
    if not _plain_xml_text(content):
        return None
    pos = 3 if content.startswith(b"\xef\xbb\xbf") else 0
    decl = _FAST_DECL.match(content, pos)
    if decl:
        pos = decl.end()
    root = _FAST_ROOT.match(content, pos)
    if root is None:
        return None
    pairs = _FAST_ATTR.findall(root.group(1))
    if len(pairs) != 2 or dict(pairs) != _FAST_ROOT_ATTRS:
        return None
    pos = root.end()
    props: dict[str, str] = {}
    while (prop := _FAST_PROP.match(content, pos)) is not None:
        pos = prop.end()
        name, raw = prop.group(1).decode("ascii"), prop.group(2)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return None
        if b"&" in raw:
            text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            text = text.replace("&apos;", "'").replace("&amp;", "&")
        if name in props or "\ufffe" in text or "\uffff" in text:  # XML forbids U+FFFE/F
            return None
        props[name] = text
    return props if _FAST_END.match(content, pos) else None


def _custom_properties(parts: Mapping[str, bytes]) -> dict[str, str]:
    names = [t for _i, typ, t in _relationships(parts, "") if typ.endswith(_REL_CUSTOM)]
    if not names or names[0] not in parts:
        _reject("文件不含签名数据（不是本程序导出的报送文件）", "no_payload")
    fast = fast_custom_properties(parts[names[0]])
    if fast is not None:
        return fast
    root = parse_xml(names[0], parts[names[0]])
    props: dict[str, str] = {}
    for prop in root.iter(f"{_NS_CUSTOM}property"):
        name = prop.get("name", "")
        if not name.startswith("qr."):
            continue  # someone's own property: not ours, not signed, not shown
        if name in props:
            _reject(f"签名数据重复：{name[:40]}", "bad_properties")
        value = next(iter(prop), None)
        props[name] = "" if value is None or value.text is None else value.text
    return props


def read_submission(source: bytes | str | os.PathLike[str]) -> SubmissionFile:
    """Steps (a) and (b) and the signed properties; the signature is not checked here."""
    data = _load(source)
    parts = guard_zip(data)
    props = _custom_properties(parts)
    fmt = props.get("qr.format")
    if fmt is None:
        _reject("文件不含签名数据（不是本程序导出的报送文件）", "no_payload")
    if fmt != CONTAINER_FORMAT:
        _reject(f"不支持的报送文件格式：{fmt[:60]}（请升级程序）", "unsupported_format")
    algorithm = props.get("qr.algorithm", "")
    if algorithm != "Ed25519":
        _reject(f"不支持的签名算法：{algorithm[:30]}", "bad_algorithm")
    public_key = _b64(props.get("qr.public_key"), "公钥", 32)
    signature = _b64(props.get("qr.signature"), "签名", 64)
    fingerprint = props.get("qr.fingerprint", "")
    if not _HEX64.fullmatch(fingerprint):
        _reject("签名密钥指纹格式错误", "bad_properties")
    if hashlib.sha256(public_key).hexdigest() != fingerprint:
        _reject("签名密钥指纹与公钥不符", "fingerprint_mismatch")
    count_text = props.get("qr.payload.count", "")
    if not count_text.isdigit() or not 1 <= int(count_text) <= MAX_CHUNKS:
        _reject("签名数据不完整（分段数错误）", "bad_properties")
    chunks = []
    for i in range(1, int(count_text) + 1):
        chunk = props.get(f"qr.payload.{i:04d}")
        if chunk is None:
            _reject(f"签名数据不完整（缺少第 {i} 段）", "bad_properties")
        chunks.append(chunk)
    try:
        payload_raw = "".join(chunks).encode("utf-8")
    except UnicodeEncodeError:
        _reject("签名数据含有无效字符", "bad_properties")
    return SubmissionFile(
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        container_format=fmt,
        algorithm=algorithm,
        fingerprint=fingerprint,
        public_key=public_key,
        signature=signature,
        payload_bytes=payload_raw,
        parts=MappingProxyType(parts),
    )


def _b64(text: str | None, what: str, size: int) -> bytes:
    try:
        raw = base64.b64decode(text or "", validate=True)
    except (binascii.Error, ValueError):
        _reject(f"{what}格式错误", "bad_properties")
    if len(raw) != size:
        _reject(f"{what}长度错误", "bad_properties")
    return raw


# -- (c)-(e) ------------------------------------------------------------------------------
def verify_submission(
    data: bytes | str | os.PathLike[str],
    catalog: Catalog | None,
    trusted: Callable[[str], bytes | None] | None = None,
    pubkey: bytes | None = None,
) -> VerifiedSubmission:
    """The whole check; returns the verified payload or raises SubmissionRejected.

    ``pubkey``: the raw key the file must be signed with (``verify --pubkey``).
    ``trusted``: fingerprint -> the registered raw key, or None when not registered.
    ``catalog``: the plan; without it the plan-derived cells are not compared.
    """
    sub = read_submission(data)
    try:
        Ed25519PublicKey.from_public_bytes(sub.public_key).verify(sub.signature, sub.payload_bytes)
    except (InvalidSignature, ValueError):
        _reject("签名无效：签名后的内容被修改过，或签名不是由文件中的密钥生成", "bad_signature")
    fp = sub.fingerprint
    check_trust(fp, sub.public_key, trusted=trusted, pubkey=pubkey)
    try:
        payload = payload_from_bytes(sub.payload_bytes)
    except NotCanonicalError as exc:
        _reject(str(exc), "not_canonical", fingerprint=fp)
    except PayloadError as exc:
        _reject(f"签名数据无效：{str(exc)[:200]}", "bad_payload", fingerprint=fp)
    if catalog is not None:
        problems = payload_problems(payload, catalog)
        if problems:
            _reject(problems[0], "plan_mismatch", fingerprint=fp, payload=payload)
    try:
        check_sheets(sub.parts, submission_layout(payload, catalog, fp))
    except SubmissionRejected as exc:
        exc.fingerprint, exc.payload = fp, payload
        raise
    return VerifiedSubmission(payload, fp, sub.public_key, sub.sha256, sub.payload_bytes)


def check_trust(
    fingerprint: str,
    public_key: bytes,
    *,
    trusted: Callable[[str], bytes | None] | None = None,
    pubkey: bytes | None = None,
) -> None:
    """The signing key must be the given one and/or the one registered for its fingerprint."""
    groups = format_fingerprint(fingerprint)
    if pubkey is not None and pubkey != public_key:
        _reject(
            f"签名密钥与指定的公钥不符：文件由 {groups} 签名",
            "wrong_key",
            fingerprint=fingerprint,
        )
    if trusted is not None:
        registered = trusted(fingerprint)
        if registered is None:
            _reject(f"签名密钥未登记：{groups}", "unregistered_key", fingerprint=fingerprint)
        if registered != public_key:
            _reject(f"签名密钥与登记的公钥不一致：{groups}", "wrong_key", fingerprint=fingerprint)


# -- (e) the sheets -----------------------------------------------------------------------
def _workbook_sheets(parts: Mapping[str, bytes]) -> list[tuple[str, str, str]]:
    """(name, state, part) of every sheet, in workbook order."""
    docs = [t for _i, typ, t in _relationships(parts, "") if typ.endswith(_REL_OFFICE_DOC)]
    if not docs or docs[0] not in parts:
        _reject("不是有效的 Excel（.xlsx）文件（缺少工作簿）", "not_xlsx")
    book = docs[0]
    targets = {rid: t for rid, _typ, t in _relationships(parts, book)}
    content = parts[book]
    sheets = _sheets if len(content) > _CACHED_PART_BYTES else _cached_sheets
    return [(name, state, targets.get(rid, "")) for name, state, rid in sheets(book, content)]


def _sheets(book: str, content: bytes) -> tuple[tuple[str, str, str], ...]:
    """(name, state, relationship id) of the workbook part's sheets."""
    return tuple(
        (sheet.get("name", ""), sheet.get("state", "visible"), sheet.get(f"{_NS_REL}id", ""))
        for sheet in parse_xml(book, content).iter(f"{_NS_MAIN}sheet")
    )


_cached_sheets = functools.lru_cache(maxsize=32)(_sheets)


def _scan_worksheet(label: str, xml: bytes) -> None:
    # Each regular expression runs only when a plain substring test (C speed, ~10x faster
    # than re over the same bytes) says its pattern could be there.
    m = _FORMULA.search(xml) if b"<f" in xml or b":f" in xml else None
    if m:
        refs = _CELL_REF.findall(xml, max(0, m.start() - 400), m.start())
        where = f"{label}!{refs[-1].decode()}" if refs else label
        _reject(f"单元格 {where} 含有公式，已拒收", "formula")
    if _hides_cells(xml):
        _reject(f"工作表 {label} 含有隐藏的行或列", "hidden_cells")
    if b"conditionalFormatting" in xml and _CONDITIONAL.search(xml):
        _reject(f"工作表 {label} 含有条件格式", "conditional_format")


def _hides_cells(xml: bytes) -> bool:
    # All sized tags' attributes at once (joining can only add matches, never hide one).
    attrs = b" ".join(a for _tag, a in _SIZED_TAG.findall(xml))
    if (b"hidden" in attrs or b"zeroHeight" in attrs) and _HIDDEN_ATTR.search(attrs):
        return True
    for size in set(_SIZE_ATTR.findall(attrs)):
        try:
            if not float(size) >= MIN_SIZE:  # NaN included
                return True
        except ValueError:
            return True
    return False


def _check_styles(parts: Mapping[str, bytes]) -> None:
    for name, content in parts.items():
        if not name.lower().endswith("styles.xml"):
            continue
        if _CUSTOM_NUMFMT.search(content) or any(
            int(m) not in _FAITHFUL_NUMFMTS for m in _NUMFMT_ID.findall(content)
        ):
            _reject("单元格数字格式被修改（显示的值可能与实际值不同）", "number_format")


def check_sheets(parts: Mapping[str, bytes], layout: tuple[SheetLayout, ...]) -> None:
    """No formulas or hiding, and every cell equal to the layout (UNKNOWN cells skipped)."""
    sheets = _workbook_sheets(parts)
    names = tuple(s[0] for s in sheets)
    if names != SHEET_NAMES:
        _reject(f"工作表与报送格式不符：{'、'.join(names)[:80]}", "sheets")
    labels = {part: name for name, _state, part in sheets}
    for name, state, _part in sheets:
        if state != "visible":
            _reject(f"工作表 {name} 被隐藏", "hidden_cells")
    for part, content in parts.items():
        if part.lower().startswith("xl/worksheets/") and part.lower().endswith(".xml"):
            _scan_worksheet(labels.get(part, part), content)
    _check_styles(parts)
    sheet_parts = {name: part for name, _state, part in sheets}
    _check_extent(parts, sheet_parts, layout)
    _check_shared_strings(parts, sheet_parts.values())
    grids = _read_grids(parts)
    for sheet in layout:
        _compare(sheet, grids.get(sheet.name))
    # last: a damaged or edited sheet has lost its merges too, and is better named as such
    _check_merges(parts, sheet_parts, layout)


def _check_merges(
    parts: Mapping[str, bytes], sheet_parts: Mapping[str, str], layout: tuple[SheetLayout, ...]
) -> None:
    """Merged areas exactly as written: Excel shows only the first cell of a merged area, so an
    added or widened merge hides cells as surely as a hidden row (found by fuzzing, issue 7)."""
    for sheet in layout:
        want = {m for m in sheet.merges if m[:2] != m[2:]}  # a 1x1 merge hides nothing
        have = _merge_areas(parts.get(sheet_parts.get(sheet.name, ""), b""))
        if have != want:
            _reject(f"工作表 {sheet.name} 的合并单元格被改动（可能遮盖内容）", "merged_cells")


def _check_extent(
    parts: Mapping[str, bytes], sheet_parts: Mapping[str, str], layout: tuple[SheetLayout, ...]
) -> None:
    """No cell or row beyond the written area. python-calamine allocates the whole grid up to
    the farthest cell: one value at B99999999 asks for 19 GB and aborts the process (found by
    fuzzing, issue 7), so this runs before it."""
    for sheet in layout:
        rows, cols = len(sheet.rows), max((len(r) for r in sheet.rows), default=0)
        xml = parts.get(sheet_parts.get(sheet.name, ""), b"")
        found = _POSITION.findall(xml)
        if _within(found, rows + EXTENT_MARGIN, cols + EXTENT_MARGIN):
            continue  # the usual file; otherwise the loop below names the first bad cell
        # cells first: a cell names the place better than its row does
        for tag, raw in sorted(found, key=lambda f: f[0].endswith(b"row")):
            ref = raw[:20].decode("ascii", "replace")
            is_row = tag.endswith(b"row")
            m = (_ROW_NO if is_row else _A1).fullmatch(ref)
            if m is None:
                _reject(f"工作表 {sheet.name} 的单元格位置无效：{ref}", "visible_cell")
            row, col = (int(m.group(1)), 1) if is_row else (int(m.group(2)), 0)
            if not is_row:
                col = _column_number(m.group(1))
            if row > rows + EXTENT_MARGIN or col > cols + EXTENT_MARGIN:
                where = f"第 {ref} 行" if is_row else ref
                _reject(
                    f"单元格 {sheet.name}!{where} 超出报送格式的范围（文件被改动过）",
                    "visible_cell",
                )


# Joined by '"', the one byte a captured position cannot hold.
_CELL_REFS = re.compile(rb'[A-Z]{1,3}[0-9]{1,7}(?:"[A-Z]{1,3}[0-9]{1,7})*')
_ROW_REFS = re.compile(rb'[0-9]{1,7}(?:"[0-9]{1,7})*')
_DIGIT_RUNS = re.compile(rb"[0-9]+")
_LETTER_RUNS = re.compile(rb"[A-Z]+")


def _within(found: list[tuple[bytes, bytes]], max_row: int, max_col: int) -> bool:
    """Every position valid and inside the bounds, checked on all refs at once (a Python loop
    per cell cost a seventh of verifying a file: docs/benchmarks.md)."""
    cells = [raw for tag, raw in found if not tag.endswith(b"row")]
    rows = [raw for tag, raw in found if tag.endswith(b"row")]
    if cells:
        joined = b'"'.join(cells)
        if not _CELL_REFS.fullmatch(joined):
            return False
        if max(map(int, _DIGIT_RUNS.findall(joined))) > max_row:
            return False
        letters = {x.decode("ascii") for x in set(_LETTER_RUNS.findall(joined))}
        if max(map(_column_number, letters)) > max_col:
            return False
    return not rows or (
        _ROW_REFS.fullmatch(b'"'.join(rows)) is not None and max(map(int, rows)) <= max_row
    )


def _check_shared_strings(parts: Mapping[str, bytes], sheet_parts: Iterable[str]) -> None:
    """A shared-text cell must point into the shared-text table: python-calamine panics on an
    index past its end (found by fuzzing, issue 7) and Rust prints that panic on stderr."""
    refs = [
        ref
        for part in sheet_parts
        if b't="s"' in (xml := parts.get(part, b"")) or b"t='s'" in xml
        for ref in _SHARED_CELL.findall(xml)
    ]
    if not refs:
        return
    tables = [c for n, c in parts.items() if n.lower().endswith("sharedstrings.xml")]
    size = min((len(_SHARED_ITEM.findall(c)) for c in tables), default=0)
    for ref in refs:
        if not ref.strip().isdigit() or int(ref) >= size:
            _reject("文件部件损坏：单元格引用了不存在的共享文本", "xml_malformed")


def _column_number(letters: str) -> int:
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return col


def _merge_areas(xml: bytes) -> set[tuple[int, int, int, int]] | None:
    """(first row, first col, last row, last col) of each merged area; None if unreadable."""
    out = set()
    for raw in _MERGE_REF.findall(xml) if b"mergeCell" in xml else ():
        corners = []
        for ref in raw.decode("ascii", "replace").upper().split(":"):
            m = _A1.fullmatch(ref)
            if m is None:
                return None
            corners.append((int(m.group(2)), _column_number(m.group(1))))
        if len(corners) not in (1, 2):
            return None
        (r1, c1), (r2, c2) = corners[0], corners[-1]
        area = (min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2))
        if area[:2] != area[2:]:
            out.add(area)
    return out


def _read_grids(parts: Mapping[str, bytes]) -> dict[str, list[list[Any]]]:
    """Every sheet's cell values via python-calamine, from a re-packed copy of the parts."""
    from python_calamine import CalamineError, CalamineWorkbook

    buf = io.BytesIO(stored_zip({n: c for n, c in parts.items() if _CALAMINE_PARTS.match(n)}))
    try:
        wb = CalamineWorkbook.from_filelike(buf)
        return {n: wb.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in SHEET_NAMES}
    except CalamineError as exc:
        _reject(f"无法读取工作表：{_one_line(exc)}", "xml_malformed")
    except BaseException as exc:  # a Rust panic arrives as pyo3's PanicException(BaseException)
        if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
            raise  # KeyboardInterrupt, SystemExit
        _reject(f"无法读取工作表：{_one_line(exc)}", "xml_malformed")


def stored_zip(parts: Mapping[str, bytes]) -> bytes:
    """An uncompressed zip of ``parts``, built directly: zipfile.writestr's per-entry overhead
    was a tenth of verifying a file (docs/benchmarks.md). Sizes stay far below zip64's."""
    local: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, content in parts.items():
        raw = name.encode("utf-8")
        crc, size = zlib.crc32(content), len(content)
        # version 2.0, flag bit 11 (UTF-8 name), stored, dated 1980-01-01 00:00
        fields = (0x800, 0, 0, 0x21, crc, size, size, len(raw), 0)
        local += (_ZIP_LOCAL.pack(0x04034B50, 20, *fields), raw, content)
        central.append(_ZIP_CENTRAL.pack(0x02014B50, 20, 20, *fields, 0, 0, 0, 0, offset) + raw)
        offset += _ZIP_LOCAL.size + len(raw) + size
    directory = b"".join(central)
    n = len(central)
    end = _ZIP_END.pack(0x06054B50, 0, 0, n, n, len(directory), offset, 0)
    return b"".join(local) + directory + end


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:80]


def _expected(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return visible_text(value)
    if isinstance(value, int | Decimal):
        return float(value)
    return value


def _same(expected: Any, got: Any) -> bool:
    if isinstance(expected, float):
        return isinstance(got, int | float) and not isinstance(got, bool) and got == expected
    if expected == "":
        return got is None or got == ""
    return isinstance(got, str) and got == expected


def _compare(sheet: SheetLayout, grid: list[list[Any]] | None) -> None:
    grid = grid or []
    rows = sheet.rows
    for r in range(max(len(rows), len(grid))):
        want_row = rows[r] if r < len(rows) else ()
        got_row = grid[r] if r < len(grid) else ()
        n_want, n_got = len(want_row), len(got_row)
        for c in range(max(n_want, n_got)):
            want = want_row[c].value if c < n_want else None
            got = got_row[c] if c < n_got else ""
            if want is None:  # most cells (blanks, merged areas): no call at all
                if got is None or got == "":
                    continue
            elif want.__class__ is str and want:  # texts, inline: a printable text is shown as is
                if isinstance(got, str) and got == (
                    want if want.isprintable() else visible_text(want)
                ):
                    continue
            elif want is UNKNOWN or _same(_expected(want), got):
                continue
            ref = f"{sheet.name}!{column_letter(c + 1)}{r + 1}"
            _reject(f"单元格 {ref} 与签名数据不一致（文件被改动过）", "visible_cell")
