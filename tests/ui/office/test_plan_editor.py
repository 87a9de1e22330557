"""The plan editor on the seed document's draft: errors beside fields and in one list, undo and
redo across tables, guesses marked and confirmed, a published plan read-only.

The draft is the real importer's (tests/fixtures/plans/sz-2016-seed.txt with the shipped
plan's units); the checks are the real ``check_plan``; the clerk's keys are real key events.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDateEdit, QLineEdit

from app.config import resource_path
from app.io.plan_document import import_plan_document
from app.services.plans import Guess
from app.ui.common.i18n import EN, apply_language
from app.ui.office.plans.editor import TAB_HEADER, TAB_TASKS, TAB_UNITS, PlanEditor
from app.ui.office.plans.issues_panel import TAB_GUESSES
from app.ui.office.plans.marks import ERROR_BACKGROUND, GUESS_BACKGROUND
from app.ui.office.plans.table_model import POINTER_ROLE
from tests.kit.paths import SEED
from tests.kit.ui import type_text

TARGET_VALUE = "/tasks/22/targets/0/value"  # 任务 23: 重点工业品和消费品质量监督抽查 1500 批次


def seed_draft() -> tuple[dict[str, Any], list[Guess]]:
    shipped = json.loads(Path(resource_path("plans/sz-2016.json")).read_text("utf-8"))
    result = import_plan_document(SEED, shipped["units"], shipped["groups"], "SZ-QUALITY-2017")
    return result.plan, [Guess(g.field, g.where, g.what) for g in result.guesses]


@pytest.fixture
def editor(qtbot: Any) -> Iterator[PlanEditor]:
    widget = PlanEditor()
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    plan, guesses = seed_draft()
    widget.load(plan, guesses, read_only=False, revision=0)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()  # the keys go to the focused widget of the active window
    qtbot.waitUntil(widget.isActiveWindow)
    yield widget


def cell(editor: PlanEditor, pointer: str) -> QModelIndex:
    """The index showing ``pointer`` in the tasks tab's target table (task chosen first)."""
    editor.go_to(pointer)
    view = editor.tasks.targets.view
    index = view.currentIndex()
    assert index.data(POINTER_ROLE) == pointer
    return index


