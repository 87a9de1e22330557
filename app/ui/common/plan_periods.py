"""The period selector of both windows, across plans: each plan's title as a header that
cannot be chosen, its periods below it (2016年第一季度 … 2017年度).

A choice is a (plan code, period code) pair: two plans may both have a 2017Q1. The arrow keys
and the popup skip the headers (they are disabled items).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox

if TYPE_CHECKING:
    from app.domain.catalog import Catalog, PeriodInfo
    from app.models.store import Store

PlanGroup = tuple[str, str, tuple["PeriodInfo", ...]]  # plan code, plan title, its periods

PLAN_ROLE = Qt.ItemDataRole.UserRole + 10
PERIOD_ROLE = Qt.ItemDataRole.UserRole  # the period code, as currentData() gives it
HEADER_BACKGROUND = "#e9edf3"
HEADER_TEXT = "#33415c"


@dataclass(frozen=True)
class PeriodChoice:
    code: str
    title: str


@dataclass(frozen=True)
class PlanPeriods:
    """One plan's heading and periods, in the order the selector lists them."""

    plan_code: str
    plan_title: str
    periods: tuple[PeriodChoice, ...]


def published_periods(store: Store, unit: str | None, shown: Catalog) -> list[PlanGroup]:
    """Every published plan's periods (on a unit's install: the plans it reports under),
    oldest plan first; the plan shown at least (a store from before plans were data)."""
    from app.services.plans import periods_by_plan

    groups = [(s.code, s.title, tuple(periods)) for s, periods in periods_by_plan(store, unit)]
    if all(code != shown.code for code, _t, _p in groups):
        groups.append((shown.code, shown.title, tuple(shown.periods)))
    return groups


def as_choices(groups: Sequence[PlanGroup]) -> list[PlanPeriods]:
    return [
        PlanPeriods(code, title, tuple(PeriodChoice(p.code, p.title) for p in periods))
        for code, title, periods in groups
    ]


class GroupedPeriodCombo(QComboBox):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._model = QStandardItemModel(self)
        self.setModel(self._model)

    def set_plans(self, plans: Sequence[PlanPeriods], plan: str | None, period: str | None) -> None:
        """Fill the list and choose (plan, period) without emitting a change."""
        self.blockSignals(True)
        self._model.clear()
        for group in plans:
            header = QStandardItem(group.plan_title or group.plan_code)
            header.setFlags(Qt.ItemFlag.NoItemFlags)  # shown, never chosen
            font = QFont()
            font.setBold(True)
            header.setFont(font)
            header.setBackground(QColor(HEADER_BACKGROUND))
            header.setForeground(QColor(HEADER_TEXT))  # readable, though it cannot be chosen
            header.setData(group.plan_code, PLAN_ROLE)
            header.setToolTip(group.plan_code)
            self._model.appendRow(header)
            for p in group.periods:
                item = QStandardItem(p.title or p.code)
                item.setData(group.plan_code, PLAN_ROLE)
                item.setData(p.code, PERIOD_ROLE)
                self._model.appendRow(item)
        row = self._row_of(plan, period)
        self.setCurrentIndex(row if row >= 0 else self._first_period())
        self.blockSignals(False)

    def current(self) -> tuple[str, str] | None:
        """(plan code, period code) chosen, or None."""
        return self.choice_at(self.currentIndex())

    def choice_at(self, row: int) -> tuple[str, str] | None:
        item = self._model.item(row) if row >= 0 else None
        if item is None or item.data(PERIOD_ROLE) is None:
            return None
        return str(item.data(PLAN_ROLE)), str(item.data(PERIOD_ROLE))

    def select(self, plan: str | None, period: str) -> bool:
        row = self._row_of(plan, period)
        if row >= 0:
            self.setCurrentIndex(row)
        return row >= 0

    def headers(self) -> list[str]:
        """The plan titles shown as headers (for tests and screen readers)."""
        rows = range(self._model.rowCount())
        return [self._model.item(r).text() for r in rows if self.choice_at(r) is None]

    def _row_of(self, plan: str | None, period: str | None) -> int:
        for r in range(self._model.rowCount()):
            choice = self.choice_at(r)
            if choice is not None and choice[1] == period and plan in (None, choice[0]):
                return r
        return -1

    def _first_period(self) -> int:
        return next((r for r in range(self._model.rowCount()) if self.choice_at(r)), -1)
