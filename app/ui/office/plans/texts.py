"""The editor's words for the plan's codes and places, in the interface language.

The core's messages (problems, guesses, changes) come rendered in the chosen language by
``say``; comparators, period kinds and the place a pointer names are said here, through
``QCoreApplication.translate`` so the .ts files carry the English.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from app.ui.common.i18n import EN, current_language, role_label

translate = QCoreApplication.translate  # lupdate reads translate("Context", "…")

if TYPE_CHECKING:
    from app.domain.messages import Message

ROLES = ("lead", "responsible", "support")
COMPARATORS = (">=", "<=", "=", "range")
PERIOD_KINDS = ("quarter", "annual")


def say(message: Message) -> str:
    return message.render("en" if current_language() == EN else "zh")


def comparator_label(code: Any) -> str:
    labels = {
        ">=": translate("PlanTexts", "≥ 不低于"),
        "<=": translate("PlanTexts", "≤ 不高于"),
        "=": translate("PlanTexts", "= 等于"),
        "range": translate("PlanTexts", "区间"),
    }
    return labels.get(code, str(code))


def kind_label(code: Any) -> str:
    labels = {"quarter": translate("PlanTexts", "季度"), "annual": translate("PlanTexts", "年度")}
    return labels.get(code, str(code))


def role_choices() -> list[tuple[str, Any]]:
    return [(role_label(r), r) for r in ROLES]


def comparator_choices() -> list[tuple[str, Any]]:
    return [(comparator_label(c), c) for c in COMPARATORS]


def kind_choices() -> list[tuple[str, Any]]:
    return [(kind_label(k), k) for k in PERIOD_KINDS]


def pending_word() -> str:
    return translate("PlanTexts", "待确认")


def confirmed_word() -> str:
    return translate("PlanTexts", "已确认")


def field_name(key: str) -> str:
    names = {
        "code": translate("PlanTexts", "编号"),
        "title": translate("PlanTexts", "标题"),
        "year": translate("PlanTexts", "年度"),
        "issuer": translate("PlanTexts", "发文单位"),
        "published": translate("PlanTexts", "发布日期"),
        "source": translate("PlanTexts", "来源"),
        "no": translate("PlanTexts", "序号"),
        "id": translate("PlanTexts", "代码"),
        "name": translate("PlanTexts", "名称"),
        "short_name": translate("PlanTexts", "简称"),
        "aliases": translate("PlanTexts", "别名"),
        "reports": translate("PlanTexts", "报送"),
        "description": translate("PlanTexts", "说明"),
        "members": translate("PlanTexts", "成员"),
        "section": translate("PlanTexts", "所属部分"),
        "text": translate("PlanTexts", "任务全文"),
        "units": translate("PlanTexts", "责任单位"),
        "unit": translate("PlanTexts", "单位"),
        "role": translate("PlanTexts", "职责"),
        "targets": translate("PlanTexts", "目标值"),
        "comparator": translate("PlanTexts", "比较"),
        "value": translate("PlanTexts", "目标值"),
        "value_max": translate("PlanTexts", "上限"),
        "owner": translate("PlanTexts", "负责单位"),
        "kind": translate("PlanTexts", "类型"),
        "start": translate("PlanTexts", "开始日期"),
        "end": translate("PlanTexts", "结束日期"),
        "due": translate("PlanTexts", "报送截止日期"),
    }
    return names.get(key, key)


def where(pointer: str, plan: dict[str, Any]) -> str:
    """The place a pointer names, as the clerk would say it: 任务 12 / 目标 1 / 目标值."""
    from app.services.plans import describe_pointer

    return describe_pointer(plan, pointer, "en" if current_language() == EN else "zh")


def tab_name(head: str) -> str:
    names = {
        "plan": translate("PlanTexts", "基本信息"),
        "sections": translate("PlanTexts", "部分"),
        "units": translate("PlanTexts", "成员单位"),
        "groups": translate("PlanTexts", "单位组"),
        "tasks": translate("PlanTexts", "任务"),
        "indicators": translate("PlanTexts", "工作目标指标"),
        "periods": translate("PlanTexts", "报告期"),
    }
    return names.get(head, head)
