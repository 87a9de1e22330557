"""The bar above the task list: which period, when it is due, how many days are left, its state."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from app.domain.catalog import PeriodInfo
from app.ui.common.status_icons import ERROR_COLOR, OK_COLOR, WARN_COLOR


class PeriodBar(QWidget):
    period_changed = Signal(str)

    def __init__(self, today: Callable[[], date], parent: Any = None) -> None:
        super().__init__(parent)
        self._today = today
        self._periods: list[PeriodInfo] = []
        self._state: tuple[str, int | None] = ("draft", None)
        self.caption = QLabel()
        self.combo = QComboBox()
        self.combo.setObjectName("periodCombo")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.caption.setBuddy(self.combo)
        self.due = QLabel()
        self.due.setObjectName("periodDue")
        self.days = QLabel()
        self.days.setObjectName("periodDays")
        self.state = QLabel()
        self.state.setObjectName("periodState")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.combo)
        layout.addSpacing(12)
        layout.addWidget(self.due)
        layout.addSpacing(12)
        layout.addWidget(self.days)
        layout.addSpacing(12)
        layout.addWidget(self.state)
        layout.addStretch(1)
        self.combo.currentIndexChanged.connect(self._index_changed)
        self.retranslate()

    def set_periods(self, periods: Sequence[PeriodInfo], current: str | None) -> None:
        self._periods = list(periods)
        self.combo.blockSignals(True)
        self.combo.clear()
        for p in self._periods:
            self.combo.addItem(p.title, p.code)
        codes = [p.code for p in self._periods]
        self.combo.setCurrentIndex(codes.index(current) if current in codes else 0)
        self.combo.blockSignals(False)
        self._show_dates()

    def current(self) -> str | None:
        data = self.combo.currentData()
        return str(data) if data is not None else None

    def select(self, code: str) -> None:
        i = self.combo.findData(code)
        if i >= 0:
            self.combo.setCurrentIndex(i)

    def set_state(self, kind: str, version: int | None) -> None:
        self._state = (kind, version)
        self._show_state()

    def _index_changed(self, _i: int) -> None:
        self._show_dates()
        code = self.current()
        if code is not None:
            self.period_changed.emit(code)

    def _period(self) -> PeriodInfo | None:
        code = self.current()
        return next((p for p in self._periods if p.code == code), None)

    def _show_dates(self) -> None:
        p = self._period()
        if p is None:
            self.due.clear()
            self.days.clear()
            return
        self.due.setText(self.tr("截止日期：{due}").format(due=p.due.isoformat()))
        left = (p.due - self._today()).days
        if left > 0:
            text, color = (
                self.tr("还剩 {n} 天").format(n=left),
                OK_COLOR if left > 7 else WARN_COLOR,
            )
        elif left == 0:
            text, color = self.tr("今天截止"), WARN_COLOR
        else:
            text, color = self.tr("已逾期 {n} 天").format(n=-left), ERROR_COLOR
        self.days.setText(text)
        self.days.setStyleSheet(f"color: {color}; font-weight: bold;")

    def _show_state(self) -> None:
        kind, version = self._state
        if kind == "exported":
            text, color = self.tr("已导出 v{n}").format(n=version), OK_COLOR
        elif kind == "changed":
            text, color = self.tr("v{n} 后有修改").format(n=version), WARN_COLOR
        else:
            text, color = self.tr("草稿"), "#555555"
        self.state.setText(self.tr("状态：") + text)
        self.state.setStyleSheet(f"color: {color};")

    def retranslate(self) -> None:
        self.caption.setText(self.tr("报告期(&P)："))
        self.combo.setToolTip(self.tr("选择要填报的报告期"))
        self._show_dates()
        self._show_state()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
