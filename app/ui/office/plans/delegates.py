"""Cell editors of the plan tables: a list to choose from (roles, comparators, units,
sections, period kinds) and a calendar for dates; everything else is typed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.ui.office.plans.table_model import CHOICE, DATE, Column, PlanTableModel

_Index = QModelIndex | QPersistentModelIndex
ISO = Qt.DateFormat.ISODate


def _column(index: _Index) -> tuple[PlanTableModel, Column] | None:
    model = index.model()
    if isinstance(model, PlanTableModel):
        return model, model.columns[index.column()]
    return None


class PlanDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> Any:
        found = _column(index)
        if found is not None and found[1].kind == CHOICE and found[1].choices is not None:
            combo = QComboBox(parent)
            combo.setObjectName("cellChoice")
            for label, value in found[1].choices(found[0].doc.plan):
                combo.addItem(label, value)
            return combo
        if found is not None and found[1].kind == DATE:
            edit = QDateEdit(parent)
            edit.setObjectName("cellDate")
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            return edit
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QDateEdit):
            date = QDate.fromString(str(value or ""), ISO)
            editor.setDate(date if date.isValid() else _default_date(index))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QDateEdit):
            model.setData(index, editor.date().toString(ISO))
        else:
            super().setModelData(editor, model, index)


def _default_date(index: _Index) -> QDate:
    """An empty date starts in the plan's year (not in 2000, QDateEdit's own default)."""
    found = _column(index)
    year = found[0].doc.value("/plan/year") if found is not None else None
    return QDate(year if isinstance(year, int) and 2000 <= year <= 2100 else 2000, 1, 1)
