"""A plan table with its buttons: add a row (Ins), remove it (Ctrl+Del), confirm its guesses.

Cells are edited in place (type to start, F2, or a double click); choices and dates open
their own editors (``PlanDelegate``). "确认本表全部" confirms the open guesses of this table's
rows and fields, not those of the tables inside them.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui.common.retranslate import Retranslating
from app.ui.office.plans import pointers as jp
from app.ui.office.plans.delegates import PlanDelegate
from app.ui.office.plans.document import PlanDocument
from app.ui.office.plans.marks import PlanChecks
from app.ui.office.plans.table_model import TEXT, PlanTableModel
from app.ui.office.plans.tables import TableSpec


class TablePanel(Retranslating, QWidget):
    def __init__(
        self,
        doc: PlanDocument,
        checks: PlanChecks,
        spec: TableSpec,
        list_pointer: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.doc, self.spec = doc, spec
        self.model = PlanTableModel(doc, checks, spec.columns, list_pointer, self)
        self.view = QTableView()
        self.view.setObjectName(spec.name)
        self.view.setModel(self.model)
        self.view.setItemDelegate(PlanDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.caption = QLabel()
        self.add_button = QPushButton()
        self.add_button.setObjectName(spec.name + "Add")
        self.remove_button = QPushButton()
        self.remove_button.setObjectName(spec.name + "Remove")
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName(spec.name + "Confirm")
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.confirm_button.clicked.connect(self.confirm_table)
        for key, slot in (("Ins", self.add_row), ("Ctrl+Del", self.remove_row)):
            shortcut = QShortcut(QKeySequence(key), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.caption)
        bar.addStretch(1)
        for button in (self.add_button, self.remove_button, self.confirm_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.model.modelReset.connect(self._fit)
        doc.guesses_changed.connect(self._update_buttons)
        self.view.selectionModel().currentChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("添加(Ins)"))
        self.add_button.setToolTip(self.tr("在当前行之后添加一行（Ins）"))
        self.remove_button.setText(self.tr("删除"))
        self.remove_button.setToolTip(self.tr("删除当前行（Ctrl+Del）"))
        self.confirm_button.setToolTip(self.tr("确认本表中全部待确认的内容"))
        self._update_buttons()

    def set_caption(self, text: str) -> None:
        self.caption.setText(text)

    # -- rows ------------------------------------------------------------------------------
    def bind(self, list_pointer: str | None) -> None:
        self.model.bind(list_pointer)
        self._update_buttons()

    def add_row(self) -> None:
        lp = self.model.list_pointer
        if lp is None or self.doc.read_only:
            return
        current = self.view.currentIndex()
        row = current.row() + 1 if current.isValid() else self.model.rowCount()
        self.doc.insert_row(lp, row, self.spec.new_row(self.doc.plan, lp))
        column = next((i for i, c in enumerate(self.spec.columns) if c.kind == TEXT), 0)
        self.select(row, column)
        self.view.edit(self.model.index(row, column))

    def remove_row(self) -> None:
        lp, current = self.model.list_pointer, self.view.currentIndex()
        if lp is None or not current.isValid() or self.doc.read_only:
            return
        self.doc.remove_row(lp, current.row())
        rows = self.model.rowCount()
        if rows:
            self.select(min(current.row(), rows - 1), current.column())

    def select(self, row: int, column: int = 0) -> None:
        index = self.model.index(row, column)
        if not index.isValid():
            return
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.view.scrollTo(index)

    def go_to(self, pointer: str) -> bool:
        """Show and focus the cell at ``pointer`` (or its row); False if not in this table."""
        lp = self.model.list_pointer
        row = jp.row_of(pointer, lp) if lp else None
        if row is None or row >= self.model.rowCount():
            return False
        key = jp.field_of(pointer, lp or "")
        column = self.model.column_of(key) if key else 0
        self.select(row, column)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    # -- guesses ---------------------------------------------------------------------------
    def table_guesses(self) -> list[str]:
        """The open guesses of this table: on its rows or its rows' own fields."""
        lp = self.model.list_pointer
        if lp is None:
            return []
        depth = len(jp.parts(lp))
        return [
            g.pointer
            for g in self.doc.open_guesses()
            if jp.row_of(g.pointer, lp) is not None and len(jp.parts(g.pointer)) <= depth + 2
        ]

    def confirm_table(self) -> None:
        self.doc.confirm(self.table_guesses())

    def _update_buttons(self, *_args: object) -> None:
        editable = not self.doc.read_only and self.model.list_pointer is not None
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable and self.view.currentIndex().isValid())
        open_here = len(self.table_guesses())
        self.confirm_button.setVisible(open_here > 0)
        self.confirm_button.setEnabled(editable)
        self.confirm_button.setText(self.tr("确认本表全部（{0}）").format(open_here))

    def _fit(self) -> None:
        """Columns as wide as their contents (within reason); one takes the spare width."""
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        stretch = self.spec.stretch % max(1, self.model.columnCount())
        for i in range(self.model.columnCount()):
            header.resizeSection(i, max(min(header.sectionSize(i), 360), 64))
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
