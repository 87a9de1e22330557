"""The signed submission workbook: written for people, verified byte for byte, and every
tampered or hostile variant refused with its own one-line reason."""

from __future__ import annotations

import hashlib
import io
import pickle
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from app.domain.catalog import AssignmentInfo, Catalog
from app.domain.payload import PayloadEntry, PayloadError
from app.io import atomic_file
from app.io.canonical import canonical_bytes, payload_bytes
from app.io.package_props import property_chunks
from app.io.submission_layout import SHEET_INDICATORS, SHEET_NAMES, SHEET_TASKS
from app.io.submission_reader import (
    SubmissionRejected,
    VerifiedSubmission,
    read_submission,
    verify_submission,
)
from app.io.submission_writer import write_submission
from tests.kit.keys import Key
from tests.kit.submissions import (
    custom_xml,
    entries,
    make_payload,
    rejected,
    resigned,
    rezip,
    sheet_part,
    signed_properties,
    write,
)

TRICKY = ("=1+1", '=HYPERLINK("http://x","y")', "@SUM(A1)", "+1", "-1", "#N/A", "=A1", "_x0041_")


def set_cell_xml(xml: bytes, ref: str, new_cell_body: bytes, attrs: bytes = b"") -> bytes:
    """Replace the cell ``ref`` in sheet XML by ``<c r=ref attrs>new_cell_body</c>``."""
    pattern = re.compile(rb'<c r="' + ref.encode() + rb'"[^>]*?(?:/>|>.*?</c>)', re.S)
    new = b'<c r="' + ref.encode() + b'"' + attrs + b">" + new_cell_body + b"</c>"
    out, n = pattern.subn(lambda _m: new, xml, count=1)
    assert n == 1, ref
    return out


# -- the round trip -----------------------------------------------------------------------
def test_round_trip_returns_the_signed_payload(tmp_path: Path, catalog: Catalog, key: Key) -> None:
    payload = make_payload(catalog, "scjg", version=3, sequence=7)
    path = tmp_path / "报送.xlsx"
    sha = write_submission(path, payload, catalog, key.public, key.sign)
    data = path.read_bytes()
    assert sha == hashlib.sha256(data).hexdigest()
    v = verify_submission(data, catalog, trusted={key_fp(key): key.public}.get, pubkey=key.public)
    assert v.payload == payload
    assert v.payload_bytes == payload_bytes(payload)
    assert v.fingerprint == key_fp(key) and v.public_key == key.public
    assert v.file_sha256 == sha
    assert verify_submission(path, catalog).payload == payload  # a path works as well
    assert verify_submission(data, None).payload == payload  # plan cells skipped, rest checked
    assert pickle.loads(pickle.dumps(v)) == v  # crosses into the import worker process


def key_fp(key: Key) -> str:
    return hashlib.sha256(key.public).hexdigest()


def test_read_submission_exposes_the_signed_parts(written: bytes, key: Key) -> None:
    import json

    sub = read_submission(written)
    assert sub.kind == "submission" and sub.public_key == key.public
    assert sub.fingerprint == key_fp(key)
    assert sub.sha256 == hashlib.sha256(written).hexdigest()
    props = signed_properties(written)
    assert props["qr.format"] == "qualityreport.signed-xlsx/2" and props["qr.kind"] == "submission"
    count = int(props["qr.signed.count"])
    joined = "".join(props[f"qr.signed.{i:04d}"] for i in range(1, count + 1))
    assert joined.encode("utf-8") == sub.signed
    doc = json.loads(sub.signed)
    assert list(doc) == ["format", "kind", "manifest", "payload"]
    names = [e["name"] for e in doc["manifest"]]
    assert names == [n for n in entries(written) if n != "docProps/custom.xml"]
    assert all(
        e["sha256"] == hashlib.sha256(entries(written)[e["name"]]).hexdigest()
        for e in doc["manifest"]
    )
    assert canonical_bytes(doc["payload"]) == sub.payload_bytes


