"""The plan-document rules one by one: number phrases → targets, owner clauses → roles."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.domain.messages import Refusal
from app.domain.plan_numbers import BadNumber, masked, names, quantities
from app.domain.plan_owners import Directory, OwnerContext, parse_owner
from app.domain.plan_text import Guess, fold, lines_of, owner_span


def read(clause: str) -> list[tuple[str, str, str | None, str, str]]:
    """(comparator, value, value_max, unit, how) of each number phrase of a clause."""
    found = quantities(masked(fold(clause)))
    return [
        (q.comparator, str(q.value), q.value_max and str(q.value_max), q.unit, q.how) for q in found
    ]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("全年新增(提升)各级创新载体30-40家", [("range", "30", "40", "家", "")]),
        ("培育企业30—40家", [("range", "30", "40", "家", "")]),
        ("培育企业30~40家", [("range", "30", "40", "家", "")]),
        ("培育企业３０～４０家", [("range", "30", "40", "家", "")]),
        ("培育企业30至40家", [("range", "30", "40", "家", "")]),
        ("覆盖率30%-40%", [("range", "30", "40", "%", "")]),
        ("抽查1500批次以上", [(">=", "1500", None, "批次", "")]),
        ("抽查1,500批次以上", [(">=", "1500", None, "批次", "")]),
        ("抽查批次达到6.75万批次以上", [(">=", "6.75", None, "万批次", "")]),
        ("合格率不低于95%", [(">=", "95", None, "%", "")]),
        ("制度不少于3项", [(">=", "3", None, "项", "")]),
        ("合格率稳定在93%以上", [(">=", "93", None, "%", "")]),
        ("合格率达100%", [("=", "100", None, "%", "")]),
        ("指数达到82以上", [(">=", "82", None, "", "")]),
        ("浓度控制在33微克/立方米以下", [("<=", "33", None, "微克/立方米", "")]),
        ("黑臭水体控制在5条以内", [("<=", "5", None, "条", "")]),
        ("办理时限不超过5个工作日", [("<=", "5", None, "个工作日", "")]),
        ("新增公交专用道路80公里", [(">=", "80", None, "公里", "growth")]),
        ("争创国家级优质工程奖项3个", [(">=", "3", None, "个", "growth")]),
        ("培育30余家企业", [(">=", "30", None, "家", "plus")]),
        ("培训约500人次", [("=", "500", None, "人次", "about")]),
        ("完善12个质量分指数", [("=", "12", None, "个", "default")]),
        (
            "抽检覆盖率分别达到4.5批次/千人、1.6批次/千人以上",
            [(">=", "4.5", None, "批次/千人", ""), (">=", "1.6", None, "批次/千人", "")],
        ),
        (
            "测量168座水库工程、20条引调水工程",
            [("=", "168", None, "座", "default"), ("=", "20", None, "条", "default")],
        ),
        ("PM2.5年均浓度", []),
        ("迎接广东省2015-2016年度质量工作考核", []),
        ("落实《三年行动计划(2015-2017年)》", []),
        ("全面升级“315消费通”", []),
        ("结合3.15、质量月等活动", []),
        ("办好第14届交流大会", []),
        ("推行ISO9001认证", []),
        ("3个月内完成整改", []),
        ("2016年,全市", []),
    ],
)
def test_number_phrases(clause: str, expected: list[tuple[str, ...]]) -> None:
    assert read(clause) == expected


@pytest.mark.parametrize(
    "clause", ["新增XX家", "新增ＸＸ家", "抽查××批次", "建成1.2.3个", "新增30-家"]
)
def test_placeholders_are_not_numbers(clause: str) -> None:
    with pytest.raises(BadNumber):
        quantities(masked(fold(clause)))


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("全年新增绿色建筑面积800万平方米", ["新增绿色建筑面积"]),
        ("进一步完善12个质量分指数", ["质量分指数"]),
        (
            "在农产品生产经营环节的质量安全抽检批次达到2.4万批次以上",
            ["农产品生产经营环节的质量安全抽检批次"],
        ),
        ("抽检覆盖率分别达到4.5批次/千人、1.6批次/千人以上", ["抽检覆盖率", "抽检覆盖率(2)"]),
        ("测量168座水库工程、20条引调水工程的管理", ["水库工程", "引调水工程"]),
        ("2017年全市制造业产品质量合格率稳定在94%以上", ["制造业产品质量合格率"]),
    ],
)
def test_names_from_the_words_around(clause: str, expected: list[str]) -> None:
    folded = masked(fold(clause))
    assert names(folded, quantities(folded)) == expected


def test_fold_keeps_offsets() -> None:
    text = "（市水务局负责，各区政府配合）１２３４％　—～"
    assert len(fold(text)) == len(text)
    assert fold(text) == "(市水务局负责,各区政府配合)1234% -~"


def test_lines_count_every_line_end() -> None:
    lines = lines_of("a\r\n\r\nb\rc\n\ufeff\u200b\n  d  ")
    assert [(x.no, x.text) for x in lines] == [(1, "a"), (3, "b"), (4, "c"), (6, "d")]


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        (
            "加大宣传工作。(市政府法制办、市场和质量监管委负责,各成员单位配合)",
            "市政府法制办、市场和质量监管委负责,各成员单位配合",
        ),
        ("全年新增(提升)创新载体30-40家。(市发展改革委负责)。", "市发展改革委负责"),
        ("推动工作。【责任单位:市水务局】", "责任单位:市水务局"),
        ("推动工作。(市水务局)", "市水务局"),
        ("出台办法(试行)", None),
        ("开展工作(2015-2017年)", None),
        ("推动工作", None),
    ],
)
def test_owner_clause_at_the_end(text: str, inner: str | None) -> None:
    span = owner_span(fold(text))
    assert (span[1] if span else None) == inner


UNITS = [
    {
        "id": "fgw",
        "name": "深圳市发展和改革委员会",
        "short_name": "市发展改革委",
        "aliases": ["发改委"],
    },
    {"id": "jmxxw", "name": "深圳市经济贸易和信息化委员会", "short_name": "市经贸信息委"},
    {"id": "office", "name": "深圳市质量强市办", "short_name": "市质量强市办", "reports": False},
]
GROUPS = [{"name": "相关区政府、新区管委会", "members": []}]


def owners(
    text: str, groups: list[dict[str, object]] | None = None
) -> tuple[list[tuple[str, str]], list[Guess], Directory]:
    directory = Directory.build(
        UNITS, GROUPS if groups is None else groups, "深圳市2017年质量工作方案"
    )
    guesses: list[Guess] = []
    got = parse_owner(fold(text), OwnerContext(7, 7, 30), directory, guesses)
    return got, guesses, directory


def codes(guesses: list[Guess]) -> list[str]:
    return [g.what.code for g in guesses]


def test_roles_and_the_dropped_city_prefix() -> None:
    got, guesses, _ = owners("市质量强市办牵头，市发展改革委、经贸信息委负责，各成员单位配合")
    assert got == [
        ("office", "lead"),
        ("fgw", "responsible"),
        ("jmxxw", "responsible"),
        ("各成员单位", "support"),
    ]
    assert codes(guesses) == ["guess_group_all"]
    assert owners("发改委负责")[0] == [("fgw", "responsible")]  # an alias, without 市


def test_labelled_clauses_and_lead_responsible() -> None:
    got, _, _ = owners("牵头单位：市发展改革委；配合单位：市经贸信息委")
    assert got == [("fgw", "lead"), ("jmxxw", "support")]
    assert owners("责任单位:市经贸信息委")[0] == [("jmxxw", "responsible")]
    assert owners("市发展改革委牵头负责")[0] == [("fgw", "lead")]
    assert owners("市发展改革委牵头市经贸信息委配合")[0] == [("fgw", "lead"), ("jmxxw", "support")]


def test_groups_are_kept_whole() -> None:
    got, _, _ = owners("市经贸信息委、相关区政府、新区管委会负责")
    assert got == [("jmxxw", "responsible"), ("相关区政府、新区管委会", "responsible")]
    got, guesses, directory = owners("市经贸信息委、相关区政府、新区管委会负责", groups=[])
    assert got == [("jmxxw", "responsible"), ("相关区政府、新区管委会", "responsible")]
    assert directory.new_groups["相关区政府、新区管委会"].members == ()
    assert codes(guesses) == ["guess_group_outside"]
    got, _, _ = owners("项目牵头单位负责")
    assert got == [("项目牵头单位", "responsible")]  # 牵头 inside a name is no role word


def test_unknown_names_become_proposed_units() -> None:
    got, guesses, directory = owners("市发展改革委、城管局负责，市统计局配合")
    proposed = {p.short_name: p for p in directory.proposed.values()}
    assert set(proposed) == {"市城管局", "市统计局"}
    assert proposed["市城管局"].name == "深圳市城管局"
    assert proposed["市城管局"].aliases == ["城管局"]
    assert got[1] == (proposed["市城管局"].id, "responsible")
    assert codes(guesses) == ["guess_unit_new", "guess_unit_new"]


def test_missing_role_etc_and_repeats_are_guesses() -> None:
    got, guesses, _ = owners("市发展改革委")
    assert got == [("fgw", "responsible")] and codes(guesses) == ["guess_role_missing"]
    got, guesses, _ = owners("市发展改革委等单位负责")
    assert got == [("fgw", "responsible")] and codes(guesses) == ["guess_unit_etc"]
    got, guesses, _ = owners("市发展改革委、发改委负责")
    assert got == [("fgw", "responsible")] and codes(guesses) == ["guess_unit_repeated"]


def test_a_unit_in_two_roles_is_refused() -> None:
    with pytest.raises(Refusal) as caught:
        owners("市发展改革委负责，发改委配合")
    assert caught.value.code == "plan_doc_role_conflict"
    assert caught.value.message.param_dict == {
        "task": "7",
        "line": "30",
        "unit": "发改委",
        "first": "负责",
        "second": "配合",
    }


def test_values_are_decimals() -> None:
    q = quantities(masked(fold("达到6.75万批次以上")))[0]
    assert q.value == Decimal("6.75") and isinstance(q.value, Decimal)
