"""Chinese wording for import outcomes: the importer speaks English codes and reasons.

The importer's reasons are short, stable English phrases (they also go to the JSON output and
the import log); the office reads Chinese, so the known phrases are matched here and the rest
(the reader's reasons are already Chinese) pass through unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from app.ui.common.punctuation import colon

UNREGISTERED_PREFIX = "signed by an unregistered key"


def outcome_label(outcome: str) -> str:
    labels = {
        "accepted": QCoreApplication.translate("ImportOutcome", "已接收"),
        "superseded": QCoreApplication.translate("ImportOutcome", "旧版本（存入历史）"),
        "duplicate": QCoreApplication.translate("ImportOutcome", "重复（无变化）"),
        "rejected": QCoreApplication.translate("ImportOutcome", "拒收"),
    }
    return labels.get(outcome, outcome)


_PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"^new$"), lambda m: QCoreApplication.translate("ImportOutcome", "新增")),
    (
        re.compile(r"^replaces v(\d+)$"),
        lambda m: QCoreApplication.translate("ImportOutcome", "替换 v{0}").format(m[1]),
    ),
    (
        re.compile(r"^older than the current v(\d+); kept in the history$"),
        lambda m: QCoreApplication.translate(
            "ImportOutcome", "比当前的 v{0} 旧，仅存入历史"
        ).format(m[1]),
    ),
    (
        re.compile(r"^already imported on (.+) UTC$"),
        lambda m: QCoreApplication.translate(
            "ImportOutcome", "已于 {0}（UTC）导入过，没有变化"
        ).format(m[1]),
    ),
    (
        re.compile(r"^signed by an unregistered key (.+)$"),
        lambda m: QCoreApplication.translate("ImportOutcome", "签名密钥未登记：{0}").format(m[1]),
    ),
    (
        re.compile(r"^signed by another unit's key (.+)$"),
        lambda m: QCoreApplication.translate("ImportOutcome", "由其他单位的密钥签名：{0}").format(
            m[1]
        ),
    ),
    (
        re.compile(r"^signed by a revoked key (.+) \(since (.+)\)$"),
        lambda m: QCoreApplication.translate("ImportOutcome", "签名密钥已于 {1} 吊销：{0}").format(
            m[1], m[2]
        ),
    ),
    (
        re.compile(r"^signed by a replaced key (.+) \(since (.+)\)$"),
        lambda m: QCoreApplication.translate("ImportOutcome", "签名密钥已于 {1} 更换：{0}").format(
            m[1], m[2]
        ),
    ),
    (
        re.compile(r"^unit (\S+) is not in the plan$"),
        lambda m: QCoreApplication.translate("ImportOutcome", "单位 {0} 不在工作方案中").format(
            m[1]
        ),
    ),
    (
        re.compile(r"^period (\S+) is not in the plan$"),
        lambda m: QCoreApplication.translate("ImportOutcome", "报告期 {0} 不在工作方案中").format(
            m[1]
        ),
    ),
    (
        re.compile(r"^another file with version (\d+) of (\S+) was already imported$"),
        lambda m: QCoreApplication.translate(
            "ImportOutcome", "{1} 的第 {0} 版已由另一个文件导入"
        ).format(m[1], m[2]),
    ),
    (
        re.compile(r"^sequence (\d+) is out of order"),
        lambda m: QCoreApplication.translate(
            "ImportOutcome", "序号 {0} 与版本顺序不符：可能是重放或篡改的文件"
        ).format(m[1]),
    ),
    (
        re.compile(r"^sequence (\d+) of this unit was already used by another file$"),
        lambda m: QCoreApplication.translate(
            "ImportOutcome", "本单位的序号 {0} 已被另一个文件使用"
        ).format(m[1]),
    ),
    (
        re.compile(r"^file too large"),
        lambda m: QCoreApplication.translate("ImportOutcome", "文件过大"),
    ),
    (
        re.compile(r"^cannot read file: (.*)$"),
        lambda m: QCoreApplication.translate("ImportOutcome", "无法读取文件：{0}").format(m[1]),
    ),
    (
        re.compile(r"^file needs too much memory"),
        lambda m: QCoreApplication.translate("ImportOutcome", "文件读取所需内存过多"),
    ),
    (
        re.compile(r"^unreadable file"),
        lambda m: QCoreApplication.translate("ImportOutcome", "无法解析的文件"),
    ),
    (
        re.compile(r"^the file crashed the reader$"),
        lambda m: QCoreApplication.translate("ImportOutcome", "文件导致读取程序崩溃"),
    ),
    (
        re.compile(r"^reading took longer than (\S+) s$"),
        lambda m: QCoreApplication.translate("ImportOutcome", "读取超过 {0} 秒，已中止").format(
            m[1]
        ),
    ),
]


def reason_text(reason: str) -> str:
    """The importer's reason in the interface language (unknown text passes through)."""
    for pattern, render in _PATTERNS:
        match = pattern.match(reason)
        if match:
            return render(match)
    return reason


def is_unregistered_key(outcome: str, reason: str) -> bool:
    return outcome == "rejected" and reason.startswith(UNREGISTERED_PREFIX)


def preview_text(outcome: str, reason: str) -> str:
    """What a dry run says would happen: 新增 / 替换 vN / 无变化 / 旧版本 / 拒收：原因."""
    if outcome == "accepted":
        return reason_text(reason)
    if outcome == "duplicate":
        return QCoreApplication.translate("ImportOutcome", "无变化（已导入过）")
    if outcome == "superseded":
        return QCoreApplication.translate("ImportOutcome", "旧版本：{0}").format(
            reason_text(reason)
        )
    return QCoreApplication.translate("ImportOutcome", "拒收：{0}").format(reason_text(reason))


def result_text(outcome: str, reason: str) -> str:
    """The outcome of a real import, one line."""
    label = outcome_label(outcome)
    return colon(label) + reason_text(reason) if reason else label
