"""The office window's period selector spans plans: each plan's title a header that cannot be
chosen, its periods below; a period of another plan switches every page to that plan. The
工作方案 menu opens the plans window, and a plan published there reaches the selector."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.config import Settings
from app.services.stores import Store, store_catalog
from app.ui.office.window import PAGE_MATRIX, OfficeWindow
from tests.kit.plans import NEXT, SHIPPED, publish_next_year


def make(qtbot: Any, settings: Settings, store: Store) -> OfficeWindow:
    window = OfficeWindow(settings, store, store_catalog(store, SHIPPED))
    qtbot.addWidget(window)
    window.resize(1400, 850)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_period_selector_is_grouped_by_plan(
    qtbot: Any, settings: Settings, office_store: Store
) -> None:
    publish_next_year(office_store)
    window = make(qtbot, settings, office_store)
    combo = window.period_combo
    assert combo.headers() == ["深圳市2016年质量工作方案", "深圳市2017年质量工作方案"]
    assert combo.count() == 12  # two headers, five periods each
    header = combo.model().index(0, 0)
    assert not combo.model().flags(header) & Qt.ItemFlag.ItemIsSelectable
    assert window.catalog is not None and window.catalog.code == SHIPPED

    combo.setFocus()
    combo.select(SHIPPED, "2016")
    assert window.period == "2016"
    QTest.keyClick(combo, Qt.Key.Key_Down)  # over the 2017 header, onto 2017Q1
    assert combo.current() == (NEXT, "2017Q1")
    assert window.catalog.code == NEXT and window.period == "2017Q1"
    window.tabs.setCurrentIndex(PAGE_MATRIX)
    assert window.pages.matrix.model.rowCount() > 0
    assert "2017年第一季度" in window.status_label.text()
    QTest.keyClick(combo, Qt.Key.Key_Up)  # over the header again, back into 2016
    assert window.catalog.code == SHIPPED and window.period == "2016"


def test_the_plans_menu_and_a_plan_published_there(
    qtbot: Any, settings: Settings, office_store: Store
) -> None:
    window = make(qtbot, settings, office_store)
    assert window.period_combo.headers() == ["深圳市2016年质量工作方案"]
    window.menu_plans.open_action.trigger()
    plans = window.menu_plans.window_
    assert plans is not None and plans.isVisible() and plans.store is office_store
    plans.plan_actions.copy.trigger()
    QTest.keyClick(plans.plan_dialog, Qt.Key.Key_Return)
    assert plans.code == NEXT
    dialog = plans.publish()
    assert dialog is not None and not dialog.refused
    assert dialog.model.rows[0].text == "49 项，分 5 个部分"  # a first revision: what it holds
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    assert window.period_combo.headers() == ["深圳市2016年质量工作方案", "深圳市2017年质量工作方案"]
    assert window.catalog is not None and window.catalog.code == SHIPPED  # stays where it was
    window.close()
    assert not plans.isVisible()
