"""The plan-document importer on documents of the genre other than the seed.

Fixtures (tests/fixtures/plans/, written for these tests): a 2017 city plan in full-width
punctuation with units outside the known list; a district's 质量强区 plan in half-width
punctuation with 区 units, 各街道 and tasks numbered afresh in every section; another city's
plan with CRLF line ends, a UTF-8 BOM, goals inside 一、总体要求, tasks numbered ``1、``, an
owner clause on its own line, sub-items and a signature; a third city's plan in GB18030 with
no known units at all. A .docx with a task table is generated here with python-docx, and the
UTF-16 and half-width variants are derived from the fixtures. Every expectation is written
out by hand.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document as DocxDocument

from app.config import resource_path
from app.domain.plan_draft import PlanImport
from app.domain.plan_text import fold
from app.io.plan_document import import_plan_document
from app.io.plan_file import parse_plan
from tests.kit.documents import write_docx
from tests.kit.paths import PLANS

R, L, S = "responsible", "lead", "support"

Task = tuple[int, list[tuple[str, str]], list[tuple[str, Any, Any, str]]]


@pytest.fixture(scope="module")
def shipped() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource_path("plans/sz-2016.json").read_text("utf-8"))
    return data


def digest(result: PlanImport) -> dict[str, Any]:
    """The plan in hand-checkable terms: units by short name, values as written."""
    plan = result.plan
    short = {u["id"]: u["short_name"] for u in plan["units"]}

    def target(x: dict[str, Any]) -> tuple[str, Any, Any, str]:
        return (x["comparator"], x["value"], x.get("value_max"), x["unit"])

    return {
        "year": plan["plan"]["year"],
        "sections": [s["title"] for s in plan["sections"]],
        "tasks": {
            t["no"]: (
                t["section"],
                [(short.get(a["unit"], a["unit"]), a["role"]) for a in t["units"]],
                [target(x) for x in t["targets"]],
            )
            for t in plan["tasks"]
        },
        "indicators": [(i["name"], *target(i)) for i in plan["indicators"]],
        "groups": {g["name"]: g["members"] for g in plan["groups"]},
    }


def new_units(result: PlanImport) -> dict[str, str]:
    """Proposed units: short name → full name."""
    return {u["short_name"]: u["name"] for u in result.plan["units"] if u["id"].startswith("new_")}


def guessed(result: PlanImport, code: str) -> list[str]:
    return [g.where.render("zh") for g in result.guesses if g.what.code == code]


def valid(result: PlanImport) -> None:
    parse_plan(json.dumps(result.plan, ensure_ascii=False).encode("utf-8"), "draft")


# -- a city's next-year plan, full-width punctuation ---------------------------------------
SZ_2017_TASKS: dict[int, Task] = {
    1: (1, [("市质量强市办", L), ("各成员单位", S)], []),
    2: (1, [("市政府法制办", R), ("市市场和质量监管委", R)], [(">=", 3, None, "项")]),
    3: (1, [("市市场和质量监管委", R), ("市统计局", S)], []),
    4: (2, [("市市场和质量监管委", R)], [(">=", 2000, None, "批次"), ("=", 100, None, "%")]),
    5: (
        2,
        [("市住房建设局", R), ("市规土委", S), ("市建筑工务署", S)],
        [(">=", 1000, None, "万平方米"), (">=", 20, None, "个")],
    ),
    6: (2, [("市城市管理局", R)], [(">=", 90, None, "%"), ("=", 100, None, "%")]),
    7: (2, [("市交通运输委", R)], [("range", 50, 80, "公里"), (">=", 85, None, "%")]),
    8: (
        3,
        [("市市场和质量监管委", L), ("市经贸信息委", S), ("市科技创新委", S)],
        [(">=", 150, None, "项")],
    ),
    9: (3, [("市市场和质量监管委", R)], [("range", 3, 5, "家")]),
    10: (3, [("市人力资源和社会保障局", R), ("市市场和质量监管委", R)], [("=", 500, None, "人次")]),
}
SZ_2017_INDICATORS = [
    ("制造业产品质量合格率", ">=", 94, None, "%"),
    ("主要农产品质量安全监测合格率", ">=", 95, None, "%"),
    ("PM2.5年均浓度", "<=", 30, None, "微克/立方米"),
    ("公共交通分担率", "=", 58, None, "%"),
    ("新增中国驰名商标和广东省名牌产品", "range", 30, 50, "个"),
]


def test_city_plan_full_width(shipped: dict[str, Any]) -> None:
    result = import_plan_document(PLANS / "sz-2017-fullwidth.txt", shipped["units"])
    valid(result)
    got = digest(result)
    assert got["year"] == 2017
    assert got["sections"] == ["完善质量工作机制", "提升产品和服务质量", "夯实质量基础"]
    assert got["tasks"] == SZ_2017_TASKS
    assert got["indicators"] == SZ_2017_INDICATORS
    assert got["groups"] == {"各成员单位": "all"}
    assert new_units(result) == {"市统计局": "深圳市统计局", "市城市管理局": "深圳市城市管理局"}
    tasks = result.plan["tasks"]
    assert (
        tasks[3]["text"]
        == "开展重点工业产品质量监督抽查２０００批次以上，不合格产品后处理率达到100%。"
    )
    assert tasks[7]["title"] == "主导或参与制修订国际标准、国家标准"
    units = {u["short_name"] for u in result.plan["units"]}
    assert {"市监察局", "市财政委"} <= units  # named in 三、保障措施 only
    assert "市水务局" not in units  # known, but not in this plan
    assert guessed(result, "guess_comparator_growth") == ["任务 5 / 目标 1"]
    assert guessed(result, "guess_comparator_about") == ["任务 10 / 目标 1"]
    assert len(guessed(result, "guess_unit_new")) == 2


def test_half_width_spelling_gives_the_same_plan(shipped: dict[str, Any], tmp_path: Path) -> None:
    text = (PLANS / "sz-2017-fullwidth.txt").read_text("utf-8")
    half = tmp_path / "half.txt"
    half.write_text(fold(text), "utf-8")
    assert "（" not in half.read_text("utf-8")
    got = digest(import_plan_document(half, shipped["units"]))
    assert got["tasks"] == SZ_2017_TASKS
    assert got["indicators"] == SZ_2017_INDICATORS


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig", "gb18030"])
def test_encodings_give_the_same_plan(
    shipped: dict[str, Any], tmp_path: Path, encoding: str
) -> None:
    text = (PLANS / "sz-2017-fullwidth.txt").read_text("utf-8")
    path = tmp_path / "plan.txt"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    original = import_plan_document(PLANS / "sz-2017-fullwidth.txt", shipped["units"])
    again = import_plan_document(path, shipped["units"])
    assert {**again.plan, "plan": None} == {**original.plan, "plan": None}


# -- a district's plan, half-width, numbered afresh in each section ------------------------
DISTRICT_UNITS = [
    {
        "id": "jjcj",
        "name": "深圳市龙岗区经济促进局",
        "short_name": "区经济促进局",
        "aliases": ["区经促局", "经济促进局"],
    },
    {
        "id": "zjj",
        "name": "深圳市龙岗区住房和建设局",
        "short_name": "区住房建设局",
        "aliases": ["区住建局"],
    },
    {
        "id": "scjg",
        "name": "深圳市市场和质量监督管理委员会龙岗市场监督管理局",
        "short_name": "龙岗市场监管局",
        "aliases": ["区市场监管局"],
    },
    {
        "id": "hsj",
        "name": "深圳市龙岗区环境保护和水务局",
        "short_name": "区环境保护和水务局",
        "aliases": ["区环水局"],
    },
    {
        "id": "qqb",
        "name": "深圳市龙岗区质量强区工作领导小组办公室",
        "short_name": "区质量强区办",
        "reports": False,
    },
]


def test_district_plan() -> None:
    result = import_plan_document(
        PLANS / "longgang-2017-district.txt", DISTRICT_UNITS, code="LG-2017"
    )
    valid(result)
    got = digest(result)
    assert got["sections"] == ["推动产业质量提升", "加强工程和环境质量", "营造质量文化"]
    assert got["tasks"] == {
        1: (
            1,
            [("区经济促进局", L), ("龙岗市场监管局", S), ("各街道", S)],
            [("range", 3, 5, "家")],
        ),
        2: (1, [("龙岗市场监管局", R)], [(">=", 800, None, "批次")]),
        3: (2, [("区住房建设局", R)], [("=", 100, None, "%")]),
        4: (
            2,
            [("区环境保护和水务局", R), ("各街道办事处", S)],
            [("<=", 5, None, "条"), (">=", 120, None, "公里")],
        ),
        5: (2, [("区教育局", R)], [("=", 95, None, "%")]),
        6: (3, [("区质量强区办", L), ("区直各单位", S), ("各街道", S)], [(">=", 20, None, "场")]),
    }
    assert got["indicators"] == [
        ("制造业产品质量合格率", ">=", 93, None, "%"),
        ("食品安全抽检合格率", ">=", 96, None, "%"),
        ("新增省名牌产品", ">=", 10, None, "个"),
    ]
    assert got["groups"] == {"各街道": [], "各街道办事处": [], "区直各单位": "all"}
    assert new_units(result) == {"区教育局": "龙岗区教育局"}
    assert result.plan["plan"]["code"] == "LG-2017"
    assert result.plan["tasks"][3]["text"] == (
        "推进河流综合整治,全区黑臭水体控制在5条以内,完成污水管网建设120公里。"
    )
    assert guessed(result, "guess_task_renumbered") == ["任务 3", "任务 4", "任务 5", "任务 6"]
    assert "guess_plan_code" not in [g.what.code for g in result.guesses]


# -- another city: CRLF, BOM, goals in 总体要求, 1、 numbering, sub-items, signature ---------
def test_crlf_plan_with_goals_section_and_sub_items() -> None:
    units = [
        {
            "id": "zjj",
            "name": "广州市质量技术监督局",
            "short_name": "市质监局",
            "aliases": ["质监局"],
        },
        {"id": "gxw", "name": "广州市工业和信息化委员会", "short_name": "市工信委"},
    ]
    path = PLANS / "guangzhou-2018-crlf-bom.txt"
    assert b"\r\n" in path.read_bytes()
    result = import_plan_document(path, units)
    valid(result)
    got = digest(result)
    assert got["sections"] == ["加强质量监管", "推进品牌建设"]
    assert got["tasks"] == {
        1: (1, [("市质监局", R)], [(">=", 3000, None, "批次")]),
        2: (1, [("市质监局", L), ("各区政府", S)], [(">=", 99.5, None, "%")]),
        3: (2, [("市工信委", R), ("市质监局", R)], [("range", 20, 30, "家")]),
        4: (2, [("市商务委", R), ("各区政府", S)], [("=", 5, None, "个")]),
    }
    assert got["indicators"] == [
        ("产品质量国家监督抽查合格率", ">=", 92, None, "%"),
        ("新增广东省名牌产品", ">=", 40, None, "个"),
        ("重大质量安全事故", "=", 0, None, "起"),
    ]
    assert new_units(result) == {"市商务委": "广州市商务委"}
    assert result.plan["tasks"][1]["text"] == (
        "加强特种设备安全监察，特种设备定期检验率达到99.5%以上。\n"
        "（1）开展电梯安全专项整治；\n（2）推进气瓶充装追溯体系建设。"
    )
    assert result.plan["plan"]["published"] == "2018-03-20"
    # line numbers count CRLF lines: the signature is on lines 30 and 31
    assert guessed(result, "guess_text_ignored") == ["第 30 行", "第 31 行"]
    assert guessed(result, "guess_task_more_text") == ["任务 2", "任务 2"]


def test_gb18030_plan_without_known_units() -> None:
    path = PLANS / "dongguan-2017-gb18030.txt"
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    result = import_plan_document(path, [])
    valid(result)
    got = digest(result)
    assert got["tasks"] == {
        1: (1, [("市质监局", L), ("市经信局", S), ("市科技局", S)], [("range", 10, 15, "家")]),
        2: (1, [("市经信局", R)], [(">=", 20, None, "个"), (">=", 1.5, None, "万家")]),
        3: (2, [("市食药监局", R), ("各镇街", S)], [(">=", 2.5, None, "万批次")]),
    }
    assert got["indicators"] == [
        ("工业产品质量监督抽查合格率", ">=", 93, None, "%"),
        ("万人发明专利拥有量", "=", 10, None, "件"),
    ]
    assert new_units(result) == {
        "市质监局": "东莞市质监局",
        "市经信局": "东莞市经信局",
        "市科技局": "东莞市科技局",
        "市食药监局": "东莞市食药监局",
    }
    ids = [u["id"] for u in result.plan["units"]]
    assert len(set(ids)) == 4 and all(i.startswith("new_") for i in ids)
    again = import_plan_document(path, [])
    assert [u["id"] for u in again.plan["units"]] == ids  # stable ids for the same names


def test_docx_with_paragraphs_and_a_task_table(shipped: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    write_docx(path)
    result = import_plan_document(path, shipped["units"], shipped["groups"])
    valid(result)
    got = digest(result)
    assert got["sections"] == ["深化质量强市建设", "加强质量基础"]
    assert got["tasks"] == {
        1: (1, [("市质量强市办", L), ("各区政府", S)], [(">=", 5, None, "个")]),
        2: (1, [("市市场和质量监管委", R)], [(">=", 30, None, "家")]),
        3: (
            2,
            [("市市场和质量监管委", L), ("市科技创新委", S), ("市发展改革委", S)],
            [("=", 2, None, "个")],
        ),
        4: (2, [("市交通运输委", L)], [(">=", 30, None, "公里")]),
    }
    assert got["indicators"] == [
        ("制造业产品质量合格率", ">=", 94, None, "%"),
        ("主要农产品质量安全监测合格率", ">=", 96, None, "%"),
    ]
    assert result.plan["tasks"][1]["text"] == "开展质量提升行动，培育卓越绩效企业不少于30家。"
    assert result.plan["tasks"][2]["text"] == "建设国家级质量检验检测中心2个。"
    assert "市财政委" in {u["short_name"] for u in result.plan["units"]}
    assert guessed(result, "guess_text_ignored") == []  # the table's heading row is no text


# -- a .docx whose numbers Word generates (list paragraphs) --------------------------------
def _section_list(d: DocxDocument) -> str:
    """A list numbered （一）（二）… added to the document's numbering part; its numId."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    numbering = d.part.part_related_by(RT.NUMBERING).element
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {w} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%1）"/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def _numbered(d: DocxDocument, text: str, num_id: str) -> None:
    from docx.oxml import parse_xml

    p = d.add_paragraph(text)
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    p._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {w}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def test_docx_with_numbers_generated_by_word(shipped: dict[str, Any], tmp_path: Path) -> None:
    d: DocxDocument = docx.Document()
    sections = _section_list(d)
    d.add_paragraph("深圳市2019年质量工作方案")
    d.add_paragraph("一、主要任务")
    _numbered(d, "加强质量监管", sections)
    d.add_paragraph("开展监督抽查1500批次以上。（市市场和质量监管委负责）", style="List Number")
    d.add_paragraph("新增绿色建筑面积600万平方米。（市住房建设局负责）", style="List Number")
    _numbered(d, "夯实质量基础", sections)
    d.add_paragraph("培育标准化示范企业20家。（市市场和质量监管委负责）", style="List Number")
    path = tmp_path / "numbered.docx"
    d.save(str(path))
    assert "1." not in docx.Document(str(path)).paragraphs[3].text  # Word keeps no number
    result = import_plan_document(path, shipped["units"])
    got = digest(result)
    assert got["sections"] == ["加强质量监管", "夯实质量基础"]
    assert got["tasks"] == {
        1: (1, [("市市场和质量监管委", R)], [(">=", 1500, None, "批次")]),
        2: (1, [("市住房建设局", R)], [(">=", 600, None, "万平方米")]),
        3: (2, [("市市场和质量监管委", R)], [(">=", 20, None, "家")]),
    }
    assert result.plan["tasks"][0]["text"] == "开展监督抽查1500批次以上。"
    assert guessed(result, "guess_word_numbering") == ["方案"]


@pytest.mark.parametrize(
    "name",
    [
        "sz-2017-fullwidth.txt",
        "longgang-2017-district.txt",
        "guangzhou-2018-crlf-bom.txt",
        "dongguan-2017-gb18030.txt",
    ],
)
def test_every_guess_points_at_a_field_of_the_draft(shipped: dict[str, Any], name: str) -> None:
    result = import_plan_document(PLANS / name, shipped["units"])
    assert result.guesses
    for g in result.guesses:
        node: Any = result.plan
        for step in filter(None, g.field.split("/")):
            node = node[int(step)] if isinstance(node, list) else node[step]
        assert g.where.render("en") and g.what.render("en"), g