def test_payload_is_chunked_within_excels_property_limit(
    tmp_path: Path, catalog: Catalog, key: Key
) -> None:
    # astral characters (2 UTF-16 units) at every chunk boundary position
    long = ("质量𠀀工作😀" * 400)[:1999]
    payload = make_payload(catalog, "scjg", text=long)
    data = write(tmp_path, catalog, key, payload).read_bytes()
    props = signed_properties(data)
    count = int(props["qr.signed.count"])
    chunks = [props[f"qr.signed.{i:04d}"] for i in range(1, count + 1)]
    assert count > 100
    assert all(len(c.encode("utf-16-le")) <= 2 * 255 for c in chunks)
    assert verify_submission(data, catalog).payload == payload
    assert property_chunks("𠀀" * 200) == ["𠀀" * 127, "𠀀" * 73]


# -- tampering ----------------------------------------------------------------------------
def test_every_single_byte_flip_of_the_signed_document_is_refused(
    catalog: Catalog, key: Key
) -> None:
    payload = make_payload(catalog, "jyj", text="进展")
    path_data = write_submission_bytes(catalog, key, payload)
    props = signed_properties(path_data)
    signed = read_submission(path_data).signed

    def with_document(raw: bytes, signature: str | None = None) -> bytes:
        mine: dict[str, bytes | str] = {
            k: v for k, v in props.items() if not k.startswith("qr.signed.")
        }
        mine.update({"qr.signed.count": "1", "qr.signed.0001": raw})
        if signature is not None:
            mine["qr.signature"] = signature
        return rezip(path_data, {"docProps/custom.xml": custom_xml(mine)})

    assert verify_submission(with_document(signed), catalog).payload == payload  # the control
    for i in range(0, len(signed), 7):
        flipped = bytearray(signed)
        flipped[i] ^= 0x01
        with pytest.raises(SubmissionRejected):
            verify_submission(with_document(bytes(flipped)), catalog)
    sig = bytes.fromhex(hashlib.sha256(b"").hexdigest()) * 2  # 64 bytes, a wrong signature
    import base64

    reason = rejected(with_document(signed, base64.b64encode(sig).decode()), catalog)
    assert reason.code == "bad_signature"


def write_submission_bytes(catalog: Catalog, key: Key, payload: object) -> bytes:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "x.xlsx"
        write_submission(path, payload, catalog, key.public, key.sign)  # type: ignore[arg-type]
        return path.read_bytes()


def test_visible_text_edited_inside_the_zip_is_refused(
    written: bytes, catalog: Catalog, key: Key
) -> None:
    part = sheet_part(written, SHEET_TASKS)
    xml = entries(written)[part]
    edited = set_cell_xml(xml, "F3", "<is><t>全部完成</t></is>".encode(), b' t="inlineStr"')
    exc = rejected(rezip(written, {part: edited}), catalog)  # by anyone: not what was signed
    assert exc.code == "manifest_digest" and part in exc.reason
    assert exc.payload is not None and exc.fingerprint  # genuine payload, for the import log
    # by the signer, signed again: the sheets still contradict the signed payload
    exc = rejected(resigned(written, key, {part: edited}), catalog)
    assert exc.code == "visible_cell"
    assert "任务进展!F3" in exc.reason
    assert exc.payload is not None and exc.fingerprint


def test_visible_number_edited_by_the_signer_is_refused(
    written: bytes, catalog: Catalog, key: Key
) -> None:
    part = sheet_part(written, SHEET_INDICATORS)
    xml = entries(written)[part]
    assert b'<c r="D3"' in xml
    edited = set_cell_xml(xml, "D3", b"<v>99.9</v>", b' t="n"')
    exc = rejected(resigned(written, key, {part: edited}), catalog)
    assert exc.code == "visible_cell" and "工作目标指标!D3" in exc.reason


