"""Chinese first, English switchable in Settings: applied at once and remembered."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.ui.common.i18n import EN, ZH, current_language, stored_language
from app.ui.unit.task_list import COL_ROLE
from tests.kit.ui import type_text


def choose_in_settings(window: Any, qtbot: Any, language_text: str) -> None:
    def interact() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "settingsDialog"
        combo = dialog.language
        combo.setFocus()
        QTest.keyClick(combo, Qt.Key.Key_Home)
        for _ in range(combo.count()):
            if combo.currentText() == language_text:
                break
            QTest.keyClick(combo, Qt.Key.Key_Down)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, interact)
    window.acts.settings.trigger()


def test_switch_to_english_and_back(window: Any, qtbot: Any) -> None:
    assert window.tabs.tabText(0) == "任务填报"
    assert window.task_panel.filter_all.text() == "全部"
    window.select_task(2)
    type_text(window.form.percent, "150")
    assert "0-100的整数" in window.form.error_text("percent")

    choose_in_settings(window, qtbot, "English")
    assert current_language() == EN
    assert stored_language() == EN
    assert QSettings().value("ui/language") == EN
    # Qt posts LanguageChange to every window; each retranslates when it handles it.
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == "Tasks", timeout=2000)
    assert window.tabs.tabText(1) == "Goal indicators"
    assert window.task_panel.filter_all.text() == "All"
    assert window.form.status_caption.text() == "&Status:"
    assert window.form.status.itemText(0) == "Not started"
    model = window.task_panel.model
    assert model.index(model.row_of_task(26), COL_ROLE).data() == "Responsible"
    assert "whole number from 0 to 100" in window.form.error_text("percent")
    assert window.summary.headline.text().startswith("1 of 9 tasks filled")
    assert window.period_bar.due.text() == "Due: 2016-04-10"

    choose_in_settings(window, qtbot, "中文")
    assert current_language() == ZH
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == "任务填报", timeout=2000)
    assert window.form.status.itemText(0) == "未启动"


def test_clerk_and_phone_change_in_settings(window: Any) -> None:
    window.apply_settings(ZH, "李四", "13900001111")
    from app.services.unit_setup import get_profile

    profile = get_profile(window.service().store)
    assert profile is not None and (profile.clerk, profile.contact) == ("李四", "13900001111")
    assert "李四" in window.who_label.text()
