"""Fixtures for driving the real windows: QSettings in a temp folder, a set-up unit store.

Every test in tests/ui (and below) gets its own QSettings folder, so no test touches the
user's preferences or sees another test's window geometry or language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.config import Settings
from app.io import keys
from app.services.stores import Store, store_catalog
from app.services.unit_setup import UnitProfileInfo, init_unit
from app.ui.common.application import prepare_application
from app.ui.common.i18n import ZH
from tests.kit.ui import FAST_SCRYPT_N, PASSPHRASE, TODAY


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path: Path, qapp: QApplication) -> Iterator[Path]:
    folder = tmp_path / "qsettings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    prepare_application(qapp, ZH)
    qapp.setQuitOnLastWindowClosed(False)  # a closed test window must not end the session
    yield folder
    prepare_application(qapp, ZH)


@pytest.fixture
def fast_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", FAST_SCRYPT_N)


@pytest.fixture
def profile(unit_store: Store, fast_scrypt: None) -> UnitProfileInfo:
    """The install set up for 深圳市住房和建设局 (zjj), as the wizard would leave it."""
    return init_unit(
        unit_store, store_catalog(unit_store), "住房建设局", "张三", "0755-88886666", PASSPHRASE
    )


@pytest.fixture
def make_window(
    qtbot: Any, unit_store: Store, profile: UnitProfileInfo, settings: Settings
) -> Iterator[Callable[..., Any]]:
    """Build (and show) the clerk's main window on the set-up store; closed after the test."""
    from app.services.entries import EntryService
    from app.ui.unit.window import MainWindow

    made: list[Any] = []

    def make(today: date = TODAY) -> Any:
        window = MainWindow(today=lambda: today, data_dir=str(settings.data_dir))
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        window.attach(EntryService(unit_store, store_catalog(unit_store), "zjj"), profile)
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()


@pytest.fixture
def window(make_window: Callable[..., Any]) -> Any:
    return make_window()
