"""Copy from the previous period: the clerk ticks the tasks to prefill (blank here and filled
there are ticked already)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from app.ui.common.i18n import status_label


@dataclass(frozen=True)
class CopyChoice:
    no: int
    title: str
    previous_status: str | None  # None: nothing filled in the previous period
    current_status: str | None  # None: blank in this period


class CopyDialog(QDialog):
    def __init__(
        self, period_title: str, previous_title: str, choices: list[CopyChoice], parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("copyDialog")
        self._period_title = period_title
        self._previous_title = previous_title
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("copyTasks")
        self.tree.setColumnCount(3)
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.items: dict[int, QTreeWidgetItem] = {}
        for c in choices:
            item = QTreeWidgetItem(self.tree)
            item.setText(0, f"{c.no}. {c.title}")
            item.setData(0, Qt.ItemDataRole.UserRole, c.no)
            item.setData(1, Qt.ItemDataRole.UserRole, c.previous_status)
            item.setData(2, Qt.ItemDataRole.UserRole, c.current_status)
            if c.previous_status is None:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setCheckState(0, Qt.CheckState.Unchecked)
            else:
                checked = c.current_status is None
                item.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.items[c.no] = item
        self.overwrite = QCheckBox()
        self.overwrite.setObjectName("copyOverwrite")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.overwrite)
        layout.addWidget(self.buttons)
        self.tree.itemChanged.connect(lambda *_: self._update_ok())
        self.resize(720, 520)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("从上期复制"))
        self.intro.setText(
            self.tr(
                "把“{prev}”已填写的内容复制到“{this}”，再在此基础上修改。"
                "已勾选的是本期尚未填写、上期已填写的任务。"
            ).format(prev=self._previous_title, this=self._period_title)
        )
        self.tree.setHeaderLabels([self.tr("任务"), self.tr("上期"), self.tr("本期")])
        for item in self.items.values():
            prev = item.data(1, Qt.ItemDataRole.UserRole)
            cur = item.data(2, Qt.ItemDataRole.UserRole)
            item.setText(1, status_label(prev) if prev else self.tr("未填写"))
            item.setText(2, status_label(cur) if cur else self.tr("未填写"))
        self.overwrite.setText(self.tr("覆盖本期已填写的内容（勾选的任务）"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText(self.tr("复制(&C)"))
        self._update_ok()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(bool(self.chosen()))

    def chosen(self) -> list[int]:
        return [
            no
            for no, item in self.items.items()
            if item.checkState(0) == Qt.CheckState.Checked
            and item.flags() & Qt.ItemFlag.ItemIsEnabled
        ]

    def set_checked(self, no: int, checked: bool) -> None:
        self.items[no].setCheckState(
            0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        )
