"""How far a due date is, in words and a colour: the period bar's "还剩 n 天" and the 督办
notices' days left. One wording, filed under the period bar's translation context."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from app.ui.common.colors import ERROR_COLOR, OK_COLOR, WARN_COLOR

SOON_DAYS = 7  # from here on the days left are shown in the warning colour


def due_words(due: date, today: date) -> tuple[str, str]:
    """("还剩 9 天" | "今天截止" | "已逾期 3 天", its colour)."""
    left = (due - today).days
    if left > 0:
        text = QCoreApplication.translate("PeriodBar", "还剩 {n} 天").format(n=left)
        return text, OK_COLOR if left > SOON_DAYS else WARN_COLOR
    if left == 0:
        return QCoreApplication.translate("PeriodBar", "今天截止"), WARN_COLOR
    return QCoreApplication.translate("PeriodBar", "已逾期 {n} 天").format(n=-left), ERROR_COLOR
