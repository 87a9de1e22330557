"""Canonical JSON: equal content always gives equal bytes; what has no exact form is refused;
and the payload reads back from its bytes as the very same value."""

from __future__ import annotations

import json
import unicodedata
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.payload import (
    FORMAT,
    FORMAT_V1,
    FORMAT_V2,
    PayloadError,
    PayloadResponse,
    SubmissionPayload,
)
from app.io.canonical import (
    CanonicalError,
    NotCanonicalError,
    canonical_bytes,
    canonical_decimal,
    payload_bytes,
    payload_from_bytes,
)
from tests.kit.strategies import decimals, payloads, texts

PLAIN = r"-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?"


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


# -- the canonical form -------------------------------------------------------------------
@given(texts, texts)
def test_nfc_and_nfd_spellings_give_the_same_bytes(key: str, value: str) -> None:
    a = canonical_bytes({key: [value, {"k": value}]})
    b = canonical_bytes({nfd(key): [nfd(value), {"k": nfd(value)}]})
    nfc = unicodedata.normalize("NFC", value)
    c = canonical_bytes({unicodedata.normalize("NFC", key): [nfc, {"k": nfc}]})
    assert a == b == c
    assert unicodedata.is_normalized("NFC", a.decode("utf-8"))


@given(decimals, st.integers(min_value=0, max_value=6))
def test_trailing_zeros_and_exponents_do_not_change_the_bytes(d: Decimal, zeros: int) -> None:
    sign, digits, exponent = d.as_tuple()
    assert isinstance(exponent, int)
    padded = Decimal((sign, (*digits, *(0,) * zeros), exponent - zeros))
    assert padded == d
    assert canonical_bytes({"v": padded}) == canonical_bytes({"v": d})
    text = canonical_decimal(d)
    import re

    assert re.fullmatch(PLAIN, text), text
    assert Decimal(text) == d


def test_decimal_examples() -> None:
    assert canonical_bytes([Decimal("1.50"), Decimal("1.5")]) == b'["1.5","1.5"]'
    assert canonical_decimal(Decimal("-0")) == "0"
    assert canonical_decimal(Decimal("-0.000")) == "0"
    assert canonical_decimal(Decimal("1E+3")) == "1000"
    assert canonical_decimal(Decimal("12.3400E-2")) == "0.1234"
    assert canonical_decimal(Decimal("-6.750")) == "-6.75"
    with pytest.raises(CanonicalError):
        canonical_decimal(Decimal("1E+100000"))  # would expand to 100,000 digits


nfc_keys = st.text(max_size=8).map(lambda s: unicodedata.normalize("NFC", s))


@given(st.dictionaries(nfc_keys, st.integers() | st.none() | st.booleans(), max_size=8))
def test_key_order_is_irrelevant(d: dict[str, Any]) -> None:
    backwards = dict(reversed(list(d.items())))
    assert canonical_bytes(d) == canonical_bytes(backwards)
    assert json.loads(canonical_bytes(d)) == d


def test_layout_is_compact_sorted_utf8() -> None:
    doc = {"b": [1, True, None], "a": "质量 e\u0301", "c": {"z": 1, "y": date(2016, 4, 1)}}
    assert canonical_bytes(doc) == (
        '{"a":"质量 é","b":[1,true,null],"c":{"y":"2016-04-01","z":1}}'.encode()
    )


def test_times_are_utc_to_the_second() -> None:
    beijing = timezone(timedelta(hours=8))
    at = datetime(2016, 4, 8, 15, 30, 15, 999_999, tzinfo=beijing)
    assert canonical_bytes(at) == b'"2016-04-08T07:30:15Z"'
    assert canonical_bytes(at) == canonical_bytes(at.astimezone(UTC).replace(microsecond=0))
    with pytest.raises(CanonicalError, match="naive"):
        canonical_bytes(datetime(2016, 4, 8, 7, 30))


@pytest.mark.parametrize(
    "bad",
    [
        float("nan"),
        float("inf"),
        1.5,
        Decimal("NaN"),
        Decimal("sNaN"),
        Decimal("Infinity"),
        Decimal("-Infinity"),
        {"x": [float("nan")]},
        {1: "key not text"},
        {"e\u0301": 1, "\u00e9": 2},  # the same key after NFC
        "\ud800",  # unpaired surrogate: not UTF-8
        {1, 2},
        b"bytes",
    ],
)
def test_values_without_a_canonical_form_are_refused(bad: Any) -> None:
    with pytest.raises(CanonicalError):
        canonical_bytes(bad)


