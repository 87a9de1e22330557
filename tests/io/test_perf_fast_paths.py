"""The performance shortcuts give exactly what the general code they bypass would give.

Each fast path (docs/benchmarks.md) is checked against its reference on real files and on
random damage: the zip reader against zipfile (never more lenient), the payload's direct JSON
against the generic canonicaliser, and the storable-text check against its regular expression.
(Reading a sheet's cells or custom.xml in bulk with XPath was tried and measured no faster
than one pass over the elements: the readers walk the parsed tree once.)
"""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain import payload_fields as payload_mod
from app.domain.catalog import Catalog
from app.domain.payload import SubmissionPayload
from app.io import package_zip
from app.io.canonical import canonical_bytes, payload_bytes
from app.io.package_errors import PackageRejected
from tests.kit.keys import Key
from tests.kit.strategies import payloads
from tests.kit.submissions import entries, make_payload, write

LONG = "按计划推进，完成阶段目标；" * 60 + "=1+1 & <b> \"引号\" 'x' _x0041_ _x005F_"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    from app.services.catalog import default_catalog

    catalog = default_catalog()
    folder = tmp_path_factory.mktemp("fast")
    p = make_payload(catalog, "scjg", texts=(LONG, "短", "多行\n文本\r\n第三行"))
    return write(folder, catalog, Key(), p).read_bytes()


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


def test_zip_reader_is_never_more_lenient_than_zipfile(written: bytes) -> None:
    agreed = 0
    for d in [written, *mutants(written, 11, 600, bytes(range(256)))]:
        try:
            mine = {e.name: package_zip.entry_bytes(d, e) for e in package_zip.read_entries(d)}
        except PackageRejected:
            continue
        with zipfile.ZipFile(io.BytesIO(d)) as z:  # what we accept, zipfile reads the same
            assert {i.filename: z.read(i) for i in z.infolist()} == mine
        agreed += 1
    assert agreed >= 1  # the genuine file; the one shape leaves almost no mutant readable


def test_the_zip_writer_makes_what_the_reader_accepts(written: bytes) -> None:
    parts = list(entries(written).items())
    for deflate in (True, False):
        packed = package_zip.build_zip(parts, deflate=deflate)
        assert package_zip.build_zip(parts, deflate=deflate) == packed  # deterministic
        got = {e.name: package_zip.entry_bytes(packed, e) for e in package_zip.read_entries(packed)}
        assert got == dict(parts)
        with zipfile.ZipFile(io.BytesIO(packed)) as z:
            assert z.testzip() is None


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
