"""Number phrases in a plan's text: value(s), unit and comparator, with what was guessed.

Rules (docs/design.md §1), on folded text (plan_text.fold):

- ``30-40家`` (also ``—``, ``~``, ``至``, ``到``) is a range; ``6.75万批次``: 万/亿 move into the
  unit; ``4.5批次/千人`` and ``33微克/立方米`` keep their denominator; ``%`` is a unit.
- ``以上`` (及以上) after the number, or ``不少于/不低于/至少/超过`` before it: ``>=``;
  ``以下/以内`` after, or ``不超过/不高于/控制在/降至`` before: ``<=``; ``达到/达/为/稳定在`` before
  and nothing after: ``=``. In an enumeration (``分别达到4.5批次/千人、1.6批次/千人以上``) the
  closing word covers every member and the opening verb too.
- Guessed, and said so: ``新增/争创/培育…`` governing the number reads as ``>=``; ``30余家`` as
  ``>=``; ``约/左右`` and everything else as ``=``.
- Not a target: years and dates (``2016年``, ``3月``), ordinals (``第3``), numbers joined to
  Latin letters (``PM2.5``, ``ISO9001``), numbers in quotes or book titles (``“315消费通”``,
  ``《…(2015-2017年)》``), and bare numbers without a unit or a comparing word (``3.15、``).
- A placeholder or broken number where a target stands (``XX家``, ``1.2.3个``, ``30-家``) is
  refused: a plan cannot be published with it and a guess would hide it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

MEASURES = sorted(
    (
        "%", "‰", "个百分点", "百分点", "平方公里", "平方米", "立方米", "千瓦时", "千瓦", "公里",
        "千米", "公顷", "公斤", "千克", "微克", "毫克", "克", "升", "批次", "人次", "家次", "场次",
        "辆次", "个工作日", "工作日", "个", "家", "项", "批", "次", "件", "条", "座", "所", "人",
        "名", "户", "台", "套", "辆", "艘", "种", "类", "份", "篇", "场", "天", "小时", "分钟",
        "米", "亩", "吨", "元", "分", "岁", "倍", "处", "栋", "宗", "张", "册", "本", "门", "款",
        "例", "床", "起", "只", "头", "株", "棵", "枚", "部", "期", "轮", "支", "队",
    ),
    key=len,
    reverse=True,
)  # fmt: skip
MAX_DIGITS = 16  # more is no target: a 4300-digit int cannot even be printed
MAX_NUMBERS = 100  # number phrases in one clause
_MEASURE = "|".join(map(re.escape, MEASURES))
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_PHRASE = re.compile(
    rf"(?P<a>{_NUM})\s*(?P<amul>万|亿)?(?P<aunit>%)?"
    rf"(?:\s*(?:-|~|至|到)\s*(?P<b>{_NUM}))?(?P<more>余|多)?\s*(?P<mul>万|亿)?"
    rf"(?P<unit>(?:{_MEASURE})(?:/(?:千|万|百)?(?:{_MEASURE}|立方米|千人|万人))?)?"
)
_BAD = re.compile(
    rf"(?<![A-Za-z\d.])(?P<bad>[Xx×*?]{{1,6}}|\d+(?:\.\d+){{2,}}|\d+\s*(?:-|~|至)(?!\s*\d))"
    rf"\s*(?:万|亿)?(?={_MEASURE})"
)
_NOT_AFTER = ("年", "月", "日", "号", "时", "届", "季度", "世纪", "周年", "个月")
_MASKS = re.compile(r"“[^”]*”|《[^》]*》|〔[^〕]*〕|\"[^\"]*\"|‘[^’]*’|\[[^\]]*\]")
_DELIMS = re.compile(r"(?<!\d),|,(?!\d)|[;。:!?\n]")
_ENUM_SEP = re.compile(r"\s*(?:、|和|及|与)\s*")

GE_AFTER = ("及以上", "或以上", "以上")
LE_AFTER = ("及以下", "以下", "以内", "之内")
VERBS = {
    ">=": ("不少于", "不低于", "不小于", "至少", "超过", "高于", "大于", "多于"),
    "<=": (
        "不超过", "不高于", "不大于", "低于", "少于", "小于", "控制在", "控制到", "降至",
        "降到", "降低到", "降低至", "下降到", "下降至", "压缩到", "压缩至", "缩短到", "缩短至",
        "减少到", "减少至", "压减到", "压减至",
    ),
    "=": (
        "达到", "达", "为", "稳定在", "保持在", "提高到", "提高至", "提升到", "提升至", "增至",
        "增长到", "上升到", "上升至", "是", "共", "合计",
    ),
    "~": ("约", "大约", "近", "接近"),
}  # fmt: skip
_VERB_LIST = sorted(((v, c) for c, vs in VERBS.items() for v in vs), key=lambda p: -len(p[0]))
GROWTH = (
    "新增", "增加", "争创", "争取", "培育", "新建", "建成", "引进", "新开", "开通", "创建", "完成",
)  # fmt: skip
LEADING = (
    "进一步", "全年", "全市", "全区", "全县", "全镇", "我市", "我区", "本市", "本区", "力争",
    "确保", "累计", "分别", "同时", "其中", "在",
)  # fmt: skip


@dataclass(frozen=True)
class Quantity:
    """A number phrase of a clause: value(s), unit, comparator and how it was decided."""

    start: int  # the number's offset in the clause
    end: int  # after unit and closing word
    value: Decimal
    value_max: Decimal | None
    unit: str
    verb_at: int  # where the comparing verb before the number starts (= start if none)
    verb: str  # the comparator the verb before gives, "" if none
    after: str  # the comparator the word after gives, "" if none
    how: str = ""  # "", "growth", "plus", "about", "default": how the comparator was guessed
    comparator: str = "="


class BadNumber(ValueError):
    """A placeholder or broken number where a target stands; ``text`` is what was written."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


