"""The bar above the task list: which period (of which plan), when it is due, how many days
are left, its state. The periods of every plan the unit reports under are listed, grouped under
each plan's title (``GroupedPeriodCombo``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.domain.catalog import PeriodInfo
from app.ui.common.colors import ERROR_COLOR, HINT_COLOR, OK_COLOR, WARN_COLOR
from app.ui.common.due_days import due_words
from app.ui.common.plan_periods import GroupedPeriodCombo, PlanGroup, as_choices
from app.ui.common.retranslate import Retranslating


class PeriodBar(Retranslating, QWidget):
    period_changed = Signal(str)

    def __init__(self, today: Callable[[], date], parent: Any = None) -> None:
        super().__init__(parent)
        self._today = today
        self._periods: dict[tuple[str, str], PeriodInfo] = {}
        self._state: tuple[str, int | None] = ("draft", None)
        self.caption = QLabel()
        self.combo = GroupedPeriodCombo()
        self.combo.setObjectName("periodCombo")
        self.caption.setBuddy(self.combo)
        self.due = QLabel()
        self.due.setObjectName("periodDue")
        self.days = QLabel()
        self.days.setObjectName("periodDays")
        self.state = QLabel()
        self.state.setObjectName("periodState")
        self.review = QLabel()  # the office's word on the period (a feedback file brought it)
        self.review.setObjectName("periodReview")
        self._review: tuple[str, int, str] | None = None
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
        layout.addSpacing(12)
        layout.addWidget(self.review)
        layout.addStretch(1)
        self.combo.currentIndexChanged.connect(self._index_changed)
        self.retranslate()

    def set_plans(self, plans: Sequence[PlanGroup], plan: str | None, current: str | None) -> None:
        """Each plan (code, title, periods) under its title; (plan, current) chosen."""
        self._periods = {(code, p.code): p for code, _t, periods in plans for p in periods}
        self.combo.set_plans(as_choices(plans), plan, current)
        self._show_dates()

    def current(self) -> str | None:
        choice = self.combo.current()
        return choice[1] if choice is not None else None

    def current_plan(self) -> str | None:
        choice = self.combo.current()
        return choice[0] if choice is not None else None

    def select(self, code: str, plan: str | None = None) -> None:
        self.combo.select(plan or self.current_plan(), code)

    def set_state(self, kind: str, version: int | None) -> None:
        self._state = (kind, version)
        self._show_state()
        self._show_review()

    def set_review(self, state: str | None, version: int = 0, comment: str = "") -> None:
        """The received review of the period shown (None: no word from the office yet)."""
        self._review = None if state is None else (state, version, comment)
        self._show_review()

    def _show_review(self) -> None:
        if self._review is None:
            self.review.clear()
            self.review.setToolTip("")
            return
        state, version, comment = self._review
        exported = self._state[1] or 0
        if exported > version:  # a newer version went out since: the office has yet to look
            state, version = "pending", exported
        if state == "accepted":
            text, color = self.tr("已受理 v{n}").format(n=version), OK_COLOR
        elif state == "returned":
            text, color = self.tr("退回修改（v{n}）").format(n=version), ERROR_COLOR
        else:
            text, color = self.tr("待审核（v{n}）").format(n=version), HINT_COLOR
        self.review.setText(self.tr("市质量强市办：") + text)
        self.review.setStyleSheet(f"color: {color}; font-weight: bold;")
        self.review.setToolTip(comment)

    def _index_changed(self, _i: int) -> None:
        self._show_dates()
        code = self.current()
        if code is not None:
            self.period_changed.emit(code)

    def _period(self) -> PeriodInfo | None:
        choice = self.combo.current()
        return self._periods.get(choice) if choice is not None else None

    def _show_dates(self) -> None:
        p = self._period()
        if p is None:
            self.due.clear()
            self.days.clear()
            return
        self.due.setText(self.tr("截止日期：{due}").format(due=p.due.isoformat()))
        text, color = due_words(p.due, self._today())
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
        self._show_review()
