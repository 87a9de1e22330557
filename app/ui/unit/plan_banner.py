"""The clerk's word that the plan changed: a banner above the tasks after a new revision of
the plan arrived, with 查看变更 (the list of changes, as the office saw it when publishing)
and 知道了. Either marks the revision seen, so the banner does not come back for it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from app.ui.common.plan_change_list import Line, LinesModel
from app.ui.common.retranslate import Retranslating
from app.ui.common.tables import read_only_view

BANNER_STYLE = "#planChangedBanner { background: #fff3c4; border: 1px solid #e0b84c; }"


class ChangesDialog(Retranslating, QDialog):
    def __init__(
        self, title: str, revision: int, lines: Sequence[Line], parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("planChangesDialog")
        self.plan_title, self.revision = title, revision
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.model = LinesModel(self)
        self.model.set_rows(lines)
        self.view = read_only_view("planChangeLines", self.model, LinesModel.COL_TEXT)
        self.view.setMinimumSize(720, 300)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.view.resizeRowsToContents()  # now that the columns have their width: long lines wrap

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("工作方案的变更"))
        self.heading.setText(
            self.tr("“{0}”已修订为第 {1} 版，变更如下（共 {2} 处）：").format(
                self.plan_title, self.revision, self.model.rowCount()
            )
        )


class PlanChangedBanner(Retranslating, QFrame):
    """Hidden until ``show_changes``; ``seen`` once the clerk looked or dismissed it."""

    seen = Signal(str, int)  # plan code, revision

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("planChangedBanner")
        self.setStyleSheet(BANNER_STYLE)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.view_button = QPushButton()
        self.view_button.setObjectName("viewPlanChanges")
        self.dismiss_button = QPushButton()
        self.dismiss_button.setObjectName("dismissPlanChanges")
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.view_button)
        layout.addWidget(self.dismiss_button)
        self.view_button.clicked.connect(self.open_changes)
        self.dismiss_button.clicked.connect(self.dismiss)
        self.code, self.title, self.revision = "", "", 0
        self.lines: list[Line] = []
        self.dialog: ChangesDialog | None = None
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.view_button.setText(self.tr("查看变更(&V)"))
        self.dismiss_button.setText(self.tr("知道了"))
        self.dismiss_button.setToolTip(self.tr("不再提示这一版的变更"))
        self._say()

    def show_changes(self, code: str, title: str, revision: int, lines: Sequence[Line]) -> None:
        self.code, self.title, self.revision, self.lines = code, title, revision, list(lines)
        self._say()
        self.setVisible(bool(self.lines))

    def _say(self) -> None:
        self.label.setText(
            self.tr(
                "市质量强市办修订了“{0}”（第 {1} 版，{2} 处变更）。请查看变更后再继续填报。"
            ).format(self.title, self.revision, len(self.lines))
        )

    def open_changes(self) -> ChangesDialog:
        """The list of changes (window-modal); the revision counts as seen once shown."""
        dialog = ChangesDialog(self.title, self.revision, self.lines, self.window())
        self.dialog = dialog
        dialog.open()
        self.dismiss()
        return dialog

    def dismiss(self) -> None:
        self.hide()
        if self.code:
            self.seen.emit(self.code, self.revision)
