"""Issue 12, class by class, as an attacker would do it: files made by the product, then edited.

Each hostile file goes through ``verify --json`` and ``office import --json`` in the real
command line: refused with its code and a one-line reason, exit status 1, nothing on stderr
(no traceback), and the office store unchanged but for one more import-log line. Edits by
anyone of a signed part end at the manifest; edits of the zip at its one shape; what the
signer itself could still put into a part is caught by the second line (the sheets are
parsed, not searched) or is the signer's own signed statement.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.config import Settings
from app.domain.catalog import Catalog
from app.io import keys
from app.models import ImportLog
from app.services.stores import open_office_store
from tests.kit.keys import Key, trust
from tests.kit.submissions import entries, make_payload, resigned, rezip, write
from tests.kit.world import office_state

SHEET = "xl/worksheets/sheet2.xml"  # 任务进展
STYLES = "xl/styles.xml"
BOOK = "xl/workbook.xml"
MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@dataclass
class Office:
    data: Path
    tmp: Path
    catalog: Catalog
    keys: dict[str, Key]
    capsys: pytest.CaptureFixture[str]

    def cli(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main(["--data-dir", str(self.data), *args])
        out, err = self.capsys.readouterr()
        return code, out, err

    def file(self, name: str, unit: str = "zjj", **kw: object) -> Path:
        p = make_payload(self.catalog, unit, **kw)  # type: ignore[arg-type]
        return write(self.tmp, self.catalog, self.keys[unit], p, name)

    def save(self, name: str, data: bytes) -> Path:
        path = self.tmp / name
        path.write_bytes(data)
        return path

    def snapshot(self) -> tuple[object, int]:
        store = open_office_store(Settings(self.data))
        try:
            with store.factory() as s:
                return office_state(store), s.scalar(select(func.count(ImportLog.id))) or 0
        finally:
            store.close()


@pytest.fixture
def office(tmp_path: Path, catalog: Catalog, capsys: pytest.CaptureFixture[str]) -> Office:
    data = tmp_path / "data"
    store = open_office_store(Settings(data))
    made = {unit: Key() for unit in ("zjj", "jtys")}
    for unit, key in made.items():
        trust(store, catalog, unit, key)
    store.close()
    return Office(data, tmp_path, catalog, made, capsys)


def refused_everywhere(
    office: Office, path: Path, code: str | tuple[str, ...], *, intact: bool = False
) -> str:
    """verify and office import both refuse ``path`` with ``code``; the store keeps its state
    but for one import-log line (which records the code); returns the reason. ``intact``: the
    file itself is sound, its signer is what is refused (verify says valid, not verified)."""
    codes = (code,) if isinstance(code, str) else code
    status, out, err = office.cli("verify", str(path), "--json")
    doc = json.loads(out)
    assert (status, err) == (1, "") and doc["code"] in codes, doc
    assert doc["valid"] is intact and doc["signer_verified"] is False
    assert doc["reason"] and "\n" not in doc["reason"]
    before, logged = office.snapshot()
    status, out, err = office.cli("office", "import", str(path), "--json")
    [outcome] = json.loads(out)
    assert (status, err, outcome["outcome"]) == (1, "", "rejected"), outcome
    assert outcome["code"] in codes and outcome["reason"] == doc["reason"]
    after, logged_after = office.snapshot()
    assert after == before and logged_after == logged + 1
    return str(doc["reason"])


def _edit(part: str, old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    def edit(data: bytes) -> bytes:
        xml = entries(data)[part]
        assert old in xml, (part, old)
        return rezip(data, {part: xml.replace(old, new, 1)})

    return edit


def _add(name: str, content: bytes | None = None) -> Callable[[bytes], bytes]:
    def add(data: bytes) -> bytes:
        return rezip(data, add={name: entries(data)[SHEET] if content is None else content})

    return add


def _prefixed(xml: bytes, prefix: bytes = "工".encode()) -> bytes:
    """Every element of a sheet under a non-ASCII prefix bound to SpreadsheetML."""
    body = re.sub(rb"<(/?)([A-Za-z][A-Za-z0-9]*)([\s/>])", rb"<\1" + prefix + rb":\2\3", xml)
    return body.replace(b' xmlns="', b" xmlns:" + prefix + b'="', 1)


def _rename_styles(data: bytes) -> bytes:
    parts = entries(data)
    out = {("xl/s.xml" if n == STYLES else n): c for n, c in parts.items()}
    for n in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
        out[n] = out[n].replace(b"styles.xml", b"s.xml")
    return rezip(out)


FORGED_CELL = (
    b'<c r="F3" t="str"><f>HYPERLINK("javascript:alert(1)","\xe5\xae\x8c\xe6\x88\x90")</f>'
    b"<v>\xe5\xae\x8c\xe6\x88\x90</v></c>"
)
RICH_RUN = (
    '<is><r><rPr><color rgb="FFFFFFFF"/></rPr><t>本季度未</t></r><r><t>完成验收</t></r></is>'
).encode()
# (class of issue 12, the edit anyone can make, the code it is refused with)
EDITS: list[tuple[str, Callable[[bytes], bytes], str | tuple[str, ...]]] = [
    ("shadowed /xl/ entry beside the genuine one", _add("/" + SHEET), "zip_name"),
    ("shadowed entry, backslashes", _add(SHEET.replace("/", "\\")), "zip_name"),
    ("shadowed entry, another case", _add(SHEET.upper()), "zip_duplicate"),
    ("white font", _edit(STYLES, b'<font><name val="\xe5\xae\x8b\xe4\xbd\x93"/><sz val="11"/>',
                         b'<font><name val="\xe5\xae\x8b\xe4\xbd\x93"/><color rgb="FFFFFFFF"/>'
                         b'<sz val="11"/>'), "manifest_digest"),
    ("1-point font", _edit(STYLES, b'<sz val="11"/>', b'<sz val="1"/>'), "manifest_digest"),
    ("rich-text run made white", _edit(SHEET, b"<is><t>", RICH_RUN + b"<is><t>"),
     "manifest_digest"),
    ("row height 1", _edit(SHEET, b'ht="25.5"', b'ht="1"'), "manifest_digest"),
    ("column width 1", _edit(SHEET, b'<col width="38"', b'<col width="1"'), "manifest_digest"),
    ("defaultColWidth 0", _edit(SHEET, b"<sheetFormatPr ", b'<sheetFormatPr defaultColWidth="0" '),
     "manifest_digest"),
    ("print area", _edit(BOOK, b"</definedNames>", b'<definedName name="_xlnm.Print_Area" '
                         b"localSheetId=\"1\">'x'!$A$1:$B$2</definedName></definedNames>"),
     "manifest_digest"),
    ("header and footer text", _edit(SHEET, b"<oddFooter>",
                                     b"<oddFooter>&amp;C\xe5\xb7\xb2\xe5\xae\x8c\xe6\x88\x90"),
     "manifest_digest"),
    ("zoom 10 % right to left", _edit(SHEET, b'<sheetView workbookViewId="0"',
                                      b'<sheetView zoomScale="10" rightToLeft="1" '
                                      b'workbookViewId="0"'), "manifest_digest"),
    ("data-validation prompt", _edit(SHEET, b"<printOptions", b'<dataValidations count="1">'
                                     b'<dataValidation showInputMessage="1" prompt="done" '
                                     b'sqref="F3"/></dataValidations><printOptions'),
     "manifest_digest"),
    ("defined name", _edit(BOOK, b"</definedNames>",
                           b'<definedName name="x">"done"</definedName></definedNames>'),
     "manifest_digest"),
    ("styles part under another name", _rename_styles, ("manifest_extra", "manifest_missing")),
    ("drawing under another name", _add("xl/media/d1.xml", b"<xdr:wsDr/>"), "manifest_extra"),
    ("hidden row as a character reference", _edit(SHEET, b'<row r="4" ',
                                                  b'<row r="4" hidden="&#49;" '),
     "manifest_digest"),
    ("number format as character references", _edit(STYLES, b'numFmtId="0" fontId="1"',
                                                    b'numFmtId="&#49;&#52;" fontId="1"'),
     "manifest_digest"),
    ("formula under a non-ASCII prefix", lambda d: rezip(d, {SHEET: _prefixed(
        entries(d)[SHEET].replace(b"</sheetData>", b'<row r="30"><c r="A30"><f>1+1</f></c>'
                                  b"</row></sheetData>"))}), "manifest_digest"),
    ("merge, conditional format and ;;; under a prefix", lambda d: rezip(d, {SHEET: _prefixed(
        entries(d)[SHEET].replace(b'ref="A1:L1"', b'ref="A1:L9"'))}), "manifest_digest"),
    ("junk before the file", lambda d: b"MZ\x90\x00" * 100 + d, "zip_prefix"),
    ("a second zip before the file", lambda d: rezip({"a.txt": b"x"}) + d, "zip_prefix"),
    ("junk after the file", lambda d: d + b"\x00junk" * 50, "zip_trailer"),
    ("an entry ../x", _add("../x", b"x"), "zip_name"),
    ("a second custom-properties part", _add("docProps/custom2.xml", b"<Properties/>"),
     "manifest_extra"),
    ("custom.xml twice", lambda d: d[:0] + _append(d, "docProps/custom.xml"), "zip_duplicate"),
    ("120,000-deep XML in custom.xml", _edit("docProps/custom.xml", b"</Properties>",
                                            b"<a>" * 120_000 + b"</a>" * 120_000 +
                                            b"</Properties>"), "xml_malformed"),
    ("120,000-deep XML in a signed part", _edit("docProps/app.xml", b"</Properties>",
                                                b"<a>" * 120_000 + b"</a>" * 120_000 +
                                                b"</Properties>"), "manifest_digest"),
]  # fmt: skip


def _append(data: bytes, name: str) -> bytes:
    import warnings

    buf = io.BytesIO(data)
    with warnings.catch_warnings(), zipfile.ZipFile(buf, "a") as z:
        warnings.simplefilter("ignore")
        z.writestr(name, entries(data)[name])
    return buf.getvalue()


@pytest.mark.parametrize(("edit", "code"), [e[1:] for e in EDITS], ids=[e[0] for e in EDITS])
def test_an_edited_file_is_refused_everywhere(
    office: Office, edit: Callable[[bytes], bytes], code: str | tuple[str, ...]
) -> None:
    genuine = office.file("genuine.xlsx").read_bytes()
    hostile = edit(genuine)
    assert hostile != genuine
    refused_everywhere(office, office.save("hostile.xlsx", hostile), code)


# -- what only the signer can do: the second line ------------------------------------------
def _signer(part: str, change: Callable[[bytes], bytes]) -> Callable[[bytes, Key], bytes]:
    def made(data: bytes, key: Key) -> bytes:
        return resigned(data, key, {part: change(entries(data)[part])})

    return made


SIGNER = [
    ("a formula under a non-ASCII prefix", _signer(SHEET, lambda x: _prefixed(x.replace(
        b"<v>", b"<f>1+1</f><v>", 1))), "formula"),
    ("a rich-text run", _signer(SHEET, lambda x: x.replace(b"<is><t>", RICH_RUN[:-5] + b"<t>", 1)),
     ("cell_form", "xml_malformed")),
    ("shared text", _signer(SHEET, lambda x: x.replace(b't="inlineStr"><is><t>',
                                                       b't="s"><v>0</v><is><t>', 1)),
     "cell_form"),
    ("a cell moved by character references", _signer(SHEET, lambda x: x.replace(
        b'r="F3"', b'r="&#70;&#52;&#48;"', 1)), "cell_position"),  # F40, outside the layout
    ("120,000-deep XML in a sheet", _signer(SHEET, lambda x: x.replace(
        b"</sheetData>", b"</sheetData>" + b"<a>" * 120_000 + b"</a>" * 120_000, 1)),
     "xml_malformed"),
    ("a hyperlink out of the file", lambda d, k: resigned(d, k, add={
        "xl/worksheets/_rels/sheet2.xml.rels": b'<Relationships xmlns="http://schemas.openxml'
        b'formats.org/package/2006/relationships"><Relationship Id="rId1" Type="x" '
        b'Target="javascript:alert(1)" TargetMode="External"/></Relationships>'}),
     "external_link"),
    ("a 5,000-digit number in the payload", lambda d, k: resigned(d, k, payload=entries_payload(
        d).replace(b'"version":1', b'"version":' + b"9" * 5000)), "bad_payload"),
]  # fmt: skip


def entries_payload(data: bytes) -> bytes:
    from tests.kit.submissions import signed_payload_bytes

    return signed_payload_bytes(data)


@pytest.mark.parametrize(("make", "code"), [e[1:] for e in SIGNER], ids=[e[0] for e in SIGNER])
def test_what_the_signer_puts_into_a_part_is_refused_by_the_second_line(
    office: Office, make: Callable[[bytes, Key], bytes], code: str | tuple[str, ...]
) -> None:
    genuine = office.file("genuine.xlsx").read_bytes()
    refused_everywhere(office, office.save("made.xlsx", make(genuine, office.keys["zjj"])), code)


# -- identity, order, revocation, verify ----------------------------------------------------
def test_another_unit_cannot_take_a_victims_submission_id(office: Office) -> None:
    from app.io.submission_reader import verify_submission

    victim = office.file("zjj.xlsx")
    taken = verify_submission(victim, office.catalog).payload.submission_id
    p = replace(make_payload(office.catalog, "jtys"), submission_id=taken)
    hijack = write(office.tmp, office.catalog, office.keys["jtys"], p, "jtys.xlsx")
    status, out, _ = office.cli("office", "import", str(hijack), "--json")
    assert status == 0 and json.loads(out)[0]["unit"] == "jtys"
    status, out, _ = office.cli("office", "import", str(victim), "--json")
    [o] = json.loads(out)
    assert (status, o["outcome"], o["code"], o["unit"]) == (0, "accepted", "import_new", "zjj")
    _code, out, _ = office.cli("office", "status", "--period", "2016Q1", "--json")
    units = {u["unit"]: u for u in json.loads(out)["units"]}
    assert units["zjj"]["state"] != "missing" and units["jtys"]["state"] != "missing"


def test_a_revoked_key_cannot_backdate_its_way_in(office: Office) -> None:
    from datetime import UTC, datetime

    early = office.file("early.xlsx", version=1, sequence=1)
    assert office.cli("office", "import", str(early))[0] == 0
    fp = keys.fingerprint(office.keys["zjj"].public)
    assert office.cli("office", "trust", "revoke", fp)[0] == 0
    p = replace(make_payload(office.catalog, "zjj", version=2, sequence=2),
                created_at=datetime(2016, 1, 5, tzinfo=UTC))  # fmt: skip
    backdated = write(office.tmp, office.catalog, office.keys["zjj"], p, "backdated.xlsx")
    reason = refused_everywhere(office, backdated, "key_revoked", intact=True)
    assert "吊销" in reason


def test_two_files_of_one_version_are_a_conflict_shown_in_either_order(office: Office) -> None:
    import shutil

    a = office.file("a.xlsx", version=1, sequence=1, text="甲")
    b = office.file("b.xlsx", version=1, sequence=1, text="乙")
    mirror = replace(office, data=office.tmp / "data-2")
    shutil.copytree(office.data, mirror.data)  # the same office, before either import
    states = []
    for where, files in ((office, [a, b]), (mirror, [b, a])):
        for f in files:
            status, out, _ = where.cli("office", "import", str(f), "--json")
            assert status == 0 and json.loads(out)[0]["outcome"] in ("accepted", "superseded")
        assert json.loads(out)[0]["conflict"] is True  # the second file names the conflict
        _status, out, _ = where.cli("office", "status", "--period", "2016Q1", "--json")
        zjj = next(u for u in json.loads(out)["units"] if u["unit"] == "zjj")
        assert zjj["conflict"] is True and zjj["conflict_versions"] == [1]
        _status, text, _ = where.cli("office", "status", "--period", "2016Q1")
        assert "冲突 conflict: v1" in text
        states.append(where.snapshot()[0])
    assert states[0] == states[1]  # both kept, the same one current, in either order


def test_verify_without_a_key_and_on_a_huge_number(office: Office) -> None:
    f = office.file("f.xlsx")
    status, out, _ = office.cli("verify", str(f), "--json")  # the office's registry: a key
    assert status == 0 and json.loads(out)["signer_verified"] is True
    status, out, _ = office.cli("--data-dir", str(office.tmp / "elsewhere"), "verify", str(f))
    assert status == 1 and out.startswith("UNVERIFIED: ")
    raw = entries_payload(f.read_bytes()).replace(b'"sequence":1', b'"sequence":' + b"1" * 5000)
    huge = office.save("huge.xlsx", resigned(f.read_bytes(), office.keys["zjj"], payload=raw))
    status, out, err = office.cli("verify", str(huge), "--json")
    doc = json.loads(out)
    assert (status, err, doc["code"], doc["valid"]) == (1, "", "bad_payload", False)
