"""The parts of a signed workbook, held to what the writer writes (app.io.printable_book,
through openpyxl), whoever signed it: an allow-list, not a list of what may not be there.

Every kind of signed file is the same kind of workbook: the package's relationships, the
document properties, the workbook, its styles and theme, and its worksheets. A part of any
other name (comments, a table, shared strings, a metadata or rich-value part, a person list,
printer settings...) could make Excel or WPS show what the signed payload does not say, or
reach for something the checks never looked at; so could a relationship of another type or a
content type that reads a part as something else. The names of dangerous parts keep their
own refusals (``FORBIDDEN_PARTS``, checked before anything is parsed); this check runs after
the signature, so its refusal names the signer.

The relationship and content-type parts are the same in every file of one writer with the
same number of sheets: each distinct one is checked once per process.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any

from app.io.package_errors import PackageRejected, shown
from app.io.package_xml import is_element, only_space, parse_xml, qname, relationships

CONTENT_TYPES = "[Content_Types].xml"
PACKAGE_RELS = "_rels/.rels"
BOOK_RELS = "xl/_rels/workbook.xml.rels"
MAX_SHEETS = 16  # a kind writes three to five sheets
_OOXML = "application/vnd.openxmlformats-officedocument."
_SHEET_TYPE = _OOXML + "spreadsheetml.worksheet+xml"
# part name -> the content type the writer declares for it
_TYPES: dict[str, str] = {
    "docProps/app.xml": _OOXML + "extended-properties+xml",
    "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "docProps/custom.xml": _OOXML + "custom-properties+xml",
    "xl/workbook.xml": _OOXML + "spreadsheetml.sheet.main+xml",
    "xl/styles.xml": _OOXML + "spreadsheetml.styles+xml",
    "xl/theme/theme1.xml": _OOXML + "theme+xml",
    **{f"xl/worksheets/sheet{i}.xml": _SHEET_TYPE for i in range(1, MAX_SHEETS + 1)},
}
WRITTEN_PARTS = frozenset({CONTENT_TYPES, PACKAGE_RELS, BOOK_RELS, *_TYPES})
_DEFAULTS = {
    "rels": "application/vnd.openxmlformats-package.relationships+xml",
    "xml": "application/xml",
}
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
# relationship part -> the types of relationship the writer puts there
_RELATIONSHIP_TYPES = {
    PACKAGE_RELS: frozenset(
        {
            _REL + "officeDocument",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            _REL + "extended-properties",
            _REL + "custom-properties",
        }
    ),
    BOOK_RELS: frozenset({_REL + "worksheet", _REL + "styles", _REL + "theme"}),
}
_NS_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_TYPES_ROOT = qname(_NS_TYPES, "Types")
_DEFAULT = qname(_NS_TYPES, "Default")
_OVERRIDE = qname(_NS_TYPES, "Override")


def check_parts(names: Iterable[str], parts: Mapping[str, bytes]) -> None:
    """No relationship pointing outside the package, then every entry one the writer writes,
    every relationship of a type the writer writes, every content type the one the writer
    declares (``parts``: every entry's bytes)."""
    _no_external_targets(parts)
    for name in names:
        if name not in WRITTEN_PARTS:
            raise PackageRejected("unknown_part", name=shown(name))
    for rels_name, allowed in _RELATIONSHIP_TYPES.items():
        content = parts.get(rels_name)
        if content is not None:
            for _rid, typ, _target, _mode in relationships(rels_name, content):
                if typ not in allowed:
                    raise PackageRejected("unknown_relationship", name=rels_name, type=shown(typ))
    content = parts.get(CONTENT_TYPES)
    if content is not None:
        if len(content) > _CACHED_BYTES:
            _check_content_types.__wrapped__(content)
        else:
            _check_content_types(content)


def _no_external_targets(parts: Mapping[str, bytes]) -> None:
    """No relationship in any ``.rels`` part may point outside the package (a link, a linked
    picture, a data source): a file never reaches out when it is opened. First, so that such
    a part is refused by what it does, not only as a part the writer never writes."""
    for name, content in parts.items():
        if name.endswith(".rels"):
            for _id, _type, _target, mode in relationships(name, content):
                if mode != "Internal":
                    raise PackageRejected("external_link", name=name)


_CACHED_BYTES = 16 * 1024  # the writer's is under 2 KB


@functools.lru_cache(maxsize=16)
def _check_content_types(content: bytes) -> None:
    """Only the writer's two defaults and one override per part, each with its part's type
    (cached: a refusal raises, so only accepted parts are remembered)."""
    root = parse_xml(CONTENT_TYPES, content)
    if root.tag != _TYPES_ROOT or root.attrib or not only_space(root.text):
        raise _refuse(str(root.tag) if is_element(root) else "<!-- -->")
    seen: set[str] = set()
    for child in root:
        if not is_element(child) or len(child) or not only_space(child.tail):
            raise _refuse("<!-- -->" if not is_element(child) else str(child.tag))
        key, want = _declared(child)
        if want is None or want != child.get("ContentType") or key in seen:
            raise _refuse(key)
        seen.add(key)


def _declared(child: Any) -> tuple[str, str | None]:
    """(what a Default or Override names, the type the writer declares for it or None)."""
    if len(child.attrib) != 2:
        return str(child.tag), None
    if child.tag == _DEFAULT:
        extension = child.get("Extension", "")
        return extension, _DEFAULTS.get(extension)
    if child.tag == _OVERRIDE:
        part = child.get("PartName", "")
        return part, _TYPES.get(part[1:]) if part.startswith("/") else None
    return str(child.tag), None


def _refuse(what: str) -> PackageRejected:
    return PackageRejected("unknown_part", name=f"{CONTENT_TYPES} {shown(what)}")
