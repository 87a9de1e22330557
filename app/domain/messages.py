"""One refusal vocabulary: a stable code with parameters, rendered in zh or en from one table.

Every refusal the product gives (the signed-file reader, the importer, the command line, the
plan and feedback readers) is a ``Message``: a code that programs can rely on (it is the
``"code"`` of every JSON output) and named parameters. The words live only in ``MESSAGES``;
a reworded sentence can never leave one language behind, and the window, the command line
and the logs all say the same thing. ``FieldError`` (entry_rules) is the same idea for form
fields, with its own table because its messages also name the field.

Add a code here first, then raise it: ``tests/domain/test_messages.py`` checks that every
template formats with the same parameters in both languages and that every code raised in
``app/`` is in the table.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

# code -> (zh, en). Parameters are str.format fields; both texts use the same ones.
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # -- generic -------------------------------------------------------------------------
    "ok": ("通过", "OK"),
    "file_missing": ("找不到文件：{path}", "No such file: {path}"),
    "file_unreadable": ("无法读取文件：{detail}", "Cannot read the file: {detail}"),
    "internal_error": ("程序内部错误：{detail}", "Internal error: {detail}"),
    # -- assessment grades (考核等次) ------------------------------------------------------
    "grades_out_of_range": (
        "等次分数线必须在 0 到 100 之间：优秀 {excellent}，良好 {good}，一般 {fair}",
        "Grade thresholds must lie between 0 and 100: excellent {excellent}, good {good}, "
        "fair {fair}",
    ),
    "grades_not_descending": (
        "等次分数线必须依次降低（优秀 > 良好 > 一般）：优秀 {excellent}，良好 {good}，一般 {fair}",
        "Grade thresholds must descend (excellent > good > fair): excellent {excellent}, "
        "good {good}, fair {fair}",
    ),
    "grades_unknown_param": (
        "考核等次没有参数 {param}（可设 excellent、good、fair）",
        "The grades have no parameter {param} (excellent, good or fair)",
    ),
    "grades_not_a_number": ("{param}必须是数字：{value}", "{param} must be a number: {value}"),
    "grades_fixed": (
        "考核等次只有分数线参数，没有权重，也不能停用",
        "The grades have thresholds only: no weight, and they cannot be switched off",
    ),
    # -- bulletins (通报) -------------------------------------------------------------------
    "bulletin_unknown_period": (
        "工作方案中没有报告期 {period}（可选：{periods}）",
        "No period {period} in the plan (periods: {periods})",
    ),
    "bulletin_not_annual": (
        "考核通报须指定年度报告期，{period} 不是（年度报告期：{periods}）",
        "An assessment bulletin needs an annual period; {period} is not one (annual: {periods})",
    ),
    "bulletin_out_not_docx": (
        "--out 须为 .docx 文件：{path}",
        "--out must name a .docx file: {path}",
    ),
    "bulletin_folder_missing": ("文件夹不存在：{path}", "No such folder: {path}"),
    "bulletin_write_failed": (
        "无法写入 {path}：{detail}（文件是否正在 Word 中打开？）",
        "Cannot write {path}: {detail} (is the file open in Word?)",
    ),
    "bulletin_bad_date": (
        "成文日期须为 YYYY-MM-DD：{value}",
        "The date must be YYYY-MM-DD: {value}",
    ),
}

_FORMATTER = string.Formatter()


def template_fields(template: str) -> frozenset[str]:
    """The named parameters a template uses."""
    return frozenset(name for _t, name, _s, _c in _FORMATTER.parse(template) if name)


@dataclass(frozen=True)
class Message:
    """A code and its parameters; ``render()`` gives the words."""

    code: str
    params: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, code: str, **params: object) -> Message:
        if code not in MESSAGES:
            raise KeyError(f"message code not in app.domain.messages.MESSAGES: {code}")
        return cls(code, tuple((k, str(v)) for k, v in sorted(params.items())))

    @property
    def param_dict(self) -> dict[str, str]:
        return dict(self.params)

    def render(self, lang: str = "zh") -> str:
        zh, en = MESSAGES.get(self.code, ("{code}", "{code}"))
        template = en if lang == "en" else zh
        values: Mapping[str, str] = {"code": self.code, **self.param_dict}
        try:
            return template.format_map(values)
        except (KeyError, IndexError, ValueError):  # a stored message from an older version
            return f"{self.code} {self.param_dict}"

    def to_json(self) -> dict[str, Any]:
        """What a ``--json`` output carries: the stable code, its parameters, and the words."""
        return {"code": self.code, "params": self.param_dict, "reason": self.render("zh")}

    def __str__(self) -> str:
        return self.render("zh")


class Refusal(Exception):
    """An exception that carries a ``Message``: refusing a file, a command or an input."""

    def __init__(self, code: str, /, **params: object) -> None:
        self.message = Message.of(code, **params)
        super().__init__(self.message.render("zh"))

    @property
    def code(self) -> str:
        return self.message.code

    def render(self, lang: str = "zh") -> str:
        return self.message.render(lang)

    def __reduce__(self) -> tuple[Any, ...]:  # crosses process boundaries intact
        return (_rebuild, (type(self), self.message))


def _rebuild(cls: type[Refusal], message: Message) -> Refusal:
    exc = cls.__new__(cls)
    Exception.__init__(exc, message.render("zh"))
    exc.message = message
    return exc
