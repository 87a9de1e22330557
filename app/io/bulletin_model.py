"""A neutral model of an official document (公文): what it says, not how Word draws it.

The bulletin services compose an ``OfficialDocument`` from the store's figures; the Word
writer (``bulletin_docx``) lays it out in the GB/T 9704-2012 format and the window previews
it as HTML (``bulletin_html``). Numbering is part of the text ("一、总体情况", "（一）…"), so
every view shows the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Heading:
    level: int  # 1: "一、…" (黑体), 2: "（一）…" (楷体)
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    lead: str = ""  # a run-in heading such as "（一）按时报送（权重30）。", in the level-2 font


@dataclass(frozen=True)
class Column:
    title: str
    share: float  # relative width
    align: str = "center"  # left | center | right
    mono: bool = False  # digests: a Latin font, grouped digits


@dataclass(frozen=True)
class Table:
    """A real table. A row of one value is a band across all columns (a group heading);
    a "\n" in a column title breaks the header line there."""

    caption: str  # above the table; "" for none
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""  # below the table ("注：…")
    compact: bool = False  # smaller type (五号) for wide tables


Block = Heading | Paragraph | Table


@dataclass(frozen=True)
class Annex:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Properties:
    """The file's document properties (File → Properties in Word)."""

    title: str
    subject: str
    author: str
    keywords: str
    category: str
    comments: str
    created: datetime
    custom: tuple[tuple[str, str], ...] = ()  # docProps/custom.xml, in this order


@dataclass(frozen=True)
class OfficialDocument:
    title_lines: tuple[str, ...]  # the title, broken where the words allow (梯形 or 菱形)
    addressee: str  # 主送机关, e.g. "各成员单位：" ("" for none)
    body: tuple[Block, ...]
    issuer: str  # 发文机关署名
    issued_on: date  # 成文日期
    properties: Properties
    annexes: tuple[Annex, ...] = field(default=())

    @property
    def title(self) -> str:
        return "".join(self.title_lines)

    def blocks(self) -> list[Block]:
        """Body then every annex's blocks, in reading order."""
        out: list[Block] = list(self.body)
        for annex in self.annexes:
            out.extend(annex.blocks)
        return out

    def plain_text(self) -> str:
        """Every word of the document, one paragraph or table row per line (tests, search)."""
        lines = [self.title, self.addressee]
        lines.extend(_block_lines(b) for b in self.body)
        lines.extend(annex_note(self.annexes))
        lines.extend((self.issuer, chinese_date(self.issued_on)))
        for i, annex in enumerate(self.annexes, 1):
            lines.append(annex_label(i, len(self.annexes)))
            lines.append(annex.title)
            lines.extend(_block_lines(b) for b in annex.blocks)
        return "\n".join(line for line in lines if line)


def _block_lines(block: Block) -> str:
    if isinstance(block, Heading):
        return block.text
    if isinstance(block, Paragraph):
        return block.lead + block.text
    rows = [block.caption, "\t".join(c.title.replace("\n", "") for c in block.columns)]
    rows.extend("\t".join(r) for r in block.rows)
    rows.append(block.note)
    return "\n".join(r for r in rows if r)


def chinese_date(day: date) -> str:
    """'2016年10月15日': Arabic digits, no leading zeros (GB/T 9704-2012 7.3.5.3)."""
    return f"{day.year}年{day.month}月{day.day}日"


def annex_label(number: int, count: int) -> str:
    """'附件' for a single annex, '附件1' … for several."""
    return "附件" if count == 1 else f"附件{number}"


def annex_note(annexes: tuple[Annex, ...]) -> list[str]:
    """The 附件说明 lines under the body: '附件：数据来源' or '附件：1．…' then '2．…'."""
    if not annexes:
        return []
    if len(annexes) == 1:
        return [f"附件：{annexes[0].title}"]
    first = f"附件：1．{annexes[0].title}"
    return [first, *(f"{i}．{a.title}" for i, a in enumerate(annexes[1:], 2))]
