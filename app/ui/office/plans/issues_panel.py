"""The editor's two lists under the tables: what breaks a rule, and what the import guessed.

Activating a line (double click or Enter) goes to its field. Guesses are confirmed one by one
(选中的确认, Space) or all at once; a confirmed guess stays listed, marked 已确认, until the
plan is published.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.ui.common.colors import ERROR_COLOR, OK_COLOR, WARN_COLOR
from app.ui.common.retranslate import Retranslating
from app.ui.common.table_model import ROW_ROLE, RowTableModel
from app.ui.common.tables import read_only_view
from app.ui.office.plans.document import PlanDocument
from app.ui.office.plans.marks import GUESS_BACKGROUND, PlanChecks, mark_icon
from app.ui.office.plans.texts import confirmed_word, pending_word, say, where

TAB_PROBLEMS, TAB_GUESSES = 0, 1


@dataclass(frozen=True)
class ProblemRow:
    pointer: str
    where: str
    message: str


@dataclass(frozen=True)
class GuessRow:
    pointer: str
    where: str
    what: str
    confirmed: bool


class ProblemsModel(RowTableModel[ProblemRow]):
    COL_WHERE, COL_MESSAGE = range(2)

    def headers(self) -> list[str]:
        return [self.tr("位置"), self.tr("问题")]

    def text(self, row: ProblemRow, column: int) -> str:
        return row.where if column == self.COL_WHERE else row.message

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and index.column() == self.COL_WHERE:
            return mark_icon("error")
        return super().data(index, role)


class GuessesModel(RowTableModel[GuessRow]):
    COL_WHERE, COL_WHAT, COL_STATE = range(3)

    def headers(self) -> list[str]:
        return [self.tr("位置"), self.tr("推测的内容"), self.tr("状态")]

    def text(self, row: GuessRow, column: int) -> str:
        if column == self.COL_WHERE:
            return row.where
        if column == self.COL_WHAT:
            return row.what
        return confirmed_word() if row.confirmed else pending_word()

    def background(self, row: GuessRow, column: int) -> str | None:
        return None if row.confirmed else GUESS_BACKGROUND

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and index.column() == self.COL_WHERE:
            row = self.rows[index.row()] if index.row() < len(self.rows) else None
            return None if row is None or row.confirmed else mark_icon("guess")
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.COL_STATE:
            row = self.rows[index.row()]
            return QColor(OK_COLOR) if row.confirmed else None
        return super().data(index, role)


class IssuesPanel(Retranslating, QTabWidget):
    go_to = Signal(str)  # the pointer of the activated line

    def __init__(self, doc: PlanDocument, checks: PlanChecks, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("planIssues")
        self.doc, self.checks = doc, checks
        self.problems = ProblemsModel(self)
        self.problem_view = read_only_view("problemList", self.problems, 1, wrap=False)
        self.guesses = GuessesModel(self)
        self.guess_view = read_only_view("guessList", self.guesses, 1, wrap=False)
        self.guess_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("confirmSelected")
        self.confirm_all_button = QPushButton()
        self.confirm_all_button.setObjectName("confirmAll")
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.confirm_all_button.clicked.connect(self.confirm_all)
        space = QShortcut(QKeySequence(Qt.Key.Key_Space), self.guess_view)
        space.setContext(Qt.ShortcutContext.WidgetShortcut)
        space.activated.connect(self.confirm_selected)
        guess_page = QWidget()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.confirm_all_button)
        layout = QVBoxLayout(guess_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.guess_view, 1)
        layout.addLayout(buttons)
        self.addTab(self.problem_view, "")
        self.addTab(guess_page, "")
        for view in (self.problem_view, self.guess_view):
            view.activated.connect(self._activated)
        checks.changed.connect(self.show_problems)
        doc.guesses_changed.connect(self.show_guesses)
        doc.reset.connect(self.show_guesses)
        self.retranslate()

    def retranslate(self) -> None:
        self.confirm_button.setText(self.tr("确认所选(空格)"))
        self.confirm_all_button.setText(self.tr("全部确认"))
        self.confirm_all_button.setToolTip(self.tr("确认列表中全部待确认的内容"))
        self.problems.retranslate()
        self.guesses.retranslate()
        self.show_problems()
        self.show_guesses()

    def show_problems(self) -> None:
        plan = self.doc.plan
        rows = [
            ProblemRow(p.pointer, where(p.pointer, plan), say(p.message))
            for p in self.checks.problems
        ]
        self.problems.set_rows(rows)
        self.tabBar().setTabTextColor(TAB_PROBLEMS, QColor(ERROR_COLOR) if rows else QColor())
        self.setTabText(TAB_PROBLEMS, self.tr("问题（{0}）").format(len(rows)))

    def show_guesses(self) -> None:
        rows = [
            GuessRow(g.pointer, say(g.where), say(g.what), g.confirmed) for g in self.doc.guesses
        ]
        self.guesses.set_rows(rows)
        pending = sum(not g.confirmed for g in rows)
        self.setTabText(TAB_GUESSES, self.tr("待确认（{0}）").format(pending))
        self.confirm_button.setEnabled(pending > 0 and not self.doc.read_only)
        self.confirm_all_button.setEnabled(pending > 0 and not self.doc.read_only)
        self.tabBar().setTabTextColor(TAB_GUESSES, QColor(WARN_COLOR) if pending else QColor())

    def selected_guesses(self) -> list[str]:
        rows = {i.row() for i in self.guess_view.selectionModel().selectedRows()}
        current = self.guess_view.currentIndex()
        if not rows and current.isValid():
            rows = {current.row()}
        return [self.guesses.rows[r].pointer for r in sorted(rows) if r < len(self.guesses.rows)]

    def confirm_selected(self) -> None:
        self.doc.confirm(self.selected_guesses())

    def confirm_all(self) -> None:
        self.doc.confirm(g.pointer for g in self.doc.open_guesses())

    def _activated(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None:
            self.go_to.emit(row.pointer)
