"""审核(&R): the review and 督办 commands of the office window, by keyboard from any page.

受理 and 退回 act on the unit chosen on the page on screen (the matrix's current cell, the
tracker's row); from another page they open the tracker to choose one. 全部无误受理 acts on
the window's period.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from app.ui.common.retranslate import Retranslating

if TYPE_CHECKING:
    from app.ui.office.window import OfficeWindow


class ReviewMenu(Retranslating, QMenu):
    def __init__(self, window: OfficeWindow) -> None:
        super().__init__(window)
        self.setObjectName("reviewMenu")
        self.window_ = window
        from app.ui.office import answers_wiring as w  # the window module is loaded by now

        self.accept_action = self._action(
            "Ctrl+Shift+A", lambda: w.review_current(window, "accept")
        )
        self.return_action = self._action(
            "Ctrl+Shift+R", lambda: w.review_current(window, "return")
        )
        self.accept_all_action = self._action("", lambda: w.accept_all_clean(window))
        self.addSeparator()
        self.notice_action = self._action("Ctrl+Shift+D", lambda: w.add_notice(window))
        self.retranslate()

    def _action(self, keys: str, slot: Callable[[], object]) -> QAction:
        action = QAction(self)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        self.window_.addAction(action)  # the shortcut works with the menu closed
        return action

    def retranslate(self) -> None:
        self.setTitle(self.tr("审核(&R)"))
        self.accept_action.setText(self.tr("受理所选单位(&A)"))
        self.accept_action.setToolTip(self.tr("受理所选单位本报告期的当前版本（Ctrl+Shift+A）"))
        self.return_action.setText(self.tr("退回所选单位(&R)…"))
        self.return_action.setToolTip(self.tr("退回所选单位的当前版本并写明意见（Ctrl+Shift+R）"))
        self.accept_all_action.setText(self.tr("全部无误受理(&L)…"))
        self.notice_action.setText(self.tr("新增督办(&D)…"))

    def set_enabled(self, on: bool) -> None:
        for action in self.actions():
            action.setEnabled(on)
