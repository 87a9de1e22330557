"""Start the desktop program: paint a window first, load data after (docs/design.md §6).

Which window comes first is decided from the data folder alone, before anything heavy is
imported (``app.services.install_role``, the rule the command line follows too): the office's
folder -> the office window; a unit's -> the clerk's main window (filled once the store is open;
the wizard instead if the store holds no profile yet); a fresh folder -> the first-run wizard,
whose choice creates the store that makes the role. SQLAlchemy, Alembic and cryptography load
after the first paint.
"""

from __future__ import annotations

import gc
import logging
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import STARTED_AT
from app.config import Settings
from app.services.install_role import OFFICE, UNIT, install_role
from app.ui.common import pyside_imports
from app.ui.common.application import prepare_application
from app.ui.common.first_paint import AfterFirstPaint
from app.ui.common.prefs import ROLE_OFFICE

if TYPE_CHECKING:
    from app.ui.unit.window import MainWindow


log = logging.getLogger(__name__)

# What a window's binding needs, imported off the UI thread while its first view is shown.
CLERK_CORE = ("app.services.stores", "app.services.entries", "app.services.feedback.answers")
OFFICE_CORE = (
    "app.services.stores",
    "app.services.consolidation.matrix",
    "app.services.office_trust",
    "app.services.review",
    "app.services.plans.listing",
)


def make_office_window(settings: Settings, *, load_after_paint: bool = True) -> QWidget:
    """The office role's window; its store opens after the first paint."""
    from app.ui.office.window import open_office_window

    return open_office_window(settings, load_after_paint=load_after_paint)


