"""The office window's 设置: the interface language is chosen there, applies to every page at
once (each retranslates on LanguageChange) and is remembered, as in the clerk's window."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.config import Settings
from app.domain.catalog import Catalog
from app.services.stores import Store
from app.ui.common.i18n import EN, ZH, current_language, stored_language
from app.ui.office.window import (
    PAGE_BOARD,
    PAGE_KEYS,
    PAGE_MATRIX,
    PAGE_SCORES,
    PAGE_TRACKER,
    OfficeWindow,
)
from tests.kit.office import build_small_office

CJK = re.compile(r"[\u4e00-\u9fff]")
ZH_TABS = ["汇总矩阵", "报送情况", "指标看板", "图表", "密钥登记", "年度考核", "督办", "审计日志"]


@pytest.fixture
def window(qtbot, settings: Settings, office_store: Store, catalog: Catalog, tmp_path: Path):  # type: ignore[no-untyped-def]
    build_small_office(
        office_store,
        catalog,
        tmp_path / "files",
        periods=("2016Q1",),
        units=["zjj", "jtys", "swj"],
        seed=3,
        missing=0.0,
        late=0.5,
    )
    w = OfficeWindow(settings, office_store, catalog, today=lambda: date(2016, 4, 20))
    qtbot.addWidget(w)
    w.resize(1400, 850)
    w.show()
    qtbot.waitExposed(w)
    # Every page shown once, so each has data to retranslate (not only its empty frame).
    for page in (PAGE_TRACKER, PAGE_BOARD, PAGE_KEYS, PAGE_SCORES, PAGE_MATRIX):
        w.tabs.setCurrentIndex(page)
    return w


def in_settings(window: OfficeWindow, qtbot: Any, act: Callable[[Any], None]) -> None:
    """Open 设置 from the toolbar action; ``act`` drives the modal dialog by keyboard."""
    seen: list[Any] = []

    def interact() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(dialog)
        assert dialog is not None
        act(dialog)

    QTimer.singleShot(0, interact)
    window.settings_action.trigger()
    assert seen and seen[0].objectName() == "officeSettingsDialog"


def choose(language_text: str, button: QDialogButtonBox.StandardButton) -> Callable[[Any], None]:
    def act(dialog: Any) -> None:
        combo = dialog.language
        combo.setFocus()
        QTest.keyClick(combo, Qt.Key.Key_Home)
        for _ in range(combo.count()):
            if combo.currentText() == language_text:
                break
            QTest.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentText() == language_text
        QTest.mouseClick(dialog.buttons.button(button), Qt.MouseButton.LeftButton)

    return act


def tab_titles(window: OfficeWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def cell(view: Any, row: int, col: int) -> str:
    return str(view.model().index(row, col).data())


def header_texts(view: Any) -> list[str]:
    model = view.model()
    return [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]


def test_the_settings_action_switches_every_page_to_english_at_once_and_back(
    qtbot: Any, window: OfficeWindow
) -> None:
    matrix, tracker = window.pages.matrix, window.pages.tracker
    assert tab_titles(window) == ZH_TABS
    assert window.settings_action.text() == "设置(&O)…"
    legend_zh = matrix.legend_labels["not_started"].text()
    assert legend_zh.startswith("未启动 ")
    count = legend_zh.split()[-1]

    in_settings(window, qtbot, choose("English", QDialogButtonBox.StandardButton.Ok))
    assert current_language() == EN
    assert stored_language() == EN and QSettings().value("ui/language") == EN
    qtbot.waitUntil(lambda: window.tabs.tabText(PAGE_MATRIX) == "Matrix", timeout=2000)
    assert tab_titles(window) == [
        "Matrix",
        "Tracker",
        "Indicators",
        "Charts",
        "Keys",
        "Assessment",
        "Supervision",
        "Audit log",
    ]
    assert window.menu_file.title() == "&File"
    assert window.settings_action.text() == "Settings…"
    # the matrix: its header, legend (counts kept), filter bar and cell text
    assert matrix.model.headerData(0, Qt.Orientation.Horizontal) == "Task"
    assert matrix.legend_labels["not_started"].text() == f"Not started {count}"
    assert matrix.legend_labels["missing"].text().startswith("Not reported ")
    assert matrix.legend_labels["late"].text() == "Sent late"
    assert matrix.section.itemText(0) == "All sections"
    assert matrix.state.itemText(1) == "Not started"
    assert "units shown" in matrix.count.text()
    # the other pages, each with its data
    assert header_texts(tracker.table)[:3] == ["Unit", "Status", "Current version"]
    states = {cell(tracker.table, i, 1) for i in range(tracker.model.rowCount())}
    assert states <= {"On time", "Late", "Missing"}
    assert tracker.summary.text().startswith("2016")
    assert "units expected" in tracker.summary.text()
    assert header_texts(window.pages.board.table)[:2] == ["No.", "Name"]
    assert header_texts(window.pages.trust.table)[:3] == ["Unit", "Clerk", "Fingerprint"]
    assert cell(window.pages.trust.table, 0, 3) == "Active"
    scores = window.pages.assessment
    assert header_texts(scores.rules_table) == [
        "Rule",
        "Weight",
        "On",
        "Parameters",
        "Description",
    ]
    assert cell(scores.rules_table, 0, 0) == "On-time reporting"
    assert cell(scores.rules_table, 1, 4).startswith("Mean completion")
    assert scores._param_labels[("on_time", "late_credit")].text() == "Late credit"
    assert header_texts(scores.scores_table)[:4] == ["Rank", "Unit", "Total", "On-time reporting"]
    # no Chinese left in the window's own words (unit names and clerks' text are data)
    own = [*tab_titles(window), *header_texts(tracker.table), *header_texts(scores.rules_table)]
    own += [matrix.late.text(), matrix.missing.text(), matrix.reset.text()]
    own += [a.text() for a in window.toolbar.actions() if a.text()]
    own += [window.period_label.text()]
    assert [t for t in own if CJK.search(t)] == []

    in_settings(window, qtbot, choose("中文", QDialogButtonBox.StandardButton.Ok))
    assert current_language() == ZH and stored_language() == ZH
    qtbot.waitUntil(lambda: window.tabs.tabText(PAGE_MATRIX) == "汇总矩阵", timeout=2000)
    assert tab_titles(window) == ZH_TABS
    assert matrix.model.headerData(0, Qt.Orientation.Horizontal) == "任务"
    assert matrix.legend_labels["not_started"].text() == legend_zh
    assert cell(scores.rules_table, 0, 0) == "按时报送"
    assert scores._param_labels[("on_time", "late_credit")].text() == "逾期折算系数"


def test_cancel_changes_nothing_and_the_dialog_shows_where_the_data_is(
    qtbot: Any, window: OfficeWindow, office_store: Store
) -> None:
    shown: list[str] = []

    def look_then_cancel(dialog: Any) -> None:
        shown.append(dialog.data_location.text())
        choose("English", QDialogButtonBox.StandardButton.Cancel)(dialog)

    in_settings(window, qtbot, look_then_cancel)
    QApplication.processEvents()
    assert shown == [str(office_store.path)]
    assert current_language() == ZH and stored_language() == ZH
    assert window.tabs.tabText(PAGE_MATRIX) == "汇总矩阵"


def test_settings_open_before_the_store_does(qtbot: Any, settings: Settings) -> None:
    """The language can be changed while the data is still opening (or failed to open)."""
    w = OfficeWindow(settings)
    qtbot.addWidget(w)
    assert w.store is None and w.settings_action.isEnabled()
    assert not w.import_action.isEnabled()
    in_settings(w, qtbot, choose("English", QDialogButtonBox.StandardButton.Ok))
    qtbot.waitUntil(lambda: w.status_label.text() == "Opening the data…", timeout=2000)
