"""One editable table model over a list of the plan (``/units``, ``/tasks/3/targets`` …).

Its columns (``Column``) say which key of a row they show and how it is typed; the model
turns what the clerk types into JSON (a number stays text when it is none, so the check can
say so beside the field), pushes the change on the document's undo stack, and shows the marks:
a broken rule's cell red with its message as tooltip, a guessed cell amber with 待确认, and
the row's icon when anything inside it needs attention.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.ui.office.plans import pointers as jp
from app.ui.office.plans.document import PlanDocument
from app.ui.office.plans.marks import ERROR_BACKGROUND, GUESS_BACKGROUND, PlanChecks, mark_icon
from app.ui.office.plans.texts import pending_word, say

_Index = QModelIndex | QPersistentModelIndex
POINTER_ROLE = Qt.ItemDataRole.UserRole + 1  # the cell's JSON pointer

TEXT, INT, NUMBER, BOOL, DATE, LIST, CHOICE, SHOW = (
    "text",
    "int",
    "number",
    "bool",
    "date",
    "list",
    "choice",
    "show",
)
Choices = Callable[[dict[str, Any]], list[tuple[str, Any]]]  # the plan -> (label, value)
# (plan, row pointer, old value, new value) -> further (pointer, value) changes
Also = Callable[[dict[str, Any], str, Any, Any], list[tuple[str, Any]]]


@dataclass(frozen=True)
class Column:
    key: str
    kind: str
    header: Callable[[], str]
    choices: Choices | None = None
    show: Callable[[dict[str, Any], dict[str, Any]], str] | None = None  # (plan, row) -> text
    active: Callable[[dict[str, Any]], bool] | None = None  # does the row use this field?
    optional: bool = False  # emptied, the key goes (value_max, owner)
    also: Also | None = None  # what else changes with it, in the same undo step


def parse_cell(kind: str, text: str) -> Any:
    """What a typed text becomes in the JSON: a number when it is one, else the text."""
    text = text.strip()
    if kind == INT:
        return int(text) if re.fullmatch(r"-?\d{1,9}", text) else text
    if kind == NUMBER:
        try:
            number = Decimal(text.replace(",", ""))
        except InvalidOperation:
            return text
        if not number.is_finite():
            return text
        return int(number) if number == number.to_integral_value() else float(number)
    if kind == LIST:
        return [p.strip() for p in re.split(r"[、,，;；\n]", text) if p.strip()]
    return text


def show_cell(kind: str, value: Any) -> str:
    if value is jp.MISSING or value is None:
        return ""
    if kind == LIST and isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


class PlanTableModel(QAbstractTableModel):
    def __init__(
        self,
        doc: PlanDocument,
        checks: PlanChecks,
        columns: list[Column],
        list_pointer: str | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.doc, self.checks, self.columns = doc, checks, columns
        self.list_pointer = list_pointer
        doc.about_to_insert.connect(self._about_to_insert)
        doc.inserted.connect(self._inserted)
        doc.about_to_remove.connect(self._about_to_remove)
        doc.removed.connect(self._removed)
        doc.value_changed.connect(self._value_changed)
        doc.reset.connect(self._reset)
        doc.guesses_changed.connect(self.repaint)
        checks.changed.connect(self.repaint)
        self._resetting = False

    # -- where ------------------------------------------------------------------------------
    def bind(self, list_pointer: str | None) -> None:
        """Show another list (the detail tables follow the selected task or group)."""
        if list_pointer != self.list_pointer:
            self.beginResetModel()
            self.list_pointer = list_pointer
            self.endResetModel()

    def row_pointer(self, row: int) -> str:
        return f"{self.list_pointer}/{row}"

    def cell_pointer(self, row: int, column: int) -> str:
        return jp.child(self.row_pointer(row), self.columns[column].key)

    def column_of(self, key: str) -> int:
        return next((i for i, c in enumerate(self.columns) if c.key == key), 0)

    def item(self, row: int) -> dict[str, Any]:
        items = self.doc.rows(self.list_pointer) if self.list_pointer else []
        value = items[row] if 0 <= row < len(items) else {}
        return value if isinstance(value, dict) else {}

    # -- Qt model --------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or not self.list_pointer:
            return 0
        return len(self.doc.rows(self.list_pointer))

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header() if 0 <= section < len(self.columns) else None
        return str(section + 1)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = self.columns[index.column()]
        if self.doc.read_only or column.kind == SHOW or not self._active(index):
            return base
        if column.kind == BOOL:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def _active(self, index: _Index) -> bool:
        active = self.columns[index.column()].active
        return active is None or active(self.item(index.row()))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self.rowCount():
            return None
        row, column = index.row(), self.columns[index.column()]
        pointer = self.cell_pointer(row, index.column())
        value = self.doc.value(pointer)
        if role == Qt.ItemDataRole.DisplayRole:
            text = self._display(row, column, value)
            guessed = self.doc.open_guess(pointer) is not None
            return f"{text} · {pending_word()}" if guessed else text
        if role == Qt.ItemDataRole.EditRole:
            return value if column.kind in (CHOICE, BOOL) else show_cell(column.kind, value)
        if role == Qt.ItemDataRole.CheckStateRole and column.kind == BOOL:
            return Qt.CheckState.Checked if value is True else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, index.column()) or None
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row, pointer)
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return self._row_icon(row)
        if role == POINTER_ROLE:
            return pointer
        return None

    def _display(self, row: int, column: Column, value: Any) -> str:
        if column.kind == SHOW and column.show is not None:
            return column.show(self.doc.plan, self.item(row))
        if column.kind == BOOL:
            return ""
        if column.kind == CHOICE and column.choices is not None:
            labels = {v: label for label, v in column.choices(self.doc.plan)}
            return labels.get(value, show_cell(TEXT, value))
        return show_cell(column.kind, value)

    def _background(self, row: int, pointer: str) -> QBrush | None:
        """Red for a broken rule here; amber for a guess here or about the whole row (a
        proposed unit, a group)."""
        if self.checks.at(pointer) or self.checks.at(self.row_pointer(row)):
            return QBrush(QColor(ERROR_BACKGROUND))
        guessed = self.doc.open_guess(pointer) or self.doc.open_guess(self.row_pointer(row))
        return QBrush(QColor(GUESS_BACKGROUND)) if guessed is not None else None

    def _row_icon(self, row: int) -> Any:
        pointer = self.row_pointer(row)
        if self.checks.inside(pointer):
            return mark_icon("error")
        if any(jp.under(g.pointer, pointer) for g in self.doc.open_guesses()):
            return mark_icon("guess")
        return None

    def _tooltip(self, row: int, column: int) -> str:
        pointer = self.cell_pointer(row, column)
        inside = self.row_pointer(row) if column == 0 else pointer
        lines = [say(p.message) for p in self.checks.inside(inside)]
        guesses = [g for g in self.doc.open_guesses() if jp.under(g.pointer, inside)]
        lines += [f"{pending_word()}：{say(g.what)}" for g in guesses]
        return "\n".join(lines)

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not (self.flags(index) & ~Qt.ItemFlag.ItemIsSelectable):
            return False
        column = self.columns[index.column()]
        pointer = self.cell_pointer(index.row(), index.column())
        if role == Qt.ItemDataRole.CheckStateRole and column.kind == BOOL:
            new: Any = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        elif column.kind in (CHOICE, BOOL):
            new = value
        else:
            new = parse_cell(column.kind, str(value))
        if column.optional and new in ("", None, []):
            new = jp.MISSING
        old = self.doc.value(pointer)
        more = (
            []
            if column.also is None
            else column.also(self.doc.plan, self.row_pointer(index.row()), old, new)
        )
        if not more:
            return self.doc.set_value(pointer, new)
        self.doc.set_values([(pointer, new), *more], text=pointer)
        return True

    # -- following the document ------------------------------------------------------------
    def repaint(self) -> None:
        rows, columns = self.rowCount(), self.columnCount()
        if rows and columns and not self._resetting:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, columns - 1))

    def _about_to_insert(self, list_pointer: str, row: int) -> None:
        if list_pointer == self.list_pointer:
            self.beginInsertRows(QModelIndex(), row, row)
        elif self._inside(list_pointer):
            self._begin_reset()

    def _inserted(self, list_pointer: str, _row: int) -> None:
        if list_pointer == self.list_pointer:
            self.endInsertRows()
        elif self._resetting:
            self._end_reset()
        else:
            self.repaint()

    def _about_to_remove(self, list_pointer: str, row: int) -> None:
        if list_pointer == self.list_pointer:
            self.beginRemoveRows(QModelIndex(), row, row)
        elif self._inside(list_pointer):
            self._begin_reset()

    def _removed(self, list_pointer: str, _row: int) -> None:
        if list_pointer == self.list_pointer:
            self.endRemoveRows()
        elif self._resetting:
            self._end_reset()
        else:
            self.repaint()

    def _inside(self, list_pointer: str) -> bool:
        """Our list lies inside a list that changes shape (its rows move under us)."""
        return self.list_pointer is not None and self.list_pointer.startswith(list_pointer + "/")

    def _value_changed(self, pointer: str) -> None:
        if self.list_pointer is not None and jp.under(self.list_pointer, pointer):
            self._begin_reset()  # the whole list (or what holds it) was replaced
            self._end_reset()
        else:
            self.repaint()

    def _reset(self) -> None:
        self._begin_reset()
        self._end_reset()

    def _begin_reset(self) -> None:
        self._resetting = True
        self.beginResetModel()

    def _end_reset(self) -> None:
        self.endResetModel()
        self._resetting = False
