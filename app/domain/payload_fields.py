"""The checks every field of a signed payload passes (app.domain.payload): text that UTF-8
and XML can carry, names, bounded integers and decimals, UTC times, UUIDs, objects with exactly
their keys, bounded lists. Kept apart from the payload's values only for size."""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

MAX_TEXT_CHARS = 32767  # one Excel cell holds no more
MAX_NUMBER_CHARS = 40  # the stores keep decimals as text of at most 40 characters
MAX_ITEMS = 1000  # entries, indicators or targets in one payload: far above any plan

_HEX64 = re.compile(r"[0-9a-f]{64}")
_DECIMAL_TEXT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?", re.ASCII)
_UTC_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z", re.ASCII)
_UNSTORABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")  # not UTF-8, or not XML


class PayloadError(ValueError):
    """The payload is malformed; the message names the field (``entries[2].status``)."""


# -- field checks -------------------------------------------------------------------------
def _storable(text: str) -> bool:
    """What _UNSTORABLE says, at C speed (a regular expression over every long text was
    measurable in an import: docs/benchmarks.md); UTF-8 encoding refuses exactly the
    surrogates."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\ufffe" not in text and "\uffff" not in text


def _text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise PayloadError(f"{where}：应为文本")
    if not _storable(value):
        raise PayloadError(f"{where}：含有无法保存的字符")
    text = unicodedata.normalize("NFC", value)
    if len(text) > MAX_TEXT_CHARS:
        raise PayloadError(f"{where}：文本过长（超过 {MAX_TEXT_CHARS} 字）")
    return text


def _name(value: object, where: str) -> str:
    text = _text(value, where)
    if not text:
        raise PayloadError(f"{where}：不能为空")
    return text


def _int(value: object, where: str, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise PayloadError(f"{where}：应为整数")
    if not low <= value <= high:
        raise PayloadError(f"{where}：{value} 超出范围 {low}–{high}")
    return value


def _decimal(value: object, where: str) -> Decimal | None:
    """A finite Decimal, from a Decimal or from its plain decimal text ("-12.5")."""
    if value is None:
        return None
    if isinstance(value, str):
        if len(value) > MAX_NUMBER_CHARS or not _DECIMAL_TEXT.fullmatch(value):
            raise PayloadError(f"{where}：数值格式错误 {value[:50]!r}")
        try:
            return Decimal(value)
        except InvalidOperation as exc:  # pragma: no cover - the pattern admits only decimals
            raise PayloadError(f"{where}：数值格式错误") from exc
    if not isinstance(value, Decimal):
        raise PayloadError(f"{where}：应为数值文本或 Decimal（不接受浮点数）")
    if not value.is_finite():
        raise PayloadError(f"{where}：数值不能是 NaN 或无穷大")
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # finite
    if abs(exponent) > MAX_NUMBER_CHARS or len(plain_decimal(value)) > MAX_NUMBER_CHARS:
        raise PayloadError(f"{where}：数值过长")
    return value


def plain_decimal(value: Decimal) -> str:
    """The canonical text of a finite decimal: no exponent, no trailing zeros, no "-0"."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _time(value: object, where: str) -> datetime:
    if isinstance(value, str):
        if not _UTC_TEXT.fullmatch(value):
            raise PayloadError(f"{where}：时间应为 YYYY-MM-DDTHH:MM:SSZ")
        try:
            value = datetime.fromisoformat(value[:-1] + "+00:00")
        except ValueError as exc:
            raise PayloadError(f"{where}：时间无效") from exc
    if not isinstance(value, datetime):
        raise PayloadError(f"{where}：应为时间")
    if value.tzinfo is None or value.utcoffset() is None:
        raise PayloadError(f"{where}：时间缺少时区")
    return value.astimezone(UTC).replace(microsecond=0)


def _uuid(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise PayloadError(f"{where}：应为文本")
    try:
        canonical = str(uuid.UUID(value))
    except ValueError as exc:
        raise PayloadError(f"{where}：不是有效的 UUID") from exc
    if canonical != value:
        raise PayloadError(f"{where}：UUID 应为小写带连字符的形式")
    return value


_KEY_SETS: dict[tuple[str, ...], frozenset[str]] = {}


def _mapping(value: object, where: str, keys: tuple[str, ...]) -> Mapping[str, Any]:
    key_set = _KEY_SETS.get(keys)
    if key_set is None:
        key_set = _KEY_SETS[keys] = frozenset(keys)
    if isinstance(value, dict) and value.keys() == key_set:  # the usual case, in one C call
        return value
    if not isinstance(value, Mapping):
        raise PayloadError(f"{where}：应为对象")
    unknown = sorted(str(k) for k in value if k not in keys)
    if unknown:
        raise PayloadError(f"{where}：未知字段 {', '.join(unknown)}")
    missing = [k for k in keys if k not in value]
    if missing:
        raise PayloadError(f"{where}：缺少字段 {', '.join(missing)}")
    return value


def _sequence(value: object, where: str) -> Sequence[Any]:
    if not isinstance(value, list | tuple):
        raise PayloadError(f"{where}：应为列表")
    if len(value) > MAX_ITEMS:
        raise PayloadError(f"{where}：条目过多")
    return value


def _set(obj: object, name: str, value: object) -> None:
    object.__setattr__(obj, name, value)  # normalising inside a frozen dataclass