def type_into_cell(view: Any, text: str) -> None:
    """Type over the current cell as a clerk does: the first key opens the editor."""
    QTest.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_text(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # Qt commits the editor's data by a queued call


def test_an_invalid_value_shows_beside_the_field_and_in_the_list(
    editor: PlanEditor, qtbot: Any
) -> None:
    assert editor.checks.problems == []
    index = cell(editor, TARGET_VALUE)
    assert index.data() == "1500"
    type_into_cell(editor.tasks.targets.view, "15OO")  # letters O for zeros
    assert editor.doc.value(TARGET_VALUE) == "15OO"  # kept as typed, so it can be shown
    qtbot.waitUntil(lambda: len(editor.checks.problems) == 1, timeout=3000)
    index = editor.tasks.targets.model.index(index.row(), index.column())
    assert index.data(Qt.ItemDataRole.BackgroundRole).color().name() == ERROR_BACKGROUND
    assert "15OO" in index.data(Qt.ItemDataRole.ToolTipRole)
    first = editor.tasks.targets.model.index(index.row(), 0)
    assert first.data(Qt.ItemDataRole.DecorationRole) is not None  # the row's icon
    rows = editor.issues.problems.rows
    assert [r.pointer for r in rows] == [TARGET_VALUE]
    assert rows[0].where.startswith("任务 23")
    assert editor.issues.tabText(0) == "问题（1）"

    # Going to the error from the list: the cell, in its tab, with the focus.
    editor.tabs.setCurrentIndex(TAB_HEADER)
    editor.issues.setCurrentIndex(0)
    view = editor.issues.problem_view
    view.setFocus()
    view.setCurrentIndex(editor.issues.problems.index(0, 0))
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert editor.tabs.currentIndex() == TAB_TASKS
    target_view = editor.tasks.targets.view
    assert target_view.hasFocus()
    assert target_view.currentIndex().data(POINTER_ROLE) == TARGET_VALUE

    type_into_cell(target_view, "1800")
    assert editor.doc.value(TARGET_VALUE) == 1800
    qtbot.waitUntil(lambda: editor.checks.problems == [], timeout=3000)
    assert editor.issues.tabText(0) == "问题（0）"


def test_undo_and_redo_across_tables_and_fields(editor: PlanEditor, qtbot: Any) -> None:
    stack = editor.doc.undo_stack
    cell(editor, TARGET_VALUE)
    type_into_cell(editor.tasks.targets.view, "1800")
    editor.go_to("/units/1/short_name")
    assert editor.tabs.currentIndex() == TAB_UNITS
    type_into_cell(editor.units.view, "市住建局")
    editor.go_to("/plan/title")
    title = editor.header.fields["title"].widget
    title.end(False)
    type_text(title, "（修订）")
    assert editor.doc.value("/plan/title").endswith("（修订）")
    assert stack.count() == 3  # each keystroke in the title merged into one step

    stack.undo()  # the keys: tests/ui/office/test_plans_window.py
    assert not editor.doc.value("/plan/title").endswith("（修订）")
    assert title.text() == editor.doc.value("/plan/title")
    stack.undo()
    assert editor.doc.value("/units/1/short_name") == "市住房建设局"
    stack.undo()
    assert editor.doc.value(TARGET_VALUE) == 1500
    stack.redo()
    stack.redo()
    assert editor.doc.value(TARGET_VALUE) == 1800
    assert editor.doc.value("/units/1/short_name") == "市住建局"


def test_rows_added_and_removed_move_the_guesses_with_them(editor: PlanEditor) -> None:
    before = editor.doc.open_guess("/tasks/22/title")
    assert before is not None
    editor.go_to("/tasks/0/no")
    QTest.keyClick(editor.tasks.tasks.view, Qt.Key.Key_Escape)
    editor.tasks.tasks.select(0)
    QTest.keyClick(editor.tasks.tasks.view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert editor.doc.value("/tasks/0/no") == 2
    moved = editor.doc.open_guess("/tasks/21/title")
    assert moved is not None and moved.what == before.what
    editor.doc.undo_stack.undo()
    assert editor.doc.value("/tasks/0/no") == 1
    assert editor.doc.open_guess("/tasks/22/title") == before


def test_guesses_are_marked_listed_and_confirmed(editor: PlanEditor, qtbot: Any) -> None:
    doc = editor.doc
    total = len(doc.open_guesses())
    assert total > 50  # every short title, target name, owner, the periods
    assert editor.issues.tabText(TAB_GUESSES) == f"待确认（{total}）"
    index = cell(editor, "/tasks/22/targets/0/name")
    assert index.data().endswith("· 待确认")
    assert index.data(Qt.ItemDataRole.BackgroundRole).color().name() == GUESS_BACKGROUND
    assert "待确认" in index.data(Qt.ItemDataRole.ToolTipRole)

    # Editing a guessed field confirms it (and undo brings the guess back).
    type_into_cell(editor.tasks.targets.view, "重点工业品和消费品监督抽查")
    assert doc.open_guess("/tasks/22/targets/0/name") is None
    doc.undo_stack.undo()
    assert doc.open_guess("/tasks/22/targets/0/name") is not None

    # One by one from the list, with the space bar.
    editor.issues.setCurrentIndex(TAB_GUESSES)
    view = editor.issues.guess_view
    view.setFocus()
    view.selectRow(0)
    first = editor.issues.guesses.rows[0].pointer
    QTest.keyClick(view, Qt.Key.Key_Space)
    assert all(g.pointer != first for g in doc.open_guesses())
    assert editor.issues.guesses.rows[0].confirmed
    assert len(doc.open_guesses()) == total - 1

    # All of one table: the targets of task 23, not the task's own title.
    editor.go_to("/tasks/22/targets/0/name")
    targets = editor.tasks.targets
    assert len(targets.table_guesses()) == 5
    assert not targets.confirm_button.isHidden()
    qtbot.mouseClick(targets.confirm_button, Qt.MouseButton.LeftButton)
    assert targets.table_guesses() == []
    assert targets.confirm_button.isHidden()
    assert doc.open_guess("/tasks/22/title") is not None
    assert len(doc.open_guesses()) == total - 6

    qtbot.mouseClick(editor.issues.confirm_all_button, Qt.MouseButton.LeftButton)
    assert doc.open_guesses() == []
    assert editor.issues.tabText(TAB_GUESSES) == "待确认（0）"
    doc.undo_stack.undo()
    assert len(doc.open_guesses()) == total - 6


def test_a_published_plan_is_read_only(qtbot: Any) -> None:
    editor = PlanEditor()
    qtbot.addWidget(editor)
    plan = json.loads(Path(resource_path("plans/sz-2016.json")).read_text("utf-8"))
    editor.load(plan, (), read_only=True, revision=1)
    editor.show()
    qtbot.waitExposed(editor)
    assert editor.banner.isVisible()
    assert "第 1 版" in editor.banner_label.text() and "第 2 版" in editor.banner_label.text()
    editor.go_to("/tasks/0/title")
    view = editor.tasks.tasks.view
    QTest.keyClick(view, Qt.Key.Key_F2)
    type_text(view, "改")
    assert editor.doc.value("/tasks/0/title") == plan["tasks"][0]["title"]
    assert editor.doc.undo_stack.count() == 0
    assert not editor.tasks.tasks.add_button.isEnabled()
    assert editor.header.fields["title"].widget.isReadOnly()
    with qtbot.waitSignal(editor.revise_requested):
        qtbot.mouseClick(editor.revise_button, Qt.MouseButton.LeftButton)


def test_the_editor_in_english(qtbot: Any) -> None:
    apply_language(EN)
    editor = PlanEditor()
    qtbot.addWidget(editor)
    plan, guesses = seed_draft()
    editor.load(plan, guesses, read_only=False, revision=0)
    assert editor.tabs.tabText(TAB_TASKS) == "&5 Tasks"
    assert editor.issues.tabText(0) == "Problems (0)"
    assert editor.tasks.tasks.model.headerData(2, Qt.Orientation.Horizontal) == "Title"
    editor.go_to("/tasks/22/targets/0/name")
    index = editor.tasks.targets.view.currentIndex()
    assert index.data().endswith("· to confirm")
    assert "Target name taken from the context" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_choices_and_dates_are_edited_in_their_own_editors(editor: PlanEditor, qtbot: Any) -> None:
    doc = editor.doc
    comparator = "/tasks/22/targets/0/comparator"
    editor.go_to(comparator)
    view = editor.tasks.targets.view
    QTest.keyClick(view, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox) and combo.currentData() == ">="
    QTest.keyClick(combo, Qt.Key.Key_End)  # the last choice: 区间
    QTest.keyClick(combo, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert doc.value(comparator) == "range"
    editor.checks.run()
    upper = "/tasks/22/targets/0/value_max"
    assert [p.pointer for p in editor.checks.problems] == [upper]  # a range needs its top
    editor.go_to(upper)
    type_into_cell(view, "2000")
    editor.checks.run()
    assert doc.value(upper) == 2000 and editor.checks.problems == []
    editor.go_to(comparator)
    QTest.keyClick(view, Qt.Key.Key_F2)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Home)  # back to ≥
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    assert doc.value(comparator) == ">=" and "value_max" not in doc.value("/tasks/22/targets/0")
    doc.undo_stack.undo()  # one step: the comparator and its upper bound together
    assert doc.value(comparator) == "range" and doc.value(upper) == 2000

    due = "/periods/0/due"
    editor.go_to(due)
    periods = editor.periods.view
    QTest.keyClick(periods, Qt.Key.Key_F2)
    date_edit = QApplication.focusWidget()
    assert isinstance(date_edit, QDateEdit) and date_edit.date() == QDate(2016, 4, 10)
    QTest.keyClick(date_edit, Qt.Key.Key_Down)  # the year section: one year back
    QTest.keyClick(date_edit, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert doc.value(due) == "2015-04-10"
    editor.checks.run()
    assert [p.pointer for p in editor.checks.problems] == [due]  # due before the period ends
    index = editor.periods.model.index(0, editor.periods.model.column_of("due"))
    assert index.data(Qt.ItemDataRole.BackgroundRole).color().name() == ERROR_BACKGROUND

    owner = "/indicators/0/owner"
    editor.go_to(owner)
    indicators = editor.indicators
    QTest.keyClick(indicators.view, Qt.Key.Key_F2)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Home)  # （未指定）
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    assert "owner" not in doc.value("/indicators/0")  # no owner: the key goes
    json.dumps(doc.plan)  # what save_draft writes: plain JSON, no marker left in it


def test_a_renamed_unit_code_follows_into_tasks_groups_and_indicators(qtbot: Any) -> None:
    editor = PlanEditor()
    qtbot.addWidget(editor)
    plan = json.loads(Path(resource_path("plans/sz-2016.json")).read_text("utf-8"))
    editor.load(plan, (), read_only=False, revision=1)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    doc = editor.doc

    def uses(code: str) -> int:
        tasks = sum(a["unit"] == code for t in doc.rows("/tasks") for a in t["units"])
        owners = sum(i.get("owner") == code for i in doc.rows("/indicators"))
        return tasks + owners

    assert (uses("zjj"), uses("zj")) == (8, 0)
    editor.go_to("/units/1/id")
    type_into_cell(editor.units.view, "zj")
    assert (uses("zjj"), uses("zj")) == (0, 8)
    assert editor.checks.run() is None and editor.checks.problems == []

    # A group's members: from "all" to the units ticked, by keys.
    editor.go_to("/groups/0/name")
    members = editor.groups.members
    assert members.all_box.isChecked() and doc.value("/groups/0/members") == "all"
    qtbot.mouseClick(members.all_box, Qt.MouseButton.LeftButton)
    ticked = doc.value("/groups/0/members")
    assert isinstance(ticked, list) and "zj" in ticked and "zlqsb" not in ticked
    members.view.setFocus()
    members.view.setCurrentIndex(members.model.index(1, 0))  # 市住房建设局
    QTest.keyClick(members.view, Qt.Key.Key_Space)
    assert "zj" not in doc.value("/groups/0/members")

    doc.undo_stack.undo()  # the tick
    doc.undo_stack.undo()  # "all" unticked
    doc.undo_stack.undo()  # the new code and every reference to it, in one step
    assert doc.value("/groups/0/members") == "all"
    assert (uses("zjj"), uses("zj")) == (8, 0)
