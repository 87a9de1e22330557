"""The one zip shape a signed package may have, read and written byte by byte (design §3).

Python's ``zipfile`` is lenient where other readers disagree with it: it finds an archive after
junk or a second zip, keeps the last of two same-named entries, and ignores a local header
whose name differs from the central directory's. A signed file must look the same to every
reader, so this module parses the end record and the central directory itself and accepts
only this shape:

- the end record is the last 22 bytes (no comment, nothing after it), one disk, no ZIP64;
- the central directory ends exactly where the end record begins, and the first entry starts
  at byte 0: nothing before the first entry, between two entries or after the last one;
- every central entry agrees field by field with its local header (version, flags, method,
  time, CRC, sizes, the name byte for byte), and neither has extra fields or a comment;
- names: ASCII letters, digits and ``_ - . [ ]`` in ``/``-separated segments; no leading
  ``/``, no ``\\``, no ``.`` or ``..`` segment, no drive (``:``), no directories, no two names
  equal or equal but for case;
- stored or deflated, no encryption, no data descriptor; each size, the total and the
  compression ratio bounded, so memory never exceeds the limits; each entry inflates to
  exactly its size and CRC.

``build_zip`` writes that shape (deflated, dated 1980-01-01, no extras), so the same parts
always give the same bytes.
"""

from __future__ import annotations

import os
import re
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from app.io.bounded_read import read_at_most
from app.io.package_errors import PackageRejected, shown

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ENTRIES = 100
MAX_ENTRY_BYTES = 20 * 1024 * 1024
MAX_TOTAL_BYTES = 50 * 1024 * 1024
MAX_RATIO = 400  # deflate reaches ~1000:1 on a bomb; repetitive text as &#NNNNN; refs 125:1
RATIO_FLOOR = 1024 * 1024  # small parts compress well legitimately
MAX_NAME_BYTES = 200

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_LOCAL_SIG, _CENTRAL_SIG, _END_SIG = 0x04034B50, 0x02014B50, 0x06054B50
_ZIP64_LOCATOR = b"PK\x06\x07"
_STORED, _DEFLATED = 0, 8
_FLAG_ENCRYPTED = 0x1
_FLAGS_ALLOWED = 0x0806  # deflate speed hints (bits 1, 2) and UTF-8 names (bit 11)
_VERSION = 20  # 2.0: deflate, no ZIP64
_DOS_DATE = 0x21  # 1980-01-01, 00:00
_SEGMENT = re.compile(r"[A-Za-z0-9_.\[\]-]+")


@dataclass(frozen=True)
class ZipEntry:
    """One entry as the central directory and its local header both describe it."""

    name: str
    method: int
    crc: int
    compressed_size: int
    size: int
    data_offset: int


def load(source: bytes | str | os.PathLike[str]) -> bytes:
    """The file's bytes, at most ``MAX_FILE_BYTES``."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    else:
        try:
            with open(source, "rb") as f:
                data = read_at_most(f, MAX_FILE_BYTES)
        except OSError as exc:
            raise PackageRejected("file_unreadable", detail=exc.strerror or str(exc)) from exc
    if len(data) > MAX_FILE_BYTES:
        raise PackageRejected("too_large", mb=MAX_FILE_BYTES // (1024 * 1024))
    if not data:
        raise PackageRejected("not_xlsx")
    return data


def check_name(name: str) -> None:
    """An entry name this format allows (see the module docstring)."""
    segments = name.split("/")
    if (
        not name
        or len(name) > MAX_NAME_BYTES
        or not name.isascii()
        or any(s in ("", ".", "..") or not _SEGMENT.fullmatch(s) for s in segments)
    ):
        raise PackageRejected("zip_name", name=shown(name))


def _end_record(data: bytes) -> tuple[int, int, int]:
    """(number of entries, central directory offset, its size) from the end record, which
    must be the file's last 22 bytes."""
    at = len(data) - _END.size
    if at < 0:
        raise PackageRejected("not_xlsx")
    sig, disk, cd_disk, on_disk, total, cd_size, cd_offset, comment = _END.unpack_from(data, at)
    if sig != _END_SIG or comment:
        # a whole end record further in: a comment, or bytes appended after the archive;
        # none, or one cut short: a truncated or foreign file
        found = data.rfind(b"PK\x05\x06", max(0, len(data) - 65557))
        whole = 0 <= found <= len(data) - _END.size
        raise PackageRejected("zip_trailer" if whole else "not_xlsx")
    if 0xFFFF in (disk, cd_disk, on_disk, total) or 0xFFFFFFFF in (cd_size, cd_offset):
        raise PackageRejected("zip_feature", name="ZIP64")
    if data[at - 20 : at - 16] == _ZIP64_LOCATOR or disk or cd_disk or on_disk != total:
        raise PackageRejected("zip_feature", name="ZIP64")
    if total > MAX_ENTRIES:
        raise PackageRejected("zip_entries", count=total)
    before = at - cd_size - cd_offset  # what zipfile would skip as "data before the archive"
    if before > 0:
        raise PackageRejected("zip_prefix")
    if before < 0:
        raise PackageRejected("not_xlsx")
    return total, cd_offset, cd_size


