"""图表: completion by section and by unit, the status mix, submissions over time.

Qt Charts is imported the first time the page gets data (the window only asks when the page
is shown), so the window's start-up never pays for it.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from app.ui.common.colors import STATUS_COLORS, WARN_COLOR
from app.ui.common.retranslate import Retranslating

if TYPE_CHECKING:
    from app.ui.office.pages import OfficeView

BAR_COLOR = "#1e6fd9"
STATUS_ORDER = ("completed", "in_progress", "delayed", "not_started")
MISSING_SLICE = "#e0645a"


def _msecs(day: date) -> float:
    return datetime.combine(day, time(12)).timestamp() * 1000


class ChartsPage(Retranslating, QWidget):
    follows_period = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chartsPage")
        self.grid = QGridLayout(self)
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.grid.addWidget(self.placeholder, 0, 0)
        self.views: dict[str, Any] = {}
        self.data: dict[str, Any] | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.placeholder.setText(self.tr("正在准备图表…"))
        if self.data is not None:
            self.show_data(**self.data)

    def _view(self, key: str, row: int, col: int, rowspan: int = 1, colspan: int = 1) -> Any:
        from PySide6.QtCharts import QChartView

        view = self.views.get(key)
        if view is None:
            view = QChartView()
            view.setObjectName(f"chart_{key}")
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.views[key] = view
            self.grid.addWidget(view, row, col, rowspan, colspan)
        return view

    def _chart(self, title: str) -> Any:
        from PySide6.QtCharts import QChart

        chart = QChart()
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        chart.setTitleFont(font)
        chart.setTitle(title)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().hide()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        return chart

    def reload(self, view: OfficeView) -> None:
        from app.services.consolidation import (
            completion_by_section,
            completion_by_unit,
            status_counts,
            submissions_over_time,
        )

        matrix = view.matrices[view.period]
        period = view.catalog.period(view.period)
        self.show_data(
            period=period.title or view.period,
            by_section=completion_by_section(matrix),
            by_unit=completion_by_unit(matrix),
            over_time=submissions_over_time(view.store, view.catalog, view.period),
            status_counts=status_counts(matrix),
            due=period.due,
            expected=len(view.catalog.reporting_units()),
        )

    def show_data(
        self,
        period: str,
        by_section: list[tuple[str, float]],
        by_unit: list[tuple[str, float]],
        over_time: list[tuple[date, int]],
        status_counts: list[tuple[str, int]],
        due: date,
        expected: int,
    ) -> None:
        """The figures of ``consolidation``'s chart helpers for one period."""
        self.data = {
            "period": period,
            "by_section": by_section,
            "by_unit": by_unit,
            "over_time": over_time,
            "status_counts": status_counts,
            "due": due,
            "expected": expected,
        }
        self.placeholder.hide()
        self._view("sections", 0, 0).setChart(self._sections_chart(period, by_section))
        self._view("status", 0, 1).setChart(self._status_chart(period, status_counts))
        self._view("time", 0, 2).setChart(self._time_chart(period, over_time, due, expected))
        self._view("units", 1, 0, 1, 3).setChart(self._units_chart(period, by_unit))
        self.grid.setRowStretch(0, 1)
        self.grid.setRowStretch(1, 1)

    def _sections_chart(self, period: str, rows: list[tuple[str, float]]) -> Any:
        title = self.tr("{0} 各板块平均完成度（%）").format(period)
        shown = [(label.split("、", 1)[-1][:10], value) for label, value in reversed(rows)]
        return self._percent_bars(title, shown, horizontal=True)  # the first section on top

    def _units_chart(self, period: str, rows: list[tuple[str, float]]) -> Any:
        title = self.tr("{0} 各单位平均完成度（%）").format(period)
        shown = [(name.removeprefix("市") if len(name) > 2 else name, v) for name, v in rows]
        return self._percent_bars(title, shown, horizontal=False)

    def _percent_bars(self, title: str, rows: list[tuple[str, float]], *, horizontal: bool) -> Any:
        """One bar per (label, percent), each bar labelled with its value."""
        from PySide6.QtCharts import (
            QBarCategoryAxis,
            QBarSeries,
            QBarSet,
            QHorizontalBarSeries,
            QValueAxis,
        )

        chart = self._chart(title)
        bars = QBarSet(self.tr("完成度"))
        bars.setColor(QColor(BAR_COLOR))
        for _label, value in rows:
            bars.append(value)
        series = QHorizontalBarSeries() if horizontal else QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([label for label, _value in rows])
        percent = QValueAxis()
        percent.setRange(0, 100)
        percent.setLabelFormat("%d")
        if not horizontal:
            names.setLabelsAngle(-45)
        name_side, percent_side = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom
        if not horizontal:
            name_side, percent_side = percent_side, name_side
        chart.addAxis(names, name_side)
        chart.addAxis(percent, percent_side)
        series.attachAxis(percent)
        series.attachAxis(names)
        return chart

    def _status_chart(self, period: str, counts: list[tuple[str, int]]) -> Any:
        from PySide6.QtCharts import QPieSeries

        chart = self._chart(self.tr("{0} 任务填报状态分布").format(period))
        series = QPieSeries()
        series.setHoleSize(0.4)
        colors = [STATUS_COLORS[s] for s in STATUS_ORDER] + [MISSING_SLICE]
        # consolidation.status_counts lists 已完成, 推进中, 滞后, 未启动, then 未报送.
        for (label, n), color in zip(counts, colors, strict=False):
            if n <= 0:
                continue
            piece = series.append(f"{label} {n}", n)
            piece.setColor(QColor(color))
            piece.setLabelVisible(True)
        chart.addSeries(series)
        return chart

    def _time_chart(
        self, period: str, points: list[tuple[date, int]], due: date, expected: int
    ) -> Any:
        from PySide6.QtCharts import QDateTimeAxis, QLineSeries, QScatterSeries, QValueAxis

        chart = self._chart(self.tr("{0} 已报送单位数（累计）").format(period))
        line = QLineSeries()
        line.setPen(QPen(QColor(BAR_COLOR), 2.5))
        dots = QScatterSeries()
        dots.setMarkerSize(8)
        dots.setColor(QColor(BAR_COLOR))
        for day, n in points:
            line.append(_msecs(day), n)
            dots.append(_msecs(day), n)
        top = max([expected, *(n for _, n in points)], default=1) or 1
        due_line = QLineSeries()
        due_line.setPen(QPen(QColor(WARN_COLOR), 2, Qt.PenStyle.DashLine))
        due_line.append(_msecs(due), 0)
        due_line.append(_msecs(due), top)
        for s in (line, dots, due_line):
            chart.addSeries(s)
        x = QDateTimeAxis()
        x.setFormat("MM-dd")
        days = [d for d, _ in points] + [due]
        x.setRange(
            QDateTime.fromMSecsSinceEpoch(int(_msecs(min(days)) - 12 * 3600_000)),
            QDateTime.fromMSecsSinceEpoch(int(_msecs(max(days)) + 12 * 3600_000)),
        )
        x.setTickCount(6)
        y = QValueAxis()
        y.setRange(0, top)
        y.setLabelFormat("%d")
        y.setTickCount(min(top, 10) + 1 if top <= 10 else 6)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        for s in (line, dots, due_line):
            s.attachAxis(x)
            s.attachAxis(y)
        hint = self.tr("虚线：截止日 {0}").format(due.isoformat())
        chart.setTitle(chart.title() + "<br><span style='font-size:small'>" + hint + "</span>")
        return chart
