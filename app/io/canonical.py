"""Canonical JSON (docs/design.md §3): equal content always gives equal bytes, so it can be signed.

Sorted keys, no spaces, UTF-8, every text (keys too) NFC-normalised; Decimal as plain text
("1.5", never "1.50", "1.5E+1" or "-0"); date as ISO; datetime as UTC "YYYY-MM-DDTHH:MM:SSZ"
(naive refused, fractions of a second dropped). Floats are refused (callers pass Decimal: a
float has no exact decimal text), and so are NaN and infinities in any form.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from app.domain.payload import PayloadError, SubmissionPayload, plain_decimal

MAX_DEPTH = 32
MAX_EXPONENT = 1000  # "1E+999999999" would expand to a billion digits
MAX_INT_DIGITS = 20  # no signed integer needs more (versions, sequences, task numbers)


class CanonicalError(ValueError):
    """The value has no canonical JSON form (float, NaN, naive time, unpaired surrogate...)."""


class NotCanonicalError(PayloadError):
    """Bytes parse as a payload but are not that payload's canonical form."""


def canonical_decimal(value: Decimal) -> str:
    if not value.is_finite():
        raise CanonicalError(f"not a finite number: {value}")
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    if abs(exponent) > MAX_EXPONENT:
        raise CanonicalError("decimal exponent out of range")
    return plain_decimal(value)


def canonical_time(value: datetime) -> str:
    if value.tzinfo is None or value.utcoffset() is None:
        raise CanonicalError("naive datetime: the time zone is required")
    t = value.astimezone(UTC)
    return f"{t.year:04d}-{t.month:02d}-{t.day:02d}T{t.hour:02d}:{t.minute:02d}:{t.second:02d}Z"


def _text(value: str) -> str:
    text = unicodedata.normalize("NFC", value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise CanonicalError("text holds an unpaired surrogate") from exc
    return text


def _plain(value: Any, depth: int) -> Any:
    """The value as str/int/bool/None/list/dict only, every text normalised."""
    if depth > MAX_DEPTH:
        raise CanonicalError("nested too deeply")
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)  # an IntEnum prints its name otherwise
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, float):
        raise CanonicalError("float refused: pass a Decimal")
    if isinstance(value, Decimal):
        return canonical_decimal(value)
    if isinstance(value, datetime):  # before date: a datetime is a date
        return canonical_time(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v, depth + 1) for v in value]
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise CanonicalError(f"object key is not text: {k!r}")
            key = _text(k)
            if key in out:
                raise CanonicalError(f"two keys are the same text after NFC: {key!r}")
            out[key] = _plain(v, depth + 1)
        return out
    raise CanonicalError(f"no canonical JSON for {type(value).__name__}")


def canonical_bytes(obj: Any) -> bytes:
    return json_bytes(_plain(obj, 0))


def json_bytes(plain: Any) -> bytes:
    """The canonical serialisation of values that are JSON already (str, int, bool, None,
    lists, dicts with text keys): what ``canonical_bytes`` writes once it has checked and
    normalised them. Equal parsed JSON gives equal bytes."""
    text = json.dumps(
        plain, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    )
    return text.encode("utf-8")


def payload_bytes(payload: SubmissionPayload) -> bytes:
    """The exact bytes a submission signs: ``canonical_bytes(payload.to_dict())``, without
    re-checking what the payload's construction guarantees (``SubmissionPayload.to_json``)."""
    return json_bytes(payload.to_json())


# -- reading back -------------------------------------------------------------------------
def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise PayloadError("JSON 对象中有重复的键")
    return out


def _no_float(text: str) -> Any:
    raise PayloadError(f"JSON 中不允许浮点数：{text[:40]}")


def _no_constant(text: str) -> Any:
    raise PayloadError(f"JSON 中不允许 {text}")


def _bounded_int(text: str) -> int:
    # Python refuses to convert more than 4,300 digits with a ValueError of its own; no
    # field of any signed document needs more than a few.
    if len(text) > MAX_INT_DIGITS:
        raise PayloadError(f"JSON 中的整数过长（{len(text)} 位）")
    return int(text)


def parse_json_strict(data: bytes, *, duplicates_checked_by_caller: bool = False) -> Any:
    """JSON as the canonical form allows it: UTF-8, no duplicate keys, no floats, no NaN.

    ``duplicates_checked_by_caller``: the caller compares the bytes with the canonical form of
    what was parsed, which a duplicate key cannot pass (the parsed object holds one of the
    two); the per-object hook that looks for them (a Python call per JSON object, a tenth of
    verifying a large file) is then left out."""
    hook = None if duplicates_checked_by_caller else _no_duplicates
    try:
        text = data.decode("utf-8")
        return json.loads(
            text,
            object_pairs_hook=hook,
            parse_float=_no_float,
            parse_int=_bounded_int,
            parse_constant=_no_constant,
        )
    except UnicodeDecodeError as exc:
        raise PayloadError("签名数据不是 UTF-8 文本") from exc
    except RecursionError as exc:
        raise PayloadError("签名数据嵌套过深") from exc
    except json.JSONDecodeError as exc:
        raise PayloadError(f"签名数据不是有效的 JSON（第 {exc.pos} 个字符）") from exc
    except PayloadError:
        raise
    except ValueError as exc:  # anything else the decoder refuses: still one refusal
        raise PayloadError("签名数据不是有效的 JSON") from exc


def payload_from_bytes(data: bytes) -> SubmissionPayload:
    """Parse signed bytes; refuse them unless they are exactly the payload's canonical form."""
    payload = SubmissionPayload.from_dict(parse_json_strict(data))
    try:
        again = payload_bytes(payload)
    except CanonicalError as exc:  # pragma: no cover - from_dict admits only canonical values
        raise PayloadError(str(exc)) from exc
    if again != data:
        raise NotCanonicalError("签名数据不是规范格式（重新规范化后与签名内容不同）")
    return payload
