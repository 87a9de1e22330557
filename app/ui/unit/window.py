"""The unit clerk's main window: period bar, task list, progress form, indicators, summary.

The window is painted first as an empty frame (title, remembered geometry, "opening…"); its
widgets are built and filled by ``attach`` once the store is open. So nothing heavy (the Qt
namespace, the core's rules, the form) is loaded before the first paint (DESIGN.md §6).
Every user action opens its own short session through the EntryService; no widget keeps one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.ui.common.colors import ERROR_COLOR, OK_COLOR
from app.ui.common.i18n import apply_language, current_language, store_language
from app.ui.common.prefs import KEY_MAIN_GEOMETRY, KEY_MAIN_SPLITTER, KEY_MAIN_STATE, ui_settings
from app.ui.unit.autosave import Autosaver

if TYPE_CHECKING:  # loaded by ensure_built()/attach(), after the first paint
    from app.domain.catalog import TaskInfo
    from app.domain.entry_rules import EntryDraft, FieldError, IndicatorDraft
    from app.services.entries import EntryService, SavedEntry, SavedIndicator
    from app.services.unit_setup import UnitProfileInfo
    from app.ui.unit.task_list import TaskRow

STATE_PERIOD = "ui.period"
STATE_TASK = "ui.task"
TAB_ENTRY, TAB_INDICATORS = 0, 1


def default_period(periods: list[Any], today: date) -> str | None:
    """The period the clerk most likely reports now: the first one not yet past its due date."""
    for p in periods:
        if p.due >= today:
            return str(p.code)
    return str(periods[-1].code) if periods else None


class MainWindow(QMainWindow):
    def __init__(
        self,
        *,
        today: Callable[[], date] = date.today,
        data_dir: str = "",
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._today = today
        self._data_dir = data_dir
        self._service: EntryService | None = None
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
        self._restore_geometry()
        self.autosaver.saved.connect(self._saved)
        self.autosaver.failed.connect(self._save_failed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    # -- building --------------------------------------------------------------------------
    def ensure_built(self) -> None:
        """Build every widget (once): after the first paint, before data is shown."""
        if self._built:
            return
        self._build()
        self._make_actions()
        self._built = True
        self.retranslate()
        self._restore_state()
        if self.isVisible():
            self._size_summary()

    def _build(self) -> None:
        from PySide6.QtCore import Qt

        from app.ui.unit.entry_form import EntryForm
        from app.ui.unit.indicator_page import IndicatorPage
        from app.ui.unit.period_bar import PeriodBar
        from app.ui.unit.summary_panel import SummaryPanel
        from app.ui.unit.task_panel import TaskPanel

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
        layout.addWidget(self.period_bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.summary = SummaryPanel()
        self.summary_dock = QDockWidget()
        self.summary_dock.setObjectName("summaryDock")
        self.summary_dock.setWidget(self.summary)
        self.summary_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.summary_dock)

        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedLabel")
        self.who_label = QLabel()
        self.statusBar().addPermanentWidget(self.who_label)
        self.statusBar().addPermanentWidget(self.saved_label)

        self.task_panel.task_selected.connect(self._task_selected)
        self.period_bar.period_changed.connect(self._period_selected)
        self.form.edited.connect(self._entry_edited)
        self.indicators.edited.connect(self._indicator_edited)
        self.summary.error_activated.connect(self.go_to_error)

        # Keyboard order: period, search, filters, list, then the form's own chain.
        QWidget.setTabOrder(self.period_bar.combo, self.task_panel.search)
        QWidget.setTabOrder(self.task_panel.search, self.task_panel.filter_all)
        QWidget.setTabOrder(self.task_panel.filter_all, self.task_panel.filter_incomplete)
        QWidget.setTabOrder(self.task_panel.filter_incomplete, self.task_panel.filter_errors)
        QWidget.setTabOrder(self.task_panel.filter_errors, self.task_panel.view)
        QWidget.setTabOrder(self.task_panel.view, self.form.first_field())

    def _action(
        self, slot: Callable[[], Any], *keys: QKeySequence | QKeySequence.StandardKey | str
    ) -> QAction:
        action = QAction(self)
        action.setShortcuts([k if isinstance(k, QKeySequence) else QKeySequence(k) for k in keys])
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _make_actions(self) -> None:
        from PySide6.QtCore import Qt

        self.act_save = self._action(self.save_now, "Ctrl+S")
        self.act_export = self._action(self.request_export, "Ctrl+E")
        self.act_copy = self._action(self.copy_from_previous)
        self.act_settings = self._action(self.open_settings)
        self.act_quit = self._action(self.close, "Ctrl+Q")
        self.act_find = self._action(self.task_panel.focus_search, "Ctrl+F")
        self.act_prev = self._action(lambda: self.step_task(-1), "Ctrl+PgUp")
        self.act_next = self._action(lambda: self.step_task(1), "Ctrl+PgDown")
        self.act_undo = self.form.undo_group.createUndoAction(self)
        self.act_undo.setShortcuts([QKeySequence("Ctrl+Z")])
        self.act_redo = self.form.undo_group.createRedoAction(self)
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.act_undo.triggered.connect(self._after_undo)
        self.act_redo.triggered.connect(self._after_undo)
        self.act_summary = self.summary_dock.toggleViewAction()

        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        for a in (self.act_save, self.act_export, self.act_copy):
            self.menu_file.addAction(a)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_settings)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_edit = bar.addMenu("")
        for a in (self.act_undo, self.act_redo, self.act_find):
            self.menu_edit.addAction(a)
        self.menu_go = bar.addMenu("")
        for a in (self.act_prev, self.act_next):
            self.menu_go.addAction(a)
        self.menu_go.addSeparator()
        self.menu_go.addAction(self.act_summary)

        self.toolbar = self.addToolBar("")
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in (self.act_save, self.act_copy, self.act_export):
            self.toolbar.addAction(a)
        self.toolbar.addSeparator()
        for a in (self.act_prev, self.act_next):
            self.toolbar.addAction(a)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.act_settings)
        for a in (self.act_undo, self.act_redo):
            self.addAction(a)  # active even with the menu bar hidden

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
        self.menu_file.setTitle(self.tr("文件(&F)"))
        self.menu_edit.setTitle(self.tr("编辑(&E)"))
        self.menu_go.setTitle(self.tr("转到(&G)"))
        self.toolbar.setWindowTitle(self.tr("工具栏"))
        for action, text, tip in (
            (
                self.act_save,
                self.tr("立即保存(&S)"),
                self.tr("填写内容会自动保存；Ctrl+S 立即保存"),
            ),
            (self.act_export, self.tr("导出报送文件(&E)…"), self.tr("检查本期内容并导出报送文件")),
            (self.act_copy, self.tr("从上期复制(&P)…"), self.tr("用上一报告期的内容预填本期")),
            (self.act_settings, self.tr("设置(&O)…"), self.tr("界面语言、填报人")),
            (self.act_quit, self.tr("退出(&X)"), ""),
            (self.act_find, self.tr("查找任务(&F)"), ""),
            (self.act_prev, self.tr("上一项任务"), self.tr("Ctrl+PgUp")),
            (self.act_next, self.tr("下一项任务"), self.tr("Ctrl+PgDn")),
        ):
            action.setText(text)
            action.setToolTip(tip or text.replace("(&", "(").replace("&", ""))
        self.act_summary.setText(self.tr("显示本期汇总"))
        self.form.undo_group.undoTextChanged.emit(self.form.undo_group.undoText())
        self._show_who()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

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
        self.ensure_built()
        self._service, self._profile = service, profile
        self._tasks = {t.no: (t, role) for t, role in service.tasks()}
        catalog = service.catalog
        self._sections = {s.no: s.title for s in catalog.sections}
        self.summary.set_names(
            {no: t.title for no, (t, _) in self._tasks.items()},
            {i.no: i.name for i in service.indicators()},
        )
        self.indicators.set_indicators(service.indicators())
        periods = list(catalog.periods)
        stored = service.get_state(STATE_PERIOD)
        codes = [p.code for p in periods]
        period = stored if stored in codes else default_period(periods, self._today())
        self.period_bar.set_periods(periods, period)
        self.retranslate()
        if period is not None:
            self._load_period(period, service.get_state(STATE_TASK))

    def service(self) -> EntryService:
        if self._service is None:
            raise RuntimeError("window not attached")
        return self._service

    def current_period(self) -> str | None:
        return self._period

    def current_task(self) -> int | None:
        return self.task_panel.current_task()

    def _row(self, saved: SavedEntry) -> TaskRow:
        from app.ui.unit.task_list import TaskRow

        task, role = self._tasks[saved.draft.task_no]
        return TaskRow(
            task.no,
            task.section,
            task.title,
            task.text,
            role,
            saved.draft.status,
            saved.filled,
            len(saved.errors) if saved.filled else 0,
        )

    def _load_period(self, period: str, task: str | int | None = None) -> None:
        service = self.service()
        self._period = period
        entries = service.list_period(period)
        self.task_panel.model.set_rows([self._row(e) for e in entries], self._sections)
        self.indicators.show_drafts([i.draft for i in service.list_indicators(period)])
        self._refresh_summary()
        wanted = task if isinstance(task, int) else int(task) if task and task.isdigit() else None
        if wanted not in self._tasks:
            visible = self.task_panel.model.visible_tasks()
            wanted = visible[0] if visible else None
        if wanted is None:
            self.form.clear_entry()
            return
        self.task_panel.select_task(wanted, notify=False)
        self._show_task(wanted)

    def _show_task(self, no: int) -> None:
        service = self.service()
        assert self._period is not None
        saved = service.load(no, self._period)
        task, role = self._tasks[no]
        self.form.show_entry(task, role, saved.draft)
        service.set_state(STATE_TASK, str(no))

    def _refresh_summary(self) -> None:
        if self._service is None or self._period is None:
            return
        s = self._service.summary(self._period)
        self.summary.show_summary(
            s.filled, s.total, list(s.errors), s.indicators_filled, s.indicators_total
        )
        state = self._service.period_state(self._period)
        self.period_bar.set_state(state.kind, state.version)

    # -- user moves ------------------------------------------------------------------------
    def _task_selected(self, no: int) -> None:
        self.autosaver.flush()
        self.tabs.setCurrentIndex(TAB_ENTRY)
        self._show_task(no)

    def _period_selected(self, code: str) -> None:
        self.autosaver.flush()
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
        self._show_unsaved()

    def _indicator_edited(self, draft: IndicatorDraft) -> None:
        if self._period is None:
            return
        service = self.service()
        draft = draft.with_changes(period=self._period) if not draft.period else draft
        self.autosaver.schedule(
            ("indicator", draft.no, draft.period), lambda: service.save_indicator(draft)
        )
        self._show_unsaved()

    def _saved(self, result: SavedEntry | SavedIndicator) -> None:
        from app.domain.entry_rules import EntryDraft

        draft = result.draft
        if isinstance(draft, EntryDraft) and draft.period == self._period:
            self.task_panel.model.update_row(self._row(result))  # type: ignore[arg-type]
        self.form.seal_undo()
        if not self.autosaver.has_pending():
            self.saved_label.setText(
                self.tr("已保存 {time}").format(time=datetime.now().strftime("%H:%M:%S"))
            )
            self.saved_label.setStyleSheet(f"color: {OK_COLOR};")
            self._refresh_summary()

    def _save_failed(self, reason: str) -> None:
        self.saved_label.setText(
            self.tr("保存失败：{reason}（稍后自动重试）").format(reason=reason)
        )
        self.saved_label.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")

    def _show_unsaved(self) -> None:
        self.saved_label.setText(self.tr("正在保存…"))
        self.saved_label.setStyleSheet("color: #5f6b7a;")

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        if old is not None and self.isAncestorOf(old) and self.autosaver.has_pending():
            self.autosaver.flush()

    def _after_undo(self) -> None:
        self.autosaver.flush()  # the restored value is saved at once

    def save_now(self) -> bool:
        ok = self.autosaver.flush()
        if ok and self._service is not None:
            self.saved_label.setText(
                self.tr("已保存 {time}").format(time=datetime.now().strftime("%H:%M:%S"))
            )
            self.saved_label.setStyleSheet(f"color: {OK_COLOR};")
            self._refresh_summary()
        return ok

    # -- actions ---------------------------------------------------------------------------
    def request_export(self) -> None:
        """Ctrl+E. Checks the period; the export feature plugs in through ``export_handler``."""
        if self._service is None or self._period is None:
            return
        self.save_now()
        s = self._service.summary(self._period)
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

    def copy_choices(self) -> list[Any]:
        from app.ui.unit.copy_dialog import CopyChoice

        service = self.service()
        assert self._period is not None
        prev = service.catalog.previous_period(self._period)
        if prev is None:
            return []
        before = {e.draft.task_no: e for e in service.list_period(prev.code)}
        now = {e.draft.task_no: e for e in service.list_period(self._period)}
        return [
            CopyChoice(
                no,
                task.title,
                before[no].draft.status if no in before and before[no].filled else None,
                now[no].draft.status if no in now and now[no].filled else None,
            )
            for no, (task, _) in self._tasks.items()
        ]

    def copy_from_previous(self) -> None:
        if self._service is None or self._period is None:
            return
        from app.ui.unit.copy_dialog import CopyDialog

        self.autosaver.flush()
        catalog = self._service.catalog
        prev = catalog.previous_period(self._period)
        if prev is None:
            QMessageBox.information(
                self, self.tr("从上期复制"), self.tr("这是第一个报告期，没有可复制的上期内容。")
            )
            return
        dialog = CopyDialog(
            catalog.period(self._period).title, prev.title, self.copy_choices(), self
        )
        self._copy_dialog = dialog  # reachable for tests while it is open
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.apply_copy(dialog.chosen(), dialog.overwrite.isChecked())

    def apply_copy(self, task_nos: list[int], overwrite: bool) -> list[int]:
        service = self.service()
        assert self._period is not None
        copied = service.copy_from_previous(self._period, task_nos, overwrite=overwrite)
        self.form.forget_undo([(no, self._period) for no in copied])
        self._load_period(self._period, self.current_task())
        self.statusBar().showMessage(self.tr("已从上期复制 {n} 项任务").format(n=len(copied)), 8000)
        return copied

    def open_settings(self) -> None:
        from app.ui.unit.settings_dialog import SettingsDialog

        p = self._profile
        dialog = SettingsDialog(
            language=current_language(),
            clerk=p.clerk if p else "",
            contact=p.contact if p else "",
            fingerprint=p.fingerprint if p else "",
            data_dir=self._data_dir,
            parent=self,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.apply_settings(dialog.chosen_language(), dialog.clerk.text(), dialog.contact.text())

    def apply_settings(self, language: str, clerk: str, contact: str) -> None:
        if language != current_language():
            store_language(language)
            apply_language(language)  # every widget gets a LanguageChange and retranslates
        p = self._profile
        if p is not None and self._service is not None and (clerk, contact) != (p.clerk, p.contact):
            from app.services.unit_setup import UnitSetupError, update_clerk

            try:
                self._profile = update_clerk(self._service.store, clerk, contact)
            except UnitSetupError as exc:
                QMessageBox.warning(self, self.tr("设置"), str(exc))
            self._show_who()

    def _show_who(self) -> None:
        p = self._profile
        self.who_label.setText(
            self.tr("{unit} · 填报人：{clerk}").format(unit=p.short_name, clerk=p.clerk)
            if p
            else ""
        )

    # -- window state ----------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        s = ui_settings()
        geometry = s.value(KEY_MAIN_GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            screen = QApplication.primaryScreen()
            if screen is not None:
                area = screen.availableGeometry()
                self.resize(min(1320, int(area.width() * 0.92)), min(860, int(area.height() * 0.9)))

    def _restore_state(self) -> None:
        """Docks, toolbar and splitter (they exist once built)."""
        s = ui_settings()
        state = s.value(KEY_MAIN_STATE)
        self._fresh_layout = state is None or not self.restoreState(state)
        splitter = s.value(KEY_MAIN_SPLITTER)
        if splitter is None or not self.splitter.restoreState(splitter):
            width = self.width()
            self.splitter.setSizes([width * 2 // 5, width * 3 // 5])

    def save_geometry(self) -> None:
        s = ui_settings()
        s.setValue(KEY_MAIN_GEOMETRY, self.saveGeometry())
        if self._built:
            s.setValue(KEY_MAIN_STATE, self.saveState())
            s.setValue(KEY_MAIN_SPLITTER, self.splitter.saveState())
        s.sync()

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
        self.save_geometry()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            with contextlib.suppress(RuntimeError, TypeError):
                app.focusChanged.disconnect(self._focus_changed)
        super().closeEvent(event)
