"""The left side of the main window: search box, filter buttons and the task list."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QRadioButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.ui.unit.task_list import (
    COL_DONE,
    COL_NO,
    COL_ROLE,
    COL_STATUS,
    COL_TITLE,
    FILTER_ALL,
    FILTER_ERRORS,
    FILTER_INCOMPLETE,
    TaskListModel,
)


class TaskPanel(QWidget):
    task_selected = Signal(int)  # the clerk moved to another task

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.model = TaskListModel(self)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setObjectName("taskSearch")
        self.filter_all = QRadioButton()
        self.filter_incomplete = QRadioButton()
        self.filter_errors = QRadioButton()
        self.filter_all.setChecked(True)
        self._filters = QButtonGroup(self)
        for button, kind in (
            (self.filter_all, FILTER_ALL),
            (self.filter_incomplete, FILTER_INCOMPLETE),
            (self.filter_errors, FILTER_ERRORS),
        ):
            button.setProperty("filter_kind", kind)
            self._filters.addButton(button)
        self.view = QTreeView()
        self.view.setObjectName("taskList")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAllColumnsShowFocus(True)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_NO, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for col in (COL_ROLE, COL_STATUS, COL_DONE):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)

        filters = QHBoxLayout()
        for button in (self.filter_all, self.filter_incomplete, self.filter_errors):
            filters.addWidget(button)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)

        self.search.textChanged.connect(self._search_changed)
        self._filters.buttonToggled.connect(self._filter_toggled)
        self.model.modelReset.connect(self._after_reset)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self._current: int | None = None
        self._quiet = False
        self.retranslate()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("搜索任务（编号或文字）  Ctrl+F"))
        self.filter_all.setText(self.tr("全部"))
        self.filter_incomplete.setText(self.tr("未完成"))
        self.filter_errors.setText(self.tr("有错误"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            model = self.model
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, model.columnCount() - 1)
            if model.rowCount():  # role and status labels follow the language
                last = model.index(model.rowCount() - 1, model.columnCount() - 1)
                model.dataChanged.emit(model.index(0, 0), last)
        super().changeEvent(event)

    # -- selection -------------------------------------------------------------------------
    def current_task(self) -> int | None:
        return self._current

    def select_task(self, no: int | None, *, notify: bool = True) -> bool:
        """Make ``no`` the current row (clearing search/filter if it is hidden)."""
        if no is None:
            return False
        row = self.model.row_of_task(no)
        if row is None and self.model.task_row(no) is not None:
            self._quiet = True
            self.search.clear()
            self.filter_all.setChecked(True)
            self._quiet = False
            self.model.set_search("")
            self.model.set_filter(FILTER_ALL)
            row = self.model.row_of_task(no)
        if row is None:
            return False
        self._quiet = not notify
        index = self.model.index(row, COL_TITLE)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)
        self._quiet = False
        self._current = no
        return True

    def step(self, delta: int) -> int | None:
        """Move to the next (1) or previous (-1) visible task; returns it or None at an end."""
        target = self.model.neighbour(self._current, delta)
        if target is not None:
            self.select_task(target)
        return target

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        no = self.model.task_at(current.row()) if current.isValid() else None
        if no is None:
            return
        changed = no != self._current
        self._current = no
        if changed and not self._quiet:
            self.task_selected.emit(no)

    def _after_reset(self) -> None:
        for row in range(self.model.rowCount()):
            if self.model.is_header(row):
                self.view.setFirstColumnSpanned(row, QModelIndex(), True)
        if self._current is not None:
            current = self.model.row_of_task(self._current)
            if current is not None:
                self._quiet = True
                self.view.selectionModel().setCurrentIndex(
                    self.model.index(current, COL_TITLE),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self._quiet = False

    # -- search and filters ------------------------------------------------------------------
    def _search_changed(self, text: str) -> None:
        if not self._quiet:
            self.model.set_search(text)

    def _filter_toggled(self, button: QRadioButton, checked: bool) -> None:
        if checked and not self._quiet:
            self.model.set_filter(str(button.property("filter_kind")))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
