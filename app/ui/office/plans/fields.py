"""Single fields bound to a place in the plan (the plan's title and year, a task's full text).

Typing pushes one merged undo command per field; undo and redo (Ctrl+Z / Ctrl+Y, also while
the field has focus) go to the plan's one stack, not to the widget's own history. A broken
rule shows beside the field (a red note and border, the message as tooltip); a guess shows
amber with 待确认, and typing in the field confirms it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from app.ui.common.colors import ERROR_COLOR, WARN_COLOR
from app.ui.office.plans import pointers as jp
from app.ui.office.plans.document import PlanDocument
from app.ui.office.plans.marks import ERROR_BACKGROUND, GUESS_BACKGROUND, PlanChecks
from app.ui.office.plans.table_model import parse_cell, show_cell
from app.ui.office.plans.texts import pending_word, say

_REDO_KEYS = (QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z"))


def undo_or_redo(event: QEvent) -> bool:
    """A key that means undo or redo (the platform's, plus Ctrl+Y and Ctrl+Shift+Z)."""
    if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
        return False
    if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
        return True
    pressed = QKeySequence(event.keyCombination())
    return any(pressed.matches(k) == QKeySequence.SequenceMatch.ExactMatch for k in _REDO_KEYS)


class _PlanKeys(QObject):
    """Lets undo/redo keys through to the window's actions (the plan's stack)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if undo_or_redo(event):
            event.ignore()
            return True
        return False


class BoundField(QObject):
    """One widget (QLineEdit or QPlainTextEdit) showing the value at ``pointer``."""

    def __init__(
        self,
        doc: PlanDocument,
        checks: PlanChecks,
        widget: QLineEdit | QPlainTextEdit,
        pointer: str | None,
        kind: str = "text",
    ) -> None:
        super().__init__(widget)
        self.doc, self.checks, self.widget, self.kind = doc, checks, widget, kind
        self.pointer = pointer
        self.note = QLabel()
        self.note.setObjectName(widget.objectName() + "Note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {ERROR_COLOR};")
        self.note.hide()
        self._keys = _PlanKeys(self)
        widget.installEventFilter(self._keys)
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(self._typed)
        else:
            widget.textChanged.connect(self._typed)
        doc.value_changed.connect(self._value_changed)
        doc.reset.connect(self.show_value)
        doc.guesses_changed.connect(self.show_marks)
        checks.changed.connect(self.show_marks)
        self.show_value()

    def bind(self, pointer: str | None) -> None:
        self.pointer = pointer
        self.show_value()

    def text(self) -> str:
        w = self.widget
        return w.text() if isinstance(w, QLineEdit) else w.toPlainText()

    def show_value(self) -> None:
        value = self.doc.value(self.pointer) if self.pointer else jp.MISSING
        text = show_cell(self.kind, value)
        self.widget.setReadOnly(self.doc.read_only or self.pointer is None)
        if text != self.text():
            self.widget.blockSignals(True)
            if isinstance(self.widget, QLineEdit):
                self.widget.setText(text)
            else:
                self.widget.setPlainText(text)
            self.widget.blockSignals(False)
        self.show_marks()

    def _typed(self, *_args: Any) -> None:
        if self.pointer is None or self.doc.read_only:
            return
        self.doc.set_value(self.pointer, parse_cell(self.kind, self.text()), typing=True)

    def _value_changed(self, pointer: str) -> None:
        if self.pointer is not None and jp.under(self.pointer, pointer):
            self.show_value()

    def show_marks(self) -> None:
        pointer = self.pointer
        problems = self.checks.inside(pointer) if pointer else []
        guess = self.doc.open_guess(pointer) if pointer else None
        lines = [say(p.message) for p in problems]
        if guess is not None:
            lines.append(f"{pending_word()}：{say(guess.what)}")
        self.widget.setToolTip("\n".join(lines))
        self.note.setText("\n".join(lines))
        self.note.setVisible(bool(lines))
        color = ERROR_COLOR if problems else WARN_COLOR
        self.note.setStyleSheet(f"color: {color};")
        background = ERROR_BACKGROUND if problems else GUESS_BACKGROUND if guess else ""
        name = self.widget.objectName()
        self.widget.setStyleSheet(
            f"#{name} {{ background: {background}; border: 1px solid {color}; }}"
            if background
            else ""
        )

    def focus(self) -> None:
        self.widget.setFocus(Qt.FocusReason.OtherFocusReason)


def labelled(label: QLabel, field: BoundField) -> QWidget:
    """The field with its note below it, for a form row."""
    from PySide6.QtWidgets import QVBoxLayout

    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field.widget)
    layout.addWidget(field.note)
    label.setBuddy(field.widget)
    return box