def test_plan_text_edited_is_refused_only_with_the_plan(
    written: bytes, catalog: Catalog, key: Key
) -> None:
    part = sheet_part(written, SHEET_TASKS)
    edited = set_cell_xml(
        entries(written)[part], "B3", "<is><t>别的任务</t></is>".encode(), b' t="inlineStr"'
    )
    data = resigned(written, key, {part: edited})
    assert rejected(data, catalog).code == "visible_cell"
    verify_submission(data, None)  # without the plan a task title cannot be checked


def test_a_cell_edited_in_a_spreadsheet_program_breaks_the_signature(
    tmp_path: Path, written: bytes, catalog: Catalog
) -> None:
    """Every part is signed: a cell edited and saved changes a sheet, so the file is refused,
    as a signed document should be (the clerk exports again instead). A save that leaves
    every signed part as it was (openpyxl within the same second) is the same signed content
    and still verifies: custom.xml is not signed, only read strictly."""
    wb = openpyxl.load_workbook(io.BytesIO(written))
    wb[SHEET_TASKS]["G3"] = "没有问题"
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    exc = rejected(edited.read_bytes(), catalog)
    assert exc.code == "manifest_digest" and exc.payload is not None


def test_extra_cells_or_sheets_made_by_the_signer_are_refused(
    written: bytes, catalog: Catalog, key: Key
) -> None:
    part = sheet_part(written, SHEET_TASKS)
    xml = entries(written)[part]
    extra = b'<row r="40"><c r="C40" t="inlineStr"><is><t>\xe8\xa1\xa5</t></is></c></row>'
    far = xml.replace(b"</sheetData>", extra + b"</sheetData>")
    exc = rejected(resigned(written, key, {part: far}), catalog)
    assert exc.code == "cell_position" and "任务进展!C40" in exc.reason
    wb = openpyxl.load_workbook(io.BytesIO(written))
    wb.create_sheet("附件")
    buf = io.BytesIO()
    wb.save(buf)
    redone = resigned(written, key, dict(entries(buf.getvalue())), payload=None)
    assert rejected(redone, catalog).code in ("sheets", "manifest_extra", "zip_name")


def test_hidden_rows_widths_and_number_formats_break_the_signature(
    written: bytes, catalog: Catalog
) -> None:
    """What the byte scans looked for (and missed in other spellings) is now fixed by the
    digests: any edit of a signed part is refused, however it is spelt."""
    part = sheet_part(written, SHEET_TASKS)
    xml = entries(written)[part]
    for edited in (
        xml.replace(b'<row r="4" ', b'<row r="4" hidden="&#49;" ', 1),
        xml.replace(b"<sheetFormatPr ", b'<sheetFormatPr zeroHeight="1" ', 1),
        xml.replace(b"<sheetFormatPr ", b'<sheetFormatPr defaultColWidth="0" ', 1),
    ):
        assert edited != xml
        assert rejected(rezip(written, {part: edited}), catalog).code == "manifest_digest"
    styles = entries(written)["xl/styles.xml"]
    odd = styles.replace(b'numFmtId="0"', b'numFmtId="&#49;&#52;"', 1)
    assert odd != styles
    assert rejected(rezip(written, {"xl/styles.xml": odd}), catalog).code == "manifest_digest"


def test_another_key_is_refused(tmp_path: Path, catalog: Catalog, key: Key) -> None:
    other = Key()
    data = write(tmp_path, catalog, other, make_payload(catalog, "jyj")).read_bytes()
    verify_submission(data, catalog)  # valid in itself: signed by the key it carries
    exc = rejected(data, catalog, pubkey=key.public)
    assert exc.code == "wrong_key"
    fp = key_fp(other)
    exc = rejected(data, catalog, trusted={key_fp(key): key.public}.get)
    assert exc.code == "unregistered_key" and fp[:4].upper() in exc.reason
    exc = rejected(data, catalog, trusted=lambda _fp: key.public)  # registry says otherwise
    assert exc.code == "registered_key_differs"


