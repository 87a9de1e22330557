"""The task list: only the unit's tasks, grouped by section; search, filters, keyboard moves."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.domain.entry_rules import EntryDraft
from app.ui.unit.task_list import COL_DONE, COL_ROLE, COL_STATUS, TaskListModel, TaskRow
from tests.kit.ui import type_text

ZJJ_TASKS = [1, 2, 9, 21, 22, 26, 27, 46, 47]


def visible_texts(model: TaskListModel, column: int = 0) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_only_the_units_tasks_grouped_by_section(window: Any) -> None:
    model = window.task_panel.model
    assert model.visible_tasks() == ZJJ_TASKS
    headers = [r for r in range(model.rowCount()) if model.is_header(r)]
    assert [model.index(r, 0).data() for r in headers] == [
        "一、大力推进重点项目建设",
        "二、加强质量宏观管理",
        "三、大力开展质量提升行动",
        "五、切实强化质量安全监管",
    ]
    row = model.row_of_task(26)
    assert model.index(row, COL_ROLE).data() == "负责"
    assert model.index(model.row_of_task(1), COL_ROLE).data() == "配合"
    assert model.index(row, COL_STATUS).data() == "未启动"
    assert model.index(row, COL_STATUS).data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(row, COL_DONE).data() == ""
    assert model.index(row, COL_DONE).data(Qt.ItemDataRole.UserRole + 50) is None


def test_filters_incomplete_and_errors(window: Any) -> None:
    service = window.service()
    service.save(
        EntryDraft(2, "2016Q1", "completed", 100, "指数发布", targets=(("质量分指数个数", "12"),))
    )
    service.save(EntryDraft(9, "2016Q1", "completed", 80, "迎检准备"))  # completed needs 100
    window.select_task(1)
    window.period_bar.select("2016Q2")
    window.period_bar.select("2016Q1")  # reload the period from the store
    panel = window.task_panel
    model = panel.model
    assert model.task_row(2).complete and model.task_row(9).error_count == 1
    assert model.index(model.row_of_task(2), COL_DONE).data() == "✓"
    assert model.index(model.row_of_task(9), COL_DONE).data().startswith("⚠")

    panel.filter_incomplete.click()
    assert 2 not in model.visible_tasks() and 9 in model.visible_tasks()
    assert len(model.visible_tasks()) == len(ZJJ_TASKS) - 1
    panel.filter_errors.click()
    assert model.visible_tasks() == [9]
    assert visible_texts(model)[0] == "一、大力推进重点项目建设"  # its header stays
    panel.filter_all.click()
    assert model.visible_tasks() == ZJJ_TASKS


def test_search_by_number_or_words(window: Any, qtbot: Any) -> None:
    panel = window.task_panel
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is panel.search
    type_text(panel.search, "绿色")
    assert panel.model.visible_tasks() == [27]
    panel.search.clear()
    type_text(panel.search, "47")
    assert panel.model.visible_tasks() == [47]
    panel.search.clear()
    type_text(panel.search, "没有这样的任务")
    assert panel.model.visible_tasks() == []
    assert panel.model.rowCount() == 0


def test_ctrl_page_down_moves_to_the_next_task(window: Any, qtbot: Any) -> None:
    window.select_task(9)
    form = window.form
    form.texts["progress"].setFocus()
    QTest.keyClick(form.texts["progress"], Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.current_task() == 21  # across the section header
    assert form.draft().task_no == 21
    assert QApplication.focusWidget() is form.status  # ready to fill the next one
    QTest.keyClick(form.status, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.current_task() == 9
    window.select_task(47)
    QTest.keyClick(form.status, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.current_task() == 47  # the last one stays


def test_keyboard_only_tab_order_through_the_form(window: Any, qtbot: Any) -> None:
    window.select_task(26)
    form = window.form
    form.status.setFocus()
    seen = [QApplication.focusWidget()]
    for _ in range(6):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    target = window.service().catalog.task(26).targets[0].name
    assert seen == [
        form.status,
        form.percent,
        form.field_widget(f"target:{target}"),
        form.texts["progress"],
        form.texts["problems"],
        form.texts["next_steps"],
        seen[6],
    ]
    assert form.texts["progress"].tabChangesFocus()


def test_model_rows_update_in_place() -> None:
    model = TaskListModel()
    rows = [TaskRow(1, 1, "甲", "甲任务", "lead"), TaskRow(5, 2, "乙", "乙任务", "support")]
    model.set_rows(rows, {1: "一", 2: "二"})
    assert model.rowCount() == 4
    model.set_filter("errors")
    assert model.rowCount() == 0
    model.set_filter("all")
    model.update_row(TaskRow(5, 2, "乙", "乙任务", "support", "delayed", True, 2))
    assert model.index(3, COL_DONE).data() == "⚠ 2"
    assert model.neighbour(1, 1) == 5 and model.neighbour(5, 1) is None
    assert model.neighbour(None, -1) == 5
