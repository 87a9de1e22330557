"""Hostile submission files: bombs, forged sizes, DTDs and entities, active content, names
and shapes of the zip, garbage and truncation; each refused with its code and one line."""

from __future__ import annotations

import io
import os
import pickle
import zipfile
from pathlib import Path

import openpyxl
import pytest

from app.domain.catalog import Catalog
from app.io import package_props, package_zip, submission_cells
from app.io.package_xml import parse_xml
from app.io.submission_layout import SHEET_TASKS
from app.io.submission_reader import SubmissionRejected, verify_submission
from tests.kit.keys import Key
from tests.kit.submissions import rejected, resigned, rezip, sheet_part


# -- hostile files ------------------------------------------------------------------------
def test_zip_bomb_is_refused_before_any_parsing(
    monkeypatch: pytest.MonkeyPatch, written: bytes, catalog: Catalog
) -> None:
    def no_parsing(*_a: object, **_k: object) -> None:
        raise AssertionError("XML parsed before the zip was checked")

    monkeypatch.setattr(package_props, "parse_xml", no_parsing)
    monkeypatch.setattr(submission_cells, "parse_xml", no_parsing)
    bomb = rezip(written, add={"xl/worksheets/sheet9.xml": b"\0" * (21 * 1024 * 1024)})
    assert len(bomb) < 200_000
    assert rejected(bomb, catalog).code == "zip_size"
    ratio = rezip(written, add={"docProps/extra.xml": b" " * (2 * 1024 * 1024)})
    assert rejected(ratio, catalog).code == "zip_ratio"
    many = rezip(written, add={f"x/{i}.txt": b"" for i in range(120)})
    assert rejected(many, catalog).code == "zip_entries"


def test_forged_sizes_cannot_smuggle_more_data(written: bytes, catalog: Catalog) -> None:
    # declare a small size for a big entry: the local and central records then disagree, or
    # the inflated data does not end where it should
    big = rezip(written, add={"docProps/pad.xml": b"<a>" + b"x" * 5000 + b"</a>"})
    raw = bytearray(big)
    name = b"docProps/pad.xml"
    for sig, size_at in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        start = 0
        while (pos := raw.find(sig, start)) >= 0:
            name_at = pos + (46 if sig == b"PK\x01\x02" else 30)
            if raw[name_at : name_at + len(name)] == name:
                raw[pos + size_at : pos + size_at + 4] = (10).to_bytes(4, "little")
            start = pos + 4
    assert rejected(bytes(raw), catalog).code == "zip_damaged"


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    b"<Properties>&lol3;</Properties>"
)


def test_xml_entities_are_refused(written: bytes, catalog: Catalog, key: Key) -> None:
    exc = rejected(rezip(written, {"docProps/custom.xml": LAUGHS}), catalog)
    assert exc.code == "xml_entities"
    part = sheet_part(written, SHEET_TASKS)
    assert rejected(resigned(written, key, {part: LAUGHS}), catalog).code == "xml_entities"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes: POSIX")
def test_the_xml_parser_opens_nothing_a_part_names(tmp_path: Path) -> None:
    """An external DTD subset or entity naming a local file is never opened: a named pipe
    would block the reader until someone writes to it, and a DTD file declaring the entity
    would make it resolve. Either would show here; neither may happen."""
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    dtd = tmp_path / "x.dtd"
    dtd.write_text('<!ENTITY e "from the file">')
    opened = threading.Event()

    def unblock() -> None:  # only if the parser opened the pipe: then the test must fail
        if not opened.wait(3):
            with open(fifo, "w"):
                pass

    threading.Thread(target=unblock, daemon=True).start()
    for doc in (
        f'<!DOCTYPE x SYSTEM "{fifo}"><x/>',
        f'<!DOCTYPE x [<!ENTITY e SYSTEM "{fifo}">]><x>&e;</x>',
        f'<!DOCTYPE x SYSTEM "{dtd}"><x>&e;</x>',
        f'<!DOCTYPE x [<!ENTITY % p SYSTEM "{dtd}"> %p;]><x>&e;</x>',
    ):
        with pytest.raises(SubmissionRejected) as info:
            parse_xml("custom.xml", doc.encode())
        assert info.value.code in ("xml_entities", "xml_malformed")
    opened.set()