def test_fingerprint_must_match_the_embedded_key(written: bytes, catalog: Catalog) -> None:
    props: dict[str, bytes | str] = dict(signed_properties(written))
    props["qr.fingerprint"] = hashlib.sha256(b"x").hexdigest()
    data = rezip(written, {"docProps/custom.xml": custom_xml(props)})
    assert rejected(data, catalog).code == "fingerprint_mismatch"


def test_validly_signed_but_not_canonical_payload_is_refused(
    written: bytes, catalog: Catalog, key: Key
) -> None:
    import json

    payload = verify_submission(written, catalog).payload
    loose = json.dumps(json.loads(payload_bytes(payload)), ensure_ascii=False, indent=1).encode()
    assert rejected(resigned(written, key, payload=loose), catalog).code == "not_canonical"
    unsorted = json.loads(payload_bytes(payload))
    unsorted["entries"].reverse()  # canonical JSON, but not the payload's own order
    raw = canonical_bytes(unsorted)
    assert rejected(resigned(written, key, payload=raw), catalog).code == "not_canonical"


def test_payload_from_another_plan_is_refused(written: bytes, catalog: Catalog) -> None:
    other_plan = replace(catalog, content_hash="0" * 64)
    exc = rejected(written, other_plan)
    assert exc.code == "plan_hash" and exc.payload is not None


# -- formulas -----------------------------------------------------------------------------
def test_texts_that_look_like_formulas_stay_text(
    tmp_path: Path, catalog: Catalog, key: Key
) -> None:
    payload = make_payload(catalog, "zjj", texts=TRICKY)
    path = write(tmp_path, catalog, key, payload)
    data = path.read_bytes()
    for name, content in entries(data).items():
        if name.startswith("xl/worksheets/"):
            assert not re.search(rb"<f[\s>/]", content), name
    assert verify_submission(data, catalog).payload == payload  # calamine reads them back
    ws = openpyxl.load_workbook(path)[SHEET_TASKS]
    got = {ws.cell(row=r, column=c).value for r in range(3, ws.max_row + 1) for c in (6, 7, 8)}
    assert set(TRICKY) - {"_x0041_"} <= got
    assert all(
        ws.cell(row=r, column=6).data_type == "s"
        for r in range(3, ws.max_row + 1)
        if ws.cell(row=r, column=6).value
    )


def test_control_characters_never_crash_the_writer(
    tmp_path: Path, catalog: Catalog, key: Key
) -> None:
    payload = make_payload(catalog, "jyj", texts=("换行\r\n回车\r制表\t", "响铃\x07竖\x0b", "ok"))
    data = write(tmp_path, catalog, key, payload).read_bytes()
    v = verify_submission(data, catalog)
    assert v.payload == payload  # the signed text keeps every character
    ws = openpyxl.load_workbook(io.BytesIO(data))[SHEET_TASKS]
    assert ws["G3"].value == "响铃\ufffd竖\ufffd"


def test_formula_injected_into_a_data_cell_is_refused(
    written: bytes, catalog: Catalog, key: Key
) -> None:
    part = sheet_part(written, SHEET_TASKS)
    xml = entries(written)[part]
    text = verify_submission(written, catalog).payload.entries[0].progress
    # the cached value equals the signed text, so only the formula check can catch it
    body = b'<f>"' + text.encode() + b'"</f><v>' + text.encode() + b"</v>"
    edited = set_cell_xml(xml, "F3", body, b' t="str"')
    assert rejected(rezip(written, {part: edited}), catalog).code == "manifest_digest"
    exc = rejected(resigned(written, key, {part: edited}), catalog)
    assert exc.code == "formula" and "任务进展!F3" in exc.reason


