"""Copy from the previous period: the clerk ticks the tasks to prefill (blank here and filled
there are ticked already)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from app.ui.common.i18n import status_label
from app.ui.common.retranslate import Retranslating

if TYPE_CHECKING:
    from app.domain.catalog import TaskInfo
    from app.services.entries import EntryService
    from app.ui.unit.window import MainWindow


@dataclass(frozen=True)
class CopyChoice:
    no: int
    title: str
    previous_status: str | None  # None: nothing filled in the previous period
    current_status: str | None  # None: blank in this period


def copy_choices(
    service: EntryService, period: str, tasks: Mapping[int, tuple[TaskInfo, str]]
) -> list[CopyChoice]:
    """Each task with what it holds in the previous period and in this one."""
    prev = service.catalog.previous_period(period)
    if prev is None:
        return []
    before = {e.draft.task_no: e for e in service.list_period(prev.code)}
    now = {e.draft.task_no: e for e in service.list_period(period)}
    return [
        CopyChoice(
            no,
            task.title,
            before[no].draft.status if no in before and before[no].filled else None,
            now[no].draft.status if no in now and now[no].filled else None,
        )
        for no, (task, _) in tasks.items()
    ]


class CopyDialog(Retranslating, QDialog):
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


def copy_from_previous(window: MainWindow) -> None:
    """文件 → 从上期复制…: the dialog of choices; the window copies what the clerk ticked.
    The words are the window's (translation context ``MainWindow``)."""
    period = window.current_period()
    if period is None:
        return
    translate = QCoreApplication.translate
    service = window.service()
    window.autosaver.flush()
    catalog = service.catalog
    prev = catalog.previous_period(period)
    if prev is None:
        QMessageBox.information(
            window,
            translate("MainWindow", "从上期复制"),
            translate("MainWindow", "这是第一个报告期，没有可复制的上期内容。"),
        )
        return
    tasks = {t.no: (t, role) for t, role in service.tasks()}
    choices = copy_choices(service, period, tasks)
    dialog = CopyDialog(catalog.period(period).title, prev.title, choices, window)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        window.apply_copy(dialog.chosen(), dialog.overwrite.isChecked())
