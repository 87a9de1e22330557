"""The store's modules loaded behind a first view (app.ui.common.preload): the binding runs
once, on the UI thread, whether the imports end first or an action asks for it first."""

from __future__ import annotations

import logging
import threading
from typing import Any

import pytest

from app.ui.common.preload import Preload


def test_the_binding_runs_once_on_the_ui_thread_when_the_imports_are_in(qtbot: Any) -> None:
    ran: list[str] = []
    preload = Preload(("json", "decimal"), lambda: ran.append(threading.current_thread().name))
    preload.start()
    qtbot.waitUntil(lambda: ran != [], timeout=5000)
    assert ran == [threading.main_thread().name] and not preload.pending()
    preload.now()
    qtbot.wait(20)
    assert len(ran) == 1


def test_an_action_that_cannot_wait_binds_at_once_and_only_once(qtbot: Any) -> None:
    ran: list[int] = []
    preload = Preload(("json",), lambda: ran.append(1))
    preload.start()
    preload.now()  # before the event loop delivered the imports' signal
    assert ran == [1] and not preload.pending()
    qtbot.wait(50)  # the signal arrives: nothing runs twice
    assert ran == [1]


def test_a_failed_import_is_logged_and_left_to_the_binding(
    qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    ran: list[int] = []
    with caplog.at_level(logging.ERROR, logger="app.ui.common.preload"):
        preload = Preload(("app_no_such_module_here",), lambda: ran.append(1))
        preload.start()
        qtbot.waitUntil(lambda: ran == [1], timeout=5000)
    assert "preloading the store's modules failed" in caplog.text
    assert "ModuleNotFoundError" in caplog.text  # with its traceback
