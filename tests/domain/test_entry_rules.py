"""The entry rules shared by the form and ``unit load`` (app/domain/entry_rules.py)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.catalog import Catalog, TaskInfo
from app.domain.entry_rules import (
    MESSAGES_EN,
    MESSAGES_ZH,
    MIN_PASSPHRASE,
    STATUS_LABELS,
    STATUSES,
    TEXT_LIMITS,
    EntryDraft,
    FieldError,
    IndicatorDraft,
    blank_error,
    clean_text,
    is_filled,
    parse_decimal,
    parse_percent,
    passphrase_strength,
    percent_error,
    validate_entry,
    validate_indicator,
    validate_passphrase,
)


@pytest.fixture
def task23(catalog: Catalog) -> TaskInfo:
    return catalog.task(23)  # five numeric targets


def codes(errors: Sequence[FieldError]) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in errors}


def good(task: TaskInfo, **kw: object) -> EntryDraft:
    base = EntryDraft(
        task.no, "2016Q1", "in_progress", 40, "抽查1200批次", "", "继续推进", ()
    ).with_changes(**kw)
    return base


# -- vocabulary ---------------------------------------------------------------------------
def test_statuses_and_messages_cover_each_other() -> None:
    assert STATUSES == ("not_started", "in_progress", "completed", "delayed")
    assert STATUS_LABELS["delayed"] == "滞后"
    assert set(MESSAGES_ZH) == set(MESSAGES_EN)


# -- clean_text ---------------------------------------------------------------------------
def test_clean_text_trims_nfc_and_line_ends() -> None:
    nfd = unicodedata.normalize("NFD", "café")
    assert clean_text(f"  {nfd}\r\nline2\rline3\u3000 ") == "café\nline2\nline3"
    assert clean_text("a  b\n\nc") == "a  b\n\nc"  # nothing inside collapsed


@given(st.text())
def test_clean_text_is_idempotent_and_nfc(s: str) -> None:
    once = clean_text(s)
    assert clean_text(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert "\r" not in once
    assert once == once.strip()


# -- numbers ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1500", Decimal("1500")),
        ("1,500", Decimal("1500")),
        ("1,500,000.25", Decimal("1500000.25")),
        ("１５００", Decimal("1500")),
        ("１，５００．５", Decimal("1500.5")),
        (" 6.75 ", Decimal("6.75")),
        ("1 500", Decimal("1500")),
        ("-3", Decimal("-3")),
        ("0.5", Decimal("0.5")),
        (".5", Decimal("0.5")),
    ],
)
def test_parse_decimal_accepts(text: str, value: Decimal) -> None:
    assert parse_decimal(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "NaN",
        "nan",
        "Infinity",
        "-inf",
        "1e3",
        "1E+3",
        "1,5",
        "15,00",
        "1.2.3",
        "abc",
        "12a",
        "+",
        "-",
        ".",
        "1,",
        "0x10",
        "½",
        "1_000",
    ],
)
def test_parse_decimal_refuses(text: str) -> None:
    assert parse_decimal(text) is None


@given(st.decimals(allow_nan=False, allow_infinity=False, places=4))
def test_parse_decimal_round_trips_plain_decimals(d: Decimal) -> None:
    text = format(d, "f")
    assert parse_decimal(text) == d
    # the same number with thousands separators, and in full-width digits
    if d >= 0 and d == d.to_integral_value():
        assert parse_decimal(f"{int(d):,}") == d
        full = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)
        assert parse_decimal(full) == d


@given(st.text())
def test_parse_decimal_never_raises_and_is_finite(s: str) -> None:
    value = parse_decimal(s)
    assert value is None or value.is_finite()


def test_parse_percent() -> None:
    assert parse_percent("40") == 40
    assert parse_percent(" 40% ") == 40
    assert parse_percent("４０％") == 40
    assert parse_percent("40.0") == 40
    assert parse_percent("150") == 150  # a whole number; the range is the rule's business
    assert parse_percent("40.5") is None
    assert parse_percent("forty") is None
    assert parse_percent("") is None


def test_percent_error_for_a_typed_box() -> None:
    assert percent_error("") is None
    assert percent_error("100") is None
    e = percent_error("40.5", task_no=2)
    assert e is not None and (e.code, e.task_no) == ("percent_integer", 2)
    e = percent_error("101")
    assert e is not None and e.code == "percent_range"
    assert e.message == "完成度必须是0-100的整数"


# -- entry rules --------------------------------------------------------------------------
def test_a_sound_entry_has_no_errors(task23: TaskInfo) -> None:
    d = good(task23, targets=(("重点工业品和消费品质量监督抽查批次", "1,200"),))
    assert validate_entry(d, task23) == []
    assert is_filled(d)


def test_blank_entry_is_not_an_error_but_not_filled(task23: TaskInfo) -> None:
    blank = EntryDraft(23, "2016Q1", targets=tuple((t.name, "") for t in task23.targets))
    assert validate_entry(blank, task23) == []
    assert not is_filled(blank)
    assert not is_filled(blank.with_changes(progress="  \n "))
    assert is_filled(blank.with_changes(next_steps="二季度启动"))
    assert is_filled(blank.with_changes(percent=0))
    assert is_filled(blank.with_target("食品抽检覆盖率", "1"))
    e = blank_error(23, "2016Q1")
    assert (e.field, e.code, e.task_no, e.period) == ("status", "required", 23, "2016Q1")
    assert "尚未填写" in e.message and "not been filled" in e.render("en")


@pytest.mark.parametrize("percent", [-1, 101, 1000])
def test_percent_out_of_range(task23: TaskInfo, percent: int) -> None:
    errors = validate_entry(good(task23, percent=percent), task23)
    assert codes(errors) == {("percent", "percent_range")}
    assert errors[0].message == "完成度必须是0-100的整数"


@pytest.mark.parametrize("percent", [0, 1, 99, 100])
def test_percent_in_range(task23: TaskInfo, percent: int) -> None:
    assert validate_entry(good(task23, percent=percent), task23) == []


def test_completed_means_100(task23: TaskInfo) -> None:
    assert codes(validate_entry(good(task23, status="completed", percent=90), task23)) == {
        ("percent", "completed_needs_100")
    }
    assert codes(validate_entry(good(task23, status="completed", percent=None), task23)) == {
        ("percent", "completed_needs_100")
    }
    assert validate_entry(good(task23, status="completed", percent=100), task23) == []


def test_started_needs_a_percent(task23: TaskInfo) -> None:
    for status in ("in_progress", "delayed"):
        errors = validate_entry(good(task23, status=status, percent=None, problems="x"), task23)
        assert codes(errors) == {("percent", "required")}


def test_not_started_with_progress_percent_is_inconsistent(task23: TaskInfo) -> None:
    d = EntryDraft(23, "2016Q1", "not_started", 30, next_steps="下季度启动")
    assert codes(validate_entry(d, task23)) == {("percent", "not_started_has_percent")}
    assert validate_entry(d.with_changes(percent=0), task23) == []
    assert validate_entry(d.with_changes(percent=None), task23) == []


def test_delayed_requires_problems(task23: TaskInfo) -> None:
    d = good(task23, status="delayed", problems="  ")
    assert codes(validate_entry(d, task23)) == {("problems", "delayed_needs_problems")}
    assert validate_entry(d.with_changes(problems="资金未到位"), task23) == []


@pytest.mark.parametrize("status", ["in_progress", "completed", "delayed"])
def test_a_started_task_must_say_what_was_done(task23: TaskInfo, status: str) -> None:
    d = good(task23, status=status, percent=100, progress=" \r\n ", problems="原因")
    assert ("progress", "required") in codes(validate_entry(d, task23))


def test_unknown_status(task23: TaskInfo) -> None:
    assert ("status", "status_invalid") in codes(
        validate_entry(good(task23, status="done"), task23)
    )


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("abc", "not_a_number"),
        ("1e3", "not_a_number"),
        ("NaN", "not_a_number"),
        ("-5", "negative"),
        ("1" * 41, "too_long"),
    ],
)
def test_target_actuals_are_non_negative_numbers(task23: TaskInfo, raw: str, code: str) -> None:
    name = task23.targets[0].name
    errors = validate_entry(good(task23, targets=((name, raw),)), task23)
    assert codes(errors) == {(f"target:{name}", code)}
    assert name in errors[0].message  # the target is named in the message


def test_target_actual_forms_that_pass(task23: TaskInfo) -> None:
    name = task23.targets[0].name
    for raw in ("", "0", "1,500", "１５００", " 6.75 "):
        assert validate_entry(good(task23, targets=((name, raw),)), task23) == []


def test_unknown_target_name(task23: TaskInfo) -> None:
    errors = validate_entry(good(task23, targets=(("没有这个目标", "5"),)), task23)
    assert codes(errors) == {("target:没有这个目标", "unknown_target")}


@pytest.mark.parametrize("name", ["progress", "problems", "next_steps"])
def test_text_length_limits(task23: TaskInfo, name: str) -> None:
    limit = TEXT_LIMITS[name]
    ok = good(task23, **{name: "字" * limit})
    assert validate_entry(ok, task23) == []
    errors = validate_entry(good(task23, **{name: "字" * (limit + 1)}), task23)
    assert codes(errors) == {(name, "too_long")}
    assert str(limit) in errors[0].message and str(limit + 1) in errors[0].message
    assert str(limit) in errors[0].render("en")
    # the limit counts cleaned text: outer whitespace does not count
    assert validate_entry(good(task23, **{name: "  " + "字" * limit + "\n\n"}), task23) == []


@pytest.mark.parametrize("bad", ["\x00", "\x07", "\x1b", "\x7f", "\u200b", "\ufeff"])
def test_control_characters_are_refused(task23: TaskInfo, bad: str) -> None:
    errors = validate_entry(good(task23, progress=f"完成{bad}一半"), task23)
    assert codes(errors) == {("progress", "control_chars")}


def test_newlines_and_tabs_are_fine(task23: TaskInfo) -> None:
    assert validate_entry(good(task23, progress="一、\t完成\n二、推进\r\n三"), task23) == []


def test_errors_carry_where_they_belong(task23: TaskInfo) -> None:
    (e,) = validate_entry(good(task23, percent=101, period="2016Q2"), task23)
    assert (e.task_no, e.period, e.indicator_no) == (23, "2016Q2", None)
    assert e.where() == "task 23 2016Q2"
    assert e.render("en") == MESSAGES_EN["percent_range"]


# -- indicators ---------------------------------------------------------------------------
def test_indicator_rules(catalog: Catalog) -> None:
    ind = catalog.indicators[0]  # 制造业产品质量合格率, %
    assert validate_indicator(IndicatorDraft(1, "2016", "93.4"), ind) == []
    assert validate_indicator(IndicatorDraft(1, "2016", ""), ind) == []
    assert codes(validate_indicator(IndicatorDraft(1, "2016", "九十"), ind)) == {
        ("value", "not_a_number")
    }
    assert codes(validate_indicator(IndicatorDraft(1, "2016", "-1"), ind)) == {
        ("value", "negative")
    }
    assert codes(validate_indicator(IndicatorDraft(1, "2016", "100.1"), ind)) == {
        ("value", "over_100")
    }
    long_note = IndicatorDraft(1, "2016", "95", "字" * (TEXT_LIMITS["note"] + 1))
    assert codes(validate_indicator(long_note, ind)) == {("note", "too_long")}
    (e,) = validate_indicator(IndicatorDraft(1, "2016", "x"), ind)
    assert (e.indicator_no, e.where()) == (1, "indicator 1 2016")
    pm25 = next(i for i in catalog.indicators if i.unit != "%")
    assert validate_indicator(IndicatorDraft(pm25.no, "2016", "120"), pm25) == []


# -- passphrases --------------------------------------------------------------------------
def test_passphrase_rules() -> None:
    assert validate_passphrase("短密码") != []
    assert validate_passphrase("a" * (MIN_PASSPHRASE - 1) + "b")  # two characters repeated
    assert validate_passphrase("qiwu-8zk" + "x" * (MIN_PASSPHRASE - 8)) == []
    assert validate_passphrase("x" * MIN_PASSPHRASE)  # too few distinct characters
    assert validate_passphrase("1234567890")  # common / a sequence
    assert validate_passphrase("abcdefghijk")
    assert validate_passphrase(" leading space ok?")
    assert validate_passphrase("我的单位在福田区住建局") == []
    assert "10" in validate_passphrase("short")[0]


def test_passphrase_strength_grows_with_length_and_variety() -> None:
    assert passphrase_strength("") == 0
    assert passphrase_strength("abc") == 0
    assert passphrase_strength("1234567890") <= 1
    weak = passphrase_strength("abcxyzqwem")
    better = passphrase_strength("abcxyzQWEM12")
    strong = passphrase_strength("Zhujian-ju 2016 quality!")
    assert weak < better < strong
    assert strong == 4
    assert all(0 <= passphrase_strength(p) <= 4 for p in ("a", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaa"))


@given(st.text(max_size=40))
def test_passphrase_strength_bounds(p: str) -> None:
    score = passphrase_strength(p)
    assert 0 <= score <= 4
    if validate_passphrase(p):
        assert score <= 1
