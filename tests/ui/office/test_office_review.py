"""Review in the office window: the tracker, the matrix and the detail pane show each unit's
state for the period and accept, return (with comments) or accept all without errors; a
decision someone else made first is shown, never overwritten."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.config import Settings
from app.domain.catalog import Catalog
from app.services.audit import list_audit
from app.services.review import decide, review_state
from app.services.stores import Store
from app.ui.office.matrix_model import ReviewRole
from app.ui.office.tracker_page import COL_REVIEW, COL_UNIT
from app.ui.office.window import PAGE_AUDIT, PAGE_MATRIX, PAGE_TRACKER, OfficeWindow
from tests.kit.answers_window import (
    PARTIAL,
    PERIOD,
    STAFF,
    Boxes,
    build_answers_office,
    make_window,
    on_modal,
)
from tests.kit.ui import type_text


@pytest.fixture
def window(
    qtbot: Any, settings: Settings, office_store: Store, catalog: Catalog, tmp_path: Path
) -> OfficeWindow:
    build_answers_office(office_store, catalog, tmp_path / "files")
    w = make_window(qtbot, settings, office_store, catalog)
    w.tabs.setCurrentIndex(PAGE_TRACKER)
    return w


def tracker_row(window: OfficeWindow, unit: str) -> int:
    rows = window.pages.tracker.model.rows
    return next(i for i, r in enumerate(rows) if r.unit_id == unit)


def select_unit(window: OfficeWindow, unit: str) -> None:
    table = window.pages.tracker.table
    table.setCurrentIndex(table.model().index(tracker_row(window, unit), COL_UNIT))


def review_cell(window: OfficeWindow, unit: str) -> str:
    model = window.pages.tracker.model
    return str(model.index(tracker_row(window, unit), COL_REVIEW).data())


def test_the_tracker_accepts_the_chosen_unit_by_keyboard(
    qtbot: Any, window: OfficeWindow, office_store: Store
) -> None:
    assert review_cell(window, "zjj") == "待审核"
    select_unit(window, "zjj")
    QTest.keyClick(
        window,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    state = review_state(office_store, "zjj", PERIOD)
    assert state is not None and state.state == "accepted" and state.actor == STAFF
    assert review_cell(window, "zjj") == f"已受理（{STAFF}）"  # the page read it again
    assert not window.pages.tracker.accept_button.isEnabled()  # accepted already
    [row] = list_audit(office_store, action="review_accept")
    assert row.actor == STAFF and "zjj" in row.subject + str(row.details)


def test_return_with_a_general_and_a_task_comment(
    qtbot: Any, window: OfficeWindow, office_store: Store, catalog: Catalog
) -> None:
    select_unit(window, "jtys")
    first_task = str(catalog.tasks_for_unit("jtys")[0][0].no)

    def write(dialog: Any) -> None:
        assert dialog.objectName() == "returnDialog"
        assert "交通运输委" in dialog.heading.text()
        type_text(dialog.comment, "请补充第二季度数据")
        dialog.set_task_comment(first_task, "目标值与上期不一致")
        QTest.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
        )

    seen = on_modal(write)
    window.pages.tracker.return_button.click()
    assert seen and seen[0] is not None
    state = review_state(office_store, "jtys", PERIOD)
    assert state is not None and state.state == "returned"
    assert state.comment == "请补充第二季度数据"
    assert [(c.task, c.text) for c in state.comments] == [(first_task, "目标值与上期不一致")]
    assert review_cell(window, "jtys").startswith("退回修改")
    tip = window.pages.tracker.model.index(tracker_row(window, "jtys"), COL_REVIEW).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert "目标值与上期不一致" in tip

    # the matrix marks the column and the detail pane shows the comment beside the task
    window.tabs.setCurrentIndex(PAGE_MATRIX)
    matrix = window.pages.matrix
    col = matrix.model.visible_units().index("jtys") + 1
    assert matrix.model.headerData(col, Qt.Orientation.Horizontal, ReviewRole) == "returned"
    assert matrix.model.headerData(col, Qt.Orientation.Horizontal).startswith("↩\n")
    assert matrix.view.select_task(int(first_task), "jtys")
    html = matrix.detail.toHtml()
    assert "退回修改" in html and "目标值与上期不一致" in html and "请补充第二季度数据" in html


def test_a_return_needs_a_reason(qtbot: Any, window: OfficeWindow, office_store: Store) -> None:
    select_unit(window, "swj")
    problems: list[str] = []

    def empty(dialog: Any) -> None:
        dialog.accept()  # nothing written
        problems.append(dialog.problem.text())
        assert dialog.isVisible()
        dialog.reject()

    on_modal(empty)
    window.pages.tracker.return_button.click()
    assert problems and "原因" in problems[0]
    state = review_state(office_store, "swj", PERIOD)
    assert state is not None and state.state == "pending"


def test_someone_else_decided_first_is_shown_and_refreshed(
    qtbot: Any, window: OfficeWindow, office_store: Store, monkeypatch: Any
) -> None:
    boxes = Boxes(monkeypatch)
    select_unit(window, "zjj")
    seen = window.pages.tracker.selected_review()
    assert seen is not None and seen.state == "pending"
    # another staff member, on another computer, accepts it meanwhile
    decide(
        office_store, unit_code="zjj", period_code=PERIOD, state="accepted", actor="王芳", seen=seen
    )
    window.pages.tracker.accept_button.click()  # this window still shows it pending
    assert len(boxes.warnings) == 1
    assert "王芳" in boxes.warnings[0] and "已受理" in boxes.warnings[0]
    state = review_state(office_store, "zjj", PERIOD)
    assert state is not None and state.actor == "王芳"  # not overwritten
    assert review_cell(window, "zjj") == "已受理（王芳）"  # the window shows the truth now
    assert len(list_audit(office_store, action="review_accept")) == 1


def test_accept_all_without_errors_leaves_the_unit_with_errors_pending(
    qtbot: Any, window: OfficeWindow, office_store: Store, monkeypatch: Any
) -> None:
    boxes = Boxes(monkeypatch)
    window.menu_review.accept_all_action.trigger()
    assert boxes.questions and "3 个单位" in boxes.questions[0]
    assert boxes.infos == [
        "已受理 3 个单位的报送。\n另有 1 个单位的报送有问题，请逐个查看后再决定。"
    ]
    for unit in ("zjj", "jtys", "swj"):
        state = review_state(office_store, unit, PERIOD)
        assert state is not None and state.state == "accepted"
    partial = review_state(office_store, PARTIAL, PERIOD)
    assert partial is not None and partial.state == "pending" and partial.has_errors
    assert review_cell(window, PARTIAL) == "待审核 ⚠"
    tip = window.pages.tracker.model.index(tracker_row(window, PARTIAL), COL_REVIEW).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert tip == "有任务未填报"
    window.tabs.setCurrentIndex(PAGE_AUDIT)
    audit = window.pages.audit
    assert sum(1 for r in audit.model.rows if r.action == "review_accept") == 3


def test_the_matrix_menu_and_the_detail_links_decide_for_a_column(
    qtbot: Any, window: OfficeWindow, office_store: Store, catalog: Catalog
) -> None:
    window.tabs.setCurrentIndex(PAGE_MATRIX)
    matrix = window.pages.matrix
    task = catalog.tasks_for_unit("swj")[0][0].no
    menu = matrix.review_menu("swj", task)
    texts = [a.text() for a in menu.actions() if a.text()]
    assert (
        texts[0].startswith("受理 ")
        and texts[1].startswith("退回 ")
        and texts[2] == "对此任务督办…"
    )
    menu.actions()[0].trigger()
    state = review_state(office_store, "swj", PERIOD)
    assert state is not None and state.state == "accepted"
    col = matrix.model.visible_units().index("swj") + 1
    assert matrix.model.headerData(col, Qt.Orientation.Horizontal).startswith("✓\n")

    # the detail pane's link accepts another unit of the same task
    other = next(u for u in ("zjj", "jtys") if matrix.model.visible_units().count(u))
    assert matrix.view.select_task(task, other) or matrix.view.select_task(task)
    matrix.detail.review_link.emit("accept", "zjj")
    state = review_state(office_store, "zjj", PERIOD)
    assert state is not None and state.state == "accepted"
    assert "review:return:zjj" in matrix.detail.toHtml()


def test_the_answers_speak_english_too(qtbot: Any, window: OfficeWindow) -> None:
    from app.ui.common.i18n import EN, switch_language

    switch_language(EN)
    qtbot.waitUntil(lambda: window.tabs.tabText(PAGE_AUDIT) == "Audit log", timeout=2000)
    tracker = window.pages.tracker
    assert tracker.model.headerData(COL_REVIEW, Qt.Orientation.Horizontal) == "Review"
    assert review_cell(window, "zjj") == "Pending review"
    assert tracker.accept_all.text() == "Accept all without errors…"
    assert window.menu_review.title() == "&Review"
    assert window.feedback_action.text() == "Feedback files…"
    window.tabs.setCurrentIndex(PAGE_AUDIT)
    audit = window.pages.audit
    assert audit.verify_button.text() == "&Verify log"
    assert audit.model.index(0, 3).data() == "Submission imported"
    supervise = window.pages.supervise
    assert supervise.add_button.text() == "&New notice…"
    assert supervise.state_filter.itemText(1) == "Awaiting reply"
