"""XML from a hostile file: one hardened parser, namespaces resolved, nothing pattern-matched.

lxml (libxml2) with nothing loaded from outside the part (``resolve_entities="internal"``
is libxml2's XML_PARSE_NO_XXE: no external subset, entity or file, not even a local path; with
``resolve_entities=False`` libxml2 2.14 still opens an external DTD subset, which on Windows
could mean an SMB connection to a UNC path; so does ``collect_ids=False`` in lxml 6.1: keep the
defaults), no network, and its default resource limits on
(``huge_tree`` off: at most 256 levels deep, bounded text nodes, entity amplification capped).
A part that declares a DTD at all is refused, whatever the DTD says, and so is any encoding
but UTF-8. Character references (``&#49;``) and any namespace prefix are resolved by the parser,
so a check written against the parsed tree sees what every other reader sees.

Element names are compared as ``{namespace}local`` (``qname``); comments and processing
instructions stay in the tree, so a caller that allows only certain children sees them too.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

from lxml import etree

from app.io.package_errors import PackageRejected, shown

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
NS_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_UTF8 = ("UTF-8", "utf-8")
_local = threading.local()  # an lxml parser serves one thread at a time


def qname(namespace: str, local: str) -> str:
    return f"{{{namespace}}}{local}"


def _parser() -> Any:
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = etree.XMLParser(
            resolve_entities="internal",
            load_dtd=False,
            dtd_validation=False,
            no_network=True,
            huge_tree=False,
            remove_comments=False,
            remove_pis=False,
        )
        _local.parser = parser
    return parser


def parse_xml(name: str, content: bytes) -> Any:
    """The root element of a part; refuses a DTD, another encoding or malformed XML."""
    if content[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in content[:4]:
        raise PackageRejected("xml_encoding", name=shown(name))
    try:
        root = etree.fromstring(content, _parser())
    except etree.XMLSyntaxError:
        raise PackageRejected("xml_malformed", name=shown(name)) from None
    except (ValueError, MemoryError):
        raise PackageRejected("xml_malformed", name=shown(name)) from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise PackageRejected("xml_entities", name=shown(name))
    if info.encoding not in _UTF8:
        raise PackageRejected("xml_encoding", name=shown(name))
    return root


def is_element(node: Any) -> bool:
    """An element (not a comment, processing instruction or entity reference)."""
    return isinstance(node.tag, str)


def only_space(text: str | None) -> bool:
    return text is None or not text.strip(" \t\r\n")


_REL = qname(NS_PKG_REL, "Relationship")
_CACHED_BYTES = 64 * 1024


@functools.lru_cache(maxsize=64)
def _cached_relationships(name: str, content: bytes) -> tuple[tuple[str, str, str, str], ...]:
    return tuple(
        (
            rel.get("Id", ""),
            rel.get("Type", ""),
            rel.get("Target", ""),
            rel.get("TargetMode", "Internal"),
        )
        for rel in parse_xml(name, content).iter(_REL)
    )


def relationships(name: str, content: bytes) -> tuple[tuple[str, str, str, str], ...]:
    """(id, type, target, target mode) of every relationship in a ``.rels`` part. Every file
    one writer makes has the same small ones, so a batch parses each distinct one once."""
    if len(content) > _CACHED_BYTES:
        return _cached_relationships.__wrapped__(name, content)
    return _cached_relationships(name, content)