def _central(
    data: bytes, total: int, cd_offset: int, cd_size: int
) -> list[tuple[tuple[int, ...], str]]:
    """The central directory's fixed fields and name per entry, every field checked."""
    rows: list[tuple[tuple[int, ...], str]] = []
    pos, end = cd_offset, cd_offset + cd_size
    names: set[str] = set()
    folded: set[str] = set()
    declared = 0
    for _ in range(total):
        if pos + _CENTRAL.size > end:
            raise PackageRejected("not_xlsx")
        fields = _CENTRAL.unpack_from(data, pos)
        sig, _made, need, flags, method, _t, _d, _crc, csize, usize = fields[:10]
        name_len, extra_len, comment_len, disk, _iattr, _eattr, _offset = fields[10:]
        raw = data[pos + _CENTRAL.size : pos + _CENTRAL.size + name_len]
        name = raw.decode("ascii", "replace")
        if sig != _CENTRAL_SIG or len(raw) != name_len:
            raise PackageRejected("not_xlsx")
        check_name(name)
        if name in names:
            raise PackageRejected("zip_duplicate", name=name)
        if name.lower() in folded:  # two names a case-insensitive reader takes for one
            raise PackageRejected("zip_duplicate", name=name)
        names.add(name)
        folded.add(name.lower())
        _check_entry_fields(name, need, flags, method, extra_len, comment_len, disk)
        declared += usize
        _check_sizes(name, csize, usize, declared)
        rows.append((fields, name))
        pos += _CENTRAL.size + name_len
    if pos != end:
        raise PackageRejected("zip_gap")
    return rows


def _check_entry_fields(
    name: str, need: int, flags: int, method: int, extra: int, comment: int, disk: int
) -> None:
    if flags & _FLAG_ENCRYPTED:
        raise PackageRejected("zip_encrypted")
    if method not in (_STORED, _DEFLATED):
        raise PackageRejected("zip_compression", name=name)
    if need > _VERSION or flags & ~_FLAGS_ALLOWED or extra or comment or disk:
        raise PackageRejected("zip_feature", name=name)


def _check_sizes(name: str, csize: int, usize: int, total: int) -> None:
    if usize > MAX_ENTRY_BYTES or total > MAX_TOTAL_BYTES:
        raise PackageRejected("zip_size", name=name)
    if usize > RATIO_FLOOR and usize > MAX_RATIO * max(1, csize):
        raise PackageRejected("zip_ratio", name=name)


def read_entries(data: bytes) -> list[ZipEntry]:
    """Every entry, in file order, after the structural checks (nothing inflated yet)."""
    if data[:4] != b"PK\x03\x04":
        raise PackageRejected("zip_prefix" if b"PK\x03\x04" in data else "not_xlsx")
    total, cd_offset, cd_size = _end_record(data)
    out: list[ZipEntry] = []
    cursor = 0
    for row, name in _central(data, total, cd_offset, cd_size):
        _sig, _made, need, flags, method, mtime, mdate, crc, csize, usize = row[:10]
        name_len, offset = row[10], row[16]
        if offset != cursor:  # entries back to back from byte 0, in directory order
            raise PackageRejected(
                "zip_gap" if offset > cursor else "zip_header_mismatch", name=name
            )
        if cursor + _LOCAL.size > cd_offset:
            raise PackageRejected("zip_damaged", name=name)
        local = _LOCAL.unpack_from(data, cursor)
        begin = cursor + _LOCAL.size
        same = local == (_LOCAL_SIG, need, flags, method, mtime, mdate, crc, csize, usize,
                         name_len, 0)  # fmt: skip
        if not same or data[begin : begin + name_len] != name.encode("ascii"):
            raise PackageRejected("zip_header_mismatch", name=name)
        start = begin + name_len
        cursor = start + csize
        if cursor > cd_offset:
            raise PackageRejected("zip_damaged", name=name)
        out.append(ZipEntry(name, method, crc, csize, usize, start))
    if cursor != cd_offset:
        raise PackageRejected("zip_gap")
    return out


def entry_bytes(data: bytes, entry: ZipEntry) -> bytes:
    """The entry's content: inflated within its declared size, one whole deflate stream and
    nothing after it, the CRC checked."""
    raw = data[entry.data_offset : entry.data_offset + entry.compressed_size]
    if entry.method == _STORED:
        content = raw
    else:
        inflater = zlib.decompressobj(-15)
        try:
            content = inflater.decompress(raw, entry.size + 1)
        except zlib.error:
            raise PackageRejected("zip_damaged", name=entry.name) from None
        if not inflater.eof or inflater.unconsumed_tail or inflater.unused_data:
            raise PackageRejected("zip_damaged", name=entry.name)
    if len(content) != entry.size or zlib.crc32(content) != entry.crc:
        raise PackageRejected("zip_damaged", name=entry.name)
    return content


def build_zip(parts: Sequence[tuple[str, bytes]], *, deflate: bool = True) -> bytes:
    """``parts`` in this order as one archive of the accepted shape; equal parts always give
    equal bytes (one zlib build). Names are checked as the reader checks them."""
    local: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, content in parts:
        check_name(name)
        raw_name = name.encode("ascii")
        crc, size = zlib.crc32(content), len(content)
        if deflate:
            packer = zlib.compressobj(6, zlib.DEFLATED, -15)
            body, method = packer.compress(content) + packer.flush(), _DEFLATED
        else:
            body, method = content, _STORED
        common = (_VERSION, 0, method, 0, _DOS_DATE, crc, len(body), size, len(raw_name), 0)
        local += (_LOCAL.pack(_LOCAL_SIG, *common), raw_name, body)
        central.append(_CENTRAL.pack(_CENTRAL_SIG, _VERSION, *common, 0, 0, 0, 0, offset))
        central.append(raw_name)
        offset += _LOCAL.size + len(raw_name) + len(body)
    directory = b"".join(central)
    n = len(parts)
    end = _END.pack(_END_SIG, 0, 0, n, n, len(directory), offset, 0)
    return b"".join(local) + directory + end
