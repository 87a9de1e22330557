"""The period summary: "已填 n / m 项，k 个错误", and every error as a link to its field."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.domain.entry_rules import FieldError
from app.ui.common.i18n import error_message, field_label, is_blank_error
from app.ui.common.status_icons import ERROR_COLOR, OK_COLOR

ERROR_ROLE = Qt.ItemDataRole.UserRole + 2


class SummaryPanel(QWidget):
    error_activated = Signal(object)  # the FieldError whose link was clicked

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryPanel")
        self.headline = QLabel()
        self.headline.setObjectName("summaryHeadline")
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.errors = QListWidget()
        self.errors.setObjectName("summaryErrors")
        self.errors.setCursor(Qt.CursorShape.PointingHandCursor)
        self.errors.setMinimumHeight(self.fontMetrics().lineSpacing() * 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.headline)
        layout.addWidget(self.errors, 1)
        self.errors.itemClicked.connect(self._activated)
        self.errors.itemActivated.connect(self._activated)
        self._data: tuple[int, int, list[FieldError], int, int] = (0, 0, [], 0, 0)
        self._titles: dict[int, str] = {}
        self._indicators: dict[int, str] = {}

    def set_names(self, tasks: dict[int, str], indicators: dict[int, str]) -> None:
        self._titles, self._indicators = dict(tasks), dict(indicators)

    def show_summary(
        self,
        filled: int,
        total: int,
        errors: list[FieldError],
        indicators_filled: int = 0,
        indicators_total: int = 0,
    ) -> None:
        self._data = (filled, total, list(errors), indicators_filled, indicators_total)
        self._render()

    def _render(self) -> None:
        filled, total, errors, ind_filled, ind_total = self._data
        text = self.tr("已填 {n} / {m} 项，{k} 个错误").format(n=filled, m=total, k=len(errors))
        if ind_total:
            text += self.tr("；指标已填 {n} / {m}").format(n=ind_filled, m=ind_total)
        self.headline.setText(text)
        self.headline.setStyleSheet(f"color: {ERROR_COLOR if errors else OK_COLOR};")
        self.errors.clear()
        if not errors and total:
            done = QListWidgetItem(self.tr("本期各项均已填写，没有错误，可以导出。"))
            done.setForeground(QBrush(QColor(OK_COLOR)))
            done.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.errors.addItem(done)
        link = QFont(self.errors.font())
        link.setUnderline(True)
        for e in errors:
            item = QListWidgetItem(self._describe(e))
            item.setData(ERROR_ROLE, e)
            item.setFont(link)
            item.setForeground(QBrush(QColor("#1a5fb4")))
            self.errors.addItem(item)

    def _describe(self, e: FieldError) -> str:
        if e.task_no is not None:
            where = self.tr("任务 {no}").format(no=e.task_no)
            title = self._titles.get(e.task_no, "")
        else:
            where = self.tr("指标 {no}").format(no=e.indicator_no)
            title = self._indicators.get(e.indicator_no or 0, "")
        head = f"{where} {title}".strip()
        if is_blank_error(e):
            return self.tr("{where}：{message}").format(where=head, message=error_message(e))
        return self.tr("{where} · {field}：{message}").format(
            where=head, field=field_label(e.field), message=error_message(e)
        )

    def _activated(self, item: QListWidgetItem) -> None:
        error = item.data(ERROR_ROLE)
        if isinstance(error, FieldError):
            self.error_activated.emit(error)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)
