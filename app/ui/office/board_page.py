"""指标看板: the nine goal indicators and every task target, actual against target."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.ui.common.retranslate import Retranslating
from app.ui.common.table_model import RowTableModel
from app.ui.common.tables import read_only_view

if TYPE_CHECKING:
    from app.services.consolidation import BoardRow
    from app.ui.office.pages import OfficeView

BOARD_COLORS = {"met": "#d8f0dc", "not_met": "#fbd9d3", "no_data": "#eef0f3"}

COL_KEY, COL_NAME, COL_OWNER, COL_TARGET, COL_ACTUAL, COL_STATE, COL_SOURCE = range(7)


class BoardModel(RowTableModel["BoardRow"]):
    """Indicators first (their names in bold), then task targets."""

    def headers(self) -> list[str]:
        return [
            self.tr("编号"),
            self.tr("名称"),
            self.tr("责任单位 / 所属任务"),
            self.tr("目标"),
            self.tr("实际"),
            self.tr("达标情况"),
            self.tr("数据来源"),
        ]

    def state_text(self, state: str) -> str:
        return {
            "met": self.tr("达标"),
            "not_met": self.tr("未达标"),
            "no_data": self.tr("无数据"),
        }.get(state, state)

    def text(self, row: BoardRow, column: int) -> str:
        if column == COL_ACTUAL:
            return "" if row.actual is None else f"{row.actual} {row.target.unit}".strip()
        if column == COL_TARGET:
            return row.target.describe()
        if column == COL_STATE:
            return self.state_text(row.state)
        if column == COL_SOURCE:
            return row.source
        texts = {COL_KEY: row.key, COL_NAME: row.name, COL_OWNER: row.owner_or_task}
        return texts.get(column, "")

    def tooltip(self, row: BoardRow, column: int) -> str | None:
        return self.text(row, column) if column in (COL_NAME, COL_OWNER) else None

    def background(self, row: BoardRow, column: int) -> str | None:
        return BOARD_COLORS.get(row.state, "#ffffff") if column == COL_STATE else None

    def font(self, row: BoardRow, column: int) -> QFont | None:
        if row.kind == "indicator" and column == COL_NAME:
            bold = QFont()
            bold.setBold(True)
            return bold
        return None


class BoardPage(Retranslating, QWidget):
    follows_period = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardPage")
        self.board: list[BoardRow] = []
        self.summary = QLabel()
        self.kind = QComboBox()
        self.state = QComboBox()
        self.kind_label, self.state_label_w = QLabel(), QLabel()
        self.model = BoardModel(self)
        self.table = read_only_view("boardTable", self.model, COL_NAME, wrap=False)
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
                [(self.tr("全部"), None)] + [(self.model.state_text(s), s) for s in BOARD_COLORS],
            ),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
        self.model.retranslate()
        self._refill()

    def reload(self, view: OfficeView) -> None:
        from app.services.consolidation import indicator_board

        self.show_board(indicator_board(view.store, view.catalog, view.period))

    def show_board(self, rows: list[BoardRow]) -> None:
        """Indicators first, then task targets (as ``consolidation.indicator_board`` gives)."""
        self.board = list(rows)
        self._refill()

    def visible_rows(self) -> list[BoardRow]:
        kind, state = self.kind.currentData(), self.state.currentData()
        return [
            r
            for r in self.board
            if (kind is None or r.kind == kind) and (state is None or r.state == state)
        ]

    def _refill(self, *_args: Any) -> None:
        counts = {s: sum(1 for r in self.board if r.state == s) for s in BOARD_COLORS}
        self.summary.setText(
            self.tr("共 {0} 项：达标 {1}，未达标 {2}，无数据 {3}").format(
                len(self.board), counts["met"], counts["not_met"], counts["no_data"]
            )
        )
        self.model.set_rows(self.visible_rows())
