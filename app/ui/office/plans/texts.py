"""The editor's words for the plan's codes and places, in the interface language.

The core's messages (problems, guesses, changes) come rendered in the chosen language by
``say``; comparators, period kinds and the place a pointer names are said here, through
``QCoreApplication.translate`` so the .ts files carry the English.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from app.ui.common.i18n import EN, current_language, role_label
from app.ui.office.plans import pointers as jp

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


def _row_name(plan: dict[str, Any], head: str, row: int) -> str:
    item = jp.get(plan, f"/{head}/{row}")
    item = item if isinstance(item, dict) else {}
    if head == "tasks":
        return _t("任务 {0}").format(item.get("no", row + 1))
    if head == "sections":
        return _t("第 {0} 部分").format(item.get("no", row + 1))
    if head == "indicators":
        return _t("指标 {0}").format(item.get("no", row + 1))
    if head == "units":
        return _t("单位 {0}").format(item.get("short_name") or item.get("id") or row + 1)
    if head == "groups":
        return _t("单位组 {0}").format(item.get("name") or row + 1)
    if head == "periods":
        return _t("报告期 {0}").format(item.get("code") or row + 1)
    return f"{head} {row + 1}"


def where(pointer: str, plan: dict[str, Any]) -> str:
    """The place a pointer names, as the clerk would say it: 任务 12 / 目标 2 / 目标值."""
    steps = jp.parts(pointer)
    if not steps:
        return _t("方案")
    if steps[0] == "plan":
        return " / ".join([_t("基本信息"), *(field_name(s) for s in steps[1:2])])
    if len(steps) < 2 or not steps[1].isdigit():
        return tab_name(steps[0])
    out = [_row_name(plan, steps[0], int(steps[1]))]
    rest, i = steps[2:], 0
    while i < len(rest):
        if i + 1 < len(rest) and rest[i + 1].isdigit():
            out.append(_item_name(rest[i], int(rest[i + 1]) + 1))
            i += 2
        else:
            out.append(field_name(rest[i]))
            i += 1
    return " / ".join(out)


def _item_name(key: str, n: int) -> str:
    if key == "targets":
        return _t("目标 {0}").format(n)
    return f"{field_name(key)} {n}"


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
