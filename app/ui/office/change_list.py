"""Field-by-field differences (the importer's FieldChange) as readable rows."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from app.ui.common.i18n import field_label

if TYPE_CHECKING:
    from app.domain.catalog import Catalog


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


def change_subject(change: Any, catalog: Catalog | None) -> str:
    if change.task is not None:
        title = ""
        if catalog is not None:
            try:
                title = catalog.task(change.task).title
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


class ChangeTable(QTableWidget):
    """任务/指标 | 项目 | 原值 | 新值, one row per changed field."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(0, 4, parent)
        self.setObjectName("changeTable")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        # Rows follow the columns' widths (a paragraph re-wraps when the dialog is resized).
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("ChangeList", "任务/指标"),
                QCoreApplication.translate("ChangeList", "项目"),
                QCoreApplication.translate("ChangeList", "原值"),
                QCoreApplication.translate("ChangeList", "新值"),
            ]
        )

    def show_changes(self, changes: Iterable[Any], catalog: Catalog | None) -> None:
        rows = list(changes)
        self.setRowCount(len(rows))
        for i, c in enumerate(rows):
            cells = (
                change_subject(c, catalog),
                change_field(c.field),
                change_value(c.field, c.old) or "—",
                change_value(c.field, c.new) or "—",
            )
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                self.setItem(i, j, item)
