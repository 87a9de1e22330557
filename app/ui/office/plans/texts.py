"""The editor's words for the plan's codes and places, in the interface language.

The core's messages (problems, guesses, changes) come rendered in the chosen language by
``say``; comparators, period kinds and the place a pointer names are said here, through
``QCoreApplication.translate`` so the .ts files carry the English.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from app.ui.common.i18n import EN, current_language, role_label

if TYPE_CHECKING:
    from app.domain.messages import Message

ROLES = ("lead", "responsible", "support")
COMPARATORS = (">=", "<=", "=", "range")
PERIOD_KINDS = ("quarter", "annual")


def _t(text: str) -> str:
    return QCoreApplication.translate("PlanTexts", text)


def say(message: Message) -> str:
    return message.render("en" if current_language() == EN else "zh")


def comparator_label(code: Any) -> str:
    labels = {
        ">=": _t("≥ 不低于"),
        "<=": _t("≤ 不高于"),
        "=": _t("= 等于"),
        "range": _t("区间"),
    }
    return labels.get(code, str(code))


def kind_label(code: Any) -> str:
    labels = {"quarter": _t("季度"), "annual": _t("年度")}
    return labels.get(code, str(code))


def role_choices() -> list[tuple[str, Any]]:
    return [(role_label(r), r) for r in ROLES]


def comparator_choices() -> list[tuple[str, Any]]:
    return [(comparator_label(c), c) for c in COMPARATORS]


def kind_choices() -> list[tuple[str, Any]]:
    return [(kind_label(k), k) for k in PERIOD_KINDS]


def pending_word() -> str:
    return _t("待确认")


def confirmed_word() -> str:
    return _t("已确认")


def field_name(key: str) -> str:
    names = {
        "code": _t("编号"),
        "title": _t("标题"),
        "year": _t("年度"),
        "issuer": _t("发文单位"),
        "published": _t("发布日期"),
        "source": _t("来源"),
        "no": _t("序号"),
        "id": _t("代码"),
        "name": _t("名称"),
        "short_name": _t("简称"),
        "aliases": _t("别名"),
        "reports": _t("报送"),
        "description": _t("说明"),
        "members": _t("成员"),
        "section": _t("所属部分"),
        "text": _t("任务全文"),
        "units": _t("责任单位"),
        "unit": _t("单位"),
        "role": _t("职责"),
        "targets": _t("目标值"),
        "comparator": _t("比较"),
        "value": _t("目标值"),
        "value_max": _t("上限"),
        "owner": _t("负责单位"),
        "kind": _t("类型"),
        "start": _t("开始日期"),
        "end": _t("结束日期"),
        "due": _t("报送截止日期"),
    }
    return names.get(key, key)


def where(pointer: str, plan: dict[str, Any]) -> str:
    """The place a pointer names, as the clerk would say it: 任务 12 / 目标 1 / 目标值."""
    from app.domain.plan_problems import describe_pointer

    return describe_pointer(plan, pointer, "en" if current_language() == EN else "zh")


def tab_name(head: str) -> str:
    names = {
        "plan": _t("基本信息"),
        "sections": _t("部分"),
        "units": _t("成员单位"),
        "groups": _t("单位组"),
        "tasks": _t("任务"),
        "indicators": _t("工作目标指标"),
        "periods": _t("报告期"),
    }
    return names.get(head, head)
