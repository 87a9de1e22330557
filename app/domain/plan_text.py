"""The words and marks of a plan document, shared by the outline, owner and number readers.

Every rule reads a *folded* copy of the text: full-width ASCII becomes half-width, dashes
become ``-``, wave dashes ``~``, the ideographic space a space. Folding maps one character to
one character, so an offset in the folded copy is the same offset in the original and a
task's text is cut verbatim from what the document says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from app.domain.messages import Message

_FOLD: dict[int, int | str] = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: " ", 0x2010: "-", 0x2011: "-", 0x2013: "-", 0x2014: "-", 0x2015: "-"})
_FOLD.update({0x2212: "-", 0x301C: "~", 0xFE63: "-"})

_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060"))
CN_DIGITS = "一二三四五六七八九"
_CN = f"[{CN_DIGITS}十]{{1,3}}"
CHAPTER = re.compile(rf"({_CN})\s*[、.]\s*(\S.*)")
SECTION = re.compile(rf"\(\s*({_CN})\s*\)\s*(\S.*)")
TASK = re.compile(r"(\d{1,4})\s*(?:[.、](?!\d)|\.(?=\d{4}年))\s*(\S.*)?")  # 1.2017年… is a task
YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
GOAL_WORDS = ("目标",)
TASK_WORDS = ("任务", "分工", "重点工作", "主要工作", "工作重点", "工作内容")
ROLE_WORDS = ("牵头", "负责", "配合", "协助", "参与", "协办", "主办", "单位", "部门")
ORG_ENDINGS = (*"委局办署会院府室部处所队司站馆区镇", "中心", "街道", "单位", "部门")
TRAILING = " 。.;,、"
MAX_OWNER = 400  # characters an owner clause may take: bounds the backward scan


_FOLDED = re.compile("[" + "".join(map(chr, _FOLD)) + "]")
_FOLD_CHARS = {chr(k): v if isinstance(v, str) else chr(v) for k, v in _FOLD.items()}


def fold(text: str) -> str:
    """The folded spelling of ``text``; same length, same offsets. (A regex touches only
    the characters that change: str.translate with a table looks up every character.)"""
    return _FOLDED.sub(lambda m: _FOLD_CHARS[m.group(0)], text)


def cn_number(text: str) -> int:
    """一 … 九十九 as an int (0 if not a numeral this genre uses)."""
    if not text or any(c not in CN_DIGITS + "十" for c in text):
        return 0
    if "十" not in text:
        return CN_DIGITS.index(text) + 1 if len(text) == 1 else 0
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return 0
    t = CN_DIGITS.index(tens) + 1 if tens else 1
    return t * 10 + (CN_DIGITS.index(ones) + 1 if ones else 0)


@dataclass(frozen=True)
class Line:
    """One line of the document (a paragraph or a table row of a .docx), outer blanks removed."""

    no: int
    text: str


def clean(raw: str) -> str:
    """A line without outer blanks and without invisible marks (stray BOMs, zero widths)."""
    return raw.translate(_INVISIBLE).strip()


def lines_of(text: str) -> list[Line]:
    """Non-empty lines of a text with their 1-based line numbers (CR, LF, CRLF alike)."""
    out = []
    for i, raw in enumerate(text.splitlines(), start=1):
        stripped = clean(raw)
        if stripped:
            out.append(Line(i, stripped))
    return out


@dataclass(frozen=True)
class Guess:
    """Something the importer guessed, for the office to confirm: where, what, and the field."""

    where: Message
    what: Message
    field: str = ""  # a JSON pointer into the draft plan, e.g. "/tasks/11/targets/1/name"

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "where": self.where.render(lang),
            "what": self.what.render(lang),
            "code": self.what.code,
            "params": self.what.param_dict,
            "field": self.field,
        }


def owner_span(folded: str) -> tuple[int, str] | None:
    """(where the bracket opens, text inside) of an owner clause ending ``folded``, or None."""
    end = len(folded.rstrip(TRAILING))
    if end == 0 or folded[end - 1] not in ")】":
        return None
    close = folded[end - 1]
    opening = "(" if close == ")" else "【"
    floor = max(end - MAX_OWNER, 0)
    at, unmatched = end - 1, 1
    while unmatched:  # back to the bracket that opens the last one; str methods keep it fast
        found = folded.rfind(opening, floor, at)
        if found < 0:
            return None
        unmatched += folded.count(close, found + 1, at) - 1
        at = found
    inner = folded[at + 1 : end - 1].strip()
    return (at, inner) if looks_like_owner(inner) else None


def looks_like_owner(inner: str) -> bool:
    """Role words, or names that all end like an organisation: (市水务局) but not (试行)."""
    if not inner or re.search(r"\d", inner):
        return False
    if any(w in inner for w in ROLE_WORDS):
        return True
    names = re.split(r"[、,;]", inner)
    return all(n.strip().endswith(ORG_ENDINGS) for n in names)
