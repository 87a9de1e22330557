"""Word's generated list numbers (``1.``, ``（一）``), which are not in a paragraph's text.

A list paragraph names a list (``w:numId``) and a level (``w:ilvl``), directly or through its
style; the numbering part defines each level's start, format (decimal, chineseCounting …) and
text (``%1.`` or ``（%1）``). Counting follows Word: per list, a level counts on and the levels
below it start again. Only what plan documents use is rendered; a bullet or an unknown format
gives no number, and the outline's numbering checks still apply to what comes out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from app.domain.plan_text import CN_DIGITS

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CHINESE = {"chineseCounting", "chineseCountingThousand", "japaneseCounting"}
_CHINESE |= {"taiwaneseCounting", "ideographDigital", "chineseLegalSimplified"}


def chinese(n: int) -> str:
    """1 … 99 as 一 … 九十九."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens - 1] + "十")
    return head + (CN_DIGITS[ones - 1] if ones else "") or "〇"


def formatted(n: int, fmt: str) -> str | None:
    if fmt in ("decimal", "decimalZero"):
        return f"{n:02d}" if fmt == "decimalZero" and n < 10 else str(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt in _CHINESE and 0 < n < 100:
        return chinese(n)
    if fmt == "decimalEnclosedCircle" and 0 < n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt in ("lowerLetter", "upperLetter") and 0 < n <= 26:
        letter = chr(ord("a") + n - 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    return None


@dataclass(frozen=True)
class Level:
    start: int
    fmt: str
    text: str


def _val(element: Any, tag: str) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return None if child is None else child.get(qn("w:val"))


def _int(text: str | None, default: int) -> int:
    """A level number or start value from a hostile file: digits only, within bounds."""
    if text is None or not text.isdigit() or len(text) > 4:
        return default
    return int(text)


@dataclass
class ListNumbers:
    """The number Word shows before each list paragraph, in document order."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # numId → levels
    counters: dict[str, list[int | None]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: Any) -> ListNumbers:
        try:
            root = document.part.part_related_by(RT.NUMBERING).element
        except KeyError:
            return cls()
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
        levels: dict[str, dict[int, Level]] = {}
        for num in root.findall(qn("w:num")):
            definition = abstract.get(_val(num, "w:abstractNumId"))
            if definition is None:
                continue
            starts = {
                _int(o.get(qn("w:ilvl")), 0): _int(_val(o, "w:startOverride"), 1)
                for o in num.findall(qn("w:lvlOverride"))
                if _val(o, "w:startOverride")
            }
            levels[num.get(qn("w:numId"))] = {
                _int(lvl.get(qn("w:ilvl")), 0): Level(
                    starts.get(_int(lvl.get(qn("w:ilvl")), 0), _int(_val(lvl, "w:start"), 1)),
                    _val(lvl, "w:numFmt") or "decimal",
                    (_val(lvl, "w:lvlText") or "")[:40],
                )
                for lvl in definition.findall(qn("w:lvl"))
            }
        return cls(levels)

    def number(self, paragraph: Paragraph) -> str:
        """The paragraph's generated number ("" for none), counting it."""
        num_id, ilvl = _num_pr(paragraph)
        levels = self.levels.get(num_id or "")
        if not levels or ilvl not in levels or not 0 <= ilvl < 9:
            return ""
        counts = self.counters.setdefault(num_id or "", [None] * 9)
        counts[ilvl] = (counts[ilvl] or levels[ilvl].start - 1) + 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = None
        return self._render(levels, counts, ilvl)

    @staticmethod
    def _render(levels: dict[int, Level], counts: list[int | None], ilvl: int) -> str:
        def one(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            level = levels.get(k)
            value = counts[k] if 0 <= k < 9 else None
            if level is None:
                return ""
            text = formatted(value if value is not None else level.start, level.fmt)
            return text or ""

        if formatted(counts[ilvl] or 1, levels[ilvl].fmt) is None:
            return ""  # bullets and formats this genre does not use
        return re.sub(r"%([1-9])", one, levels[ilvl].text)


def _num_pr(paragraph: Paragraph) -> tuple[str | None, int]:
    """(numId, ilvl) from the paragraph, else from its style (and the style it is based on)."""
    holders = [paragraph._p]
    style = paragraph.style
    while style is not None and len(holders) < 4:
        holders.append(style.element)
        style = style.base_style
    for holder in holders:
        ppr = holder.find(qn("w:pPr"))
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if numpr is not None:
            return _val(numpr, "w:numId"), _int(_val(numpr, "w:ilvl"), 0)
    return None, 0