# -- writing ------------------------------------------------------------------------------
def test_write_is_atomic_when_replace_fails(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, catalog: Catalog, key: Key
) -> None:
    path = tmp_path / "s.xlsx"
    path.write_bytes(b"the previous version")

    def boom(*_a: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_file.os, "replace", boom)
    with pytest.raises(OSError):
        write_submission(path, make_payload(catalog, "jyj"), catalog, key.public, key.sign)
    assert path.read_bytes() == b"the previous version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.xlsx"]


def test_write_is_atomic_when_fsync_or_save_fails(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, catalog: Catalog, key: Key
) -> None:
    path = tmp_path / "s.xlsx"
    path.write_bytes(b"old")
    payload = make_payload(catalog, "jyj")

    def boom(*_a: object, **_k: object) -> None:
        raise OSError(5, "I/O error")

    with monkeypatch.context() as m:
        m.setattr(atomic_file.os, "fsync", boom)
        with pytest.raises(OSError):
            write_submission(path, payload, catalog, key.public, key.sign)
    with monkeypatch.context() as m:
        m.setattr(openpyxl.Workbook, "save", boom)
        with pytest.raises(OSError):
            write_submission(path, payload, catalog, key.public, key.sign)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["s.xlsx"]
    write_submission(path, payload, catalog, key.public, key.sign)  # and then it works
    assert verify_submission(path.read_bytes(), catalog).payload == payload


def test_writer_refuses_a_payload_the_plan_does_not_allow(
    tmp_path: Path, catalog: Catalog, key: Key
) -> None:
    good = make_payload(catalog, "jyj")
    foreign = replace(good, entries=(*good.entries, PayloadEntry(23, "completed", 100, "", "", "")))
    with pytest.raises(PayloadError, match="23"):
        write_submission(tmp_path / "a.xlsx", foreign, catalog, key.public, key.sign)
    with pytest.raises(PayloadError):
        write_submission(tmp_path / "b.xlsx", good, catalog, Key().public, key.sign)
    assert list(tmp_path.iterdir()) == []


def test_workbook_reads_well_in_a_spreadsheet(tmp_path: Path, catalog: Catalog, key: Key) -> None:
    payload = make_payload(catalog, "zjj", version=2, sequence=5)
    wb = openpyxl.load_workbook(write(tmp_path, catalog, key, payload))
    assert wb.sheetnames == list(SHEET_NAMES)
    cover = wb["封面"]
    labels = {cover.cell(row=r, column=1).value: cover.cell(row=r, column=2).value for r in
              range(1, cover.max_row + 1)}  # fmt: skip
    assert cover["A1"].value == catalog.title
    assert labels["报送单位"] == "深圳市住房和建设局"
    assert labels["报告期"] == "2016年第一季度（2016Q1）"
    assert labels["版本"] == "第 2 版" and labels["报送序号"] == "5"
    assert labels["填报人"] == "张三" and labels["联系电话"] == "0755-12345678"
    assert labels["生成时间"] == "2016-04-08 15:30:15（北京时间）"  # 07:30:15 UTC
    groups = labels["签名密钥指纹"].split()
    assert len(groups) == 16 and "".join(groups).lower() == key_fp(key)
    texts = [cover.cell(row=r, column=1).value for r in range(1, cover.max_row + 1)]
    assert "本文件含数字签名，任何修改都会使签名失效。" in texts

    tasks = wb[SHEET_TASKS]
    headers = [c.value for c in tasks[2]]
    assert headers[:8] == ["序号", "任务", "角色", "状态", "完成度(%)", "工作进展", "存在问题",
                           "下一步计划"]  # fmt: skip
    assert headers[8:] == ["目标", "目标值", "实际值", "单位"]
    by_task = {}
    for r in range(3, tasks.max_row + 1):
        if tasks.cell(row=r, column=1).value is not None:
            by_task[tasks.cell(row=r, column=1).value] = r
    assert sorted(by_task) == [e.task for e in payload.entries]
    e27 = next(e for e in payload.entries if e.task == 27)
    r = by_task[27]
    assert tasks.cell(row=r, column=2).value == catalog.task(27).title
    assert tasks.cell(row=r, column=9).value == "新增绿色建筑面积"
    assert tasks.cell(row=r, column=10).value == "≥ 800 万平方米"
    assert tasks.cell(row=r, column=11).value == float(e27.targets[0][1] or 0)
    assert tasks.cell(row=r, column=12).value == "万平方米"
    assert tasks.cell(row=r, column=6).alignment.wrap_text
    assert tasks.freeze_panes == "A3"
    assert tasks.print_title_rows == "$1:$2"
    assert tasks.page_setup.orientation == "landscape"
    assert int(tasks.page_setup.paperSize) == 9  # A4
    assert tasks.sheet_properties.pageSetUpPr.fitToPage
    assert int(tasks.page_setup.fitToWidth) == 1 and int(tasks.page_setup.fitToHeight) == 0
    assert tasks.protection.sheet
    assert tasks.column_dimensions["F"].width >= 30
    assert tasks.cell(row=r, column=1).border.left.style == "thin"

    inds = wb[SHEET_INDICATORS]
    assert [c.value for c in inds[2]] == ["序号", "指标", "目标值", "实际值", "单位", "说明"]
    rows = [[c.value for c in row] for row in inds.iter_rows(min_row=3)]
    assert [r[0] for r in rows] == [3, 4, 8]
    assert rows[0][1] == "大中型工程项目一次性验收合格率" and rows[0][2] == "= 100 %"
    assert rows[0][3] == pytest.approx(96.4) and rows[0][5] == "说明3"
    assert inds.protection.sheet and inds.freeze_panes == "A3"