@settings(max_examples=60, deadline=None)
@given(payloads())
def test_payload_round_trips_through_its_canonical_bytes(p: SubmissionPayload) -> None:
    data = payload_bytes(p)
    again = payload_from_bytes(data)
    assert again == p
    assert payload_bytes(again) == data
    assert again.created_at.microsecond == 0 and again.created_at.tzinfo is not None


@settings(max_examples=30, deadline=None)
@given(payloads())
def test_nfd_spelling_of_a_payload_signs_the_same_bytes(p: SubmissionPayload) -> None:
    from dataclasses import replace

    spelled = replace(
        p,
        clerk=nfd(p.clerk),
        entries=tuple(replace(e, progress=nfd(e.progress)) for e in p.entries),
    )
    assert payload_bytes(spelled) == payload_bytes(p)


def sample(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": FORMAT,
        "plan_code": "SZ-QUALITY-2016",
        "plan_hash": "a" * 64,
        "unit_id": "zjj",
        "unit_name": "深圳市住房和建设局",
        "period": "2016Q1",
        "version": 1,
        "sequence": 1,
        "submission_id": str(uuid.UUID(int=0xABCDEF)),
        "created_at": "2016-04-08T07:30:15Z",
        "app_version": "0.1.0",
        "clerk": "张三",
        "contact": "",
        "entries": [
            {
                "task": 27,
                "status": "in_progress",
                "percent": 40,
                "progress": "进展",
                "problems": "",
                "next_steps": "",
                "targets": [{"name": "新增绿色建筑面积", "actual": "820.5"}],
            }
        ],
        "indicators": [{"no": 3, "value": "100", "note": ""}],
        "plan_revision": 1,
        "responses": [],
    }
    doc.update(changes)
    return doc


def entry(**changes: Any) -> dict[str, Any]:
    e = dict(sample()["entries"][0])
    e.update(changes)
    return e


def test_from_dict_accepts_the_json_form() -> None:
    p = SubmissionPayload.from_dict(sample())
    assert p.entries[0].targets == (("新增绿色建筑面积", Decimal("820.5")),)
    assert p.created_at == datetime(2016, 4, 8, 7, 30, 15, tzinfo=UTC)
    assert SubmissionPayload.from_dict(p.to_dict()) == p  # and the typed form


@pytest.mark.parametrize(
    ("doc", "words"),
    [
        (sample(extra=1), "未知字段"),
        ({k: v for k, v in sample().items() if k != "clerk"}, "缺少字段"),
        (sample(format="other/1"), "format"),
        (sample(version="1"), "version"),
        (sample(version=True), "version"),
        (sample(version=0), "version"),
        (sample(sequence=1.0), "sequence"),
        (sample(plan_hash="A" * 64), "plan_hash"),
        (sample(submission_id="not-a-uuid"), "UUID"),
        (sample(submission_id=str(uuid.UUID(int=0xABCDEF)).upper()), "UUID"),
        (sample(created_at="2016-04-08T07:30:15"), "created_at"),
        (sample(created_at="2016-04-08T07:30:15.5Z"), "created_at"),
        (sample(created_at="2016-13-08T07:30:15Z"), "created_at"),
        (sample(clerk=None), "clerk"),
        (sample(unit_id=""), "unit_id"),
        (sample(entries={}), "entries"),
        (sample(entries=[entry(status="done")]), "status"),
        (sample(entries=[entry(percent=101)]), "percent"),
        (sample(entries=[entry(percent=False)]), "percent"),
        (sample(entries=[entry(progress=3)]), "progress"),
        (sample(entries=[entry(progress="x" * 32768)]), "过长"),
        (sample(entries=[entry(progress="\ufffe")]), "字符"),
        (sample(entries=[entry(task=0)]), "task"),
        (sample(entries=[entry(), entry()]), "重复"),
        (sample(entries=[entry(targets=[{"name": "a", "actual": 1.5}])]), "浮点"),
        (sample(entries=[entry(targets=[{"name": "a", "actual": "1e3"}])]), "数值"),
        (sample(entries=[entry(targets=[{"name": "a", "actual": "NaN"}])]), "数值"),
        (sample(entries=[entry(targets=[{"name": "a", "actual": "1" * 41}])]), "数值"),
        (sample(entries=[entry(targets=[{"name": "", "actual": None}])]), "name"),
        (sample(entries=[entry(targets=[{"name": "a", "actual": None, "x": 1}])]), "未知"),
        (sample(entries=[entry(targets=[{"name": "a", "actual": None}] * 2)]), "重复"),
        (sample(indicators=[{"no": 3, "value": "1", "note": "", "unit": "%"}]), "未知"),
        (sample(indicators=[{"no": 3, "value": Decimal("Infinity"), "note": ""}]), "NaN"),
        ({k: v for k, v in sample().items() if k != "plan_revision"}, "缺少字段 plan_revision"),
        (sample(plan_revision=0), "plan_revision"),
        (sample(format=FORMAT_V1), "未知字段 plan_revision"),
        ([], "对象"),
    ],
)
def test_from_dict_refuses_malformed_payloads(doc: Any, words: str) -> None:
    with pytest.raises(PayloadError, match=words):
        SubmissionPayload.from_dict(doc)


