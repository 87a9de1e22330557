"""Import outcomes in the interface language.

Every reason the importer and the reader give is a ``Message`` (app.domain.messages): a code
and its parameters, worded in Chinese and English in one table, so nothing is matched here;
the reason is rendered in the language the window shows. The four outcome labels are the
window's own words and go through Qt's translation.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.messages import Message
from app.ui.common.i18n import EN, current_language
from app.ui.common.punctuation import colon

UNREGISTERED = "unregistered_key"
CONFLICTS = ("import_conflict_current", "import_conflict_kept")


def outcome_label(outcome: str) -> str:
    labels = {
        "accepted": QCoreApplication.translate("ImportOutcome", "已接收"),
        "superseded": QCoreApplication.translate("ImportOutcome", "旧版本（存入历史）"),
        "duplicate": QCoreApplication.translate("ImportOutcome", "重复（无变化）"),
        "rejected": QCoreApplication.translate("ImportOutcome", "拒收"),
    }
    return labels.get(outcome, outcome)


def reason_text(message: Message | None) -> str:
    """The reason in the interface language ("" for none)."""
    if message is None:
        return ""
    return message.render("en" if current_language() == EN else "zh")


def is_unregistered_key(outcome: str, message: Message) -> bool:
    return outcome == "rejected" and message.code == UNREGISTERED


def is_conflict(message: Message) -> bool:
    return message.code in CONFLICTS


def conflict_mark() -> str:
    """The small mark beside a file or version that is one of two different files of one
    version (design §3)."""
    return QCoreApplication.translate("ImportOutcome", "⚠ 同版本冲突")


def preview_text(outcome: str, message: Message) -> str:
    """What a dry run says would happen: 新增 / 替换 vN / 无变化 / 旧版本 / 拒收：原因."""
    if outcome == "accepted":
        return reason_text(message)
    if outcome == "duplicate":
        return QCoreApplication.translate("ImportOutcome", "无变化（已导入过）")
    if outcome == "superseded":
        return QCoreApplication.translate("ImportOutcome", "旧版本：{0}").format(
            reason_text(message)
        )
    return QCoreApplication.translate("ImportOutcome", "拒收：{0}").format(reason_text(message))


def result_text(outcome: str, message: Message | None) -> str:
    """The outcome of a real import, one line."""
    label = outcome_label(outcome)
    reason = reason_text(message)
    return colon(label) + reason if reason else label