class TooManyNumbers(ValueError):
    """More number phrases in one clause than any plan writes: a hostile document."""


def masked(text: str) -> str:
    """``text`` with quotations and book titles blanked out (same length)."""
    return _MASKS.sub(lambda m: m.group(0)[0] + "□" * (len(m.group(0)) - 2) + m.group(0)[-1], text)


def clauses(folded: str) -> list[tuple[int, str]]:
    """(offset, text) of the clauses of a folded text, split at , ; 。 : (not 1,500)."""
    out, pos = [], 0
    for m in _DELIMS.finditer(folded):
        out.append((pos, folded[pos : m.start()]))
        pos = m.end()
    out.append((pos, folded[pos:]))
    return [(at, c) for at, c in out if c.strip()]


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _verb_before(clause: str, at: int, floor: int) -> tuple[str, int]:
    """The comparing verb ending right before offset ``at`` (not before ``floor``)."""
    start = max(floor, at - 12)  # verbs are short: a window keeps long clauses linear
    head = clause[start:at].rstrip()
    for verb, comparator in _VERB_LIST:
        if head.endswith(verb):
            return comparator, start + len(head) - len(verb)
    return "", at


def _word_after(clause: str, at: int) -> tuple[str, int]:
    window = clause[at : at + 16]
    tail = window.lstrip()
    skipped = len(window) - len(tail)
    for words, comparator in ((GE_AFTER, ">="), (LE_AFTER, "<="), (("左右",), "~")):
        for w in words:
            if tail.startswith(w):
                return comparator, at + skipped + len(w)
    return "", at


def _skip(clause: str, m: re.Match[str]) -> bool:
    """Years, dates, ordinals, numbers joined to Latin letters."""
    before = clause[m.start() - 1] if m.start() else ""
    at = m.end("b") if m.group("b") else m.end("a")
    after = clause[at : at + 8].lstrip()
    if re.match(r"[A-Za-z.]", before) or before == "第" or re.match(r"[A-Za-z]", after):
        return True
    return after.startswith(_NOT_AFTER)


