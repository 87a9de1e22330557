"""The checks every hostile Office file (.docx, .xlsx) passes before anything parses it.

A zip at all (an old ``.doc``/``.xls`` or an encrypted file is an OLE container and says so),
at most ``max_entries`` entries, no duplicate names (case-folded, either slash), no absolute
or ``..`` names, no encrypted entries, only stored or deflated ones, declared sizes within
``max_part`` / ``max_total`` and no part over ``ratio_floor`` compressed more than
``max_ratio``:1; every part is read within those bounds with its CRC checked; no XML part may
hold a DTD or entity declaration or be UTF-16. The refusals are the caller's codes
(``ZipRules``), so a Word file and a workbook each say what they are.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from dataclasses import dataclass

from app.domain.messages import Refusal

log = logging.getLogger(__name__)

_XML_SUFFIXES = (".xml", ".rels", ".vml")
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class ZipRules:
    max_entries: int
    max_part: int
    max_total: int
    max_ratio: int
    ratio_floor: int
    not_zip: str  # refusal codes; ``entries`` takes {count}, the last three {part}
    old_format: str
    entries: str
    damaged: str
    size: str
    dtd: str
    required: tuple[str, ...] = ("[Content_Types].xml", "_rels/.rels")


def guard_zip(data: bytes, rules: ZipRules) -> dict[str, bytes]:
    """Every part of the zip, read within bounds after the structural checks."""
    if data.startswith(_OLE):
        raise Refusal(rules.old_format)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except Exception as exc:  # zipfile raises several types on hostile input; all mean the same
        log.warning("not a zip", exc_info=True)
        raise Refusal(rules.not_zip) from exc
    if len(infos) > rules.max_entries:
        raise Refusal(rules.entries, count=len(infos))
    _check_entries(infos, rules)
    parts: dict[str, bytes] = {}
    for info in infos:
        if not info.is_dir():
            parts[info.filename] = _read_part(zf, info, rules)
    if any(name not in parts for name in rules.required):
        raise Refusal(rules.not_zip)
    return parts


def _check_entries(infos: list[zipfile.ZipInfo], rules: ZipRules) -> None:
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        key = name.replace("\\", "/").lower()
        if key in seen or name.startswith(("/", "\\")) or ".." in name.split("/"):
            raise Refusal(rules.damaged, part=name[:80])
        seen.add(key)
        if info.flag_bits & 0x1 or info.compress_type not in (
            zipfile.ZIP_STORED,
            zipfile.ZIP_DEFLATED,
        ):
            raise Refusal(rules.damaged, part=name[:80])
        total += info.file_size
        ratio = info.file_size > rules.ratio_floor and info.file_size > rules.max_ratio * max(
            1, info.compress_size
        )
        if info.file_size > rules.max_part or total > rules.max_total or ratio:
            raise Refusal(rules.size, part=name[:80])


def _read_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, rules: ZipRules) -> bytes:
    try:
        with zf.open(info) as f:
            content = f.read(info.file_size + 1)
    except Exception as exc:  # bad CRC, truncated data, forged sizes, broken deflate stream
        log.warning("damaged part %s", info.filename[:80], exc_info=True)
        raise Refusal(rules.damaged, part=info.filename[:80]) from exc
    if len(content) != info.file_size:
        raise Refusal(rules.damaged, part=info.filename[:80])
    if info.filename.lower().endswith(_XML_SUFFIXES) or info.filename == "[Content_Types].xml":
        head = content[:4]
        if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
            raise Refusal(rules.damaged, part=info.filename[:80])
        if b"<!" in content and _DTD.search(content):
            raise Refusal(rules.dtd, part=info.filename[:80])
    return content


def repack(parts: dict[str, bytes]) -> bytes:
    """A stored zip of exactly the checked parts (what a library then reads)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as out:
        for name, content in parts.items():
            out.writestr(name, content)
    return buffer.getvalue()
