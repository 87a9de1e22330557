"""The plan being edited: its JSON, its guesses, and the undo stack every change goes through.

Views never write the JSON themselves: they push a command (``set_value``, ``insert_row``,
``remove_row``, ``confirm``) and follow the signals. One stack for the whole plan, so Ctrl+Z
undoes the last change wherever it was made. A guess travels with its field: editing a
guessed field confirms it, rows inserted or removed above it move its pointer, and undo puts
both back.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.services.plans import Guess
from app.ui.office.plans import pointers as jp

MERGE_TYPING = 7401


class PlanDocument(QObject):
    value_changed = Signal(str)  # the pointer whose value was set
    about_to_insert = Signal(str, int)  # list pointer, row
    inserted = Signal(str, int)
    about_to_remove = Signal(str, int)
    removed = Signal(str, int)
    reset = Signal()  # another plan (or another state of it) entirely
    guesses_changed = Signal()
    edited = Signal()  # any change by the user (or its undo): save and check again

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan: dict[str, Any] = {}
        self.guesses: tuple[Guess, ...] = ()
        self.read_only = True
        self.undo_stack = QUndoStack(self)

    # -- loading ---------------------------------------------------------------------------
    def load(self, plan: dict[str, Any], guesses: Sequence[Guess], read_only: bool) -> None:
        self.undo_stack.clear()
        self.plan = copy.deepcopy(plan)
        self.guesses = tuple(guesses)
        self.read_only = read_only
        self.reset.emit()
        self.guesses_changed.emit()

    # -- reading ---------------------------------------------------------------------------
    def value(self, pointer: str) -> Any:
        return jp.get(self.plan, pointer)

    def rows(self, list_pointer: str) -> list[Any]:
        return jp.items(self.plan, list_pointer)

    def open_guess(self, pointer: str) -> Guess | None:
        """The unconfirmed guess made exactly at ``pointer``."""
        return next((g for g in self.guesses if g.pointer == pointer and not g.confirmed), None)

    def open_guesses(self) -> list[Guess]:
        return [g for g in self.guesses if not g.confirmed]

    # -- changing (each a command on the stack) --------------------------------------------
    def set_value(self, pointer: str, value: Any, *, typing: bool = False) -> bool:
        """Set one value; ``typing`` merges it with the previous keystroke in the same field."""
        old = self.value(pointer)
        if self.read_only or old == value:
            return False
        self.undo_stack.push(_SetValue(self, pointer, old, value, typing))
        return True

    def set_values(self, changes: Iterable[tuple[str, Any]], text: str = "") -> None:
        """Several values as one undo step (a renamed unit and every reference to it)."""
        wanted = [(p, v) for p, v in changes if self.value(p) != v]
        if self.read_only or not wanted:
            return
        self.undo_stack.beginMacro(text or wanted[0][0])
        for pointer, value in wanted:
            self.undo_stack.push(_SetValue(self, pointer, self.value(pointer), value, False))
        self.undo_stack.endMacro()

    def insert_row(self, list_pointer: str, row: int, value: Any) -> None:
        if not self.read_only:
            self.undo_stack.push(_InsertRow(self, list_pointer, row, value))

    def remove_row(self, list_pointer: str, row: int) -> None:
        if not self.read_only and 0 <= row < len(self.rows(list_pointer)):
            self.undo_stack.push(_RemoveRow(self, list_pointer, row))

    def confirm(self, pointers: Iterable[str]) -> int:
        """Confirm the open guesses at these pointers; returns how many."""
        wanted = set(pointers)
        after = tuple(
            replace(g, confirmed=True) if g.pointer in wanted and not g.confirmed else g
            for g in self.guesses
        )
        count = sum(a != b for a, b in zip(after, self.guesses, strict=True))
        if count and not self.read_only:
            self.undo_stack.push(_Guesses(self, after))
        return count if not self.read_only else 0

    # -- applied by the commands -----------------------------------------------------------
    def _put(self, pointer: str, value: Any) -> None:
        jp.put(self.plan, pointer, copy.deepcopy(value))
        self.value_changed.emit(pointer)

    def _insert(self, list_pointer: str, row: int, value: Any) -> None:
        self.about_to_insert.emit(list_pointer, row)
        self.rows(list_pointer).insert(row, copy.deepcopy(value))
        self.inserted.emit(list_pointer, row)

    def _remove(self, list_pointer: str, row: int) -> Any:
        self.about_to_remove.emit(list_pointer, row)
        value = self.rows(list_pointer).pop(row)
        self.removed.emit(list_pointer, row)
        return value

    def _set_guesses(self, guesses: tuple[Guess, ...]) -> None:
        if guesses != self.guesses:
            self.guesses = guesses
            self.guesses_changed.emit()

    def _moved_guesses(self, list_pointer: str, row: int, delta: int) -> tuple[Guess, ...]:
        out = []
        for g in self.guesses:
            moved = jp.shifted(g.pointer, list_pointer, row, delta)
            if moved is not None:
                out.append(replace(g, pointer=moved) if moved != g.pointer else g)
        return tuple(out)


class _Command(QUndoCommand):
    """Keeps the guesses as they were before and after, so undo restores them exactly."""

    def __init__(self, doc: PlanDocument, text: str) -> None:
        super().__init__(text)
        self.doc = doc
        self.guesses_before = doc.guesses
        self.guesses_after = doc.guesses

    def _done(self) -> None:
        self.doc._set_guesses(self.guesses_after)
        self.doc.edited.emit()

    def _undone(self) -> None:
        self.doc._set_guesses(self.guesses_before)
        self.doc.edited.emit()


class _SetValue(_Command):
    def __init__(self, doc: PlanDocument, pointer: str, old: Any, new: Any, typing: bool) -> None:
        super().__init__(doc, pointer)
        self.pointer, self.old, self.new, self.typing = pointer, old, new, typing
        self.guesses_after = tuple(  # editing a guessed field confirms it
            replace(g, confirmed=True) if g.pointer == pointer else g for g in doc.guesses
        )

    def id(self) -> int:
        return MERGE_TYPING if self.typing else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _SetValue) or not other.typing or other.pointer != self.pointer:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.doc._put(self.pointer, self.new)
        self._done()

    def undo(self) -> None:
        self.doc._put(self.pointer, self.old)
        self._undone()


class _InsertRow(_Command):
    def __init__(self, doc: PlanDocument, list_pointer: str, row: int, value: Any) -> None:
        super().__init__(doc, list_pointer)
        self.list_pointer, self.row, self.item = list_pointer, row, copy.deepcopy(value)
        self.guesses_after = doc._moved_guesses(list_pointer, row, 1)

    def redo(self) -> None:
        self.doc._insert(self.list_pointer, self.row, self.item)
        self._done()

    def undo(self) -> None:
        self.doc._remove(self.list_pointer, self.row)
        self._undone()


class _RemoveRow(_Command):
    def __init__(self, doc: PlanDocument, list_pointer: str, row: int) -> None:
        super().__init__(doc, list_pointer)
        self.list_pointer, self.row = list_pointer, row
        self.item = copy.deepcopy(doc.rows(list_pointer)[row])
        self.guesses_after = doc._moved_guesses(list_pointer, row, -1)

    def redo(self) -> None:
        self.doc._remove(self.list_pointer, self.row)
        self._done()

    def undo(self) -> None:
        self.doc._insert(self.list_pointer, self.row, self.item)
        self._undone()


class _Guesses(_Command):
    def __init__(self, doc: PlanDocument, after: tuple[Guess, ...]) -> None:
        super().__init__(doc, "confirm")
        self.guesses_after = after

    def redo(self) -> None:
        self._done()

    def undo(self) -> None:
        self._undone()
