"""The clerk's window across plans: periods of every plan grouped under the plan's title, a
period of another plan switches the tasks, the window comes back in the plan it was left in;
after a revision, a banner with 查看变更 until the clerk has looked."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.services.plans import changes_since_seen
from app.services.stores import Store
from tests.kit.plans import NEXT, SHIPPED, publish_next_year, revise_target


def test_the_period_selector_spans_plans(unit_store: Store, make_window: Any) -> None:
    publish_next_year(unit_store)
    window = make_window(today=date(2016, 4, 1))
    combo = window.period_bar.combo
    assert combo.headers() == ["深圳市2016年质量工作方案", "深圳市2017年质量工作方案"]
    assert window.service().catalog.code == NEXT  # the newest plan, as the launcher opens it
    window.period_bar.select("2016", SHIPPED)
    assert window.service().catalog.code == SHIPPED
    assert window.current_period() == "2016"
    tasks = window.task_panel.model.visible_tasks()
    assert tasks and all(no in window._tasks for no in tasks)

    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Down)  # over the 2017 header
    assert window.service().catalog.code == NEXT
    assert window.current_period() == "2017Q1"
    assert window.period_bar.due.text() == "截止日期：2017-04-10"
    QTest.keyClick(combo, Qt.Key.Key_Up)
    assert window.service().catalog.code == SHIPPED and window.current_period() == "2016"
    window.close()

    again = make_window(today=date(2016, 4, 1))  # opened on the newest plan …
    assert again.service().catalog.code == SHIPPED  # … it goes back where the clerk was
    assert again.current_period() == "2016"


def test_the_banner_shows_what_changed_until_seen(
    qtbot: Any, unit_store: Store, make_window: Any
) -> None:
    revise_target(unit_store, 1800)
    window = make_window()
    banner = window.plan_banner
    assert not banner.isHidden()
    assert "第 2 版" in banner.label.text() and "1 处变更" in banner.label.text()
    qtbot.mouseClick(banner.view_button, Qt.MouseButton.LeftButton)
    dialog = banner.dialog
    assert dialog is not None and dialog.isVisible()
    texts = [line.text for line in dialog.model.rows]
    assert len(texts) == 1 and "1500" in texts[0] and "1800" in texts[0]
    assert banner.isHidden()
    assert changes_since_seen(unit_store, SHIPPED).changes == ()
    dialog.close()
    window.close()
    assert make_window().plan_banner.isHidden()


def test_dismissing_the_banner_marks_it_seen(unit_store: Store, make_window: Any) -> None:
    window = make_window()
    assert window.plan_banner.isHidden()  # a fresh install: nothing to report
    window.close()
    revise_target(unit_store, 2000)
    window = make_window()
    assert not window.plan_banner.isHidden()
    QTest.mouseClick(window.plan_banner.dismiss_button, Qt.MouseButton.LeftButton)
    assert window.plan_banner.isHidden()
    assert changes_since_seen(unit_store, SHIPPED).seen == 2