def test_the_first_format_reads_as_revision_1_and_keeps_its_bytes() -> None:
    """A /1 file (before plans had revisions) was signed without plan_revision: it reads as
    made against revision 1 and its canonical bytes are exactly what was signed."""
    gone = ("plan_revision", "responses")
    old = {k: v for k, v in sample(format=FORMAT_V1).items() if k not in gone}
    p = SubmissionPayload.from_dict(old)
    assert (p.format, p.plan_revision) == (FORMAT_V1, 1)
    assert json.loads(payload_bytes(p)) == old
    assert payload_from_bytes(payload_bytes(p)) == p
    with pytest.raises(PayloadError, match="plan_revision"):
        replace(p, plan_revision=2)
    new = SubmissionPayload.from_dict(sample(plan_revision=3))
    assert json.loads(payload_bytes(new))["plan_revision"] == 3


def test_the_second_format_reads_without_responses_and_keeps_its_bytes() -> None:
    """A /2 file (before 督办 responses) was signed without "responses": it reads as having
    none, keeps its bytes, and cannot carry any; /3 carries them sorted by notice."""
    old = {k: v for k, v in sample(format=FORMAT_V2).items() if k != "responses"}
    p = SubmissionPayload.from_dict(old)
    assert (p.format, p.responses) == (FORMAT_V2, ())
    assert json.loads(payload_bytes(p)) == old
    with pytest.raises(PayloadError, match="responses"):
        replace(p, responses=(PayloadResponse(3, "已整改"),))
    given = [{"notice": 9, "text": "已完成"}, {"notice": 3, "text": "已整改"}]
    new = SubmissionPayload.from_dict(sample(responses=given))
    assert [r.notice for r in new.responses] == [3, 9]
    assert payload_from_bytes(payload_bytes(new)) == new
    for bad in ([{"notice": 3, "text": " "}], [{"notice": 0, "text": "x"}], [{"notice": 3}]):
        with pytest.raises(PayloadError, match="responses"):
            SubmissionPayload.from_dict(sample(responses=bad))


def test_payload_bytes_must_be_exactly_canonical() -> None:
    p = SubmissionPayload.from_dict(sample())
    data = payload_bytes(p)
    assert payload_from_bytes(data) == p
    loose = json.dumps(json.loads(data), ensure_ascii=False).encode()  # spaces after ":"
    with pytest.raises(NotCanonicalError):
        payload_from_bytes(loose)
    padded = data.replace(b'"820.5"', b'"820.50"')
    with pytest.raises(NotCanonicalError):
        payload_from_bytes(padded)
    dup = data.replace(b'{"app_version"', '{"clerk":"李四","app_version"'.encode(), 1)
    with pytest.raises(PayloadError, match="重复"):
        payload_from_bytes(dup)
    with pytest.raises(PayloadError, match="浮点"):
        payload_from_bytes(data.replace(b'"version":1', b'"version":1.0'))
    with pytest.raises(PayloadError):
        payload_from_bytes(data.replace(b'"version":1', b'"version":NaN'))
    with pytest.raises(PayloadError, match="UTF-8"):
        payload_from_bytes(data + b"\xff")


def test_naive_time_is_refused_in_the_payload() -> None:
    with pytest.raises(PayloadError, match="时区"):
        SubmissionPayload.from_dict(sample(created_at=datetime(2016, 4, 8)))
