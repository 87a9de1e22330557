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
import zipfile
from collections.abc import Callable, Mapping
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
_HIDDEN = re.compile(
    rb"<(?:[\w.-]+:)?(?:row|col)\s[^<>]*?\b(?:hidden\s*=\s*[\"'](?:1|true)[\"']"
    rb"|ht\s*=\s*[\"']0*(?:\.0*)?[\"']|width\s*=\s*[\"']0*(?:\.0*)?[\"'])"
)
_CONDITIONAL = re.compile(rb"<(?:[\w.-]+:)?conditionalFormatting[\s>]")
_CUSTOM_NUMFMT = re.compile(rb"<(?:[\w.-]+:)?numFmt\s")
_NUMFMT_ID = re.compile(rb"numFmtId\s*=\s*[\"']([0-9]+)[\"']")
_FAITHFUL_NUMFMTS = {0, 49}  # General and Text: they show the stored value as it is
_HEX64 = re.compile(r"[0-9a-f]{64}")
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
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
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
        try:
            with zf.open(info) as f:
                content = f.read(info.file_size + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
            _reject(f"文件已损坏：{info.filename[:80]}", "not_xlsx")
        if len(content) != info.file_size:
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


def _check_xml_bytes(name: str, content: bytes) -> None:
    head = content[:4]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        _reject(f"XML 编码不受支持：{name[:80]}", "xml_encoding")
    if _DTD.search(content):
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
    out = []
    for rel in parse_xml(rels_name, content).iter(f"{_NS_PKG_REL}Relationship"):
        target = rel.get("Target", "")
        if target.startswith("/"):
            resolved = target.lstrip("/")
        else:
            resolved = posixpath.normpath(posixpath.join(folder, target))
        out.append((rel.get("Id", ""), rel.get("Type", ""), resolved))
    return out


def _custom_properties(parts: Mapping[str, bytes]) -> dict[str, str]:
    names = [t for _i, typ, t in _relationships(parts, "") if typ.endswith(_REL_CUSTOM)]
    if not names or names[0] not in parts:
        _reject("文件不含签名数据（不是本程序导出的报送文件）", "no_payload")
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
    out = []
    for sheet in parse_xml(book, parts[book]).iter(f"{_NS_MAIN}sheet"):
        rid = sheet.get(f"{_NS_REL}id", "")
        out.append((sheet.get("name", ""), sheet.get("state", "visible"), targets.get(rid, "")))
    return out


def _scan_worksheet(label: str, xml: bytes) -> None:
    m = _FORMULA.search(xml)
    if m:
        refs = _CELL_REF.findall(xml, max(0, m.start() - 400), m.start())
        where = f"{label}!{refs[-1].decode()}" if refs else label
        _reject(f"单元格 {where} 含有公式，已拒收", "formula")
    if _HIDDEN.search(xml):
        _reject(f"工作表 {label} 含有隐藏的行或列", "hidden_cells")
    if _CONDITIONAL.search(xml):
        _reject(f"工作表 {label} 含有条件格式", "conditional_format")


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
    grids = _read_grids(parts)
    for sheet in layout:
        _compare(sheet, grids.get(sheet.name))


def _read_grids(parts: Mapping[str, bytes]) -> dict[str, list[list[Any]]]:
    """Every sheet's cell values via python-calamine, from a re-packed copy of the parts."""
    from python_calamine import CalamineError, CalamineWorkbook

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for name, content in parts.items():
            if _CALAMINE_PARTS.match(name):
                z.writestr(name, content)
    buf.seek(0)
    try:
        wb = CalamineWorkbook.from_filelike(buf)
        return {n: wb.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in SHEET_NAMES}
    except (CalamineError, ValueError, OSError) as exc:
        _reject(f"无法读取工作表：{str(exc)[:80]}", "xml_malformed")


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
    for r in range(max(len(sheet.rows), len(grid))):
        want_row = sheet.rows[r] if r < len(sheet.rows) else ()
        got_row = grid[r] if r < len(grid) else []
        for c in range(max(len(want_row), len(got_row))):
            want = want_row[c].value if c < len(want_row) else None
            if want is UNKNOWN:
                continue
            got = got_row[c] if c < len(got_row) else ""
            if not _same(_expected(want), got):
                ref = f"{sheet.name}!{column_letter(c + 1)}{r + 1}"
                _reject(f"单元格 {ref} 与签名数据不一致（文件被改动过）", "visible_cell")
