"""Form-level undo: one command per field edit, merged while the clerk keeps typing there.

Undo restores a value even after it was autosaved, and the restored value is saved again:
the form treats it like any other edit.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtGui import QUndoCommand

Apply = Callable[[str, str], None]  # (field, value) -> put it in the widget and the draft


class FieldEdit(QUndoCommand):
    MERGE_ID = 7301

    def __init__(
        self, key: Hashable, field: str, old: str, new: str, apply: Apply, text: str = ""
    ) -> None:
        super().__init__(text or field)
        self.key = key
        self.field = field
        self.old = old
        self.new = new
        self._apply = apply
        self._first = True
        self.sealed = False  # a sealed command takes no more keystrokes

    def id(self) -> int:
        return self.MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (
            not isinstance(other, FieldEdit)
            or self.sealed
            or other.field != self.field
            or other.key != self.key
        ):
            return False
        self.new = other.new
        if self.new == self.old:
            self.setObsolete(True)  # typed and deleted again: nothing to undo
        return True

    def redo(self) -> None:
        if self._first:  # the widget already shows the new value when the edit is pushed
            self._first = False
            return
        self._apply(self.field, self.new)

    def undo(self) -> None:
        self._apply(self.field, self.old)
