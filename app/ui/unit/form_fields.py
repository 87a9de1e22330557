"""Small pieces every form uses: the red message under a field, the red border, counters."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSizePolicy, QWidget

from app.ui.common.status_icons import ERROR_COLOR

# The red border follows a dynamic property, so widgets keep their native look otherwise.
FORM_STYLE = f"""
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"] {{
    border: 2px solid {ERROR_COLOR}; border-radius: 3px;
}}
QLabel[role="error"] {{ color: {ERROR_COLOR}; }}
QLabel[role="hint"] {{ color: #5f6b7a; }}
QLabel[role="counter"] {{ color: #5f6b7a; }}
QLabel[role="counter"][over="true"] {{ color: {ERROR_COLOR}; font-weight: bold; }}
"""


def set_invalid(widget: QWidget, invalid: bool) -> None:
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


class ErrorLabel(QLabel):
    """The message shown under a field; takes no room when there is nothing to say."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "error")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class CounterLabel(QLabel):
    """'120 / 2000', turning red past the limit (the limit counts cleaned text, as the core)."""

    def __init__(self, limit: int, parent: Any = None) -> None:
        super().__init__(parent)
        self.limit = limit
        self.setProperty("role", "counter")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.set_count(0)

    def set_count(self, n: int) -> None:
        self.setText(f"{n} / {self.limit}")
        over = n > self.limit
        if bool(self.property("over")) != over:
            self.setProperty("over", over)
            self.style().unpolish(self)
            self.style().polish(self)


class TextBox(QPlainTextEdit):
    """A QPlainTextEdit that asks for its minimum height, not Qt's default 192 px."""

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumHeight())


def text_box(lines: int, *, grow: bool = False) -> QPlainTextEdit:
    """A plain-text field ``lines`` lines high (from the font, so right at any DPI); ``grow``
    lets it take the spare height. Tab moves on, for keyboard-only use."""
    box = TextBox()
    box.setTabChangesFocus(True)
    box.setUndoRedoEnabled(False)  # the form's own undo stack covers every field
    height = box.fontMetrics().lineSpacing() * lines + 2 * box.frameWidth() + 10
    if grow:
        box.setMinimumHeight(height)
        box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    else:
        box.setFixedHeight(height)
    return box
