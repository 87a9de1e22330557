"""审计日志 in the office window: every import and decision listed with who and when, filtered
by action, staff name and dates; 校验日志 says OK, or names the first row an edit broke."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate
from sqlalchemy import text

from app.config import Settings
from app.domain.catalog import Catalog
from app.services.review import decide, review_state
from app.services.stores import Store
from app.services.supervision import add_notice
from app.ui.office.audit_page import BAD_BACKGROUND, COL_ACTION, COL_ACTOR
from app.ui.office.window import PAGE_AUDIT, OfficeWindow
from tests.kit.answers_window import PERIOD, STAFF, build_answers_office, make_window


@pytest.fixture
def window(
    qtbot: Any, settings: Settings, office_store: Store, catalog: Catalog, tmp_path: Path
) -> OfficeWindow:
    build_answers_office(office_store, catalog, tmp_path / "files")
    state = review_state(office_store, "zjj", PERIOD)
    decide(
        office_store,
        unit_code="zjj",
        period_code=PERIOD,
        state="accepted",
        actor="王芳",
        seen=state,
    )
    add_notice(
        office_store, unit_code="swj", task="1", due=date(2016, 5, 1), text="请说明", actor=STAFF
    )
    w = make_window(qtbot, settings, office_store, catalog)
    w.tabs.setCurrentIndex(PAGE_AUDIT)
    return w


def actions(page: Any) -> list[str]:
    return [r.action for r in page.model.rows]


def test_the_log_lists_imports_and_decisions_newest_first(window: OfficeWindow) -> None:
    page = window.pages.audit
    assert actions(page)[:2] == ["notice_add", "review_accept"]
    assert actions(page).count("import") == 4  # one row per file imported
    assert page.model.index(0, COL_ACTION).data() == "发出督办"
    assert page.model.index(1, COL_ACTOR).data() == "王芳"
    assert page.count.text() == f"{len(page.model.rows)} 条"


def test_filters_by_action_actor_and_dates(window: OfficeWindow) -> None:
    page = window.pages.audit
    page.action.setCurrentIndex(page.action.findData("review_accept"))
    assert actions(page) == ["review_accept"]
    page.action.setCurrentIndex(0)
    page.actor.setText(STAFF)
    page.actor.editingFinished.emit()
    assert actions(page) == ["notice_add"]
    page.actor.clear()
    page.actor.editingFinished.emit()
    page.use_until.setChecked(True)
    page.until.setDate(QDate(2000, 1, 1))  # before anything happened
    assert actions(page) == []
    page.use_until.setChecked(False)
    page.use_since.setChecked(True)
    page.since.setDate(QDate(2000, 1, 1))
    assert len(actions(page)) == 10  # 4 keys, 4 imports, 1 decision, 1 notice


def test_verify_says_ok_then_finds_the_edited_row(
    window: OfficeWindow, office_store: Store
) -> None:
    page = window.pages.audit
    verdict = page.verify()
    assert verdict is not None and verdict.ok and verdict.rows == 10
    assert page.verdict_label.text().startswith("✓ 日志完整：10 条")

    edited = next(r.id for r in page.model.rows if r.action == "review_accept")
    with office_store.engine.begin() as c:  # someone edits the store behind the program's back
        c.execute(text("UPDATE audit_log SET actor = '张三' WHERE id = :id"), {"id": edited})
    page.verify_button.click()
    assert page.verdict is not None and not page.verdict.ok
    assert page.verdict.first_bad_id == edited
    assert page.verdict_label.text().startswith(f"✗ 日志被改动：第 {edited} 条")
    row = page.table.currentIndex().row()
    assert page.model.rows[row].id == edited  # the broken row is chosen and in view
    assert page.model.index(row, 0).data(8).color().name() == BAD_BACKGROUND  # BackgroundRole
