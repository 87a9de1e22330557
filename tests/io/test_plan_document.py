"""The shipped 2016 plan catalog (resources/plans/sz-2016.json) says what the seed document says.

The document checks parse the seed text independently of the data file: task lines, the
trailing parenthetical of each task (clauses ending in 牵头/负责/配合, names split on "、"),
and the 2016 goal sentence. They are skipped when the seed is not next to the repository.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

import pytest

from app.config import resource_path
from app.io.plan_file import PlanSpec, TaskSpec, load_plan
from tests.kit.paths import SEED

SECTION_TITLES = [
    "大力推进重点项目建设",
    "加强质量宏观管理",
    "大力开展质量提升行动",
    "夯实质量基础",
    "切实强化质量安全监管",
]
TASKS_PER_SECTION = {1: 9, 2: 13, 3: 16, 4: 6, 5: 5}
ROLES = {"牵头": "lead", "负责": "responsible", "配合": "support"}
CN_DIGITS = "一二三四五"


@pytest.fixture(scope="module")
def plan() -> PlanSpec:
    spec, _ = load_plan(resource_path("plans/sz-2016.json"))
    return spec


@pytest.fixture(scope="module")
def doc() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def doc_tasks(doc: str) -> dict[int, tuple[int, str, str]]:
    """Task no -> (section no, text without number and parenthetical, parenthetical)."""
    tasks: dict[int, tuple[int, str, str]] = {}
    section = 0
    body = doc.split("二、任务和分工", 1)[1].split("三、保障措施", 1)[0]
    for line in body.splitlines():
        line = line.strip()
        heading = re.fullmatch(r"\(([一二三四五])\)(\S+)", line)
        if heading:
            section = CN_DIGITS.index(heading.group(1)) + 1
            assert heading.group(2) == SECTION_TITLES[section - 1]
            continue
        m = re.fullmatch(r"(\d+)\.\s*(.+)\(([^()]+)\)", line)
        if m:
            tasks[int(m.group(1))] = (section, m.group(2), m.group(3))
    assert sorted(tasks) == list(range(1, 50))
    return tasks


def task(plan: PlanSpec, no: int) -> TaskSpec:
    return next(t for t in plan.tasks if t.no == no)


def assignments(plan: PlanSpec, no: int) -> list[tuple[str, str]]:
    return [(a.unit, a.role) for a in task(plan, no).units]


def parse_parenthetical(plan: PlanSpec, paren: str) -> list[tuple[str, str]]:
    """Resolve "(A牵头,B、C负责,D配合)" to [(unit id or group name, role)] in document order.

    A name is looked up among the units' names, short names and aliases (the document writes
    市市场监管委 for 市市场和质量监管委), adding the leading 市 that lists drop.
    """
    by_name = {n: u.id for u in plan.units for n in (u.name, u.short_name, *u.aliases)}
    groups = {g.name for g in plan.groups}
    result: list[tuple[str, str]] = []
    for clause in paren.split(","):
        role = ROLES[clause[-2:]]
        names = clause[:-2]
        joined = [g for g in groups if "、" in g and g in names]
        for g in joined:  # a group whose own name contains "、" is one entry
            names = names.replace(g, g.replace("、", "\x00"))
        for name in names.split("、"):
            name = name.replace("\x00", "、")
            if name in groups:
                result.append((name, role))
            else:
                unit = by_name.get(name) or by_name.get("市" + name)
                assert unit, f"{name!r} is no unit's name"
                result.append((unit, role))
    return result


def number(value: Decimal) -> str:
    return f"{value.normalize():f}"


# --- the data file on its own ---------------------------------------------------------------


def test_sections_and_tasks_per_section(plan: PlanSpec) -> None:
    assert [(s.no, s.title) for s in plan.sections] == list(enumerate(SECTION_TITLES, start=1))
    assert [t.no for t in plan.tasks] == list(range(1, 50))
    counts = {no: sum(t.section == no for t in plan.tasks) for no in TASKS_PER_SECTION}
    assert counts == TASKS_PER_SECTION


def test_titles_are_short(plan: PlanSpec) -> None:
    for t in plan.tasks:
        assert 0 < len(t.title) <= 20, t.no
    assert task(plan, 1).title == "推进质量条例立法"
    assert task(plan, 23).title == "重点产品质量监督抽查"


def test_units_and_groups(plan: PlanSpec) -> None:
    units = {u.id: u for u in plan.units}
    office = [u for u in plan.units if not u.reports]
    assert [u.name for u in office] == ["深圳市质量强市工作领导小组办公室"]
    assert {"市质量强市办", "质量强市办"} <= {office[0].short_name, *office[0].aliases}
    scjg = units["scjg"]
    assert scjg.name == "深圳市市场和质量监督管理委员会"
    assert {"市市场和质量监管委", "市场和质量监管委", "市市场监管委", "市场监管委"} <= {
        scjg.short_name,
        *scjg.aliases,
    }
    # named in 四(一)/四(四) without a numbered task of their own: still member units
    names = {u.name: u for u in plan.units}
    assert names["深圳市监察局"].reports and names["深圳市财政委员会"].reports
    assert {g.name for g in plan.groups} == {
        "各成员单位",
        "各相关单位",
        "项目牵头单位",
        "相关区政府、新区管委会",
    }
    used = {a.unit for t in plan.tasks for a in t.units}
    assert {g.name for g in plan.groups} <= used


def test_explicit_assignments(plan: PlanSpec) -> None:
    by_short = {u.short_name: u.id for u in plan.units}
    r, s = "responsible", "support"
    assert assignments(plan, 2) == [(by_short["市质量强市办"], "lead")] + [
        (by_short[n], r)
        for n in (
            "市市场和质量监管委",
            "市人居环境委",
            "市经贸信息委",
            "市科技创新委",
            "市卫生计生委",
            "市交通运输委",
            "市教育局",
            "市文体旅游局",
            "市住房建设局",
            "市金融办",
        )
    ]
    assert assignments(plan, 14) == [
        (by_short["市经贸信息委"], r),
        (by_short["市市场和质量监管委"], r),
        ("相关区政府、新区管委会", r),
    ]
    assert assignments(plan, 27) == [
        (by_short["市住房建设局"], r),
        (by_short["市交通运输委"], s),
        (by_short["市规土委"], s),
        (by_short["市水务局"], s),
        (by_short["市建筑工务署"], s),
    ]
    assert assignments(plan, 36) == [(by_short["市教育局"], r), ("scjg", s)]
    assert assignments(plan, 8) == [("项目牵头单位", r)]
    assert assignments(plan, 9) == [(by_short["市质量强市办"], "lead"), ("各相关单位", s)]


def test_targets_of_tasks_13_23_27_35(plan: PlanSpec) -> None:
    def targets(no: int) -> list[tuple[str, str, str | None, str]]:
        return [
            (x.comparator, number(x.value), x.value_max and number(x.value_max), x.unit)
            for x in task(plan, no).targets
        ]

    assert targets(13) == [("range", "30", "40", "家")]
    assert targets(23) == [
        (">=", "1500", None, "批次"),
        (">=", "6.75", None, "万批次"),
        (">=", "2.4", None, "万批次"),
        (">=", "4.5", None, "批次/千人"),
        (">=", "1.6", None, "批次/千人"),
    ]
    assert task(plan, 23).targets[0].name == "重点工业品和消费品质量监督抽查批次"
    assert targets(27) == [(">=", "800", None, "万平方米")]
    assert targets(35) == [(">=", "80", None, "公里"), (">=", "60", None, "条")]


def test_indicators(plan: PlanSpec) -> None:
    by_short = {u.id: u.short_name for u in plan.units}
    got = [
        (i.no, i.name, i.comparator, number(i.value), i.unit, by_short[i.owner or ""])
        for i in plan.indicators
    ]
    assert got == [
        (1, "制造业产品质量合格率", ">=", "93", "%", "市市场和质量监管委"),
        (2, "主要农产品质量安全监测合格率", ">=", "93", "%", "市市场和质量监管委"),
        (3, "大中型工程项目一次性验收合格率", "=", "100", "%", "市住房建设局"),
        (4, "其他工程一次验收合格率", ">=", "99", "%", "市住房建设局"),
        (5, "PM2.5年均浓度", "<=", "33", "微克/立方米", "市人居环境委"),
        (6, "公共交通服务指数", ">=", "82", "", "市交通运输委"),
        (7, "义务教育保障率", ">=", "99", "%", "市教育局"),
        (8, "新建建筑达到绿色标准比例", "=", "100", "%", "市住房建设局"),
        (9, "自来水水质综合合格率", ">=", "99", "%", "市水务局"),
    ]


def test_periods(plan: PlanSpec) -> None:
    assert [p.code for p in plan.periods] == ["2016Q1", "2016Q2", "2016Q3", "2016Q4", "2016"]
    assert [p.kind for p in plan.periods] == ["quarter"] * 4 + ["annual"]
    quarters = plan.periods[:4]
    for before, after in itertools.pairwise(quarters):
        assert (after.start - before.end).days == 1
    for p in plan.periods:
        assert p.start <= p.end < p.due, p.code
        assert p.title.startswith("2016年")
    assert quarters[0].start == plan.periods[4].start
    assert quarters[-1].end == plan.periods[4].end


# --- the data file against the seed document ------------------------------------------------


def test_document_sections_match(
    plan: PlanSpec, doc_tasks: dict[int, tuple[int, str, str]]
) -> None:
    for t in plan.tasks:
        assert t.section == doc_tasks[t.no][0], t.no


def test_task_texts_are_verbatim(
    plan: PlanSpec, doc: str, doc_tasks: dict[int, tuple[int, str, str]]
) -> None:
    for t in plan.tasks:
        assert t.text in doc, t.no
        assert t.text == doc_tasks[t.no][1], t.no


def test_task_units_match_parenthetical(
    plan: PlanSpec, doc_tasks: dict[int, tuple[int, str, str]]
) -> None:
    for t in plan.tasks:
        expected = parse_parenthetical(plan, doc_tasks[t.no][2])
        assert assignments(plan, t.no) == expected, t.no


def test_every_document_spelling_is_a_known_name(
    plan: PlanSpec, doc_tasks: dict[int, tuple[int, str, str]]
) -> None:
    """The app resolves names through name/short_name/aliases, without adding 市 itself."""
    known = {n: u.id for u in plan.units for n in (u.name, u.short_name, *u.aliases)}
    groups = {g.name for g in plan.groups}
    for no, (_, _, paren) in doc_tasks.items():
        for clause in paren.split(","):
            names = clause[:-2].replace("相关区政府、新区管委会", "")
            for name in filter(None, names.split("、")):
                assert name in known or name in groups, (no, name)
    assert known["市监察局"] and known["市财政委"] and known["市质量强市工作领导小组办公室"]


def test_targets_are_written_in_their_task(plan: PlanSpec) -> None:
    for t in plan.tasks:
        for x in t.targets:
            if x.comparator == "range":
                assert x.value_max is not None
                written = f"{number(x.value)}-{number(x.value_max)}{x.unit}"
            else:
                written = f"{number(x.value)}{x.unit}"
            spelled = written.replace("1", "一", 1) if number(x.value) == "1" else written
            assert written in t.text or spelled in t.text, (t.no, x.name)


def test_indicators_are_the_documented_goals(plan: PlanSpec, doc: str) -> None:
    goals = doc.split("2016年,全市", 1)[1].split("\n", 1)[0]
    phrases = [p for p in re.split(r"[,。]", goals) if p]
    assert len(phrases) == len(plan.indicators) == 9
    for phrase, ind in zip(phrases, plan.indicators, strict=True):
        assert ind.name in phrase, ind.no
        assert f"{number(ind.value)}{ind.unit}" in phrase, ind.no
        if "以下" in phrase:
            assert ind.comparator == "<="
        elif "以上" in phrase:
            assert ind.comparator == ">="
        else:
            assert ind.comparator == "="
