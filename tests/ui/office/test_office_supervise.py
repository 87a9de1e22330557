"""督办 in the office window: notices added by keyboard (also from a matrix cell), listed with
state, due date and the unit's response, closed, and printed as a Word 督办通知."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import docx
import pytest
from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from app.config import Settings
from app.domain.catalog import Catalog
from app.models import Submission, Unit
from app.services.audit import list_audit
from app.services.stores import Store
from app.services.supervision import add_notice, list_notices, record_responses
from app.ui.office.supervise_page import COL_RESPONSE, COL_STATE, OVERDUE
from app.ui.office.window import PAGE_MATRIX, PAGE_SUPERVISE, OfficeWindow
from tests.kit.answers_window import (
    STAFF,
    TODAY,
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
    w.tabs.setCurrentIndex(PAGE_SUPERVISE)
    return w


def next_tab_stop(widget: Any) -> Any:
    w = widget.nextInFocusChain()
    while not (w.focusPolicy() & Qt.FocusPolicy.TabFocus) or not w.isVisibleTo(widget.window()):
        w = w.nextInFocusChain()
    return w


def answer(store: Store, unit: str, notice_id: int, text: str) -> None:
    """The unit's response as its next signed submission would carry it into the import."""
    with store.factory.begin() as s:
        unit_id = s.scalar(select(Unit.id).where(Unit.code == unit))
        sub = s.scalar(
            select(Submission.id).where(Submission.unit_id == unit_id, Submission.is_current)
        )
        record_responses(
            s, unit_id=unit_id, submission_id=sub, responses=[(notice_id, text)], actor=""
        )


def test_add_a_notice_by_keyboard(
    qtbot: Any, window: OfficeWindow, office_store: Store, catalog: Catalog
) -> None:
    page = window.pages.supervise
    task = catalog.tasks_for_unit("jtys")[1][0]

    def fill(dialog: Any) -> None:
        assert dialog.objectName() == "noticeDialog"
        dialog.unit.setFocus()
        dialog.unit.setCurrentIndex(dialog.unit.findData("jtys"))
        assert next_tab_stop(dialog.unit) is dialog.task  # Tab goes on to the task
        assert next_tab_stop(dialog.task) is dialog.due
        dialog.task.setCurrentIndex(1)
        dialog.due.setDate(QDate(2016, 5, 10))
        type_text(dialog.text, "请说明第二项任务进度滞后的原因及整改措施")
        assert dialog.with_period.isChecked()
        QTest.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        if dialog.isVisible():
            QTest.mouseClick(
                dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
            )

    seen = on_modal(fill)
    QTest.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert seen
    [notice] = list_notices(office_store, today=TODAY)
    assert notice.unit_code == "jtys" and notice.task == str(task.no)
    assert notice.due == date(2016, 5, 10) and notice.period_code == "2016Q1"
    assert notice.created_by == STAFF and notice.state == "open"
    assert page.model.rows == [notice]
    assert page.model.index(0, COL_STATE).data() == "待答复"
    assert page.current() == notice
    assert "请说明第二项任务" in page.detail.toPlainText()
    [row] = list_audit(office_store, action="notice_add")
    assert row.actor == STAFF


def test_answered_overdue_closed(
    qtbot: Any, window: OfficeWindow, office_store: Store, monkeypatch: Any
) -> None:
    page = window.pages.supervise
    late = add_notice(
        office_store,
        unit_code="zjj",
        task="1",
        due=TODAY - timedelta(days=3),
        text="逾期事项",
        actor="王芳",
    )
    answered = add_notice(
        office_store,
        unit_code="swj",
        task="9",
        due=TODAY + timedelta(days=9),
        text="请报送整改方案",
        actor="王芳",
    )
    answer(office_store, "swj", answered.id, "已于4月15日报送整改方案")
    window.refresh()
    rows = {n.id: i for i, n in enumerate(page.model.rows)}
    assert page.model.index(rows[late.id], COL_STATE).data() == "待答复（已逾期）"
    assert page.model.index(rows[answered.id], COL_STATE).data() == "已答复"
    assert page.model.index(rows[answered.id], COL_RESPONSE).data() == "已于4月15日报送整改方案"
    assert "2 条" in page.count.text() and "已逾期 1" in page.count.text()

    page.state_filter.setCurrentIndex(page.state_filter.findData(OVERDUE))
    assert [n.id for n in page.model.rows] == [late.id]
    page.state_filter.setCurrentIndex(0)

    boxes = Boxes(monkeypatch)
    assert page.select_notice(answered.id)
    page.close_button.click()
    assert boxes.questions
    closed = next(n for n in list_notices(office_store, today=TODAY) if n.id == answered.id)
    assert closed.state == "closed" and closed.closed_by == STAFF
    assert page.current() is not None and page.current().state == "closed"
    assert not page.close_button.isEnabled()
    assert "办结" in page.detail.toPlainText()


def test_print_writes_the_notice_and_opens_it(
    qtbot: Any, window: OfficeWindow, office_store: Store, tmp_path: Path, monkeypatch: Any
) -> None:
    page = window.pages.supervise
    notice = add_notice(
        office_store,
        unit_code="zjj",
        task="2",
        due=date(2016, 5, 1),
        text="请补报保障房开工数据",
        actor=STAFF,
    )
    window.refresh()
    assert page.select_notice(notice.id)
    out = tmp_path / "督办通知"
    opened: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(QUrl(url).toLocalFile())
    )
    QTest.keyClick(page, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    written = out.with_suffix(".docx")
    assert opened == [str(written)]
    text = "\n".join(p.text for p in docx.Document(str(written)).paragraphs)
    assert "请补报保障房开工数据" in text


def test_a_matrix_cell_starts_a_notice_on_its_unit_and_task(
    qtbot: Any, window: OfficeWindow, office_store: Store, catalog: Catalog
) -> None:
    window.tabs.setCurrentIndex(PAGE_MATRIX)
    task = catalog.tasks_for_unit("swj")[0][0].no
    chosen: list[tuple[str | None, str | None]] = []

    def check(dialog: Any) -> None:
        chosen.append((dialog.unit_code(), dialog.task_no()))
        dialog.reject()

    on_modal(check)
    menu = window.pages.matrix.review_menu("swj", task)
    [notice_action] = [a for a in menu.actions() if a.text() == "对此任务督办…"]
    notice_action.trigger()
    assert window.tabs.currentIndex() == PAGE_SUPERVISE
    assert chosen == [("swj", str(task))]
    assert list_notices(office_store) == []  # cancelled: nothing added
