"""文件 → 生成反馈文件: the period's signed feedback files written on the thread pool, with
progress, cancel, and per unit what was written; each file verifies as the unit would read it."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRunnable, QThreadPool

from app.config import Settings
from app.domain.catalog import Catalog
from app.services.audit import list_audit
from app.services.office_key import create_office_key
from app.services.review import decide, review_state
from app.services.stores import Store
from app.ui.common import passphrase_dialog
from app.ui.office.feedback_dialog import COL_NEWS, COL_UNIT, FeedbackDialog, open_feedback_dialog
from app.ui.office.window import OfficeWindow
from tests.kit.answers_window import PERIOD, STAFF, build_answers_office, make_window
from tests.kit.ui import PASSPHRASE


@pytest.fixture
def window(
    qtbot: Any,
    settings: Settings,
    office_store: Store,
    catalog: Catalog,
    tmp_path: Path,
    fast_scrypt: None,
) -> OfficeWindow:
    build_answers_office(office_store, catalog, tmp_path / "files")
    create_office_key(office_store, PASSPHRASE, STAFF)
    seen = review_state(office_store, "zjj", PERIOD)
    decide(
        office_store,
        unit_code="zjj",
        period_code=PERIOD,
        state="returned",
        comment="请补充数据",
        actor=STAFF,
        seen=seen,
    )
    seen = review_state(office_store, "swj", PERIOD)
    decide(
        office_store, unit_code="swj", period_code=PERIOD, state="accepted", actor=STAFF, seen=seen
    )
    return make_window(qtbot, settings, office_store, catalog)


def dialog_of(window: OfficeWindow, qtbot: Any) -> FeedbackDialog:
    dialog = open_feedback_dialog(window)
    assert dialog is not None
    qtbot.addWidget(dialog)
    return dialog


def test_the_menu_action_writes_one_file_per_unit_with_news(
    qtbot: Any, window: OfficeWindow, office_store: Store, tmp_path: Path, monkeypatch: Any
) -> None:
    out = tmp_path / "feedback"
    out.mkdir()
    asked: list[str] = []

    def ask(_parent: Any, purpose: str, *, confirm: bool = False) -> str:
        asked.append(purpose)
        return PASSPHRASE

    monkeypatch.setattr(passphrase_dialog, "ask_passphrase", ask)
    assert window.feedback_action in window.menu_file.actions()
    window.feedback_action.trigger()
    dialogs = window.findChildren(FeedbackDialog)
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert dialog.period_code() == PERIOD
    dialog.folder.setText(str(out))
    dialog.write_button.click()
    assert asked and "签名" in asked[0]
    assert dialog.busy and not dialog.close_button.isEnabled() and dialog.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20000)
    rows = {dialog.model.index(i, COL_UNIT).data(): i for i in range(dialog.model.rowCount())}
    assert set(rows) == {"深圳市住房和建设局", "深圳市水务局"}  # the two decided units
    zjj = dialog.model.index(rows["深圳市住房和建设局"], COL_NEWS).data()
    swj = dialog.model.index(rows["深圳市水务局"], COL_NEWS).data()
    assert zjj == "审核意见" and swj == "受理回执；审核意见"
    assert "已生成 2 个单位的反馈文件" in dialog.status.text()
    assert dialog.progress.isHidden() and dialog.close_button.isEnabled()
    for written in dialog.written or []:
        assert written.path.exists() and written.path.parent == out
    issued = list_audit(office_store, action="feedback_issue")
    assert len(issued) == 2 and {r.actor for r in issued} == {STAFF}


def test_cancel_stops_before_the_next_unit(
    qtbot: Any, window: OfficeWindow, tmp_path: Path
) -> None:
    dialog = dialog_of(window, qtbot)
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    gate = threading.Event()

    class Wait(QRunnable):
        def run(self) -> None:
            gate.wait(10)

    pool.start(Wait())  # the job queues behind it: cancelled before it begins
    dialog.run_job(tmp_path, PASSPHRASE, pool)
    dialog.cancel_button.click()
    assert "正在取消" in dialog.status.text()
    gate.set()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20000)
    assert dialog.written == []
    assert dialog.status.text().startswith("已取消：已生成 0 个文件")
    assert list(tmp_path.glob("feedback-*.xlsx")) == []


def test_a_wrong_passphrase_says_so_and_writes_nothing(
    qtbot: Any, window: OfficeWindow, office_store: Store, tmp_path: Path
) -> None:
    dialog = dialog_of(window, qtbot)
    dialog.run_job(tmp_path, "not the passphrase at all")
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20000)
    assert dialog.status.text() == "未能生成反馈文件：密钥密码不正确，请重新输入。"
    assert (
        list(tmp_path.glob("*.xlsx")) == []
        and list_audit(office_store, action="feedback_issue") == []
    )