def _raw(clause: str) -> list[Quantity]:
    found: list[Quantity] = []
    floor = 0
    for m in _PHRASE.finditer(clause):
        if _skip(clause, m):
            continue
        if max(len(m.group("a")), len(m.group("b") or "")) > MAX_DIGITS:
            raise BadNumber(m.group(0)[:40])
        if len(found) >= MAX_NUMBERS:
            raise TooManyNumbers(MAX_NUMBERS)
        measure = m.group("unit") or m.group("aunit") or ""
        unit = (m.group("mul") or m.group("amul") or "") + measure
        verb, verb_at = _verb_before(clause, m.start(), floor)
        after, end = _word_after(clause, m.end())
        value_max = _number(m.group("b")) if m.group("b") else None
        q = Quantity(m.start(), end, _number(m.group("a")), value_max, unit, verb_at, verb, after)
        found.append(replace(q, how="plus") if m.group("more") else q)
        floor = end
    return found


def _enumerations(clause: str, found: list[Quantity]) -> list[Quantity]:
    """Members of ``A、B、C以上`` share the closing word, the unit, and the opening verb."""
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if _ENUM_SEP.fullmatch(clause[a.end : b.start]):
            out[i] = replace(a, after=a.after or b.after, unit=a.unit or b.unit)
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if _ENUM_SEP.fullmatch(clause[a.end : b.start]) and not b.verb:
            out[i] = replace(b, verb=a.verb)
    return out


def _decide(clause: str, q: Quantity, floor: int) -> Quantity:
    if q.value_max is not None:
        return replace(q, comparator="range", how="")
    if q.after in (">=", "<="):
        return replace(q, comparator=q.after, how="")
    if q.verb in (">=", "<=", "="):
        return replace(q, comparator=q.verb, how="")
    if q.how == "plus":
        return replace(q, comparator=">=")
    if q.after == "~" or q.verb == "~":
        return replace(q, comparator="=", how="about")
    if any(g in clause[floor : q.start] for g in GROWTH):
        return replace(q, comparator=">=", how="growth")
    return replace(q, comparator="=", how="default")


def quantities(clause: str) -> list[Quantity]:
    """The target-like number phrases of one clause (folded, masked), in order.

    Raises ``BadNumber`` for a placeholder or broken number followed by a unit."""
    bad = _BAD.search(clause)
    if bad:
        raise BadNumber(clause[bad.start() : bad.end() + 4].strip())
    found = _enumerations(clause, _raw(clause))
    out: list[Quantity] = []
    floor = 0
    for q in found:
        if q.unit or q.verb or q.after:
            out.append(_decide(clause, q, floor))
        floor = q.end
    return out


def strip_name(text: str) -> str:
    """A target's or indicator's name from the words before (or after) its number."""
    name = re.sub(r"^(?:到|至|截至)?\d{4}年(?:底|末)?", "", text.strip(" ,、")).strip(" ,、")
    changed = True
    while changed:
        changed = False
        for word in LEADING:
            if name.startswith(word) and len(name) > len(word):
                name, changed = name[len(word) :].lstrip(" ,、"), True
    return name.removesuffix("分别").rstrip(" ,、的")[:40]


def names(clause: str, found: list[Quantity]) -> list[str]:
    """A name for each quantity of a clause: the noun after a counted number (``12个质量分
    指数``), else the words before it (``新增公交专用道路80公里``), else the previous name."""
    out: list[str] = []
    floor = 0
    for i, q in enumerate(found):
        upto = found[i + 1].start if i + 1 < len(found) else len(clause)
        after = re.split(r"[、的,(]", clause[q.end : upto], maxsplit=1)[0].strip()
        before = clause[floor : q.verb_at]
        if out and "、" in before:  # ``168座水库工程、20条…``: the words before are the last one's
            before = before.split("、", 1)[1]
        name = strip_name(after) if len(after) >= 2 else strip_name(before)
        if not name:
            name = f"{out[-1]}({i + 1})" if out else ""
        out.append(name)
        floor = q.end
    return out
