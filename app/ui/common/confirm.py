"""A yes-or-no question whose safe answer is the default (No): Enter or Esc changes nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirmed(parent: QWidget | None, title: str, text: str, *, warning: bool = False) -> bool:
    """True when the user answered Yes; ``warning``: the question is about something that
    cannot be undone or may be an attack (a warning icon)."""
    ask = QMessageBox.warning if warning else QMessageBox.question
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    answer = ask(parent, title, text, buttons, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
