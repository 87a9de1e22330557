"""Filling the progress form by typing: values reach SQLite, rules show beside the fields."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.config import Settings
from app.services.entries import EntryService
from app.services.stores import Store, open_unit_store, store_catalog
from tests.kit.ui import type_text


@pytest.fixture
def reader(settings: Settings, window: Any) -> Iterator[Any]:
    """What a restart would see: a second store and service on the same SQLite file."""
    stores: list[Store] = []

    def read(task: int, period: str = "2016Q1") -> Any:
        store = open_unit_store(settings)
        stores.append(store)
        return EntryService(store, store_catalog(store), "zjj").load(task, period)

    yield read
    for s in stores:
        s.close()


def choose_status(form: Any, label: str) -> None:
    """Pick a status with the keyboard only (focus the combo, arrow keys)."""
    combo = form.status
    combo.setFocus()
    for _ in range(combo.count()):
        if combo.currentText() == label:
            return
        QTest.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"no status {label}")


def test_typing_a_whole_entry_reaches_sqlite(window: Any, reader: Any, qtbot: Any) -> None:
    window.select_task(26)  # 工程质量提升与争创优质工程: one target, ≥ 3 个
    form = window.form
    assert "工程质量提升" in form.heading.text()
    assert form.task_text.text() == window.service().catalog.task(26).text
    choose_status(form, "推进中")
    type_text(form.percent, "60")
    type_text(form.texts["progress"], "完成优质工程申报 12 项")
    type_text(form.texts["problems"], "部分项目资料不全")
    type_text(form.texts["next_steps"], "继续督促")
    target = window.service().catalog.task(26).targets[0]
    edit = form.field_widget(f"target:{target.name}")
    type_text(edit, "2")
    qtbot.waitUntil(lambda: window.saved_label.text().startswith("已保存"), timeout=3000)

    saved = reader(26)
    d = saved.draft
    assert (d.status, d.percent) == ("in_progress", 60)
    assert d.progress == "完成优质工程申报 12 项"
    assert d.problems == "部分项目资料不全"
    assert d.next_steps == "继续督促"
    assert d.target(target.name) == "2"
    assert saved.errors == ()
    row = window.task_panel.model.task_row(26)
    assert row.filled and row.status == "in_progress" and row.error_count == 0


def test_each_change_is_saved_within_a_second(window: Any, reader: Any, qtbot: Any) -> None:
    window.select_task(2)
    type_text(window.form.texts["progress"], "abc")
    qtbot.wait(1000)  # no focus change, no Ctrl+S: only the debounce timer saves
    assert reader(2).draft.progress == "abc"


def test_percent_150_is_flagged_beside_the_field(window: Any, qtbot: Any) -> None:
    form = window.form
    window.select_task(2)
    choose_status(form, "推进中")
    type_text(form.percent, "150")
    assert "0-100" in form.error_text("percent")
    assert form.percent.property("invalid") is True
    form.percent.selectAll()
    type_text(form.percent, "50")
    assert form.error_text("percent") == ""
    assert form.percent.property("invalid") is False


def test_completed_needs_100(window: Any, reader: Any, qtbot: Any) -> None:
    form = window.form
    window.select_task(47)
    choose_status(form, "已完成")
    type_text(form.percent, "90")
    type_text(form.texts["progress"], "已开展执法")
    assert "100" in form.error_text("percent")
    # Errors never stop a draft from saving.
    window.save_now()
    saved = reader(47)
    assert saved.draft.status == "completed" and saved.draft.percent == 90
    assert [e.code for e in saved.errors] == ["completed_needs_100"]
    assert window.task_panel.model.task_row(47).error_count == 1


def test_delayed_requires_problems(window: Any, qtbot: Any) -> None:
    form = window.form
    window.select_task(46)
    choose_status(form, "滞后")
    type_text(form.percent, "30")
    type_text(form.texts["progress"], "抽查进行中")
    assert "存在问题" in form.error_text("problems")
    assert form.texts["problems"].property("invalid") is True
    type_text(form.texts["problems"], "人手不足")
    assert form.error_text("problems") == ""


def test_negative_target_and_text_counter(window: Any, qtbot: Any) -> None:
    form = window.form
    window.select_task(27)  # 绿色建筑: ≥ 800 万平方米
    name = window.service().catalog.task(27).targets[0].name
    type_text(form.field_widget(f"target:{name}"), "-5")
    assert "负数" in form.error_text(f"target:{name}")
    type_text(form.texts["problems"], "问题" * 3)
    assert form.counters["problems"].text() == "6 / 1000"


def test_undo_reverts_a_saved_edit_and_saves_the_old_value(
    window: Any, reader: Any, qtbot: Any
) -> None:
    form = window.form
    window.select_task(9)
    box = form.texts["progress"]
    type_text(box, "first")
    window.save_now()
    box.setFocus()
    type_text(box, " second")
    window.save_now()
    assert reader(9).draft.progress == "first second"

    QTest.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert box.toPlainText() == "first"
    qtbot.waitUntil(lambda: reader(9).draft.progress == "first", timeout=2000)

    QTest.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert box.toPlainText() == ""
    QTest.keyClick(
        box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert box.toPlainText() == "first"
    QTest.keyClick(box, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert box.toPlainText() == "first second"
    qtbot.waitUntil(lambda: reader(9).draft.progress == "first second", timeout=2000)


def test_undo_covers_the_status_combo(window: Any, qtbot: Any) -> None:
    form = window.form
    window.select_task(1)
    choose_status(form, "推进中")
    assert form.draft().status == "in_progress"
    window.acts.undo.trigger()
    assert form.status.currentText() == "未启动"
    assert form.draft().status == "not_started"


def test_switching_task_saves_at_once(window: Any, reader: Any, qtbot: Any) -> None:
    window.select_task(21)
    type_text(window.form.texts["progress"], "x")
    window.select_task(22)  # before the 400 ms timer fires
    assert reader(21).draft.progress == "x"
    window.select_task(21)
    assert window.form.texts["progress"].toPlainText() == "x"


def test_indicator_page_validates_and_saves(window: Any, settings: Settings, qtbot: Any) -> None:
    page = window.indicators
    assert sorted(page.rows) == [3, 4, 8]
    window.tabs.setCurrentIndex(1)
    type_text(page.rows[3].value, "101")
    assert "100" in page.error_text(3)
    page.rows[3].value.selectAll()
    type_text(page.rows[3].value, "99.5")
    assert page.error_text(3) == ""
    window.save_now()
    store = open_unit_store(settings)
    try:
        saved = EntryService(store, store_catalog(store), "zjj").load_indicator(3, "2016Q1")
    finally:
        store.close()
    assert saved.draft.value == "99.5"


def test_closing_the_window_saves_what_was_typed(window: Any, reader: Any) -> None:
    window.select_task(1)
    type_text(window.form.texts["next_steps"], "close")
    window.close()  # before the debounce timer fires
    assert reader(1).draft.next_steps == "close"


def test_window_geometry_is_remembered(make_window: Any, qtbot: Any) -> None:
    from app.ui.unit.window import MainWindow

    first = make_window()
    first.resize(760, 560)  # within the offscreen platform's 800x600 screen
    first.splitter.setSizes([200, 500])
    first.close()
    again = MainWindow()  # a restart: geometry before the first paint, the rest once built
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (760, 560)
    again.ensure_built()
    left, right = again.splitter.sizes()
    assert left < right / 2
