"""The GB/T 9704-2012 format (党政机关公文格式) as numbers: page, type area, grid, fonts, sizes.

``bulletin_docx`` lays a document out with these; the tests check a written file against them.
Why each font is named as it is, and how its fallback works: see ``bulletin_docx``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from docx.shared import Mm

from app.io.bulletin_model import Column
from app.io.docx_ooxml import FontSpec

PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
FOOTER_MM = 25
HEADER_MM = 15
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LINE_PITCH = 579  # twips: 28.95 pt
BODY_PT = 16.0  # 3号
TITLE_PT = 22.0  # 2号
PAGE_NUMBER_PT = 14.0  # 4号
TABLE_PT = 12.0  # 小四
TABLE_NOTE_PT = 12.0
DIGEST_PT = 8.0  # 64 hex digits in two lines of a 60 mm column
COMPACT_PT = 10.5  # 五号, for wide tables
TEXT_WIDTH = round(Mm(PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]).twips)
TEXT_HEIGHT = round(Mm(PAGE_MM[1] - MARGINS_MM["top"] - MARGINS_MM["bottom"]).twips)
# Word counts characters per line as floor(width / pitch): round the pitch delta down.
CHAR_SPACE = math.floor((TEXT_WIDTH / 20 / CHARS_PER_LINE - BODY_PT) * 4096)
CONDENSE = -6  # twentieths of a point: 16 pt characters 15.7 pt apart (bulletin_docx)
CHAR_PITCH = (BODY_PT + CHAR_SPACE / 4096) * 20  # twips per character on the grid


@dataclass(frozen=True)
class FontSet:
    title: FontSpec
    title_bold: bool
    body: FontSpec
    heading1: FontSpec
    heading2: FontSpec
    page_number: FontSpec
    digest: FontSpec


_SONG = FontSpec("宋体", ("SimSun",), "02010600030101010101")
_HEI = FontSpec("黑体", ("SimHei",), "02010609060101010101", "modern", "fixed")
_FANG = FontSpec("仿宋", ("FangSong",), "02010609060101010101", "modern", "fixed")
_KAI = FontSpec("楷体", ("KaiTi",), "02010609060101010101", "modern", "fixed")
_DIGEST = FontSpec("Courier New", (), "02070309020205020404", "modern", "fixed", "00")
FONTS_STANDARD = FontSet(
    title=FontSpec("方正小标宋简体", ("宋体", "SimSun"), "02000000000000000000", "script"),
    title_bold=False,
    body=FontSpec("仿宋_GB2312", ("仿宋", "FangSong"), "02010609030101010101", "modern", "fixed"),
    heading1=_HEI,
    heading2=FontSpec("楷体_GB2312", ("楷体", "KaiTi"), "02010609030101010101", "modern", "fixed"),
    page_number=_SONG,
    digest=_DIGEST,
)
FONTS_SYSTEM = FontSet(_SONG, True, _FANG, _HEI, _KAI, _SONG, _DIGEST)
FONT_SETS: Mapping[str, FontSet] = {"standard": FONTS_STANDARD, "system": FONTS_SYSTEM}

# Style ids (ASCII, stable for tests and templates) and the names Word shows.
STYLE_NAMES = {
    "GwBody": "公文正文",
    "GwTitle": "公文标题",
    "GwAddressee": "主送机关",
    "GwHeading1": "一级标题",
    "GwHeading2": "二级标题",
    "GwSignature": "发文机关署名",
    "GwDate": "成文日期",
    "GwAnnexNote": "附件说明",
    "GwAnnexLabel": "附件标识",
    "GwCaption": "表题",
    "GwTable": "表格文字",
    "GwTableHead": "表头",
    "GwTableNote": "表注",
    "GwPageNumber": "页码",
}
LEAD_STYLE, LEAD_NAME = "GwLead", "二级标题字符"  # a run-in heading (character style)


def column_widths(columns: tuple[Column, ...], total: int) -> list[int]:
    """Twips per column, in proportion to the shares, summing exactly to ``total``."""
    shares = [max(c.share, 0.01) for c in columns]
    scale = total / sum(shares)
    widths = [math.floor(s * scale) for s in shares]
    widths[-1] += total - sum(widths)
    return widths


def text_units(text: str) -> float:
    """Width in characters of the body font: a Chinese character 1, a digit or letter 1/2."""
    return sum(0.5 if ord(ch) < 0x2E80 and ch not in "—…“”‘’" else 1.0 for ch in text)
