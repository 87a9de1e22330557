"""报送情况: per period, who was expected, who sent on time or late, who is missing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.common.tables import read_only_table
from app.ui.office.detail_pane import local_time
from app.ui.office.outcome_text import reason_text

STATE_COLORS = {
    "submitted": "#d8f0dc",
    "late": "#fde7c8",
    "missing": "#fbd9d3",
    "rejected": "#f6c4bc",
}


class TrackerPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trackerPage")
        self.tracker: Any = None
        self.summary = QLabel()
        self.summary.setObjectName("trackerSummary")
        font = self.summary.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.summary.setFont(font)
        self.table = read_only_table("trackerTable", 9, stretch=7, wrap=False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def state_label(self, state: str) -> str:
        return {
            "submitted": self.tr("按时报送"),
            "late": self.tr("逾期报送"),
            "missing": self.tr("未报送"),
            "rejected": self.tr("仅有被拒收的文件"),
        }.get(state, state)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("单位"),
                self.tr("状态"),
                self.tr("当前版本"),
                self.tr("签署时间"),
                self.tr("导入时间"),
                self.tr("版本数"),
                self.tr("被拒收次数"),
                self.tr("最近一次拒收原因"),
                self.tr("最近导入"),
            ]
        )
        if self.tracker is not None:
            self.show_tracker(self.tracker)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_tracker(self, tracker: Any) -> None:
        """``tracker`` is a ``consolidation.Tracker``."""
        self.tracker = tracker
        self.summary.setText(
            self.tr(
                "{0}（截止 {1}）：应报 {2} 个单位，按时 {3}，逾期 {4}，未报送 {5}，仅被拒收 {6}"
            ).format(
                tracker.period,
                tracker.due.isoformat(),
                tracker.expected,
                tracker.count("submitted"),
                tracker.count("late"),
                tracker.count("missing"),
                tracker.count("rejected"),
            )
        )
        order = {"missing": 0, "rejected": 1, "late": 2, "submitted": 3}
        rows = sorted(tracker.rows, key=lambda r: order.get(r.state, 9))
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            values = [
                r.unit_name,
                self.state_label(r.state),
                "" if r.version is None else f"v{r.version}",
                local_time(r.submitted_at) if r.submitted_at else "",
                local_time(r.imported_at) if r.imported_at else "",
                str(r.versions),
                str(r.rejected_attempts) if r.rejected_attempts else "",
                reason_text(r.last_reason) if r.last_reason else "",
                local_time(r.last_import) if r.last_import else "",
            ]
            for j, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.state if j == 1 else r.unit_id)
                if j == 1:
                    item.setBackground(QBrush(QColor(STATE_COLORS.get(r.state, "#ffffff"))))
                if j == 7:
                    item.setToolTip(text)
                self.table.setItem(i, j, item)

    def rows(self) -> list[tuple[str, str]]:
        """(unit name, state label) per row, as shown (for tests)."""
        out = []
        for i in range(self.table.rowCount()):
            unit, state = self.table.item(i, 0), self.table.item(i, 1)
            out.append(("" if unit is None else unit.text(), "" if state is None else state.text()))
        return out
