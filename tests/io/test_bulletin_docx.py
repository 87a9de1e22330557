"""The bulletins' Word format (GB/T 9704-2012), read back with python-docx and lxml."""

from __future__ import annotations

import math
import zipfile
from collections.abc import Iterator
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from app.config import Settings
from app.domain.catalog import Catalog
from app.domain.messages import Refusal
from app.io.bulletin_html import to_html
from app.io.gongwen_format import STYLE_NAMES, text_units
from app.services.bulletin import build_bulletin, write_bulletin
from app.services.stores import Store, open_office_store
from tests.kit.bulletin import unreadable_docx_templates
from tests.kit.office import OfficeData, build_office

PERIODS = ("2016Q1", "2016Q2", "2016Q3", "2016Q4", "2016")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PROGRESS_DAY = date(2016, 10, 15)
ASSESSMENT_DAY = date(2017, 2, 10)


@pytest.fixture(scope="module")
def office(
    tmp_path_factory: pytest.TempPathFactory, catalog: Catalog
) -> Iterator[tuple[Store, OfficeData, Path]]:
    root = tmp_path_factory.mktemp("bulletin-docx")
    store = open_office_store(Settings(root / "data"))
    data = build_office(store, catalog, root, PERIODS)
    yield store, data, root
    store.close()


@pytest.fixture(scope="module")
def files(office: tuple[Store, OfficeData, Path], catalog: Catalog) -> dict[str, Path]:
    store, _, root = office
    out = {}
    for kind, period, day in (
        ("progress", "2016Q3", PROGRESS_DAY),
        ("assessment", "2016", ASSESSMENT_DAY),
    ):
        out[kind] = write_bulletin(
            store, catalog, kind, period, root / f"{kind}.docx", issued_on=day
        ).path
    return out


@pytest.fixture(scope="module", params=["progress", "assessment"])
def document(request: pytest.FixtureRequest, files: dict[str, Path]) -> Any:
    return docx.Document(str(files[request.param]))


def style_of(d: Any, style_id: str) -> Any:
    return d.styles[STYLE_NAMES[style_id]]


def fonts(element: Any) -> dict[str, str]:
    rfonts = element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    assert rfonts is not None
    return {k.split("}")[1]: v for k, v in rfonts.attrib.items()}


def half_points(element: Any) -> int:
    return int(element.find(f"{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val")))


def test_a4_with_the_standard_margins(document: Any) -> None:
    s = document.sections[0]
    mm = {
        "width": s.page_width,
        "height": s.page_height,
        "top": s.top_margin,
        "bottom": s.bottom_margin,
        "left": s.left_margin,
        "right": s.right_margin,
    }
    want = {"width": 210, "height": 297, "top": 37, "bottom": 35, "left": 28, "right": 26}
    for key, value in want.items():
        assert abs(mm[key] - Mm(value)) < Mm(0.05), key


def test_22_lines_of_28_characters(document: Any) -> None:
    sect = document.sections[0]._sectPr
    grid = sect.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    pitch = int(grid.get(qn("w:linePitch")))
    assert pitch == 579  # 28.95 pt
    height = (
        document.sections[0].page_height.twips
        - 2 * 0
        - sum(
            m.twips for m in (document.sections[0].top_margin, document.sections[0].bottom_margin)
        )
    )
    assert 22 * pitch <= height < 23 * pitch
    width = document.sections[0].page_width.twips - sum(
        m.twips for m in (document.sections[0].left_margin, document.sections[0].right_margin)
    )
    char_pitch = (16 + int(grid.get(qn("w:charSpace"))) / 4096) * 20  # relative to 3号
    assert math.floor(width / char_pitch) == 28
    # and where the grid is not applied, the body's own spacing holds 22 x 28
    normal = document.styles["Normal"].element
    spacing = normal.find(f"{qn('w:pPr')}/{qn('w:spacing')}")
    assert (spacing.get(qn("w:line")), spacing.get(qn("w:lineRule"))) == ("579", "exact")
    condensed = int(normal.find(f"{qn('w:rPr')}/{qn('w:spacing')}").get(qn("w:val"))) / 20
    assert math.floor(width / 20 / (16 + condensed)) == 28


