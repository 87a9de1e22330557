"""The one place of the entry rules: the form (as the clerk types), ``unit load`` and export.

A draft holds what was typed (numbers as raw text), so a value that breaks a rule is still
kept; the rules only say what is wrong. Every error has a stable ``code``; its Chinese text is
``message`` and ``MESSAGES_EN`` gives the English one for the command line and translations.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from dataclasses import field as dc_field
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from typing import Any

from app.domain.catalog import IndicatorInfo, TaskInfo

STATUSES = ("not_started", "in_progress", "completed", "delayed")
STATUS_LABELS = {
    "not_started": "未启动",
    "in_progress": "推进中",
    "completed": "已完成",
    "delayed": "滞后",
}
STARTED = frozenset({"in_progress", "completed", "delayed"})

# Characters, after cleaning. Generous for a quarterly paragraph, short enough for one cell.
TEXT_LIMITS = {"progress": 2000, "problems": 1000, "next_steps": 1000, "note": 500}
NUMBER_TEXT_LIMIT = 40  # the store's decimal text columns
MIN_PASSPHRASE = 10

FIELD_LABELS = {
    "status": "状态",
    "percent": "完成度",
    "progress": "工作进展",
    "problems": "存在问题",
    "next_steps": "下一步计划",
    "value": "实际值",
    "note": "说明",
}
FIELD_LABELS_EN = {
    "status": "status",
    "percent": "percent complete",
    "progress": "progress",
    "problems": "problems",
    "next_steps": "next steps",
    "value": "actual value",
    "note": "note",
}

MESSAGES_ZH: dict[str, str] = {
    "required": "请填写{label}",
    "blank": "此任务尚未填写：请选择状态并填写工作进展",
    "status_invalid": "状态必须是：未启动、推进中、已完成、滞后",
    "percent_integer": "完成度必须是0-100的整数",
    "percent_range": "完成度必须是0-100的整数",
    "completed_needs_100": "状态为“已完成”时，完成度应为100",
    "not_started_has_percent": "状态为“未启动”时，完成度应为0或不填",
    "delayed_needs_problems": "状态为“滞后”时，请在“存在问题”中说明原因",
    "not_a_number": "{label}必须是数字，例如 1500 或 1,500.5",
    "negative": "{label}不能为负数",
    "over_100": "{label}是百分比，不能超过100",
    "too_long": "{label}不能超过{limit}个字（现有{length}个字）",
    "control_chars": "{label}含有不可见的控制字符，请删除后重新输入",
    "unknown_target": "本任务没有名为“{label}”的目标",
}
MESSAGES_EN: dict[str, str] = {
    "required": "{label} is required",
    "blank": "this task has not been filled in: choose a status and describe the progress",
    "status_invalid": "status must be one of: not_started, in_progress, completed, delayed",
    "percent_integer": "percent complete must be a whole number from 0 to 100",
    "percent_range": "percent complete must be a whole number from 0 to 100",
    "completed_needs_100": "a completed task must be 100% complete",
    "not_started_has_percent": "a task not started must have percent complete 0 or empty",
    "delayed_needs_problems": "a delayed task must explain the reason under problems",
    "not_a_number": "{label} must be a number, e.g. 1500 or 1,500.5",
    "negative": "{label} must not be negative",
    "over_100": "{label} is a percentage and cannot exceed 100",
    "too_long": "{label} must be at most {limit} characters (now {length})",
    "control_chars": "{label} contains invisible control characters; delete and retype them",
    "unknown_target": 'this task has no target named "{label}"',
}


# -- drafts -------------------------------------------------------------------------------
@dataclass(frozen=True)
class EntryDraft:
    """What the clerk typed for one task in one period; target actuals are raw text."""

    task_no: int
    period: str
    status: str = "not_started"
    percent: int | None = None
    progress: str = ""
    problems: str = ""
    next_steps: str = ""
    targets: tuple[tuple[str, str], ...] = ()  # (target name, text typed), "" = empty

    def target(self, name: str) -> str:
        for n, v in self.targets:
            if n == name:
                return v
        return ""

    def with_changes(self, **kw: Any) -> EntryDraft:
        return replace(self, **kw)

    def with_target(self, name: str, value: str) -> EntryDraft:
        if any(n == name for n, _ in self.targets):
            return replace(
                self, targets=tuple((n, value if n == name else v) for n, v in self.targets)
            )
        return replace(self, targets=(*self.targets, (name, value)))


@dataclass(frozen=True)
class IndicatorDraft:
    no: int
    period: str
    value: str = ""
    note: str = ""

    def with_changes(self, **kw: Any) -> IndicatorDraft:
        return replace(self, **kw)


@dataclass(frozen=True)
class FieldError:
    """One broken rule. ``field``: status, percent, progress, problems, next_steps,
    target:<name>, value or note."""

    field: str
    code: str
    message: str
    task_no: int | None = None
    indicator_no: int | None = None
    period: str | None = None
    params: tuple[tuple[str, str], ...] = dc_field(default=(), compare=False)

    def render(self, lang: str = "zh") -> str:
        """The message in ``lang`` ("zh" or "en")."""
        if lang != "en":
            return self.message
        params = dict(self.params)
        if "label" in params:
            params["label"] = field_label(self.field, "en")
        return MESSAGES_EN[params.get("msg", self.code)].format(**params)

    def where(self) -> str:
        """'task 23 2016Q1' or 'indicator 1 2016', for one-line listings."""
        if self.task_no is not None:
            head = f"task {self.task_no}"
        elif self.indicator_no is not None:
            head = f"indicator {self.indicator_no}"
        else:
            head = ""
        return " ".join(x for x in (head, self.period or "") if x)


def field_label(name: str, lang: str = "zh") -> str:
    if name.startswith("target:"):
        return name.removeprefix("target:")
    return (FIELD_LABELS_EN if lang == "en" else FIELD_LABELS).get(name, name)


def make_error(
    field_name: str,
    code: str,
    *,
    task_no: int | None = None,
    indicator_no: int | None = None,
    period: str | None = None,
    **params: object,
) -> FieldError:
    # "msg" picks another text for the same code (an unfilled task is "required" too).
    values = {"label": field_label(field_name), **{k: str(v) for k, v in params.items()}}
    return FieldError(
        field_name,
        code,
        MESSAGES_ZH[values.get("msg", code)].format(**values),
        task_no,
        indicator_no,
        period,
        tuple(sorted(values.items())),
    )


# -- text and numbers ---------------------------------------------------------------------
def clean_text(s: str) -> str:
    """NFC, line ends as \\n, outer whitespace (and full-width spaces) trimmed; nothing else."""
    s = unicodedata.normalize("NFC", s)
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    return s.strip()


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")


def has_control_chars(s: str) -> bool:
    """Control characters other than newline and tab (and invisible separators)."""
    return _CONTROL.search(s) is not None


_NUMBER = re.compile(r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?(?:\.[0-9]+)?", re.ASCII)


def parse_decimal(text: str) -> Decimal | None:
    """'1,500', '１５００', ' 6.75 ' -> Decimal; None when not a plain decimal number.

    NaN, infinities and exponents are refused; commas must group thousands.
    """
    s = unicodedata.normalize("NFKC", text)  # full-width digits, comma, point, minus
    s = s.replace("\u2212", "-")
    s = "".join(s.split())  # spaces anywhere, as in '1 500'
    if not s or not any(c.isdigit() for c in s) or _NUMBER.fullmatch(s) is None:
        return None
    try:
        value = Decimal(s.replace(",", ""))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def parse_percent(text: str) -> int | None:
    """'40', '40%', '４０', '40.0' -> 40; None when not a whole number (range checked apart)."""
    s = unicodedata.normalize("NFKC", text).strip().removesuffix("%").strip()
    value = parse_decimal(s)
    if value is None or value != value.to_integral_value():
        return None
    return int(value)


def decimal_text(value: Decimal) -> str:
    """A parsed decimal as plain text without exponent ('1500', '6.75')."""
    return format(value, "f")


# -- entry rules --------------------------------------------------------------------------
def is_filled(d: EntryDraft) -> bool:
    """False for an untouched entry: not started, no percent, no text, no actual."""
    if d.status != "not_started" or d.percent is not None:
        return True
    if any(clean_text(x) for x in (d.progress, d.problems, d.next_steps)):
        return True
    return any(clean_text(v) for _, v in d.targets)


def _text_errors(name: str, value: str, limit: int, **where: Any) -> list[FieldError]:
    out = []
    text = clean_text(value)
    if len(text) > limit:
        out.append(make_error(name, "too_long", limit=limit, length=len(text), **where))
    if has_control_chars(text):
        out.append(make_error(name, "control_chars", **where))
    return out


def _number_errors(
    name: str, raw: str, *, percent_unit: bool = False, **where: Any
) -> list[FieldError]:
    text = clean_text(raw)
    if not text:
        return []
    if len(text) > NUMBER_TEXT_LIMIT:
        return [make_error(name, "too_long", limit=NUMBER_TEXT_LIMIT, length=len(text), **where)]
    value = parse_decimal(text)
    if value is None:
        return [make_error(name, "not_a_number", **where)]
    if value < 0:
        return [make_error(name, "negative", **where)]
    if percent_unit and value > 100:
        return [make_error(name, "over_100", **where)]
    return []


def percent_error(text: str, task_no: int | None = None) -> FieldError | None:
    """For a free-text percent box: the error of what is typed, or None ('' is fine)."""
    if not clean_text(text):
        return None
    value = parse_percent(text)
    if value is None:
        return make_error("percent", "percent_integer", task_no=task_no)
    if not 0 <= value <= 100:
        return make_error("percent", "percent_range", task_no=task_no)
    return None


def validate_entry(d: EntryDraft, task: TaskInfo) -> list[FieldError]:
    """Every rule broken by ``d``. A blank entry breaks none (see ``is_filled``)."""
    where: dict[str, Any] = {"task_no": d.task_no, "period": d.period}
    errors: list[FieldError] = []
    if d.status not in STATUSES:
        errors.append(make_error("status", "status_invalid", **where))
    if d.percent is not None and not 0 <= d.percent <= 100:
        errors.append(make_error("percent", "percent_range", **where))
    elif d.status == "completed" and d.percent != 100:
        errors.append(make_error("percent", "completed_needs_100", **where))
    elif d.status in ("in_progress", "delayed") and d.percent is None:
        errors.append(make_error("percent", "required", **where))
    elif d.status == "not_started" and d.percent not in (None, 0):
        errors.append(make_error("percent", "not_started_has_percent", **where))
    # A started task must say what was done; a delayed one, why.
    if d.status in STARTED and not clean_text(d.progress):
        errors.append(make_error("progress", "required", **where))
    if d.status == "delayed" and not clean_text(d.problems):
        errors.append(make_error("problems", "delayed_needs_problems", **where))
    for name in ("progress", "problems", "next_steps"):
        errors += _text_errors(name, getattr(d, name), TEXT_LIMITS[name], **where)
    known = {t.name: t for t in task.targets}
    for name, raw in d.targets:
        target = known.get(name)
        if target is None:
            if clean_text(raw):
                errors.append(make_error(f"target:{name}", "unknown_target", **where))
            continue
        errors += _number_errors(
            f"target:{name}", raw, percent_unit=target.unit.strip() == "%", **where
        )
    return errors


def blank_error(task_no: int, period: str) -> FieldError:
    """What an unfilled task counts as when a period is checked for export."""
    return make_error("status", "required", task_no=task_no, period=period, msg="blank")


def indicator_filled(d: IndicatorDraft) -> bool:
    return bool(clean_text(d.value) or clean_text(d.note))


def validate_indicator(d: IndicatorDraft, ind: IndicatorInfo) -> list[FieldError]:
    where: dict[str, Any] = {"indicator_no": d.no, "period": d.period}
    errors = _number_errors("value", d.value, percent_unit=ind.unit.strip() == "%", **where)
    errors += _text_errors("note", d.note, TEXT_LIMITS["note"], **where)
    return errors


def indicator_required(period_kind: str) -> bool:
    """Goal indicators are yearly figures: required in the annual report, optional quarterly."""
    return period_kind == "annual"


# -- passphrases --------------------------------------------------------------------------
_COMMON = frozenset(
    {
        "password",
        "passw0rd",
        "1234567890",
        "12345678910",
        "qwertyuiop",
        "1qaz2wsx3edc",
        "abcdefghij",
        "woaini1314",
        "iloveyou12",
        "0987654321",
        "1111111111",
        "a123456789",
        "123456789a",
        "qq123456789",
    }
)
STRENGTH_LABELS = ("很弱", "弱", "一般", "较强", "强")
STRENGTH_LABELS_EN = ("very weak", "weak", "fair", "good", "strong")


def validate_passphrase(p: str) -> list[str]:
    """Reasons (Chinese) the passphrase is refused; empty when acceptable."""
    problems = []
    if len(p) < MIN_PASSPHRASE:
        problems.append(f"密码至少需要{MIN_PASSPHRASE}个字符（现有{len(p)}个）")
    if p != p.strip():
        problems.append("密码首尾不能有空格")
    if has_control_chars(p) or "\n" in p or "\t" in p:
        problems.append("密码不能含有控制字符")
    if p and len(set(p)) < 4:
        problems.append("密码不能由少数几个字符重复组成")
    if p.lower() in _COMMON or _is_sequence(p):
        problems.append("密码过于常见，容易被猜到")
    return problems


def _is_sequence(p: str) -> bool:
    if len(p) < 4:
        return False
    steps = {ord(b) - ord(a) for a, b in pairwise(p)}
    return steps in ({1}, {-1})


def passphrase_strength(p: str) -> int:
    """0 (very weak) … 4 (strong): length and variety; refused passphrases score at most 1."""
    if not p:
        return 0
    classes = sum(
        (
            any(c.islower() for c in p),
            any(c.isupper() for c in p),
            any(c.isdigit() for c in p),
            any(not c.isalnum() and c.isascii() for c in p),
            any(not c.isascii() for c in p),  # Chinese characters widen the alphabet a lot
        )
    )
    score = 0
    if len(p) >= MIN_PASSPHRASE:
        score = 1
    if len(p) >= 12 and classes >= 2:
        score = 2
    if (len(p) >= 14 and classes >= 3) or len(p) >= 20:
        score = 3
    if (len(p) >= 16 and classes >= 3) or (len(p) >= 24 and classes >= 2):
        score = 4
    if validate_passphrase(p):
        score = min(score, 1 if len(p) >= MIN_PASSPHRASE else 0)
    return score
