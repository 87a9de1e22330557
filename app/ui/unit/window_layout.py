"""The clerk's window as the clerk left it: its geometry at once, its docks, toolbar and
splitter once they are built; saved when the window closes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from app.ui.common.prefs import KEY_MAIN_GEOMETRY, KEY_MAIN_SPLITTER, KEY_MAIN_STATE, ui_settings

if TYPE_CHECKING:
    from app.ui.unit.window import MainWindow


def restore_geometry(window: MainWindow) -> None:
    geometry = ui_settings().value(KEY_MAIN_GEOMETRY)
    if geometry is None or not window.restoreGeometry(geometry):
        screen = QApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            window.resize(min(1320, int(area.width() * 0.92)), min(860, int(area.height() * 0.9)))


def restore_state(window: MainWindow) -> bool:
    """Docks, toolbar and splitter (they exist once built); True for a first start (no layout
    kept: the caller sizes the docks)."""
    s = ui_settings()
    state = s.value(KEY_MAIN_STATE)
    fresh = state is None or not window.restoreState(state)
    splitter = s.value(KEY_MAIN_SPLITTER)
    if splitter is None or not window.splitter.restoreState(splitter):
        width = window.width()
        window.splitter.setSizes([width * 2 // 5, width * 3 // 5])
    return fresh


def save_layout(window: MainWindow) -> None:
    s = ui_settings()
    s.setValue(KEY_MAIN_GEOMETRY, window.saveGeometry())
    if window.is_built():
        s.setValue(KEY_MAIN_STATE, window.saveState())
        s.setValue(KEY_MAIN_SPLITTER, window.splitter.saveState())
    s.sync()
