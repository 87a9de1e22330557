"""退回修改: a general comment and a comment beside any of the unit's tasks.

One row per task the unit reports on; the office types in the 意见 column (F2, or just type).
A return needs at least one word, in the general comment or beside a task, so the unit learns
what to change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.common.colors import ERROR_COLOR
from app.ui.common.retranslate import Retranslating

COL_TASK, COL_COMMENT = range(2)
MAX_COMMENT = 2000  # a comment travels in a signed feedback file: keep it a paragraph


class ReturnDialog(Retranslating, QDialog):
    def __init__(
        self,
        heading: str,
        tasks: Sequence[tuple[str, str]],
        *,
        comment: str = "",
        task_comments: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``tasks``: (number, title) of each task the unit reports on; ``comment`` and
        ``task_comments`` fill the fields (a return made before, to amend)."""
        super().__init__(parent)
        self.setObjectName("returnDialog")
        self.heading = QLabel(heading)
        self.heading.setObjectName("returnHeading")
        self.heading.setWordWrap(True)
        self.comment_label = QLabel()
        self.comment = QPlainTextEdit(comment)
        self.comment.setObjectName("returnComment")
        self.comment.setTabChangesFocus(True)  # Tab leaves the box: the dialog stays keyboard-led
        self.comment.setMaximumHeight(90)
        self.comment_label.setBuddy(self.comment)
        self.tasks_label = QLabel()
        self.table = self._task_table(tasks, task_comments or {})
        self.tasks_label.setBuddy(self.table)
        self.problem = QLabel()
        self.problem.setObjectName("returnProblem")
        self.problem.setStyleSheet(f"color: {ERROR_COLOR};")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.comment_label)
        layout.addWidget(self.comment)
        layout.addWidget(self.tasks_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(760, 560)
        self.retranslate()

    @staticmethod
    def _task_table(tasks: Sequence[tuple[str, str]], existing: Mapping[str, str]) -> QTableWidget:
        """Task (read only) and comment (typed in place) per task the unit reports on."""
        table = QTableWidget(len(tasks), 2)
        table.setObjectName("returnTaskComments")
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        table.setTabKeyNavigation(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(COL_TASK, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_COMMENT, QHeaderView.ResizeMode.Stretch)
        table.setColumnWidth(COL_TASK, 300)
        for row, (no, title) in enumerate(tasks):
            item = QTableWidgetItem(f"{no}. {title}")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setData(Qt.ItemDataRole.UserRole, no)
            item.setToolTip(title)
            table.setItem(row, COL_TASK, item)
            table.setItem(row, COL_COMMENT, QTableWidgetItem(existing.get(no, "")))
        return table

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("退回修改"))
        self.comment_label.setText(self.tr("总体意见(&G)："))
        self.tasks_label.setText(self.tr("任务意见(&T)（选中意见栏直接输入，不需要的留空）："))
        self.table.setHorizontalHeaderLabels([self.tr("任务"), self.tr("意见")])
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("退回(&R)"))
        ok.setObjectName("returnConfirm")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("取消"))

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.comment.setFocus()

    # -- what the office wrote ---------------------------------------------------------------
    def general_comment(self) -> str:
        return self.comment.toPlainText().strip()[:MAX_COMMENT]

    def task_comments(self) -> dict[str, str]:
        """Task number → comment, only the tasks with words."""
        out: dict[str, str] = {}
        for row in range(self.table.rowCount()):
            task = self.table.item(row, COL_TASK)
            text = self.table.item(row, COL_COMMENT)
            words = text.text().strip()[:MAX_COMMENT] if text is not None else ""
            if task is not None and words:
                out[str(task.data(Qt.ItemDataRole.UserRole))] = words
        return out

    def set_task_comment(self, task: str, text: str) -> None:
        """Write beside task ``task`` (tests, and a comment started from the detail pane)."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, COL_TASK)
            comment = self.table.item(row, COL_COMMENT)
            if (
                item is not None
                and comment is not None
                and str(item.data(Qt.ItemDataRole.UserRole)) == task
            ):
                comment.setText(text)
                self.table.setCurrentCell(row, COL_COMMENT)
                return

    def accept(self) -> None:
        if self.table.state() == QAbstractItemView.State.EditingState:  # commit the open editor
            self.table.setCurrentCell(-1, -1)
        if not self.general_comment() and not self.task_comments():
            self.problem.setText(self.tr("请写明退回的原因：总体意见或至少一项任务意见。"))
            self.comment.setFocus()
            return
        super().accept()
