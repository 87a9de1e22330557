"""发布: what the new revision changes, confirmed before it goes to the units; or why it cannot
be published yet (broken rules, guesses not confirmed), with the way to the first of them.

The same list of changes shows in the clerk's window (``ChangesDialog``), so the office sees
what the units will see.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from app.ui.common.colors import ERROR_COLOR
from app.ui.common.plan_change_list import Line, LinesModel
from app.ui.common.retranslate import Retranslating
from app.ui.common.tables import read_only_view


class PublishDialog(Retranslating, QDialog):
    """Either the changes and 发布, or the reasons and 去处理 (``chosen_pointer``)."""

    def __init__(
        self,
        title: str,
        revision: int,
        changes: list[Line],
        reasons: list[Line],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("publishDialog")
        self.plan_title, self.revision = title, revision
        self.refused = bool(reasons)
        self.chosen_pointer: str | None = None
        self.heading = QLabel()
        self.heading.setObjectName("publishHeading")
        self.heading.setWordWrap(True)
        self.model = LinesModel(self)
        self.model.set_rows(reasons or changes)
        self.view = read_only_view("publishLines", self.model, 1)
        self.view.setMinimumSize(760, 320)
        self.buttons = QDialogButtonBox()
        self.publish_button: QPushButton | None = None
        self.fix_button: QPushButton | None = None
        if self.refused:
            self.fix_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
            self.fix_button.setObjectName("publishFix")
            self.fix_button.clicked.connect(lambda: self._fix(0))
            self.heading.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        else:
            self.publish_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
            self.publish_button.setObjectName("publishConfirm")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.view.activated.connect(lambda index: self._fix(index.row()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.view.resizeRowsToContents()  # now that the columns have their width: long lines wrap

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("发布工作方案"))
        count = self.model.rowCount()
        if self.refused:
            self.heading.setText(
                self.tr(
                    "“{0}”还不能发布：下面 {1} 项需要先处理（改正问题，确认推测的内容）。"
                ).format(self.plan_title, count)
            )
        elif self.revision <= 1:
            self.heading.setText(
                self.tr(
                    "发布“{0}”第 1 版？发布后各单位即可按此方案填报；以后的修改将成为新的版本。"
                    "方案内容如下："
                ).format(self.plan_title)
            )
        else:
            self.heading.setText(
                self.tr(
                    "发布“{0}”第 {1} 版？与第 {2} 版相比有以下 {3} 处变更，各单位将看到这些变更。"
                ).format(self.plan_title, self.revision, self.revision - 1, count)
            )
        if self.fix_button is not None:
            self.fix_button.setText(self.tr("去处理(&G)"))
        if self.publish_button is not None:
            self.publish_button.setText(self.tr("发布(&P)"))

    def _fix(self, row: int = 0) -> None:
        rows = self.model.rows
        if self.refused and rows:
            self.chosen_pointer = rows[min(max(row, 0), len(rows) - 1)].pointer
            self.reject()
