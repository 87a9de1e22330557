"""Help → 打开日志文件夹 in both windows, and a background job that dies the hard way (a
BaseException, as a Rust panic in python-calamine arrives) still reports and is logged."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QMainWindow, QMessageBox

from app.config import Settings
from app.ui.common.launch import Launcher
from app.ui.common.workers import run_in_background
from app.ui.office.window import OfficeWindow
from app.ui.unit.window import MainWindow


class Panic(BaseException):
    """Like pyo3's PanicException: a BaseException, not an Exception."""


def log_folder_action(window: QMainWindow) -> QAction:
    for entry in window.menuBar().actions():
        menu = entry.menu()
        if menu is not None and menu.objectName() == "helpMenu":
            assert entry.text() == "帮助(&H)"
            return next(a for a in menu.actions() if a.objectName() == "openLogFolder")
    raise AssertionError("no 帮助 menu")


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """What the program asked the desktop to open (nothing is opened for real)."""
    urls: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return urls


def test_the_units_window_opens_its_log_folder(
    qtbot: Any, tmp_path: Path, opened: list[QUrl]
) -> None:
    logs = tmp_path / "logs"
    window = MainWindow(log_dir=logs)
    qtbot.addWidget(window)
    window.ensure_built()  # the menus come with the widgets, after the first paint
    action = log_folder_action(window)
    assert action.text() == "打开日志文件夹(&L)"
    action.trigger()
    assert [url.toLocalFile() for url in opened] == [str(logs)]
    assert logs.is_dir()  # made, so there is a folder to show before anything was logged


def test_the_office_window_opens_its_log_folder_before_its_store_opens(
    qtbot: Any, tmp_path: Path, opened: list[QUrl]
) -> None:
    settings = Settings.make(tmp_path / "data")
    window = OfficeWindow(settings)
    qtbot.addWidget(window)
    assert window.store is None
    log_folder_action(window).trigger()
    assert [url.toLocalFile() for url in opened] == [str(settings.log_dir)]
    assert settings.log_dir == tmp_path / "data" / "logs"


def test_without_a_file_manager_the_folder_is_named(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: False)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **_k: shown.append(a[2]))
    window = OfficeWindow(Settings.make(tmp_path / "data"))
    qtbot.addWidget(window)
    log_folder_action(window).trigger()
    assert shown == [f"程序日志保存在：{tmp_path / 'data' / 'logs'}"]


def test_a_job_that_panics_still_reports_and_leaves_its_traceback(
    qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    def boom() -> None:
        raise Panic("called `Option::unwrap()` on a `None` value")

    results: list[object] = []
    failures: list[BaseException] = []
    with caplog.at_level(logging.ERROR):
        run_in_background(boom, results.append, failures.append)
        qtbot.waitUntil(lambda: bool(failures), timeout=10_000)
    assert results == [] and isinstance(failures[0], Panic)
    [record] = [r for r in caplog.records if r.name == "app.ui.common.workers"]
    assert record.exc_info is not None and record.exc_info[0] is Panic
    assert "Traceback" in caplog.text and "Option::unwrap" in caplog.text


def test_a_store_that_cannot_open_is_one_line_for_the_clerk_and_a_traceback_in_the_log(
    qapp: Any, qtbot: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: Any
) -> None:
    settings = Settings.make(tmp_path / "data")
    settings.data_dir.mkdir(parents=True)
    settings.unit_store_path.write_bytes(b"not a database, only bytes" * 100)
    launcher = Launcher(qapp, settings, smoke_test=True)  # the one line goes to stderr
    # As in the program: the launcher ends the application's event loop (app.exit(1)), so it
    # runs inside one; called outside, exit() would stop every later event loop of the session.
    safety = QTimer()
    safety.setSingleShot(True)
    safety.timeout.connect(lambda: qapp.exit(2))
    with caplog.at_level(logging.ERROR):
        window = launcher.start()
        qtbot.addWidget(window)
        safety.start(20_000)
        code = qapp.exec()
        safety.stop()
    assert code == 1 and launcher.exit_code == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("error: ") and "Traceback" not in line
    [record] = [r for r in caplog.records if r.name == "app.ui.common.launch"]
    assert record.exc_info is not None and "Traceback" in caplog.text