@pytest.mark.parametrize(
    ("style_id", "font", "size"),
    [
        ("GwTitle", "方正小标宋简体", 44),
        ("GwBody", "仿宋_GB2312", 32),
        ("GwHeading1", "黑体", 32),
        ("GwHeading2", "楷体_GB2312", 32),
        ("GwPageNumber", "宋体", 28),
    ],
)
def test_fonts_and_sizes(document: Any, style_id: str, font: str, size: int) -> None:
    element = style_of(document, style_id).element
    names = fonts(element)
    assert names["eastAsia"] == font
    assert names["ascii"] == names["hAnsi"] == font  # digits in the same face
    assert names["hint"] == "eastAsia"
    assert half_points(element) == size
    assert element.find(f"{qn('w:rPr')}/{qn('w:b')}") is None  # 方正小标宋 is not made bold


def test_font_table_names_the_fallbacks(files: dict[str, Path]) -> None:
    with zipfile.ZipFile(files["progress"]) as z:
        root = etree.fromstring(z.read("word/fontTable.xml"))
    alt = {
        f.get(f"{{{W}}}name"): f.find(f"{{{W}}}altName").get(f"{{{W}}}val")
        for f in root.findall(f"{{{W}}}font")
        if f.find(f"{{{W}}}altName") is not None
    }
    assert alt["仿宋_GB2312"].split(",")[0] == "仿宋"
    assert alt["楷体_GB2312"].split(",")[0] == "楷体"
    assert alt["方正小标宋简体"].split(",")[0] == "宋体"
    charset = {
        f.get(f"{{{W}}}name"): f.find(f"{{{W}}}charset").get(f"{{{W}}}val")
        for f in root.findall(f"{{{W}}}font")
    }
    assert charset["仿宋_GB2312"] == "86"


def test_system_fonts_name_the_windows_faces(
    office: tuple[Store, OfficeData, Path], catalog: Catalog, tmp_path: Path
) -> None:
    store, _, _ = office
    path = write_bulletin(
        store, catalog, "progress", "2016Q3", tmp_path / "s.docx", fonts="system"
    ).path
    d = docx.Document(str(path))
    assert fonts(style_of(d, "GwBody").element)["eastAsia"] == "仿宋"
    assert fonts(style_of(d, "GwHeading2").element)["eastAsia"] == "楷体"
    title = style_of(d, "GwTitle").element
    assert fonts(title)["eastAsia"] == "宋体"
    assert title.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None


