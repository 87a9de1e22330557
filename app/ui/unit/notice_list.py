"""The 督办 list: every notice the office sent this unit (from the feedback files), with its due
date and the days left, and above it the office's word on the period shown. Activating a row
(click, double-click or Enter) goes to the notice's task and its response field."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.ui.common.due_days import due_words
from app.ui.common.retranslate import Retranslating
from app.ui.common.table_model import ROW_ROLE, RowTableModel
from app.ui.common.tables import read_only_view
from app.ui.unit.task_answers import notice_state_label


@dataclass(frozen=True)
class NoticeRow:
    id: int
    task: int | None  # None: a task this plan does not have
    task_title: str
    text: str
    due: date
    state: str
    response: str
    today: date

    @property
    def days(self) -> int:
        return (self.due - self.today).days


class NoticeListModel(RowTableModel[NoticeRow]):
    COL_TASK, COL_TEXT, COL_DUE, COL_DAYS, COL_STATE = range(5)

    def headers(self) -> list[str]:
        return [
            self.tr("任务"),
            self.tr("督办事项"),
            self.tr("办理期限"),
            self.tr("剩余"),
            self.tr("状态"),
        ]

    def text(self, row: NoticeRow, column: int) -> str:
        if column == self.COL_TASK:
            return f"{row.task} {row.task_title}" if row.task is not None else ""
        if column == self.COL_TEXT:
            return row.text
        if column == self.COL_DUE:
            return row.due.isoformat()
        if column == self.COL_DAYS:
            return "" if row.state == "closed" else due_words(row.due, row.today)[0]
        state = notice_state_label(row.state)
        if row.state == "open" and row.response.strip():
            return self.tr("{state}（已填写，待导出）").format(state=state)
        return state

    def tooltip(self, row: NoticeRow, column: int) -> str | None:
        return row.response or None

    def background(self, row: NoticeRow, column: int) -> str | None:
        if column == self.COL_DAYS and row.state != "closed" and row.days < 0:
            return "#fde2e1"
        return None


class NoticePanel(Retranslating, QWidget):
    notice_activated = Signal(int, int)  # task no, notice id

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticePanel")
        self.review = QLabel()
        self.review.setObjectName("reviewComment")
        self.review.setWordWrap(True)
        self.review.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.review.hide()
        self.model = NoticeListModel(self)
        self.view = read_only_view(
            "noticeList", self.model, NoticeListModel.COL_TEXT, single_selection=True
        )
        self.empty = QLabel()
        self.empty.setObjectName("noNotices")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.review)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        self.view.activated.connect(self._activated)
        self.view.clicked.connect(self._activated)
        self._comment = ("", "")
        self.retranslate()

    def show_notices(self, rows: Sequence[NoticeRow]) -> None:
        self.model.set_rows(rows)
        self.view.setVisible(bool(rows))
        self.empty.setVisible(not rows)

    def show_review(self, state: str, comment: str) -> None:
        """The office's general comment on the period shown (hidden without one)."""
        self._comment = (state, comment)
        self.retranslate()

    def open_count(self) -> int:
        return sum(1 for r in self.model.rows if r.state != "closed")

    def _activated(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if isinstance(row, NoticeRow) and row.task is not None:
            self.notice_activated.emit(row.task, row.id)

    def retranslate(self) -> None:
        self.model.retranslate()
        self.empty.setText(self.tr("没有督办事项。"))
        state, comment = self._comment
        self.review.setVisible(bool(comment))
        if state == "returned":
            self.review.setText(self.tr("本期报送被退回修改：{comment}").format(comment=comment))
        else:
            self.review.setText(
                self.tr("市质量强市办的审核意见：{comment}").format(comment=comment)
            )
        dock = self.parentWidget()
        if dock is not None and dock.objectName() == "noticesDock":
            dock.setWindowTitle(self.tr("督办事项"))
