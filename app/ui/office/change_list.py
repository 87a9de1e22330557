"""Field-by-field differences (the importer's FieldChange) as readable rows."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.ui.common.i18n import field_label
from app.ui.common.table_model import RowTableModel

if TYPE_CHECKING:
    from app.domain.catalog import Catalog
    from app.services.office_import import FieldChange


def change_field(field: str) -> str:
    if field == "targets":
        return QCoreApplication.translate("ChangeList", "目标实际值")
    return field_label(field)


def change_value(field: str, value: str) -> str:
    """Target actuals are stored as JSON {name: "decimal"}: show them as 名称：值 lines."""
    if field != "targets" or not value:
        return value
    try:
        data = json.loads(value)
    except ValueError:
        return value
    if not isinstance(data, dict):
        return value
    return "\n".join(f"{k}：{'—' if v is None else v}" for k, v in data.items())


def change_subject(change: FieldChange, catalog: Catalog | None) -> str:
    if change.task is not None:
        title = ""
        if catalog is not None:
            try:
                title = catalog.task_in_history(change.task).title
            except KeyError:
                title = ""
        return (
            QCoreApplication.translate("ChangeList", "任务 {0} {1}")
            .format(change.task, title)
            .strip()
        )
    name = ""
    if catalog is not None:
        name = next((i.name for i in catalog.indicators if i.no == change.indicator), "")
    return (
        QCoreApplication.translate("ChangeList", "指标 {0} {1}")
        .format(change.indicator, name)
        .strip()
    )


COL_SUBJECT, COL_FIELD, COL_OLD, COL_NEW = range(4)


class ChangeModel(RowTableModel["FieldChange"]):
    """任务/指标 | 项目 | 原值 | 新值, one row per changed field."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalog: Catalog | None = None  # names the tasks and indicators

    def show_changes(self, changes: Iterable[FieldChange], catalog: Catalog | None) -> None:
        self.catalog = catalog
        self.set_rows(changes)

    def headers(self) -> list[str]:
        return [
            QCoreApplication.translate("ChangeList", "任务/指标"),
            QCoreApplication.translate("ChangeList", "项目"),
            QCoreApplication.translate("ChangeList", "原值"),
            QCoreApplication.translate("ChangeList", "新值"),
        ]

    def text(self, row: FieldChange, column: int) -> str:
        if column == COL_SUBJECT:
            return change_subject(row, self.catalog)
        if column == COL_FIELD:
            return change_field(row.field)
        value = row.old if column == COL_OLD else row.new
        return change_value(row.field, value) or "—"

    def tooltip(self, row: FieldChange, column: int) -> str | None:
        return self.text(row, column)

    def alignment(self, row: FieldChange, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft


class ChangeTable(QTableView):
    """The differences of one file against the current version."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changeTable")
        self.changes = ChangeModel(self)
        self.setModel(self.changes)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        # Rows follow the columns' widths (a paragraph re-wraps when the dialog is resized).
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.horizontalHeader()
        header.setSectionResizeMode(COL_SUBJECT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_FIELD, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_OLD, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_NEW, QHeaderView.ResizeMode.Stretch)

    def retranslate(self) -> None:
        self.changes.retranslate()

    def show_changes(self, changes: Iterable[FieldChange], catalog: Catalog | None) -> None:
        self.changes.show_changes(changes, catalog)
