"""工作方案: the office's plans on the left, the chosen one in the editor on the right.

Every action goes through ``app.services.plans`` (PLANS_API.md), one short session per call:
list, open, new, copy, revise, save the draft (autosave), import a plan document or workbook
(on the thread pool, with a progress dialog), export the Excel template, publish.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QWidget,
)

from app.services import plans as svc
from app.ui.common.prefs import ui_settings
from app.ui.common.retranslate import Retranslating
from app.ui.common.tables import read_only_view
from app.ui.office.plans.draft_saver import DraftSaver, SaveLabel
from app.ui.office.plans.editor import PlanEditor
from app.ui.office.plans.plan_actions import PlanActions, create_actions
from app.ui.office.plans.plan_list import PlanListModel
from app.ui.office.plans.texts import say

if TYPE_CHECKING:
    from app.models.store import Store
    from app.ui.common.workers import Job

log = logging.getLogger(__name__)

KEY_PLANS_GEOMETRY = "plans/geometry"


def reason(exc: BaseException) -> str:
    """One line for the office: a refusal's words, or the exception's."""
    message = getattr(exc, "message", None)
    if message is not None and hasattr(message, "render"):
        return say(message)
    return str(exc) or type(exc).__name__


class PlansWindow(Retranslating, QMainWindow):
    published = Signal(str)  # a plan's new revision: the office window reloads its periods

    def __init__(self, store: Store, parent: QWidget | None = None, *, actor: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("plansWindow")
        self.store, self.actor = store, actor
        self.code: str | None = None  # the plan in the editor
        self.draft: svc.PlanDraft | None = None
        self._choosing = False
        self._issue = -1  # F8's place in the list of problems and guesses
        self.plan_dialog: QDialog | None = None  # the last dialog opened (window-modal)
        self.busy: QProgressDialog | None = None  # import or export under way
        self.job: Job | None = None
        self.list_model = PlanListModel(self)
        self.list_view = read_only_view(
            "planList", self.list_model, PlanListModel.COL_TITLE, single_selection=True
        )
        self.list_view.setMinimumWidth(360)
        self.editor = PlanEditor()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.list_view)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 1100])
        self.setCentralWidget(splitter)
        self.saver = DraftSaver(self)
        self.save_label = SaveLabel()
        self.count_label = QLabel()
        self.statusBar().addWidget(self.count_label, 1)
        self.statusBar().addPermanentWidget(self.save_label)
        self.plan_actions: PlanActions = create_actions(self)
        self.list_view.selectionModel().currentRowChanged.connect(self._plan_chosen)
        self.list_view.activated.connect(lambda _i: self.editor.tabs.setFocus())
        self.editor.revise_requested.connect(self.revise)
        self.editor.doc.edited.connect(self._edited)
        self.editor.checks.changed.connect(self._show_counts)
        self.editor.doc.guesses_changed.connect(self._show_counts)
        self.saver.saved.connect(self.save_label.saved)
        self.saver.failed.connect(self.save_label.failed)
        geometry = ui_settings().value(KEY_PLANS_GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1500, 900)
        self.retranslate()
        self.reload_list()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("工作方案 — 质量强市办"))
        self.list_model.retranslate()
        self.plan_actions.retranslate()
        self._show_counts()

    # -- the list --------------------------------------------------------------------------
    def reload_list(self, select: str | None = None) -> None:
        """The plans again from the store; ``select`` (else the one shown, else the latest)
        is chosen and opened afresh."""
        plans = svc.list_plans(self.store)
        self.list_model.set_rows(plans)
        wanted = select or self.code
        if wanted is None or self.list_model.row_of(wanted) < 0:
            wanted = plans[-1].code if plans else None
        if wanted is None:  # no plan at all (the only one was a draft, discarded)
            self.code, self.draft = None, None
            self.editor.load({}, (), read_only=True, revision=0)
        else:
            self._choosing = True  # the selection does not open it a second time
            self.list_view.selectRow(self.list_model.row_of(wanted))
            self._choosing = False
            if wanted != self.code or select is not None:
                self.open_plan(wanted)
        self.plan_actions.update(self)
        self._show_counts()

    def _plan_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._choosing:
            code = self.list_model.rows[current.row()].code
            if code != self.code:
                self.open_plan(code)

    def summary(self) -> svc.PlanSummary | None:
        row = self.list_model.row_of(self.code) if self.code else -1
        return self.list_model.rows[row] if row >= 0 else None

    # -- the plan in the editor ------------------------------------------------------------
    def open_plan(self, code: str, draft: svc.PlanDraft | None = None) -> None:
        """Show plan ``code``: its draft when there is one, else the published revision."""
        if not self.save_now():
            return
        draft = draft or svc.open_plan(self.store, code)
        self.code, self.draft = code, draft
        self._issue = -1
        self.editor.load(
            draft.plan, draft.guesses, read_only=draft.read_only, revision=draft.revision
        )
        self.save_label.clear()
        self.plan_actions.update(self)
        self._show_counts()

    def _edited(self) -> None:
        if self.code is None or self.editor.doc.read_only:
            return
        store, code, doc = self.store, self.code, self.editor.doc
        self.save_label.editing()
        self.saver.schedule(lambda: svc.save_draft(store, code, doc.plan, doc.guesses))

    def save_now(self) -> bool:
        """Write the pending draft now; False (and a message) if it cannot be saved."""
        if self.saver.flush():
            return True
        QMessageBox.warning(
            self,
            self.tr("草稿未能保存"),
            self.tr("方案草稿未能保存：{0}\n修改仍在窗口中，程序会自动重试。").format(
                self.save_label.text()
            ),
        )
        return False

    def _show_counts(self) -> None:
        if self.code is None:
            self.count_label.setText(self.tr("还没有工作方案：请新建、复制或从方案文件导入。"))
            return
        problems = len(self.editor.checks.problems)
        pending = len(self.editor.doc.open_guesses())
        state = self.tr("只读") if self.editor.doc.read_only else self.tr("草稿")
        self.count_label.setText(
            self.tr("{0}（{1}）：{2} 个问题，{3} 项待确认").format(
                self.code, state, problems, pending
            )
        )
        self.plan_actions.update(self)

    # -- actions (see plan_actions / plan_flows) -------------------------------------------
    def new_plan(self) -> QDialog:
        from app.ui.office.plans.plan_flows import new_plan

        return new_plan(self)

    def copy_plan(self) -> QDialog | None:
        from app.ui.office.plans.plan_flows import copy_plan

        return copy_plan(self)

    def import_file(self, path: Path | None = None) -> None:
        from app.ui.office.plans.plan_flows import import_file

        import_file(self, path)

    def export_template(self, path: Path | None = None) -> None:
        from app.ui.office.plans.plan_flows import export_template

        export_template(self, path)

    def write_package(self, path: Path | None = None, passphrase: str | None = None) -> None:
        from app.ui.office.plans.package_flow import write_package

        write_package(self, path, passphrase)

    def revise(self) -> None:
        if self.code is None or self.draft is None or not self.draft.read_only:
            return
        try:
            draft = svc.start_revision(self.store, self.code)
        except Exception as exc:
            log.exception("starting a revision failed")
            QMessageBox.warning(self, self.tr("无法修订"), reason(exc))
            return
        self.open_plan(self.code, draft)
        self.reload_list()

    def publish(self) -> QDialog | None:
        """The publish dialog: the changes and 发布, or why not yet."""
        from app.ui.office.plans.plan_flows import publish

        return publish(self)

    def discard_draft(self) -> None:
        from app.ui.office.plans.plan_flows import discard_draft

        discard_draft(self)

    def next_issue(self) -> None:
        """F8: the next problem, then the next guess to confirm."""
        pointers = [p.pointer for p in self.editor.checks.problems]
        pointers += [g.pointer for g in self.editor.doc.open_guesses()]
        if pointers:
            self._issue = (self._issue + 1) % len(pointers)
            self.editor.go_to(pointers[self._issue])

    # -- closing ---------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.saver.flush():
            answer = QMessageBox.question(
                self,
                self.tr("草稿未能保存"),
                self.tr("方案草稿未能保存：{0}\n仍要关闭吗？未保存的修改将丢失。").format(
                    self.save_label.text()
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        ui_settings().setValue(KEY_PLANS_GEOMETRY, self.saveGeometry())
        super().closeEvent(event)
