"""Phrases of plain official Chinese, built from data (no template with empty slots).

- Several names: "市科技创新委、市规土委、前海管理局等3个单位"; one name: "市水务局".
- Numbers in Arabic digits, decimals without trailing zeros, percentages "58.2%".
- Targets in words: "不少于1500批次", "不超过33微克/立方米", "30至40家", "达到100%".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from app.domain.catalog import PeriodInfo, TargetInfo
from app.domain.payload import plain_decimal

NUMERALS = "一二三四五六七八九十"
_CJK = r"\u2e80-\u9fff\uff00-\uffef\u3000-\u303f“”‘’"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}]) +| +(?=[{_CJK}])")
# "1项目标值中0项达标" -> "1项目标值均未达标"; "5个报告期中0个按时报送" -> "…均未按时报送"
_NONE_OF = re.compile(r"(\d+)([项个][^，；。]*?)中0[项个](达标|按时报送)")


def chinese_numeral(n: int) -> str:
    """1 → 一 … 10 → 十, 11 → 十一 … 99 (section and heading numbers)."""
    if 1 <= n <= 10:
        return NUMERALS[n - 1]
    if n < 20:
        return "十" + NUMERALS[n - 11]
    if n < 100:
        tens, ones = divmod(n, 10)
        return NUMERALS[tens - 1] + "十" + (NUMERALS[ones - 1] if ones else "")
    return str(n)


def level1(n: int, title: str) -> str:
    return f"{chinese_numeral(n)}、{title}"


def level2(n: int, title: str) -> str:
    return f"（{chinese_numeral(n)}）{title}"


def names(items: Sequence[str], noun: str = "个单位") -> str:
    """'A' | 'A、B等2个单位' (the official way to list and count in one phrase)."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{'、'.join(items)}等{len(items)}{noun}"


def clauses(*pairs: tuple[Sequence[str], str], noun: str = "个单位") -> list[str]:
    """A clause per non-empty list: its names, then what is said of them."""
    return [f"{names(items, noun)}{predicate}" for items, predicate in pairs if items]


def series(items: Sequence[str]) -> str:
    """'A' | 'A和B' | 'A、B和C' (items that are not counted, e.g. clauses)."""
    if len(items) <= 1:
        return "".join(items)
    return "、".join(items[:-1]) + "和" + items[-1]


def number(value: Decimal | int | float) -> str:
    return plain_decimal(Decimal(str(value)))


def percent(value: Decimal | float, places: str = "0.1") -> str:
    """'58.2%' from 58.2 (a value already in percent)."""
    q = Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)
    return f"{plain_decimal(q)}%"


def points(value: Decimal) -> str:
    """Scores keep two decimals, as the assessment shows them: '86.50'."""
    return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def quantity(value: Decimal, unit: str) -> str:
    """'1500批次', '93.5%', '81.1' (a unit-less index)."""
    return f"{plain_decimal(value)}{unit}"


def target_words(target: TargetInfo) -> str:
    """The target as a phrase: '不少于1500批次', '不超过33微克/立方米', '30至40家', '12个'."""
    value = quantity(target.value, target.unit)
    if target.comparator == ">=":
        return f"不低于{value}" if target.unit in ("%", "") else f"不少于{value}"
    if target.comparator == "<=":
        return f"不超过{value}"
    if target.comparator == "range" and target.value_max is not None:
        return f"{plain_decimal(target.value)}至{quantity(target.value_max, target.unit)}"
    return value


def tight(text: str) -> str:
    """Drop the spaces a screen text puts between Chinese and digits ('4 个报告期中 3 个')."""
    return _SPACE_NEAR_CJK.sub("", text)


def period_words(period: PeriodInfo) -> str:
    """'2016年第三季度' for a quarter; '2016年度' for the year."""
    if period.kind == "annual":
        return f"{period.start.year}年度"
    return period.title


def nested(text: str) -> str:
    """Text going inside “…”: its own double quotation marks become single ones (‘…’)."""
    return text.replace("“", "‘").replace("”", "’").replace('"', "'")


def quoted(text: str) -> str:
    """Words in quotation marks, without a closing full stop ("“开展‘诚信兴商’工作”")."""
    return f"“{nested(text.strip().rstrip('。；;，,.'))}”"


def clause(text: str) -> str:
    """A screen explanation as a clause inside a sentence: no spaces around digits, and its
    colon a comma (the sentence has its own colon)."""
    text = tight(text).replace("：", "，").rstrip("。")
    return _NONE_OF.sub(lambda m: f"{m[1]}{m[2]}{'未' if m[1] == '1' else '均未'}{m[3]}", text)
