"""The window opens the role the command line made: the role is derived from the stores
(app.services.install_role), not from a preference file the command line never writes."""

from __future__ import annotations

from typing import Any

import pytest

from app.cli import main
from app.config import Settings
from app.ui.common.launch import Launcher
from tests.kit.ui import PASSPHRASE, TODAY


def first_window(qapp: Any, qtbot: Any, settings: Settings) -> Any:
    launcher = Launcher(qapp, settings, today=lambda: TODAY)
    window = launcher.start()
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    return launcher


def test_office_init_on_the_command_line_then_the_office_window(
    qapp: Any, qtbot: Any, settings: Settings
) -> None:
    assert main(["--data-dir", str(settings.data_dir), "office", "init"]) == 0
    launcher = first_window(qapp, qtbot, settings)
    assert launcher.window.objectName() == "officeWindow"  # not the set-up wizard
    assert not (settings.data_dir / "role.json").exists()


def test_unit_init_on_the_command_line_then_the_clerks_window(
    qapp: Any, qtbot: Any, settings: Settings, fast_scrypt: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QR_PASS", PASSPHRASE)
    argv = ["--data-dir", str(settings.data_dir), "unit", "init", "--unit", "住建局"]
    assert main([*argv, "--clerk", "张三", "--passphrase-env", "QR_PASS"]) == 0
    launcher = first_window(qapp, qtbot, settings)
    assert launcher.window.objectName() == "mainWindow"
    qtbot.waitUntil(lambda: launcher.store is not None, timeout=10_000)
    launcher.window.close()


def test_a_fresh_folder_starts_the_wizard(qapp: Any, qtbot: Any, settings: Settings) -> None:
    launcher = first_window(qapp, qtbot, settings)
    assert launcher.window is launcher.wizard
    qapp.setQuitOnLastWindowClosed(False)