class Launcher(QObject):
    """Chooses, paints and fills the first window; swaps wizard -> main window after set-up."""

    def __init__(
        self,
        app: QApplication,
        settings: Settings,
        *,
        smoke_test: bool = False,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__()
        self.app = app
        self.settings = settings
        self.smoke_test = smoke_test
        self.today = today
        self.window: QWidget | None = None
        self.wizard: Any = None
        self.store: Any = None
        self.catalog: Any = None
        self.exit_code = 0
        self._watcher: AfterFirstPaint | None = None
        self.preload: Any = None  # the store's modules loading behind a first view

    # -- choosing the first window ---------------------------------------------------------
    def start(self) -> QWidget:
        role = install_role(self.settings)
        window: QWidget
        load: Callable[[], None]
        if role == OFFICE:
            office: Any = make_office_window(self.settings, load_after_paint=False)
            window, load = office, lambda: self._load_office(office)
        elif role == UNIT:
            window, load = self._main_window(), self._load_main
        else:
            window, load = self._make_wizard(), self._load_wizard
        self._show_first(window, load)
        return window

    def _show_first(self, window: QWidget, load: Callable[[], None]) -> None:
        def painted() -> None:
            if self.smoke_test:
                elapsed = (time.perf_counter() - STARTED_AT) * 1000
                print(f"first paint after {elapsed:.0f} ms", flush=True)
            QTimer.singleShot(0, lambda: self._guarded(load))

        self._watcher = AfterFirstPaint(painted)
        window.installEventFilter(self._watcher)
        self.window = window
        window.show()

    def _guarded(self, load: Callable[[], None]) -> None:
        try:
            load()
        except Exception as exc:  # one line for the clerk, the traceback to the log
            log.exception("opening the data failed")
            self.fail(str(exc) or type(exc).__name__)

    def fail(self, reason: str) -> None:
        started()
        reason = (reason.strip().splitlines() or [""])[0]  # one line, never a traceback
        self.exit_code = 1
        if self.smoke_test:
            print(f"error: {reason}", file=sys.stderr, flush=True)
        else:
            QMessageBox.critical(
                self.window,
                QApplication.translate("Launcher", "无法打开数据"),
                QApplication.translate("Launcher", "无法打开本机数据：{reason}").format(
                    reason=reason
                ),
            )
        self.app.exit(1)

    def _loaded(self) -> None:
        started()
        if self.smoke_test:
            name = self.window.objectName() if self.window is not None else ""
            print(f"window: {name}", flush=True)  # which first window, for CI and tests
            self.app.exit(self.exit_code)

    def _load_office(self, window: Any) -> None:
        first = self._office_first_view(window)
        if first is None:
            window.load()  # opens the office store; a failure reaches fail() through _guarded
            self._loaded()
            return

        def bind() -> None:
            try:
                window.load()  # the store opens and binds, keeping the matrices read
            finally:
                first.close()
            self._loaded()

        self._preload_then(OFFICE_CORE, bind)

    def _office_first_view(self, window: Any) -> Any:
        """The matrix shown from a direct read before the store opens (``office_first_view``;
        not for a server store); None when the first view does not answer for this store."""
        if self.settings.db_url is not None:
            return None
        from app.services.office_first_view import open_office_first_view

        first = open_office_first_view(self.settings.office_store_path)
        if first is not None:
            try:
                window.show_first(first)
                self._data_shown(window)
            except BaseException:
                first.close()
                raise
        return first

    def _preload_then(self, modules: tuple[str, ...], bind: Callable[[], None]) -> Any:
        """Import ``modules`` off the UI thread while the first view answers input, then
        ``bind`` on it (``app.ui.common.preload``)."""
        from app.ui.common.preload import Preload

        self.preload = Preload(modules, lambda: self._guarded(bind))
        self.preload.start()
        return self.preload

    def close_stores(self) -> None:
        """At exit: the stores' connections closed now, not left to the collector."""
        for store in (self.store, getattr(self.window, "store", None)):
            if store is not None:
                store.close()

    # -- the clerk's window ----------------------------------------------------------------
    def _main_window(self) -> MainWindow:
        from app.ui.unit.window import MainWindow

        return MainWindow(
            today=self.today, data_dir=str(self.settings.data_dir), log_dir=self.settings.log_dir
        )

    def _open_store(self) -> None:
        from app.services.stores import open_unit_store, store_catalog

        if self.store is None:
            self.store = open_unit_store(self.settings)
        if self.catalog is None:
            self.catalog = store_catalog(self.store)

    def _load_main(self) -> None:
        if self._first_view():
            return
        from app.services.unit_setup import get_profile

        self._open_store()
        profile = get_profile(self.store, self.catalog)
        if profile is None:  # a store without a profile: finish the set-up first
            wizard = self._make_wizard()
            wizard.set_catalog(self.catalog)
            old, self.window = self.window, wizard
            wizard.show()
            if old is not None:
                old.close()
            self._loaded()
            return
        window: Any = self.window
        self._attach(window, profile)
        self._loaded()

    def _first_view(self) -> bool:
        """The clerk's data shown from a direct read, the store's service bound once its
        modules are in (or at once, when an action needs it): False when the first view does
        not answer for this store (``unit_first_view``)."""
        from app.services.unit_first_view import open_first_view

        reads = open_first_view(self.settings.unit_store_path)
        if reads is None:
            return False
        window: Any = self.window
        try:
            window.show_first(reads, reads.profile)
            self._data_shown(window)
        except BaseException:
            reads.close()
            raise

        def bind() -> None:
            window.binding = None
            try:
                self._open_store()
                self._bind(window, reads)
            finally:
                reads.close()
            self._loaded()

        window.binding = self._preload_then(CLERK_CORE, bind).now
        return True

    def _data_shown(self, window: QWidget) -> None:
        """Paint the data now, before the store's modules load: the layouts of the widgets
        just filled settle (docks, tab bars) with user input held back, then a repaint."""
        for _ in range(3):  # a pass's layouts post more (a dock's tab bar comes in the second)
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        window.repaint()
        if self.smoke_test:
            elapsed = (time.perf_counter() - STARTED_AT) * 1000
            print(f"data shown after {elapsed:.0f} ms", flush=True)

    def _bind(self, window: MainWindow, reads: Any) -> None:
        from app.services.entries import EntryService

        if self.catalog != reads.catalog:  # the store changed since: read it all again
            self._attach(window, reads.profile)
            return
        window.bind(EntryService(self.store, self.catalog, reads.unit_id), reads.written())
        self._export_handler(window, reads.profile)

    def _attach(self, window: MainWindow, profile: Any) -> None:
        from app.services.catalog import default_plan_code
        from app.services.entries import EntryService
        from app.services.stores import store_catalog

        if not any(u.id == profile.unit_id and u.reports for u in self.catalog.units):
            # the newest plan does not list this unit: open the newest one that does
            with self.store.factory() as s:
                code = default_plan_code(s, profile.unit_id)
            self.catalog = store_catalog(self.store, code)

        window.attach(EntryService(self.store, self.catalog, profile.unit_id), profile)
        self._export_handler(window, profile)

    def _export_handler(self, window: MainWindow, profile: Any) -> None:
        from app.ui.unit.export_dialog import make_export_handler

        catalog_shown = lambda: window.service().catalog  # noqa: E731  (the clerk may switch plans)
        window.export_handler = make_export_handler(window, self.store, catalog_shown, profile)

    # -- the wizard ------------------------------------------------------------------------
    def _make_wizard(self) -> Any:
        from app.ui.setup.wizard import SetupWizard

        self.app.setQuitOnLastWindowClosed(False)  # the wizard hands over to another window
        wizard = SetupWizard(
            self._create_unit_job,
            self._save_registration,
            office_key=(self._read_office_key, self._trust_office_key),
            create_office=self._create_office_job,
            save_office_key=self._save_office_key,
        )
        wizard.finished.connect(self._wizard_finished)
        self.wizard = wizard
        return wizard

    def _load_wizard(self) -> None:
        from app.services.catalog import default_catalog

        self.wizard.set_catalog(self.catalog or default_catalog())
        self._loaded()

    def _create_unit_job(self, unit_id: str, clerk: str, contact: str, passphrase: str) -> Any:
        """Runs on a pool thread (scrypt): opens the store if needed and creates the key."""
        from app.services.unit_setup import init_unit

        self._open_store()
        return init_unit(self.store, self.catalog, unit_id, clerk, contact, passphrase)

    def _save_registration(self, path: Path) -> Path:
        from app.services.unit_setup import write_registration_file, write_registration_sheet

        written = write_registration_file(self.store, self.catalog, path)
        # The printable sheet the unit signs and stamps goes beside the file, same name.
        write_registration_sheet(self.store, self.catalog, written.with_suffix(".html"))
        return written

    def _read_office_key(self, path: Path) -> Any:
        from app.services.unit_office_key import read_office_key_file

        return read_office_key_file(path)

    def _trust_office_key(self, file: Any) -> Any:
        from app.services.unit_office_key import trust_office_key

        self._open_store()
        return trust_office_key(self.store, file)

    def _create_office_job(self, passphrase: str) -> Any:
        """Runs on a pool thread (scrypt): creates the office store and its signing key."""
        from app.services.audit import os_user
        from app.services.office_key import create_office_key
        from app.services.stores import open_office_store

        store = open_office_store(self.settings)
        try:
            return create_office_key(store, passphrase, os_user())
        finally:
            store.close()

    def _save_office_key(self, path: Path) -> Path:
        from app.services.office_key import export_office_key
        from app.services.stores import open_office_store

        store = open_office_store(self.settings)
        try:
            return Path(export_office_key(store, path))
        finally:
            store.close()

    def _wizard_finished(self, _result: int) -> None:
        wizard = self.wizard
        profile = wizard.profile()
        window: QWidget
        if profile is not None:  # the unit store made with the key makes the folder the unit's
            window = self._main_window()
            window.show()
            self._attach(window, profile)
        elif wizard.result() == wizard.DialogCode.Accepted and wizard.role() == ROLE_OFFICE:
            office: Any = make_office_window(self.settings, load_after_paint=False)
            office.show()
            office.load_or_report()  # creates the office store: the folder is the office's now
            window = office
        else:
            self.app.quit()  # set-up cancelled: nothing was written
            return
        self.window = window
        self.app.setQuitOnLastWindowClosed(True)


def started() -> None:
    """The first view has its data: the cyclic collector back on (``app.cli.main`` turned it
    off for the start-up), the objects made so far frozen out of its future passes."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def run_gui(settings: Settings, *, smoke_test: bool = False, lang: str | None = None) -> int:
    pyside_imports.install()  # before SQLAlchemy and the models are imported
    try:
        existing = QApplication.instance()
        app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
        prepare_application(app, lang)
        launcher = Launcher(app, settings, smoke_test=smoke_test)
        launcher.start()
        code = int(app.exec())
    except Exception as exc:  # the promise: one line, never a traceback
        log.exception("the window could not start")
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    finally:
        started()
    from app.ui.common.workers import wait_for_background

    wait_for_background()  # a key being sealed is finished, not cut off
    launcher.close_stores()
    return code or launcher.exit_code