def test_full_unit_export_with_long_texts(tmp_path: Path, catalog: Catalog, key: Key) -> None:
    """49 entries of 2,000-character texts write and verify (timed in the report, not here)."""
    every = tuple(
        replace(t, units=(*t.units, AssignmentInfo("jcj", "support"))) for t in catalog.tasks
    )
    big_plan = replace(catalog, tasks=every)
    text = ("推进质量强市建设，=SUM(A1) 开展监督抽查。" * 120)[:2000]
    payload = make_payload(big_plan, "jcj", text=text)
    assert len(payload.entries) == 49
    path = write(tmp_path, big_plan, key, payload)
    assert verify_submission(path.read_bytes(), big_plan).payload == payload


def test_canonical_bytes_are_what_is_signed(written: bytes, catalog: Catalog) -> None:
    v: VerifiedSubmission = verify_submission(written, catalog)
    assert canonical_bytes(v.payload.to_dict()) == v.payload_bytes


def test_targets_keep_the_plans_order(catalog: Catalog) -> None:
    from app.domain.payload import payload_problems

    p = make_payload(catalog, "scjg")
    e23 = next(e for e in p.entries if e.task == 23)
    swapped = replace(e23, targets=tuple(reversed(e23.targets)))
    bad = replace(p, entries=tuple(swapped if e.task == 23 else e for e in p.entries))
    assert payload_problems(p, catalog) == []
    assert [m.code for m in payload_problems(bad, catalog)] == ["target_order"]
    unknown = replace(e23, targets=(("没有这个目标", Decimal(1)),))
    bad = replace(p, entries=tuple(unknown if e.task == 23 else e for e in p.entries))
    [m] = payload_problems(bad, catalog)
    assert m.code == "target_unknown" and "没有这个目标" in m.render("en")


def test_property_text_with_markup_characters_reads_back_as_written() -> None:
    """The carrier's own escaping: what the reader gets back is the text, character for
    character, and the bytes are those the standard library's escaping gives."""
    from xml.sax.saxutils import escape

    from app.io.package_props import custom_xml as carrier
    from app.io.package_props import read_properties

    props = [("qr.a", 'x & y < z > "w" &amp; 中'), ("qr.b", "&&<<>>"), ("qr.c", "")]
    written = carrier(props)
    assert read_properties(written) == props
    assert written.count(escape(props[0][1]).encode()) == 1
