"""The dialog of one file from the office (a plan package or a feedback file): a busy bar while
the file is checked and applied on the thread pool, then either the refusal with its reason
(nothing was changed) or what changed, as lines of where and what.

The dialog only shows: the words come from a ``Content`` callable the flow gives it, asked
again when the interface language changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout

from app.ui.common.colors import ERROR_COLOR, OK_COLOR
from app.ui.common.plan_change_list import Line, LinesModel
from app.ui.common.retranslate import Retranslating
from app.ui.common.tables import read_only_view


@dataclass(frozen=True)
class Content:
    heading: str
    text: str = ""
    lines: Sequence[Line] = field(default_factory=tuple)
    ok: bool = True


class OfficeFileDialog(Retranslating, QDialog):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("officeFileDialog")
        self.heading = QLabel()
        self.heading.setObjectName("officeFileHeading")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.message = QLabel()
        self.message.setObjectName("officeFileMessage")
        self.message.setWordWrap(True)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # one file is checked in a second or two: a busy bar
        self.busy.setTextVisible(False)
        self.model = LinesModel(self)
        self.view = read_only_view("officeFileLines", self.model, LinesModel.COL_TEXT)
        self.view.setMinimumSize(680, 220)
        self.view.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.busy)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)
        self.content: Callable[[], Content] | None = None
        self.finished_work = False
        self.resize(760, 260)
        self.retranslate()

    def working(self, content: Callable[[], Content]) -> None:
        """The file is being checked: the busy bar, Close disabled (nothing half-applied)."""
        self.finished_work = False
        self.busy.show()
        self.buttons.setEnabled(False)
        self._show(content)

    def finish(self, content: Callable[[], Content]) -> None:
        self.finished_work = True
        self.busy.hide()
        self.buttons.setEnabled(True)
        self._show(content)
        self.buttons.setFocus()

    def _show(self, content: Callable[[], Content]) -> None:
        self.content = content
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("导入市质量强市办的文件"))
        if self.content is None:
            return
        c = self.content()
        self.heading.setText(c.heading)
        self.heading.setStyleSheet(f"color: {OK_COLOR if c.ok else ERROR_COLOR};")
        self.message.setText(c.text)
        self.message.setVisible(bool(c.text))
        self.model.set_rows(c.lines)
        self.model.retranslate()
        self.view.setVisible(bool(c.lines))
        if c.lines:
            self.resize(max(self.width(), 820), max(self.height(), 460))
            self.view.resizeRowsToContents()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.view.resizeRowsToContents()
