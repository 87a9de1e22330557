# ruff: noqa: E501  (the hostile parts are XML snippets, each on one line)
"""The parts of a signed workbook (app.io.package_parts): files their own signer made by hand,
adding parts, relationships or content types the writer never writes, each refused with a
code that names what it found; the writers' own files of every kind pass."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest

from app.domain.catalog import Catalog
from app.io.package_parts import WRITTEN_PARTS
from app.io.submission_reader import verify_submission
from tests.kit.keys import Key
from tests.kit.submissions import entries, rejected, resigned, rezip

TYPES, BOOK_RELS, PACKAGE_RELS = "[Content_Types].xml", "xl/_rels/workbook.xml.rels", "_rels/.rels"
SHEET_RELS = "xl/worksheets/_rels/sheet2.xml.rels"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
COMMENTS = (
    '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors>'
    '<author>x</author></authors><commentList><comment ref="F3" authorId="0"><text><t>'
    "实际只完成了一半</t></text></comment></commentList></comments>"
).encode()
COMMENTS_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}comments" Target="../comments1.xml"/></Relationships>'
).encode()


def _edited(written: bytes, part: str, old: str, new: str) -> dict[str, bytes]:
    text = entries(written)[part].decode("utf-8")
    assert old in text, "the edit found nothing to change"
    return {part: text.replace(old, new, 1).encode("utf-8")}


def test_every_part_of_the_writers_file_is_on_the_list(written: bytes, catalog: Catalog) -> None:
    assert set(entries(written)) <= WRITTEN_PARTS
    assert verify_submission(written, catalog).payload.unit_id == "zjj"


ADDED_PARTS: dict[str, dict[str, bytes]] = {
    "a comment on a figure": {"xl/comments1.xml": COMMENTS, SHEET_RELS: COMMENTS_RELS},
    "shared strings": {
        "xl/sharedStrings.xml": b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
    },
    "threaded comments": {"xl/threadedComments/threadedComment1.xml": b"<ThreadedComments/>"},
    "a rich-value metadata part": {"xl/metadata.xml": b"<metadata/>"},
    "a table": {"xl/tables/table1.xml": b"<table/>"},
    "printer settings": {"xl/printerSettings/printerSettings1.bin": b"\x00" * 64},
    "custom XML": {"customXml/item1.xml": b"<x/>"},
    "a seventeenth sheet": {"xl/worksheets/sheet17.xml": b"<worksheet/>"},
    "a second theme": {"xl/theme/theme2.xml": b"<theme/>"},
}


@pytest.mark.parametrize("added", list(ADDED_PARTS.values()), ids=list(ADDED_PARTS))
def test_a_part_the_writer_never_writes_is_refused_even_from_its_signer(
    written: bytes, catalog: Catalog, key: Key, added: dict[str, bytes]
) -> None:
    exc = rejected(resigned(written, key, add=added), catalog)
    assert exc.code == "unknown_part"
    assert exc.message.param_dict["name"] in added
    assert exc.fingerprint == hashlib.sha256(key.public).hexdigest()  # the import log names
    assert exc.payload is not None  # the signer and what it signed
    # nobody else can add it: the manifest does not list it
    assert rejected(rezip(written, add=added), catalog).code == "manifest_extra"


Edit = Callable[[bytes], dict[str, bytes]]
RELATIONSHIP_EDITS: dict[str, tuple[str, Edit]] = {
    "workbook relates shared strings": (
        BOOK_RELS,
        lambda w: _edited(
            w,
            BOOK_RELS,
            "</Relationships>",
            f'<Relationship Type="{REL}sharedStrings" Target="styles.xml" Id="rId9"/></Relationships>',
        ),
    ),
    "workbook relates a person list": (
        BOOK_RELS,
        lambda w: _edited(
            w,
            BOOK_RELS,
            "</Relationships>",
            '<Relationship Type="http://schemas.microsoft.com/office/2017/10/relationships/person" Target="styles.xml" Id="rId9"/></Relationships>',
        ),
    ),
    "package relates a thumbnail": (
        PACKAGE_RELS,
        lambda w: _edited(
            w,
            PACKAGE_RELS,
            "</Relationships>",
            '<Relationship Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail" Target="docProps/app.xml" Id="rId9"/></Relationships>',
        ),
    ),
    "the workbook's styles related as a sheet's comments": (
        BOOK_RELS,
        lambda w: _edited(w, BOOK_RELS, f"{REL}styles", f"{REL}comments"),
    ),
}


@pytest.mark.parametrize(
    ("part", "edit"), list(RELATIONSHIP_EDITS.values()), ids=list(RELATIONSHIP_EDITS)
)
def test_a_relationship_the_writer_never_writes_is_refused(
    written: bytes, catalog: Catalog, key: Key, part: str, edit: Edit
) -> None:
    exc = rejected(resigned(written, key, replace=edit(written)), catalog)  # type: ignore[arg-type]
    assert exc.code == "unknown_relationship"
    assert exc.message.param_dict["name"] == part


SHEET2 = 'PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"'
CONTENT_TYPE_EDITS: dict[str, tuple[str, str]] = {
    "a sheet read as a macro sheet": (
        SHEET2,
        'PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.ms-excel.macrosheet+xml"',
    ),
    "the workbook read as macro-enabled": (
        "spreadsheetml.sheet.main+xml",
        "spreadsheetml.sheet.main+xml_",
    ),
    "a default for binary parts": (
        '<Default Extension="xml"',
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default Extension="xml"',
    ),
    "an override of a part the writer never writes": (
        "<Override ",
        '<Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/><Override ',
    ),
    "one part declared twice": (
        f"<Override {SHEET2}/>",
        f"<Override {SHEET2}/><Override {SHEET2}/>",
    ),
    "a third attribute": (f"<Override {SHEET2}", f'<Override x="1" {SHEET2}'),
    "a comment": ("<Override ", "<!-- --><Override "),
    "a child element": (f"<Override {SHEET2}/>", f"<Override {SHEET2}><x/></Override>"),
    "another root": ("<Types ", '<Types xml:lang="x" '),
}


@pytest.mark.parametrize(
    ("old", "new"), list(CONTENT_TYPE_EDITS.values()), ids=list(CONTENT_TYPE_EDITS)
)
def test_a_content_type_the_writer_never_declares_is_refused(
    written: bytes, catalog: Catalog, key: Key, old: str, new: str
) -> None:
    exc = rejected(resigned(written, key, replace=_edited(written, TYPES, old, new)), catalog)
    assert exc.code == "unknown_part"
    assert exc.message.param_dict["name"].startswith(TYPES)


def test_the_writers_content_types_pass_in_any_order(
    written: bytes, catalog: Catalog, key: Key
) -> None:
    """Order and the declaration are not what the check is about: what each part is read as."""
    text = entries(written)[TYPES].decode("utf-8")
    head, _, rest = text.partition("<Override ")
    overrides = ["<Override " + o for o in rest.removesuffix("</Types>").split("<Override ")]
    shuffled = head + "".join(reversed(overrides)) + "</Types>"
    assert shuffled != text
    file = resigned(written, key, replace={TYPES: shuffled.encode("utf-8")})
    assert verify_submission(file, catalog).payload.unit_id == "zjj"


def test_a_sheet_part_the_workbook_does_not_list_is_refused(
    written: bytes, catalog: Catalog, key: Key
) -> None:
    """On the list of names, but nothing shows it: a file holds only what it shows."""
    orphan = {"xl/worksheets/sheet9.xml": entries(written)["xl/worksheets/sheet3.xml"]}
    exc = rejected(resigned(written, key, add=orphan), catalog)
    assert exc.code == "unknown_part"
    assert exc.message.param_dict["name"] == "xl/worksheets/sheet9.xml"