def test_the_xml_parser_refuses_dtds_and_damage() -> None:
    with pytest.raises(SubmissionRejected) as info:
        parse_xml("custom.xml", b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')
    assert info.value.code == "xml_entities"
    for system in ("http://example.com/x.dtd", "//server/share/x.dtd", "/etc/hostname"):
        with pytest.raises(SubmissionRejected) as info:
            parse_xml("custom.xml", f'<!DOCTYPE x SYSTEM "{system}"><x/>'.encode())
        assert info.value.code == "xml_entities"
    with pytest.raises(SubmissionRejected) as info:
        parse_xml("custom.xml", b"<x><y></x>")
    assert info.value.code == "xml_malformed"
    with pytest.raises(SubmissionRejected) as info:
        parse_xml("custom.xml", b"<a>" * 120_000 + b"</a>" * 120_000)
    assert info.value.code == "xml_malformed"
    with pytest.raises(SubmissionRejected) as info:
        parse_xml("custom.xml", b'<?xml version="1.0" encoding="ISO-8859-1"?><x>\xe9</x>')
    assert info.value.code == "xml_encoding"


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0"}, "macro"),
        ({"xl/externalLinks/externalLink1.xml": b"<externalLink/>"}, "external_link"),
        ({"xl/embeddings/oleObject1.bin": b"\xd0\xcf"}, "embedded_object"),
        ({"xl/activeX/activeX1.xml": b"<ax/>"}, "activex"),
        ({"xl/drawings/drawing1.xml": b"<wsDr/>"}, "drawing"),
        ({"xl/macrosheets/sheet1.xml": b"<xm/>"}, "macro"),
    ],
)
def test_active_or_external_content_is_refused(
    written: bytes, catalog: Catalog, extra: dict[str, bytes], code: str
) -> None:
    assert rejected(rezip(written, add=extra), catalog).code == code


def test_external_targets_are_refused_even_from_the_signer(
    written: bytes, catalog: Catalog, key: Key
) -> None:
    rels_name = "xl/worksheets/_rels/sheet2.xml.rels"
    rels = (
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/hyperlink" Target="javascript:alert(1)" TargetMode="External"/>'
        b"</Relationships>"
    )
    assert rejected(rezip(written, add={rels_name: rels}), catalog).code == "manifest_extra"
    exc = rejected(resigned(written, key, add={rels_name: rels}), catalog)
    assert exc.code == "external_link"


def test_duplicate_entry_names_are_refused(written: bytes, catalog: Catalog) -> None:
    buf = io.BytesIO(written)
    with pytest.warns(UserWarning), zipfile.ZipFile(buf, "a") as z:
        z.writestr("xl/worksheets/sheet2.xml", b"<worksheet/>")
    assert rejected(buf.getvalue(), catalog).code == "zip_duplicate"


@pytest.mark.parametrize(
    "data",
    [b"", os.urandom(4096), b"PK\x03\x04" + os.urandom(200), b"not a workbook"],
    ids=["empty", "random", "zip-header-then-noise", "text"],
)
def test_garbage_is_refused(data: bytes, catalog: Catalog) -> None:
    assert rejected(data, catalog).code == "not_xlsx"


def test_truncated_file_is_refused(written: bytes, catalog: Catalog) -> None:
    for cut in (len(written) // 2, len(written) - 10, len(written) - 1, 30):
        assert rejected(written[:cut], catalog).code == "not_xlsx"


def test_plain_workbook_without_payload_is_refused(tmp_path: Path, catalog: Catalog) -> None:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "报送"
    wb.save(tmp_path / "plain.xlsx")
    exc = rejected((tmp_path / "plain.xlsx").read_bytes(), catalog)
    assert exc.code == "no_payload"


def test_oversized_file_is_refused_unread(tmp_path: Path, catalog: Catalog) -> None:
    big = tmp_path / "big.xlsx"
    with open(big, "wb") as f:
        f.truncate(package_zip.MAX_FILE_BYTES + 1)
    assert rejected(big, catalog).code == "too_large"  # type: ignore[arg-type]


def test_rejection_survives_pickling() -> None:
    exc = SubmissionRejected("macro", name="xl/vbaProject.bin").knowing("ab")
    again = pickle.loads(pickle.dumps(exc))
    assert (again.reason, again.code, again.fingerprint, str(again)) == (
        exc.reason,
        "macro",
        "ab",
        exc.reason,
    )
    assert again.message.render("en").startswith("The file holds a macro")


def test_random_corruption_is_always_a_one_line_refusal(written: bytes, catalog: Catalog) -> None:
    """Damaged files (bytes overwritten anywhere, including the zip structures) never raise
    anything but SubmissionRejected."""
    import random

    rng = random.Random(20160408)
    outcomes = set()
    for _ in range(300):
        data = bytearray(written)
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            verify_submission(bytes(data), catalog)
            outcomes.add("ok")  # e.g. a byte of a timestamp in the zip header
        except SubmissionRejected as exc:
            assert exc.reason and "\n" not in exc.reason
            outcomes.add(exc.code)
    assert len(outcomes) > 3, outcomes
