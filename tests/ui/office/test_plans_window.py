"""The plans window over a real office store: a new plan with a typed error, undo and redo by
key, autosave; the seed document imported, publishing refused until its guesses are confirmed;
a copy for the next year; a published plan read-only until revised; the Excel template.

Everything goes through ``app.services.plans`` on a real SQLite store; dialogs are driven by
keys; only the system's modal message boxes would be mocked (none is needed here).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from app.services import plans as svc
from app.services.stores import Store
from app.ui.office.plans.editor import TAB_HEADER, TAB_PERIODS, TAB_TASKS
from app.ui.office.plans.plan_dialogs import CopyPlanDialog, ImportCodeDialog, NewPlanDialog
from app.ui.office.plans.plan_list import PlanListModel
from app.ui.office.plans.publish_dialog import PublishDialog
from app.ui.office.plans.window import PlansWindow
from tests.kit.paths import SEED
from tests.kit.ui import type_text

SHIPPED = "SZ-QUALITY-2016"
TARGET_VALUE = "/tasks/22/targets/0/value"  # 任务 23: 抽查 1500 批次


@pytest.fixture
def make_plans(qtbot: Any, office_store: Store) -> Iterator[Callable[[], PlansWindow]]:
    made: list[PlansWindow] = []

    def make() -> PlansWindow:
        window = PlansWindow(office_store)
        qtbot.addWidget(window)
        window.resize(1500, 900)
        window.show()
        qtbot.waitExposed(window)
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()


@pytest.fixture
def plans(make_plans: Callable[[], PlansWindow]) -> PlansWindow:
    return make_plans()


def wait_idle(qtbot: Any, window: PlansWindow) -> None:
    """The import or export on the thread pool has come back."""
    qtbot.waitUntil(lambda: window.busy is None, timeout=30000)


def state(window: PlansWindow, code: str) -> str:
    row = window.list_model.row_of(code)
    return str(window.list_model.index(row, PlanListModel.COL_STATE).data())


def type_into_cell(view: Any, text: str) -> None:
    QTest.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_text(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # Qt commits the editor's data by a queued call


def test_a_new_plan_with_a_typed_error_undo_redo_and_autosave(
    plans: PlansWindow, make_plans: Callable[[], PlansWindow], qtbot: Any, office_store: Store
) -> None:
    assert [r.code for r in plans.list_model.rows] == [SHIPPED]
    assert plans.editor.doc.read_only and state(plans, SHIPPED) == "已发布"

    QTest.keyClick(plans, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = plans.plan_dialog
    assert isinstance(dialog, NewPlanDialog)
    assert dialog.year.value() == 2017
    assert dialog.title.text() == "深圳市2017年质量工作方案"
    assert dialog.code.text() == "SZ-QUALITY-2017"
    QTest.keyClick(dialog.code, Qt.Key.Key_Return)
    assert plans.code == "SZ-QUALITY-2017" and not plans.editor.doc.read_only
    assert state(plans, "SZ-QUALITY-2017") == "草稿"
    assert plans.editor.checks.problems  # no units, no tasks yet: said at once

    year = plans.editor.header.fields["year"]
    plans.editor.go_to("/plan/year")
    assert year.widget.hasFocus()
    year.widget.selectAll()
    type_text(year.widget, "20l7")
    qtbot.waitUntil(lambda: not year.note.isHidden(), timeout=3000)
    assert "20l7" in year.note.text() and year.widget.toolTip() == year.note.text()
    assert "/plan/year" in [p.pointer for p in plans.editor.checks.problems]

    QTest.keyClick(year.widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert year.widget.text() == "2017"
    qtbot.waitUntil(lambda: year.note.isHidden(), timeout=3000)
    QTest.keyClick(year.widget, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert year.widget.text() == "20l7"

    qtbot.waitUntil(lambda: not plans.saver.pending(), timeout=5000)
    assert svc.open_plan(office_store, "SZ-QUALITY-2017").plan["plan"]["year"] == "20l7"
    QTest.keyClick(year.widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    plans.close()  # saves at once, no waiting for the pause
    again = make_plans()
    assert again.code == "SZ-QUALITY-2017"
    assert again.editor.header.fields["year"].widget.text() == "2017"


def test_the_seed_document_imported_publish_refused_then_allowed(
    plans: PlansWindow, qtbot: Any, office_store: Store
) -> None:
    plans.import_file(SEED)
    wait_idle(qtbot, plans)
    dialog = plans.plan_dialog
    assert isinstance(dialog, ImportCodeDialog)
    assert dialog.code.text() == SHIPPED  # the 2016 document revises the 2016 plan
    assert "第 2 版草稿" in dialog.note.text()
    QTest.keyClick(dialog.code, Qt.Key.Key_Return)
    wait_idle(qtbot, plans)
    doc = plans.editor.doc
    assert plans.code == SHIPPED and not doc.read_only
    assert plans.draft is not None and plans.draft.revision == 2
    assert state(plans, SHIPPED).startswith("已发布，修订中")
    guesses = len(doc.open_guesses())
    assert guesses > 50 and plans.editor.checks.problems == []

    refused = plans.publish()
    assert isinstance(refused, PublishDialog) and refused.refused
    assert refused.model.rowCount() == guesses
    assert "还不能发布" in refused.heading.text()
    first = refused.model.rows[0].pointer
    qtbot.mouseClick(refused.fix_button, Qt.MouseButton.LeftButton)
    assert first in {g.pointer for g in doc.open_guesses()}  # the editor went there
    assert svc.list_plans(office_store)[0].revision == 1

    plans.editor.issues.setCurrentIndex(1)
    qtbot.mouseClick(plans.editor.issues.confirm_all_button, Qt.MouseButton.LeftButton)
    assert doc.open_guesses() == []
    dialog = plans.publish()
    assert isinstance(dialog, PublishDialog) and not dialog.refused
    assert dialog.model.rowCount() > 0  # the short titles differ from the shipped ones
    assert "第 2 版" in dialog.heading.text()
    with qtbot.waitSignal(plans.published):
        qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    summary = svc.list_plans(office_store)[0]
    assert (summary.revision, summary.has_draft) == (2, False)
    assert doc.read_only and state(plans, SHIPPED) == "已发布"


def test_copy_to_the_next_year(plans: PlansWindow, qtbot: Any) -> None:
    plans.plan_actions.copy.trigger()
    dialog = plans.plan_dialog
    assert isinstance(dialog, CopyPlanDialog)
    assert (dialog.year.value(), dialog.code.text()) == (2017, "SZ-QUALITY-2017")
    QTest.keyClick(dialog.code, Qt.Key.Key_Return)
    doc = plans.editor.doc
    assert plans.code == "SZ-QUALITY-2017" and not doc.read_only
    assert doc.value("/plan/title") == "深圳市2017年质量工作方案"
    assert doc.value("/periods/0") | {} == {
        "code": "2017Q1",
        "kind": "quarter",
        "title": "2017年第一季度",
        "start": "2017-01-01",
        "end": "2017-03-31",
        "due": "2017-04-10",
    }
    assert len(doc.rows("/tasks")) == 49 and plans.editor.checks.problems == []
    plans.editor.tabs.setCurrentIndex(TAB_PERIODS)
    assert plans.editor.periods.model.index(4, 5).data() == "2018-01-20"


def test_a_published_plan_is_read_only_until_revised(
    plans: PlansWindow, qtbot: Any, office_store: Store
) -> None:
    editor = plans.editor
    assert editor.banner.isVisible() and not plans.plan_actions.publish.isEnabled()
    editor.go_to(TARGET_VALUE)
    view = editor.tasks.targets.view
    QTest.keyClick(view, Qt.Key.Key_F2)
    assert not isinstance(QApplication.focusWidget(), QLineEdit)  # no editor opens

    qtbot.mouseClick(editor.revise_button, Qt.MouseButton.LeftButton)
    assert not editor.doc.read_only and editor.banner.isHidden()
    assert plans.draft is not None and (plans.draft.revision, plans.draft.based_on) == (2, 1)
    editor.go_to(TARGET_VALUE)
    type_into_cell(editor.tasks.targets.view, "1800")
    assert editor.doc.value(TARGET_VALUE) == 1800

    dialog = plans.publish()
    assert isinstance(dialog, PublishDialog) and not dialog.refused
    texts = [line.text for line in dialog.model.rows]
    assert len(texts) == 1 and "1500" in texts[0] and "1800" in texts[0]
    assert dialog.model.rows[0].where.startswith("任务 23")
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    assert svc.list_plans(office_store)[0].revision == 2
    assert editor.doc.read_only and editor.tabs.currentIndex() in (TAB_HEADER, TAB_TASKS)


def test_the_excel_template_is_written_on_the_pool(
    plans: PlansWindow, qtbot: Any, tmp_path: Path
) -> None:
    out = tmp_path / "方案模板.xlsx"
    plans.export_template(out)
    wait_idle(qtbot, plans)
    assert "Excel 模板已导出" in plans.statusBar().currentMessage()
    book = load_workbook(out, read_only=True)
    assert len(book.sheetnames) >= 7


def test_a_template_with_a_bad_cell_is_refused_naming_sheet_row_and_column(
    plans: PlansWindow, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "方案模板.xlsx"
    plans.export_template(out)
    wait_idle(qtbot, plans)
    book = load_workbook(out)
    sheet = book["目标"]
    assert sheet["D4"].value == 1500  # task 23's first target
    sheet["D4"] = "一千五百"
    book.save(out)
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    plans.import_file(out)
    wait_idle(qtbot, plans)
    assert len(shown) == 1  # refused before the code is asked: nothing imported
    assert "D" in shown[0].detailedText() and "目标" in shown[0].detailedText()
    assert "第 4 行" in shown[0].detailedText() and "一千五百" in shown[0].detailedText()
    assert [r.code for r in plans.list_model.rows] == [SHIPPED]
