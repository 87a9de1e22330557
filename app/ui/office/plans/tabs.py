"""The editor's tabs: the plan's header as a form, tasks with their text, units and targets,
groups with their members; the other lists are plain tables (``TablePanel``).

Each tab answers ``go_to(pointer)``: it shows and focuses the field a problem or a guess names.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.ui.common.colors import HINT_COLOR
from app.ui.common.retranslate import Retranslating
from app.ui.office.plans import pointers as jp
from app.ui.office.plans.document import PlanDocument
from app.ui.office.plans.fields import BoundField, labelled
from app.ui.office.plans.marks import PlanChecks
from app.ui.office.plans.members import MembersPanel
from app.ui.office.plans.table_model import DATE, INT, TEXT
from app.ui.office.plans.table_panel import TablePanel
from app.ui.office.plans.tables import ASSIGNMENTS, GROUPS, TARGETS, TASKS
from app.ui.office.plans.texts import field_name

HEADER_FIELDS = (
    ("code", TEXT),
    ("title", TEXT),
    ("year", INT),
    ("issuer", TEXT),
    ("published", DATE),
    ("source", TEXT),
)


class HeaderTab(Retranslating, QWidget):
    """基本信息: code (fixed when the plan is made), title, year, issuer, dates, source."""

    def __init__(self, doc: PlanDocument, checks: PlanChecks, parent: Any = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, BoundField] = {}
        self.labels: dict[str, QLabel] = {}
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {HINT_COLOR};")
        form.addRow(self.hint)
        for key, kind in HEADER_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"plan_{key}")
            field = BoundField(doc, checks, edit, f"/plan/{key}", kind)
            self.fields[key] = field
            self.labels[key] = QLabel()
            form.addRow(self.labels[key], labelled(self.labels[key], field))
        self.fields["code"].widget.setEnabled(False)  # the plan's key in the store
        self.retranslate()

    def retranslate(self) -> None:
        self.hint.setText(
            self.tr("方案编号在新建时确定，不能修改。发布日期写成 2017-03-15 这样的格式。")
        )
        for key, label in self.labels.items():
            label.setText(field_name(key) + "：")

    def go_to(self, pointer: str) -> bool:
        steps = jp.parts(pointer)
        field = self.fields.get(steps[1] if len(steps) > 1 else "") or self.fields["title"]
        field.focus()
        return True


class TasksTab(Retranslating, QWidget):
    """The tasks, and below them the chosen task's full text, units and targets."""

    def __init__(self, doc: PlanDocument, checks: PlanChecks, parent: Any = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.tasks = TablePanel(doc, checks, TASKS, "/tasks")
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("taskText")
        self.text_edit.setTabChangesFocus(True)
        self.text = BoundField(doc, checks, self.text_edit, None)
        self.text_label = QLabel()
        self.units = TablePanel(doc, checks, ASSIGNMENTS, None)
        self.targets = TablePanel(doc, checks, TARGETS, None)
        text_box = QWidget()
        text_layout = QVBoxLayout(text_box)
        text_layout.setContentsMargins(0, 0, 0, 0)
        text_layout.addWidget(self.text_label)
        text_layout.addWidget(labelled(self.text_label, self.text), 1)
        detail = QSplitter(Qt.Orientation.Horizontal)
        detail.setChildrenCollapsible(False)
        for part in (text_box, self.units, self.targets):
            detail.addWidget(part)
        detail.setSizes([420, 300, 480])
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.tasks)
        splitter.addWidget(detail)
        splitter.setSizes([360, 260])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.tasks.view.selectionModel().currentRowChanged.connect(self._task_chosen)
        self.tasks.model.modelReset.connect(self._rebind)
        self.tasks.model.rowsInserted.connect(self._rebind)
        self.tasks.model.rowsRemoved.connect(self._rebind)
        self.retranslate()

    def retranslate(self) -> None:
        self.tasks.set_caption(self.tr("任务（选中一项，在下方编辑全文、责任单位和目标值）"))
        self.text_label.setText(self.tr("任务全文(&T)："))
        self.units.set_caption(self.tr("责任单位"))
        self.targets.set_caption(self.tr("目标值"))

    def current_task(self) -> int | None:
        index = self.tasks.view.currentIndex()
        return index.row() if index.isValid() else None

    def _task_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._bind(current.row() if current.isValid() else None)

    def _rebind(self, *_args: object) -> None:
        row = self.current_task()
        if row is None and self.tasks.model.rowCount():
            self.tasks.select(0)
            return
        self._bind(row)

    def _bind(self, row: int | None) -> None:
        base = f"/tasks/{row}" if row is not None else None
        self.text.bind(f"{base}/text" if base else None)
        self.units.bind(f"{base}/units" if base else None)
        self.targets.bind(f"{base}/targets" if base else None)

    def go_to(self, pointer: str) -> bool:
        row = jp.row_of(pointer, "/tasks")
        if row is None:  # the list itself (no task at all)
            self.tasks.view.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        self.tasks.select(row, self.tasks.model.column_of(jp.field_of(pointer, "/tasks") or ""))
        key = jp.field_of(pointer, "/tasks")
        if key == "text":
            self.text.focus()
            return True
        if key == "units" and self.units.go_to(pointer):
            return True
        if key == "targets" and self.targets.go_to(pointer):
            return True
        return self.tasks.go_to(pointer)


class GroupsTab(Retranslating, QWidget):
    """Groups (各成员单位, 各区政府 …) and the chosen group's members."""

    def __init__(self, doc: PlanDocument, checks: PlanChecks, parent: Any = None) -> None:
        super().__init__(parent)
        self.groups = TablePanel(doc, checks, GROUPS, "/groups")
        self.members = MembersPanel(doc, checks)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.groups)
        splitter.addWidget(self.members)
        splitter.setSizes([700, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.groups.view.selectionModel().currentRowChanged.connect(self._chosen)
        self.groups.model.modelReset.connect(self._rebind)
        self.groups.model.rowsInserted.connect(self._rebind)
        self.groups.model.rowsRemoved.connect(self._rebind)
        self.retranslate()

    def retranslate(self) -> None:
        self.groups.set_caption(self.tr("单位组（任务的责任单位可以是一个组，如“各成员单位”）"))

    def _chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.members.bind(f"/groups/{current.row()}/members" if current.isValid() else None)

    def _rebind(self, *_args: object) -> None:
        index = self.groups.view.currentIndex()
        if not index.isValid() and self.groups.model.rowCount():
            self.groups.select(0)
            return
        self.members.bind(f"/groups/{index.row()}/members" if index.isValid() else None)

    def go_to(self, pointer: str) -> bool:
        found = self.groups.go_to(pointer)
        if found and jp.field_of(pointer, "/groups") == "members":
            self.members.focus()
        return found
