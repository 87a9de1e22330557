"""指标看板: the nine goal indicators and every task target, actual against target."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.common.tables import read_only_table

BOARD_COLORS = {"met": "#d8f0dc", "not_met": "#fbd9d3", "no_data": "#eef0f3"}


class BoardPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardPage")
        self.board: list[Any] = []
        self.summary = QLabel()
        self.kind = QComboBox()
        self.state = QComboBox()
        self.kind_label, self.state_label_w = QLabel(), QLabel()
        self.table = read_only_table("boardTable", 7, stretch=1, wrap=False)
        bar = QHBoxLayout()
        bar.addWidget(self.kind_label)
        bar.addWidget(self.kind)
        bar.addWidget(self.state_label_w)
        bar.addWidget(self.state)
        bar.addStretch(1)
        bar.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.kind.currentIndexChanged.connect(self._refill)
        self.state.currentIndexChanged.connect(self._refill)
        self.retranslate()

    def state_text(self, state: str) -> str:
        return {
            "met": self.tr("达标"),
            "not_met": self.tr("未达标"),
            "no_data": self.tr("无数据"),
        }.get(state, state)

    def retranslate(self) -> None:
        self.kind_label.setText(self.tr("类别"))
        self.state_label_w.setText(self.tr("达标情况"))
        for combo, items in (
            (
                self.kind,
                [
                    (self.tr("全部"), None),
                    (self.tr("工作目标指标"), "indicator"),
                    (self.tr("任务目标值"), "target"),
                ],
            ),
            (
                self.state,
                [(self.tr("全部"), None)] + [(self.state_text(s), s) for s in BOARD_COLORS],
            ),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("编号"),
                self.tr("名称"),
                self.tr("责任单位 / 所属任务"),
                self.tr("目标"),
                self.tr("实际"),
                self.tr("达标情况"),
                self.tr("数据来源"),
            ]
        )
        self._refill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_board(self, rows: list[Any]) -> None:
        """``rows`` are ``consolidation.BoardRow``: indicators first, then task targets."""
        self.board = list(rows)
        self._refill()

    def visible_rows(self) -> list[Any]:
        kind, state = self.kind.currentData(), self.state.currentData()
        return [
            r
            for r in self.board
            if (kind is None or r.kind == kind) and (state is None or r.state == state)
        ]

    def _refill(self, *_args: Any) -> None:
        rows = self.visible_rows()
        counts = {s: sum(1 for r in self.board if r.state == s) for s in BOARD_COLORS}
        self.summary.setText(
            self.tr("共 {0} 项：达标 {1}，未达标 {2}，无数据 {3}").format(
                len(self.board), counts["met"], counts["not_met"], counts["no_data"]
            )
        )
        bold = QFont()
        bold.setBold(True)
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            actual = "" if r.actual is None else f"{r.actual} {r.target.unit}".strip()
            values = [
                r.key,
                r.name,
                r.owner_or_task,
                r.target.describe(),
                actual,
                self.state_text(r.state),
                r.source,
            ]
            for j, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.state)
                if j == 5:
                    item.setBackground(QBrush(QColor(BOARD_COLORS.get(r.state, "#ffffff"))))
                if r.kind == "indicator" and j == 1:
                    item.setFont(bold)
                if j in (1, 2):
                    item.setToolTip(text)
                self.table.setItem(i, j, item)
