"""The unit clerk's main window: period bar, task list, progress form, indicators, summary.

The window is painted first as an empty frame (title, remembered geometry, "opening…"); its
widgets are built and filled by ``attach`` once the store is open. So nothing heavy (the Qt
namespace, the core's rules, the form) is loaded before the first paint (docs/design.md §6).
Every user action opens its own short session through the EntryService; no widget keeps one.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Mapping
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.config import default_log_dir
from app.ui.common.i18n import switch_language
from app.ui.common.retranslate import Retranslating
from app.ui.unit.autosave import Autosaver, SaveStateLabel
from app.ui.unit.window_layout import restore_geometry, restore_state, save_layout

if TYPE_CHECKING:  # loaded by ensure_built()/attach(), after the first paint
    from app.domain.catalog import TaskInfo
    from app.domain.entry_rules import EntryDraft, FieldError, IndicatorDraft
    from app.services.entries import EntryService, SavedEntry, SavedIndicator
    from app.services.entry_types import EntryReads
    from app.services.unit_setup import UnitProfileInfo
    from app.ui.unit.task_list import TaskRow

log = logging.getLogger(__name__)


STATE_PERIOD = "ui.period"
STATE_TASK = "ui.task"
TAB_ENTRY, TAB_INDICATORS = 0, 1


class MainWindow(Retranslating, QMainWindow):
    def __init__(
        self,
        *,
        today: Callable[[], date] = date.today,
        data_dir: str = "",
        log_dir: Path | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._today = today
        self._data_dir = data_dir
        self.log_dir = log_dir if log_dir is not None else default_log_dir()
        self._service: EntryService | None = None
        self._reads: EntryReads | None = None  # the service, or the first view until bind
        # Set while the store's service loads behind the first view: binds it at once.
        self.binding: Callable[[], None] | None = None
        self._profile: UnitProfileInfo | None = None
        self._tasks: dict[int, tuple[TaskInfo, str]] = {}
        self._period: str | None = None
        # Set by the export feature; called with the period code once the period is valid.
        self.export_handler: Callable[[str], None] | None = None
        self.autosaver = Autosaver(parent=self)
        self._built = False
        self._fresh_layout = True
        self.opening = QLabel()  # the first frame: painted before anything is loaded
        self.opening.setObjectName("openingLabel")
        self.opening.setContentsMargins(24, 24, 24, 24)
        self.setCentralWidget(self.opening)
        self._retranslate_frame()
        restore_geometry(self)
        self.autosaver.saved.connect(self._saved)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    # -- building --------------------------------------------------------------------------
    def ensure_built(self) -> None:
        """Build every widget (once): after the first paint, before data is shown."""
        if self._built:
            return
        from app.ui.unit.actions import create_actions

        self._build()
        self.acts = create_actions(self)
        self._built = True
        self.retranslate()
        self._fresh_layout = restore_state(self)
        if self.isVisible():
            self._size_summary()

    def _build(self) -> None:
        from PySide6.QtCore import Qt

        from app.ui.unit.entry_form import EntryForm
        from app.ui.unit.indicator_page import IndicatorPage
        from app.ui.unit.period_bar import PeriodBar
        from app.ui.unit.plan_switch import plan_banner
        from app.ui.unit.task_panel import TaskPanel

        self.plan_banner = plan_banner(self)
        self.period_bar = PeriodBar(self._today)
        self.task_panel = TaskPanel()
        self.form = EntryForm()
        self.indicators = IndicatorPage()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("formTabs")
        self.tabs.addTab(self.form, "")
        self.tabs.addTab(self.indicators, "")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.task_panel)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.addWidget(self.plan_banner)
        layout.addWidget(self.period_bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self._build_docks()
        self.task_panel.task_selected.connect(self._task_selected)
        self.period_bar.period_changed.connect(self._period_selected)
        self.form.edited.connect(self._entry_edited)
        self.indicators.edited.connect(self._indicator_edited)
        self.summary.error_activated.connect(self.go_to_error)

        # Keyboard order: period, search, filters, list, then the form's own chain.
        chain = [self.period_bar.combo, *self.task_panel.focus_chain(), self.form.first_field()]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _build_docks(self) -> None:
        """本期汇总 and 督办事项 below, the status bar's labels; files dropped on the window."""
        from PySide6.QtCore import Qt

        from app.ui.unit.answers import AnswersController
        from app.ui.unit.office_files import DropImporter
        from app.ui.unit.summary_panel import SummaryPanel

        self.summary = SummaryPanel()
        self.summary_dock = QDockWidget()
        self.summary_dock.setObjectName("summaryDock")
        self.summary_dock.setWidget(self.summary)
        self.summary_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.summary_dock)
        self.answers = AnswersController(self, self._today)  # the office's word, 督办 dock
        self.drops = DropImporter(self)  # plan packages and feedback files dropped on it

        self.saved_label = SaveStateLabel()
        self.autosaver.failed.connect(self.saved_label.failed)
        self.who_label = QLabel()
        self.statusBar().addPermanentWidget(self.who_label)
        self.statusBar().addPermanentWidget(self.saved_label)

    def _retranslate_frame(self) -> None:
        unit = self._profile.unit_name if self._profile else ""
        title = self.tr("质量工作任务填报与汇总")
        self.setWindowTitle(f"{title} — {unit}" if unit else title)
        if not self._built:
            self.opening.setText(self.tr("正在打开数据…"))

    def retranslate(self) -> None:
        self._retranslate_frame()
        if not self._built:
            return
        self.tabs.setTabText(TAB_ENTRY, self.tr("任务填报"))
        self.tabs.setTabText(TAB_INDICATORS, self.tr("工作目标指标"))
        self.summary_dock.setWindowTitle(self.tr("本期汇总"))
        self.acts.retranslate()
        self.form.undo_group.undoTextChanged.emit(self.form.undo_group.undoText())
        self._show_who()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._built:
            self._size_summary()

    def _size_summary(self) -> None:
        if self._fresh_layout:  # first start: a low summary, the height goes to the form
            from PySide6.QtCore import Qt

            self._fresh_layout = False
            lines = self.fontMetrics().lineSpacing()
            self.resizeDocks([self.summary_dock], [lines * 5], Qt.Orientation.Vertical)

    # -- data ------------------------------------------------------------------------------
    def attach(self, service: EntryService, profile: UnitProfileInfo) -> None:
        """Fill the window from the store and put the clerk back where they were."""
        self._service = service
        self._fill(service, profile)

    def show_first(self, reads: EntryReads, profile: UnitProfileInfo) -> None:
        """Fill the window from the first view, read before the store's service exists (the
        start-up, docs/design.md §6); ``bind`` hands it the service."""
        self._service = None
        self._fill(reads, profile)

    def bind(self, service: EntryService, written: Mapping[str, str | None]) -> None:
        """The store's service, after ``show_first``: the UI state set while filling is stored,
        and what needs the store (other plans, the plan's changes, the office's word) shown."""
        from app.ui.unit.plan_switch import show_plans

        self._service = self._reads = service
        for key, value in written.items():
            service.set_state(key, value)
        show_plans(self, service, self._period)
        task = self.current_task()
        if self._period is not None:
            self.answers.load(self._period)
            if task is not None:
                self.answers.show_task(task)

    def _fill(self, service: EntryReads, profile: UnitProfileInfo) -> None:
        from app.ui.unit.plan_switch import first_period, resume_plan, show_plans

        self.ensure_built()
        self._reads, self._profile = service, profile
        if resume_plan(self, service, profile):  # attached again, to the plan the clerk was in
            return
        self._tasks = {t.no: (t, role) for t, role in service.tasks()}
        catalog = service.catalog
        self._sections = {s.no: s.title for s in catalog.sections}
        self.summary.set_names(
            {no: t.title for no, (t, _) in self._tasks.items()},
            {i.no: i.name for i in service.indicators()},
        )
        self.indicators.set_indicators(service.indicators())
        period = first_period(service, self._today())
        show_plans(self, service, period)
        self.retranslate()
        if period is not None:
            self._load_period(period, service.get_state(STATE_TASK))

    def service(self) -> EntryService:
        """The store's service (an action before it is bound waits for it: ``binding``)."""
        if self._service is None and self.binding is not None:
            self.binding()
        if self._service is None:
            raise RuntimeError("window not attached")
        return self._service

    def reads(self) -> EntryReads:
        """Where the window reads from: the service, or the first view until ``bind``."""
        if self._reads is None:
            raise RuntimeError("window not attached")
        return self._reads

    def profile(self) -> UnitProfileInfo | None:
        return self._profile

    def data_dir(self) -> str:
        return self._data_dir

    def is_built(self) -> bool:
        return self._built

    def today(self) -> date:
        return self._today()

    def current_period(self) -> str | None:
        return self._period

    def current_task(self) -> int | None:
        return self.task_panel.current_task()

    def _row(self, saved: SavedEntry) -> TaskRow:
        from app.ui.unit.task_list import TaskRow

        return TaskRow.of(*self._tasks[saved.draft.task_no], saved)

    def _load_period(self, period: str, task: str | int | None = None) -> None:
        service = self.reads()
        self._period = period
        entries = service.list_period(period)
        self.task_panel.model.set_rows([self._row(e) for e in entries], self._sections)
        self.answers.load(period)
        indicators = service.list_indicators(period)
        self.indicators.show_drafts([i.draft for i in indicators])
        self._refresh_summary(entries, indicators)
        wanted = task if isinstance(task, int) else int(task) if task and task.isdigit() else None
        if wanted not in self._tasks:
            visible = self.task_panel.model.visible_tasks()
            wanted = visible[0] if visible else None
        if wanted is None:
            self.form.clear_entry()
            return
        self.task_panel.select_task(wanted, notify=False)
        self._show_task(wanted, next((e for e in entries if e.draft.task_no == wanted), None))

    def _show_task(self, no: int, saved: SavedEntry | None = None) -> None:
        """Task ``no`` in the form: ``saved`` as just read with the period, else read now."""
        service = self.reads()
        assert self._period is not None
        saved = service.load(no, self._period) if saved is None else saved
        task, role = self._tasks[no]
        self.form.show_entry(task, role, saved.draft)
        self.answers.show_task(no)
        service.set_state(STATE_TASK, str(no))

    def _refresh_summary(
        self,
        entries: list[SavedEntry] | None = None,
        indicators: list[SavedIndicator] | None = None,
    ) -> None:
        if self._reads is None or self._period is None:
            return
        s = self._reads.summary(self._period, entries, indicators)
        self.summary.show_summary(
            s.filled, s.total, list(s.errors), s.indicators_filled, s.indicators_total
        )
        state = self._reads.period_state(self._period)
        self.period_bar.set_state(state.kind, state.version)

    # -- user moves ------------------------------------------------------------------------
    def _task_selected(self, no: int) -> None:
        self.autosaver.flush()
        self.tabs.setCurrentIndex(TAB_ENTRY)
        self._show_task(no)

    def _period_selected(self, code: str) -> None:
        self.autosaver.flush()
        from app.ui.unit.plan_switch import switch_plan

        if switch_plan(self, self._profile, self.period_bar.current_plan(), code):
            return  # the window now shows that plan, at that period
        self.service().set_state(STATE_PERIOD, code)
        self._load_period(code, self.current_task())

    def select_task(self, no: int) -> None:
        if self.task_panel.select_task(no, notify=False):
            self._task_selected(no)

    def step_task(self, delta: int) -> None:
        focus = QApplication.focusWidget()
        in_form = focus is not None and self.form.isAncestorOf(focus)
        self.autosaver.flush()
        if self.task_panel.step(delta) is None:
            self.statusBar().showMessage(
                self.tr("已是最后一项任务") if delta > 0 else self.tr("已是第一项任务"), 3000
            )
            return
        if in_form:
            self.form.focus_field("status")

    def go_to_error(self, error: FieldError) -> None:
        """Follow a summary link: select the task (or the indicator page) and focus the field."""
        if error.task_no is not None and error.task_no in self._tasks:
            if self.current_task() != error.task_no:
                self.select_task(error.task_no)
            self.tabs.setCurrentIndex(TAB_ENTRY)
            self.form.focus_field(error.field)
        elif error.indicator_no is not None:
            self.tabs.setCurrentIndex(TAB_INDICATORS)
            self.indicators.focus_field(error.indicator_no, error.field)

    # -- saving ----------------------------------------------------------------------------
    def _entry_edited(self, draft: EntryDraft) -> None:
        service = self.service()
        self.autosaver.schedule(("entry", draft.task_no, draft.period), lambda: service.save(draft))
        self.saved_label.saving()

    def _indicator_edited(self, draft: IndicatorDraft) -> None:
        if self._period is None:
            return
        service = self.service()
        draft = draft.with_changes(period=self._period) if not draft.period else draft
        self.autosaver.schedule(
            ("indicator", draft.no, draft.period), lambda: service.save_indicator(draft)
        )
        self.saved_label.saving()

    def _saved(self, result: SavedEntry | SavedIndicator) -> None:
        from app.services.entries import SavedEntry

        if isinstance(result, SavedEntry) and result.draft.period == self._period:
            self.task_panel.model.update_row(self._row(result))
        self.form.seal_undo()
        if not self.autosaver.has_pending():
            self._show_saved()

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        if old is not None and self.isAncestorOf(old) and self.autosaver.has_pending():
            self.autosaver.flush()

    def after_undo(self) -> None:
        self.autosaver.flush()  # the restored value is saved at once

    def save_now(self) -> bool:
        ok = self.autosaver.flush()
        if ok and self._service is not None:
            self._show_saved()
        return ok

    def _show_saved(self) -> None:
        self.saved_label.saved()
        self._refresh_summary()

    # -- actions ---------------------------------------------------------------------------
    def request_export(self) -> None:
        """Ctrl+E. Checks the period; the export feature plugs in through ``export_handler``."""
        if self._reads is None or self._period is None:
            return
        self.save_now()
        s = self.service().summary(self._period)
        if s.errors:
            self.summary_dock.show()
            self.summary_dock.raise_()
            QMessageBox.warning(
                self,
                self.tr("还不能导出"),
                self.tr("本期还有 {k} 个问题需要处理（见“本期汇总”），全部修正后才能导出。").format(
                    k=len(s.errors)
                ),
            )
            self.go_to_error(s.errors[0])
            return
        if self.export_handler is not None:
            self.export_handler(self._period)
            self._refresh_summary()
            return
        QMessageBox.information(
            self,
            self.tr("导出报送文件"),
            self.tr("本期内容已全部填写且没有错误。导出签名报送文件的功能即将提供。"),
        )

    def apply_copy(self, task_nos: list[int], overwrite: bool) -> list[int]:
        service = self.service()
        assert self._period is not None
        copied = service.copy_from_previous(self._period, task_nos, overwrite=overwrite)
        self.form.forget_undo([(no, self._period) for no in copied])
        self._load_period(self._period, self.current_task())
        self.statusBar().showMessage(self.tr("已从上期复制 {n} 项任务").format(n=len(copied)), 8000)
        return copied

    def key_replaced(self, profile: UnitProfileInfo) -> None:
        """The key care dialog made a new key: the settings show its fingerprint."""
        self._profile = profile
        self._show_who()

    def apply_settings(self, language: str, clerk: str, contact: str) -> None:
        switch_language(language)
        p = self._profile
        if p is not None and self._reads is not None and (clerk, contact) != (p.clerk, p.contact):
            from app.services.unit_setup import UnitSetupError, update_clerk

            try:
                self._profile = update_clerk(self.service().store, clerk, contact)
            except UnitSetupError as exc:
                log.warning("clerk details refused", exc_info=True)
                QMessageBox.warning(self, self.tr("设置"), str(exc))
            self._show_who()

    def _show_who(self) -> None:
        p = self._profile
        self.who_label.setText(
            self.tr("{unit} · 填报人：{clerk}").format(unit=p.short_name, clerk=p.clerk)
            if p
            else ""
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.autosaver.flush():
            answer = QMessageBox.question(
                self,
                self.tr("尚未保存"),
                self.tr("有内容未能保存到本机数据文件。仍要退出吗？（选择“否”可稍后重试）"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        save_layout(self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            with contextlib.suppress(RuntimeError, TypeError):
                app.focusChanged.disconnect(self._focus_changed)
        super().closeEvent(event)