def test_page_numbers_outside_edge_in_dashes(document: Any) -> None:
    settings = document.settings.element
    assert settings.find(qn("w:evenAndOddHeaders")) is not None
    section = document.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        p = footer.paragraphs[0]
        assert p.style.name == STYLE_NAMES["GwPageNumber"]
        xml = p._p
        instr = "".join(t.text for t in xml.iter(qn("w:instrText")))
        assert instr.strip() == "PAGE"
        kinds = [f.get(qn("w:fldCharType")) for f in xml.iter(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        assert p.text.startswith("— ") and p.text.endswith(" —")
        assert p._p.pPr.find(qn("w:jc")).get(qn("w:val")) == side
        indent = p._p.pPr.find(qn("w:ind")).get(qn(f"w:{side}"))
        assert int(indent) == 280  # one 4号 character in from the edge


def _headings(d: Any, level: int) -> list[str]:
    name = STYLE_NAMES["GwHeading1" if level == 1 else "GwHeading2"]
    return [p.text for p in d.paragraphs if p.style.name == name]


def test_structure_progress(files: dict[str, Path], catalog: Catalog) -> None:
    d = docx.Document(str(files["progress"]))
    title = [p for p in d.paragraphs if p.style.name == STYLE_NAMES["GwTitle"]]
    assert title[0].text == "关于2016年第三季度\n质量强市工作进展情况的通报"
    for line in title[0].text.split("\n"):
        assert text_units(line) <= 20  # 20 characters of 2号 fit the type width
    assert _headings(d, 1) == ["一、总体情况", "二、各板块进展", "三、存在问题", "四、下一步工作"]
    level2 = _headings(d, 2)
    sections = [f"（{'一二三四五'[s.no - 1]}）{s.title}" for s in catalog.sections]
    assert level2[: len(sections)] == sections
    texts = [p.text for p in d.paragraphs]
    assert texts[1] == "" and texts[2] == "各成员单位："  # 标题下空一行, then 主送机关
    issuer = texts.index("深圳市质量强市工作领导小组办公室")
    assert texts[issuer + 1] == "2016年10月15日"
    assert texts[issuer - 3] == "附件：数据来源"
    annex = d.paragraphs[issuer + 2]
    assert annex.text == "附件"
    assert annex._p.pPr.find(qn("w:pageBreakBefore")) is not None


def test_tables_repeat_their_header_rows(document: Any) -> None:
    assert document.tables
    for table in document.tables:
        rows = table._tbl.findall(qn("w:tr"))
        assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        for tr in rows[1:]:
            assert tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None
            assert tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None
        head = table.rows[0].cells[0].paragraphs[0]
        assert head.style.name == STYLE_NAMES["GwTableHead"]


def test_signature_keeps_with_the_body(document: Any) -> None:
    texts = [p.text for p in document.paragraphs]
    issuer = texts.index("深圳市质量强市工作领导小组办公室")
    for p in document.paragraphs[issuer - 5 : issuer + 1]:  # last body paragraph on
        assert p._p.pPr.find(qn("w:keepNext")) is not None
    date_p = document.paragraphs[issuer + 1]
    right = int(date_p._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")))
    issuer_right = int(document.paragraphs[issuer]._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")))
    # the issuer is wider than the date: it keeps 2 characters, the date centres under it
    assert issuer_right == 200
    date_w = text_units(date_p.text)
    assert right == round((2 + (text_units(texts[issuer]) - date_w) / 2) * 100)


def test_properties_name_the_period_and_the_sources(files: dict[str, Path]) -> None:
    d = docx.Document(str(files["progress"]))
    core = d.core_properties
    assert core.title == "关于2016年第三季度质量强市工作进展情况的通报"
    assert core.author == "深圳市质量强市工作领导小组办公室"
    assert core.category == "通报"
    assert "2016Q3" in core.comments
    with zipfile.ZipFile(files["progress"]) as z:
        names = z.namelist()
        root = etree.fromstring(z.read("docProps/custom.xml"))
        rels = z.read("_rels/.rels").decode("utf-8")
    assert "docProps/thumbnail.jpeg" not in names and "thumbnail" not in rels
    assert "custom-properties" in rels
    props = {p.get("name"): p[0].text for p in root}
    assert props["qr.period"] == "2016Q3" and props["qr.bulletin.kind"] == "progress"
    count = int(props["qr.sources.count"])
    assert count > 10
    assert all(props[f"qr.source.{i:03d}"].split()[1] == "2016Q3" for i in range(1, count + 1))


def test_html_preview_has_every_word(
    office: tuple[Store, OfficeData, Path], catalog: Catalog
) -> None:
    store, _, _ = office
    doc = build_bulletin(store, catalog, "progress", "2016Q3", issued_on=PROGRESS_DAY)
    html = to_html(doc)
    lines = [*doc.title_lines, *doc.plain_text().splitlines()[1:]]  # the title: one per line
    for line in lines:
        for cell in line.split("\t"):
            assert escape(cell) in html
    assert "<table" in html and "<script" not in html


def test_a_document_python_docx_cannot_make_is_no_write_failure(
    office: tuple[Store, OfficeData, Path],
    catalog: Catalog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store, _, _ = office
    unreadable_docx_templates(monkeypatch, tmp_path)
    out = tmp_path / "通报.docx"
    with pytest.raises(Refusal) as caught:
        write_bulletin(store, catalog, "progress", "2016Q3", out, issued_on=PROGRESS_DAY)
    assert caught.value.code == "docx_build_failed"
    assert "重新安装" in caught.value.render("zh") and "Word 中打开" not in caught.value.render()
    assert isinstance(caught.value.__cause__, FileNotFoundError)
    assert list(tmp_path.iterdir()) == []  # nothing written, not even a temporary file
