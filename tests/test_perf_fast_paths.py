"""The performance shortcuts give exactly what the general code they bypass would give.

Each fast path (docs/benchmarks.md) is checked against its reference on real files and on
random damage: the custom.xml reader against the defusedxml parse, the zip entry reader against
zipfile, the stored zip against zipfile and python-calamine, the position check against the
per-cell loop, the payload's direct JSON against the generic canonicaliser, and the storable-
text check against its regular expression.
"""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain import payload as payload_mod
from app.domain.catalog import Catalog
from app.domain.payload import SubmissionPayload
from app.io import submission_reader as reader
from app.io.canonical import canonical_bytes, payload_bytes
from tests.submission_kit import Key, entries, make_payload, write
from tests.test_canonical import payloads

LONG = "按计划推进，完成阶段目标；" * 60 + "=1+1 & <b> \"引号\" 'x'"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    from app.services.catalog import default_catalog

    catalog = default_catalog()
    folder = tmp_path_factory.mktemp("fast")
    p = make_payload(catalog, "scjg", texts=(LONG, "短", "多行\n文本\r\n第三行"))
    return write(folder, catalog, Key(), p).read_bytes()


def full_properties(content: bytes) -> dict[str, str]:
    """What _custom_properties makes of a part through defusedxml (the reference)."""
    root = reader.parse_xml("docProps/custom.xml", content)
    props: dict[str, str] = {}
    for prop in root.iter(f"{reader._NS_CUSTOM}property"):
        name = prop.get("name", "")
        if name.startswith("qr."):
            if name in props:
                raise ValueError("duplicate")
            value = next(iter(prop), None)
            props[name] = "" if value is None or value.text is None else value.text
    return props


def mutants(data: bytes, seed: int, n: int, alphabet: bytes) -> list[bytes]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        b = bytearray(data)
        for _ in range(rng.randint(1, 3)):
            k = rng.randrange(len(b))
            op = rng.random()
            if op < 0.4:
                b[k] = rng.choice(alphabet)
            elif op < 0.7:
                del b[k]
            else:
                b.insert(k, rng.choice(alphabet))
        out.append(bytes(b))
    return out


def test_custom_properties_fast_path_equals_the_parser(written: bytes) -> None:
    content = entries(written)["docProps/custom.xml"]
    fast = reader.fast_custom_properties(content)
    assert fast is not None and fast == full_properties(content)
    assert b"&amp;" in content  # the payload's "&", "<" and ">" went through the entities
    head = content[:4000]
    cut = head[: head.rfind(b"</property>") + 11] + b"</Properties>"
    accepted = 0
    for m in mutants(cut, 7, 4000, b"<>&\"'/ \r\n\tqr.;:=?!-x\x00\xef\xbf"):
        got = reader.fast_custom_properties(m)
        if got is None:
            continue  # not the common shape: the parser decides
        accepted += 1
        assert got == full_properties(m), m  # and the parser accepts it, with the same values
    assert accepted > 100


def test_custom_properties_other_shapes_go_to_the_parser(written: bytes) -> None:
    content = entries(written)["docProps/custom.xml"]
    for variant in (
        content.replace(b"<Properties ", b"<!-- c --><Properties ", 1),
        content.replace(b"<vt:lpwstr>", b"<vt:lpwstr><![CDATA[x]]>", 1),
        content.replace(b'<property name="qr.format"', b'<property pid="1" name="qr.format"', 1),
        content.replace(b"qualityreport", b"quality&#114;eport", 1),
    ):
        assert reader.fast_custom_properties(variant) is None


def test_zip_entries_read_as_zipfile_reads_them(written: bytes) -> None:
    alphabet = bytes(range(256))
    agreed = 0
    for d in [written, *mutants(written, 11, 400, alphabet)]:
        try:
            infos = zipfile.ZipFile(io.BytesIO(d)).infolist()
        except Exception:
            continue
        zf = zipfile.ZipFile(io.BytesIO(d))
        for info in infos:
            if info.flag_bits & 1 or info.compress_type not in (0, 8):
                continue  # guard_zip refuses these before reading
            try:
                with zf.open(info) as f:
                    ref: bytes | None = f.read(info.file_size + 1)
                if ref is not None and len(ref) != info.file_size:
                    ref = None
            except Exception:
                ref = None
            got = reader._read_entry(d, info)
            assert got is None or got == ref  # never more lenient than zipfile
            agreed += got == ref
    assert agreed > 1000


def test_stored_zip_reads_back_in_zipfile_and_calamine(written: bytes) -> None:
    from python_calamine import CalamineWorkbook

    parts = reader.guard_zip(written)
    packed = reader.stored_zip(parts)
    with zipfile.ZipFile(io.BytesIO(packed)) as z:
        assert z.testzip() is None
        assert {i.filename: z.read(i) for i in z.infolist()} == dict(parts)
    wb = CalamineWorkbook.from_filelike(io.BytesIO(packed))
    assert wb.sheet_names == list(reader.SHEET_NAMES)


def _positions_ok_reference(found: list[tuple[bytes, bytes]], rows: int, cols: int) -> bool:
    for tag, raw in found:
        ref = raw[:20].decode("ascii", "replace")
        is_row = tag.endswith(b"row")
        m = (reader._ROW_NO if is_row else reader._A1).fullmatch(ref)
        if m is None:
            return False
        row = int(m.group(1) if is_row else m.group(2))
        col = 1 if is_row else reader._column_number(m.group(1))
        if row > rows or col > cols:
            return False
    return True


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([b"c", b"row", b"x:c", b"x:row"]),
            st.from_regex(rb"\A[A-Z0-9a-z \"$]{0,9}\Z")
            | st.from_regex(rb"\A[A-D]{1,2}[0-9]{1,3}\Z")
            | st.from_regex(rb"\A[0-9]{1,3}\Z"),
        ),
        max_size=12,
    ),
    st.integers(1, 120),
    st.integers(1, 60),
)
def test_position_check_equals_the_per_cell_loop(
    found: list[tuple[bytes, bytes]], rows: int, cols: int
) -> None:
    found = [(t, r.replace(b'"', b"")) for t, r in found]  # the pattern never captures a quote
    assert reader._within(found, rows, cols) == _positions_ok_reference(found, rows, cols)


@settings(max_examples=60, deadline=None)
@given(payloads())
def test_direct_payload_json_is_the_canonical_form(p: SubmissionPayload) -> None:
    assert payload_bytes(p) == canonical_bytes(p.to_dict())


def test_direct_payload_json_of_real_payloads(catalog: Catalog, tmp_path: Path) -> None:
    p = make_payload(catalog, "scjg", texts=(LONG, "", "e\u0301 NFD"))
    assert payload_bytes(p) == canonical_bytes(p.to_dict())


@given(st.text(st.sampled_from(["a", "中", "\ud800", "\udfff", "\ufffe", "\uffff", "é", "😀"])))
def test_storable_equals_its_regular_expression(text: str) -> None:
    assert payload_mod._storable(text) == (payload_mod._UNSTORABLE.search(text) is None)


@given(st.text(st.sampled_from(["a", "中", "\r", "\n", "\x00", "\ud800", "\ufffe", "\t", "\x85"])))
def test_visible_text_shortcut_equals_the_full_rule(text: str) -> None:
    from app.io.xlsx_text import _ILLEGAL, visible_text

    full = _ILLEGAL.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    assert visible_text(text) == full
