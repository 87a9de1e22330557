"""A yes-or-no question defaults to No: Enter or Esc on it changes nothing (real keys on the
real message box)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from app.ui.common.confirm import confirmed


def _answer_with(key: Qt.Key | None) -> None:
    """On the next modal box: press ``key``, or click its Yes button (None)."""

    def act() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        if key is None:
            QTest.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
        else:
            QTest.keyClick(box, key)

    QTimer.singleShot(0, act)


@pytest.mark.parametrize("warning", [False, True])
@pytest.mark.parametrize(
    ("key", "answer"), [(Qt.Key.Key_Return, False), (Qt.Key.Key_Escape, False), (None, True)]
)
def test_only_yes_says_yes(qtbot: Any, warning: bool, key: Qt.Key | None, answer: bool) -> None:
    _answer_with(key)
    assert confirmed(None, "标题", "继续吗？", warning=warning) is answer
