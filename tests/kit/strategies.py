"""Hypothesis strategies: text rich in Unicode forms, finite decimals, whole payloads."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

from hypothesis import strategies as st

from app.domain.payload import ENTRY_STATUSES, PayloadEntry, PayloadIndicator, SubmissionPayload

# Text rich in characters that have several Unicode forms (accents, Hangul, CJK compat).
COMPOSABLE = "e\u0301a\u0308o\u0302\u00e9\u00c5\u212b\uac00\u1100\u1161\uf900\u8c48\u0041\u030a"
any_char = st.characters(blacklist_categories=("Cs",), max_codepoint=0x2FFFF)
texts = st.text(alphabet=st.one_of(st.sampled_from(COMPOSABLE), any_char), max_size=40)
payload_texts = texts.filter(lambda s: "\ufffe" not in s and "\uffff" not in s)
decimals = st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12,
                       places=None).filter(lambda d: abs(d.as_tuple().exponent) <= 12)  # fmt: skip


# -- payloads --------------------------------------------------------------------------
def payloads() -> st.SearchStrategy[SubmissionPayload]:
    values = st.none() | decimals
    entry = st.builds(
        PayloadEntry,
        task=st.integers(1, 49),
        status=st.sampled_from(ENTRY_STATUSES),
        percent=st.none() | st.integers(0, 100),
        progress=payload_texts,
        problems=payload_texts,
        next_steps=payload_texts,
        targets=st.lists(
            st.tuples(payload_texts.filter(bool), values),
            max_size=3,
            unique_by=lambda t: unicodedata.normalize("NFC", t[0]),
        ).map(tuple),
    )
    indicator = st.builds(PayloadIndicator, no=st.integers(1, 9), value=values, note=payload_texts)
    return st.builds(
        SubmissionPayload,
        plan_code=st.just("SZ-QUALITY-2016"),
        plan_hash=st.text("0123456789abcdef", min_size=64, max_size=64),
        unit_id=st.sampled_from(["zjj", "scjg", "质监"]),
        unit_name=payload_texts,
        period=st.sampled_from(["2016Q1", "2016"]),
        version=st.integers(1, 99),
        sequence=st.integers(1, 10**6),
        submission_id=st.uuids().map(str),
        created_at=st.datetimes(
            min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
        ),
        app_version=st.just("0.1.0"),
        clerk=payload_texts,
        contact=payload_texts,
        entries=st.lists(entry, max_size=4, unique_by=lambda e: e.task).map(tuple),
        indicators=st.lists(indicator, max_size=3, unique_by=lambda i: i.no).map(tuple),
    )
