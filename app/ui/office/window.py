"""The office's main window (质量强市办): one period at a time across six pages.

Painted empty first; ``load`` opens the office store afterwards (DESIGN.md §6). Every page
reads through the services in its own short session; a page is reloaded when it is shown
after the data or the period changed, so an import costs one reload of what is on screen.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app import APP_TITLE_ZH
from app.config import Settings
from app.ui.common.first_paint import AfterFirstPaint
from app.ui.common.help_menu import HelpMenu
from app.ui.common.i18n import switch_language
from app.ui.common.plan_periods import GroupedPeriodCombo, as_choices, published_periods
from app.ui.common.prefs import ui_settings
from app.ui.common.retranslate import Retranslating
from app.ui.office.bulletin_dialog import bulletin_action, retranslate_bulletin_action
from app.ui.office.feedback_dialog import feedback_action, retranslate_feedback_action
from app.ui.office.period_matrices import PeriodMatrices, default_period
from app.ui.office.plan_menu import PlanMenu
from app.ui.office.review_menu import ReviewMenu

if TYPE_CHECKING:
    from app.domain.catalog import Catalog
    from app.models.store import Store
    from app.services.office_first_view import OfficeFirstView
    from app.ui.office.import_dialog import ImportDialog
    from app.ui.office.matrix_page import MatrixPage
    from app.ui.office.pages import OfficePage, OfficePages

log = logging.getLogger(__name__)


KEY_OFFICE_GEOMETRY = "office/geometry"
PAGE_COUNT = 8  # the fields of pages.OfficePages, in this order
(
    PAGE_MATRIX,
    PAGE_TRACKER,
    PAGE_BOARD,
    PAGE_CHARTS,
    PAGE_KEYS,
    PAGE_SCORES,
    PAGE_SUPERVISE,
    PAGE_AUDIT,
) = range(PAGE_COUNT)


class OfficeWindow(Retranslating, QMainWindow):
    def __init__(
        self,
        settings: Settings,
        store: Store | None = None,
        catalog: Catalog | None = None,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("officeWindow")
        self.settings = settings
        self.store: Store | None = None
        self.catalog: Catalog | None = None
        self.today = today
        self.period: str | None = None
        self.matrices: Mapping[str, Any] = {}
        self._first: tuple[Catalog, PeriodMatrices] | None = None  # shown before the store
        self.import_dialog: ImportDialog | None = None
        self._dirty: set[int] = set()
        self._active_keys = 0
        self._report_job: Any = None
        self._build()
        self.retranslate()
        geometry = ui_settings().value(KEY_OFFICE_GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1500, 900)
        if store is not None and catalog is not None:
            self.attach(store, catalog)

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self._build_tabs()
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("officeToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(self.toolbar)
        self.import_action = QAction(self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.open_import_dialog)
        self.report_action = QAction(self)
        self.report_action.setShortcut(QKeySequence("Ctrl+E"))
        self.report_action.triggered.connect(self.export_report)
        self.bulletin_action = bulletin_action(self)  # 生成通报 (Word), with a preview
        self.feedback_action = feedback_action(self)  # 生成反馈文件, one signed file per unit
        self.refresh_action = QAction(self)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.triggered.connect(self.refresh)
        self.settings_action = QAction(self)
        self.settings_action.setObjectName("officeSettings")
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.open_settings)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.period_label = QLabel()
        self.period_combo = GroupedPeriodCombo()  # every plan's periods, under its title
        self.period_combo.setObjectName("periodCombo")
        self.period_combo.currentIndexChanged.connect(self._period_chosen)
        self.toolbar.addWidget(self.period_label)
        self.toolbar.addWidget(self.period_combo)
        self.toolbar.addSeparator()
        for action in self._data_actions():
            self.toolbar.addAction(action)
            self.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.settings_action)  # usable before the store opens
        # The same actions in a menu, as in the clerk's window: Alt+F reaches them by keyboard.
        self.menu_file = self.menuBar().addMenu("")
        self.menu_file.addActions(self._data_actions())
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.settings_action)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.quit_action)
        self.menu_review = ReviewMenu(self)
        self.menuBar().addMenu(self.menu_review)
        self.menu_plans = PlanMenu(self, lambda: self.store, self._plan_published)
        self.menuBar().addMenu(self.menu_plans)
        self.menu_help = HelpMenu(self.settings.log_dir, self)
        self.menuBar().addMenu(self.menu_help)
        self.status_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)
        self._set_enabled(False)

    def _build_tabs(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setObjectName("officeTabs")
        # The six pages (and their modules) are built right after the first paint, into these
        # holders: building them first made the start to the first painted window 1.9-2.4 times
        # a minimal window's (DESIGN.md §6, docs/benchmarks.md). The matrix comes first, the
        # others after the first view's data; touching ``pages`` builds them all.
        self._holders: list[QWidget] = []
        for _ in range(PAGE_COUNT):
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self._holders.append(holder)
            self.tabs.addTab(holder, "")
        self._pages: OfficePages | None = None
        self._matrix_page: MatrixPage | None = None  # built first (``_first_page``)
        self.setCentralWidget(self.tabs)
        self.tabs.currentChanged.connect(self._page_shown)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("{0} — 质量强市办").format(APP_TITLE_ZH))
        for index, text in (
            (PAGE_MATRIX, self.tr("汇总矩阵")),
            (PAGE_TRACKER, self.tr("报送情况")),
            (PAGE_BOARD, self.tr("指标看板")),
            (PAGE_CHARTS, self.tr("图表")),
            (PAGE_KEYS, self.tr("密钥登记")),
            (PAGE_SCORES, self.tr("年度考核")),
            (PAGE_SUPERVISE, self.tr("督办")),
            (PAGE_AUDIT, self.tr("审计日志")),
        ):
            self.tabs.setTabText(index, text)
        self.import_action.setText(self.tr("导入报送文件…"))
        self.import_action.setToolTip(self.tr("导入报送文件（Ctrl+I）"))
        self.report_action.setText(self.tr("导出汇总表…"))
        self.report_action.setToolTip(self.tr("导出本报告期的汇总表（Ctrl+E）"))
        retranslate_bulletin_action(self.bulletin_action)
        retranslate_feedback_action(self.feedback_action)
        self.refresh_action.setText(self.tr("刷新"))
        self.settings_action.setText(self.tr("设置(&O)…"))
        self.settings_action.setToolTip(self.tr("界面语言、工作人员姓名、本办签名密钥"))
        self.quit_action.setText(self.tr("退出(&X)"))
        self.menu_file.setTitle(self.tr("文件(&F)"))
        self.period_label.setText(self.tr(" 报告期 "))
        if self.store is None:
            self.status_label.setText(self.tr("正在打开数据…"))
        else:
            self._update_status()

    def _data_actions(self) -> list[QAction]:
        data = [self.import_action, self.report_action, self.bulletin_action]
        return [*data, self.feedback_action, self.refresh_action]

    def _set_enabled(self, on: bool) -> None:
        for action in self._data_actions():
            action.setEnabled(on)
        self.period_combo.setEnabled(on)
        self.menu_plans.set_enabled(on)
        self.menu_review.set_enabled(on)

    # -- the pages, built after the first paint ---------------------------------------------
    def _built(self) -> OfficePages:
        if self._pages is None:
            from app.ui.office.pages import build_pages

            pages = build_pages(self._matrix_page)
            for holder, page in zip(self._holders, pages.in_tab_order(), strict=True):
                layout = holder.layout()
                assert layout is not None
                if page is not self._matrix_page:
                    layout.addWidget(page)
            pages.trust.keys_changed.connect(self._keys_changed)
            self._pages = pages
            from app.ui.office.answers_wiring import wire_answers

            wire_answers(self, pages)
        return self._pages

    def _first_page(self) -> MatrixPage:
        """The matrix, the page on screen at start: built before the others, which follow
        the first view's data (issue 17: their modules and widgets were ~10% of the start)."""
        if self._pages is not None:
            return self._pages.matrix
        if self._matrix_page is None:
            from app.ui.office.matrix_page import MatrixPage

            self._matrix_page = MatrixPage()
            layout = self._holders[PAGE_MATRIX].layout()
            assert layout is not None
            layout.addWidget(self._matrix_page)
        return self._matrix_page

    def _page_at(self, index: int) -> OfficePage:
        if index == PAGE_MATRIX:
            return self._first_page()
        return self._built().in_tab_order()[index]

    @property
    def pages(self) -> OfficePages:
        """The eight pages (built at the first call)."""
        return self._built()

    # -- opening the store -----------------------------------------------------------------
    def load(self) -> None:
        """Open the office store and fill the window (after the first paint). Raises on
        failure; ``load_or_report`` shows the reason in the window instead."""
        self._first_page()
        # the other pages right after: also when the store fails, the window shows them
        QTimer.singleShot(0, self._built)
        if self.store is not None:
            return
        from app.services.stores import open_office_store, store_catalog

        store = open_office_store(self.settings)
        try:
            catalog = store_catalog(store)
        except Exception:
            store.close()
            raise
        first, self._first = self._first, None
        self.attach(store, catalog, first[1] if first and first[0] == catalog else None)

    def show_first(self, first: OfficeFirstView) -> None:
        """The matrix of the period shown, read before the store opens (the start-up,
        docs/design.md §6); ``load`` opens the store and binds it, keeping what was read."""
        catalog = first.catalog
        matrices = PeriodMatrices((p.code for p in catalog.periods), first.matrix)
        period = default_period(matrices, list(catalog.periods), self.today())
        plan = [(catalog.code, catalog.title, catalog.periods)]
        self.period_combo.set_plans(as_choices(plan), catalog.code, period)
        self._first_page().show_first(matrices, catalog, period or "")
        self._first = (catalog, matrices)

    def load_or_report(self) -> None:
        try:
            self.load()
        except Exception as exc:  # one line for the office, the traceback to the log
            log.exception("opening the office store failed")
            reason = str(exc) or type(exc).__name__
            self.status_label.setText(self.tr("无法打开数据：{0}").format(reason))
            print(f"error: {reason}", file=sys.stderr)

    def attach(
        self, store: Store, catalog: Catalog, matrices: PeriodMatrices | None = None
    ) -> None:
        """Fill the window from ``store``; ``matrices``: those the first view read (kept, the
        other periods read from the store)."""
        self.store, self.catalog = store, catalog
        if matrices is None:
            self._load_matrices()
        else:
            matrices.read_with(self._matrix_loader())
            self.matrices = matrices
            self._count_keys()
        self.period = default_period(self.matrices, list(catalog.periods), self.today())
        self._fill_periods()
        self._set_enabled(True)
        self._stale(range(PAGE_COUNT))

    def _fill_periods(self) -> None:
        assert self.store is not None and self.catalog is not None
        groups = published_periods(self.store, None, self.catalog)
        self.period_combo.set_plans(as_choices(groups), self.catalog.code, self.period)

    # -- reloading -------------------------------------------------------------------------
    def _load_matrices(self) -> None:
        """Every period's matrix, each read when first asked for (the pages share them), and
        the count of usable keys."""
        assert self.catalog is not None
        codes = (p.code for p in self.catalog.periods)
        self.matrices = PeriodMatrices(codes, self._matrix_loader())
        self._count_keys()

    def _matrix_loader(self) -> Callable[[str], Any]:
        from app.services.consolidation import load_matrix

        store, catalog = self.store, self.catalog
        assert store is not None and catalog is not None
        return lambda code: load_matrix(store, catalog, code)

    def _count_keys(self) -> None:
        from app.services.office_trust import list_trusted_keys

        if self.store is not None:
            keys = list_trusted_keys(self.store)
            self._active_keys = sum(1 for k in keys if k.status == "active")

    def refresh(self) -> None:
        """Everything again from the store (after an import, or F5)."""
        if self.store is None:
            return
        self._load_matrices()
        self._stale(range(PAGE_COUNT))

    def _period_chosen(self, _index: int) -> None:
        choice = self.period_combo.current()
        if choice is None or self.store is None or self.catalog is None:
            return
        plan, period = choice
        if plan != self.catalog.code:  # another plan: every page shows that plan from now on
            self._show_plan(plan, period)
            return
        if period == self.period:
            return
        self.period = period
        pages = self._built().in_tab_order()
        self._stale(i for i, page in enumerate(pages) if page.follows_period)

    def _stale(self, pages: Iterable[int]) -> None:
        """These pages show old data: the one on screen reloads now, the others when shown."""
        self._dirty |= set(pages)
        self._page_shown(self.tabs.currentIndex())
        self._update_status()

    def _page_shown(self, index: int) -> None:
        if index not in self._dirty or self.store is None or self.catalog is None:
            return
        self._dirty.discard(index)
        from app.ui.office.pages import OfficeView

        view = OfficeView(self.store, self.catalog, self.period or "", self.matrices)
        self._page_at(index).reload(view)

    def _keys_changed(self) -> None:
        """A key was registered, revoked or rotated: the tracker and the count are stale."""
        self._count_keys()
        self._stale({PAGE_TRACKER})

    def _key_registered_on_import(self, _info: object) -> None:
        self._dirty.add(PAGE_KEYS)  # the key page did not see it
        self._keys_changed()

    def _update_status(self) -> None:
        if self.store is None or self.catalog is None or self.period is None:
            return
        matrix = self.matrices.get(self.period)
        expected = self.catalog.reporting_units()
        sent = 0
        if matrix is not None:
            versions = {c.unit_id for c in matrix.cells.values() if c.version is not None}
            sent = sum(1 for u in expected if u.id in versions)
        where = self.data_location()
        self.status_label.setText(
            self.tr("{0}：{1} 个单位中 {2} 个已报送 · 已登记密钥 {3} 个 · 数据：{4}").format(
                self.catalog.period(self.period).title or self.period,
                len(expected),
                sent,
                self._active_keys,
                where,
            )
        )

    def data_location(self) -> str:
        """The store's file, or its server URL without the password."""
        if self.store is None:  # a server URL may hold a password: never shown raw
            return "" if self.settings.db_url else str(self.settings.office_store_path)
        if self.store.path is not None:
            return str(self.store.path)
        return str(self.store.engine.url.render_as_string(hide_password=True))

    # -- settings --------------------------------------------------------------------------
    def open_settings(self) -> None:
        from app.ui.office.settings_dialog import open_office_settings

        if open_office_settings(self):
            self._stale({PAGE_AUDIT})  # the office key was created or changed: an audit row

    def apply_settings(self, language: str, actor: str | None = None) -> None:
        from app.ui.office.actor import set_actor

        if actor is not None:
            set_actor(self.store, actor)
        switch_language(language)

    # -- import ----------------------------------------------------------------------------
    def open_import_dialog(self) -> ImportDialog | None:
        from app.ui.office.import_dialog import ImportDialog

        if self.store is None or self.catalog is None:
            return None
        if self.import_dialog is None:
            dialog = ImportDialog(self.store, self.catalog, self)
            dialog.imported.connect(self.refresh)
            dialog.key_registered.connect(self._key_registered_on_import)
            self.import_dialog = dialog
        self.import_dialog.show()
        self.import_dialog.raise_()
        self.import_dialog.activateWindow()
        return self.import_dialog

    # -- the consolidated report (report_export.py) ----------------------------------------
    def export_report(self) -> None:
        from app.ui.office.report_export import export_report

        export_report(self)

    def write_report(self, out: Path, on_done: Callable[[Any], None] | None = None) -> None:
        from app.ui.office.report_export import write_report

        write_report(self, out, on_done)

    # -- plans -----------------------------------------------------------------------------
    def _plan_published(self, _code: str) -> None:
        """A plan's new revision: its periods and tasks are what the pages show from now on."""
        if self.catalog is not None:
            self._show_plan(self.catalog.code, self.period)

    def _show_plan(self, plan: str, period: str | None) -> None:
        """The pages follow plan ``plan`` (read afresh) at ``period``."""
        from app.services.plans import store_catalog_of

        assert self.store is not None
        self.catalog = store_catalog_of(self.store, plan)
        codes = [p.code for p in self.catalog.periods]
        self.period = period if period in codes else (codes[0] if codes else None)
        if self.import_dialog is not None and not self.import_dialog.busy:
            self.import_dialog = None  # made again for this plan when next opened
        self._fill_periods()
        self.refresh()

    # -- closing ---------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        plans = self.menu_plans.window_
        if plans is not None and plans.isVisible() and not plans.close():
            event.ignore()  # its draft could not be saved and the office chose to stay
            return
        if self.import_dialog is not None and self.import_dialog.busy:
            self.import_dialog.cancel()
            from app.ui.common.workers import wait_for_background

            wait_for_background()
        ui_settings().setValue(KEY_OFFICE_GEOMETRY, self.saveGeometry())
        super().closeEvent(event)


def open_office_window(settings: Settings, *, load_after_paint: bool = True) -> OfficeWindow:
    """The office window, painted before its store opens (the store opens after the first
    paint unless the caller calls ``load`` itself)."""
    window = OfficeWindow(settings)
    if load_after_paint:
        hook = AfterFirstPaint(window.load_or_report)
        hook.setParent(window)
        window.installEventFilter(hook)
    return window
