"""The clerk's side of the office's answers (issue 15), on real stores: the office runs in the
same process on its own store and makes every file with the real services (its key, a signed
plan package, the unit's signed export imported, a review, a 督办 notice, a signed feedback
file); the clerk's window imports them from the menu or by drag and drop."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from app.services.stores import Store
from app.ui.unit.office_file_dialog import OfficeFileDialog
from app.ui.unit.task_list import COL_TITLE, MARK_ROLE
from tests.kit import clerk_answers as kit
from tests.kit.ui import PASSPHRASE, type_text


@pytest.fixture
def office(tmp_path: Path, fast_scrypt: None) -> Iterator[kit.Office]:
    o = kit.open_office(tmp_path)
    yield o
    o.close()


def finished(qtbot: Any, dialog: OfficeFileDialog | None) -> OfficeFileDialog:
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.finished_work, timeout=30000)
    return dialog


def drop(window: Any, path: Path) -> OfficeFileDialog | None:
    """Drag ``path`` from the file manager and drop it on the window."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    centre = window.rect().center()
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(centre, Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(centre), Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(window, event)
    dialog: OfficeFileDialog | None = window.drops.dialog
    return dialog


def lines(dialog: OfficeFileDialog) -> list[str]:
    return [f"{line.where} | {line.text}" for line in dialog.model.rows]


def returned_feedback(unit: Store, office: kit.Office, tmp: Path) -> Path:
    """v1 exported, imported by the office, returned with comments on 任务 1, a notice."""
    kit.fill_period(unit)
    kit.trust(unit, office)
    kit.register_and_import(office, unit, kit.export(unit, tmp / "exports", PASSPHRASE))
    kit.return_with_comments(office, {"1": "请补充第一季度抽查批次的数据来源。"}, "请补充数据来源")
    kit.add_notice(office, "1", date(2016, 4, 20), "请于4月20日前报送整改落实情况。")
    return kit.feedback(office)


# -- plan packages -------------------------------------------------------------------------
def test_plan_package_from_the_menu_shows_what_changed(
    window: Any, office: kit.Office, unit_store: Store, qtbot: Any, monkeypatch: Any
) -> None:
    kit.trust(unit_store, office)
    assert kit.revise(office, kit.move_q2_and_raise_target) == 2
    package = kit.plan_package(office)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(package), ""))
    window.acts.import_plan.trigger()
    dialog = finished(qtbot, window.findChild(OfficeFileDialog))
    assert "已由第 1 版更新为第 2 版" in dialog.heading.text()
    shown = lines(dialog)
    assert any("1800" in line for line in shown), shown
    assert any("截止日期" in line and "2016-07-15" in line for line in shown), shown
    assert not window.plan_banner.isVisible()  # the changes were just shown: seen
    window.period_bar.select("2016Q2")
    assert "2016-07-15" in window.period_bar.due.text()  # the window shows revision 2 at once


def test_plan_package_without_a_trusted_key_is_refused_and_changes_nothing(
    window: Any, office: kit.Office, unit_store: Store, qtbot: Any
) -> None:
    from app.ui.unit.office_files import import_office_file

    kit.revise(office, kit.move_q2_and_raise_target)
    package = kit.plan_package(office)
    dialog = finished(qtbot, import_office_file(window, package))
    assert dialog.heading.text() == f"未导入 {package.name}"
    assert "尚未信任市质量强市办的密钥" in dialog.message.text()
    assert "没有任何改动" in dialog.message.text()
    window.period_bar.select("2016Q2")
    assert "2016-07-10" in window.period_bar.due.text()  # still revision 1


def test_the_same_revision_again_changes_nothing(
    window: Any, office: kit.Office, unit_store: Store, qtbot: Any
) -> None:
    kit.trust(unit_store, office)
    dialog = finished(qtbot, drop(window, kit.plan_package(office)))  # revision 1, as shipped
    assert dialog.heading.text() == "“深圳市2016年质量工作方案”第 1 版本机已有，没有变化"
    assert dialog.model.rowCount() == 0


def test_a_submission_dropped_on_the_window_is_turned_away(
    window: Any, unit_store: Store, qtbot: Any, tmp_path: Path
) -> None:
    kit.fill_period(unit_store)
    own = kit.export(unit_store, tmp_path / "exports", PASSPHRASE)
    dialog = finished(qtbot, drop(window, own))
    assert "报送文件" in dialog.message.text() and "不能在这里导入" in dialog.message.text()
    assert window.period_bar.review.text() == ""


def test_a_broken_workbook_is_refused_with_its_reason(
    window: Any, qtbot: Any, tmp_path: Path
) -> None:
    junk = tmp_path / "反馈.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a workbook")
    dialog = finished(qtbot, drop(window, junk))
    assert dialog.heading.text() == "未导入 反馈.xlsx"
    assert dialog.message.text().startswith("原因：") and "Traceback" not in dialog.message.text()


def test_a_dropped_text_file_is_not_taken(window: Any, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("not a workbook", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(note))])
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


# -- feedback ------------------------------------------------------------------------------
def test_feedback_dropped_shows_the_returned_state_comments_and_notices(
    window: Any, office: kit.Office, unit_store: Store, qtbot: Any, tmp_path: Path
) -> None:
    fb = returned_feedback(unit_store, office, tmp_path)
    dialog = finished(qtbot, drop(window, fb))
    assert "已导入市质量强市办的反馈" in dialog.heading.text()
    shown = lines(dialog)
    assert any("退回修改" in line for line in shown), shown
    assert any("任务 1 的意见" in line and "数据来源" in line for line in shown), shown
    assert any("督办" in line and "2016-04-20" in line for line in shown), shown

    assert "退回修改（v1）" in window.period_bar.review.text()
    model = window.task_panel.model
    assert model.data(model.index(model.row_of_task(1), COL_TITLE), MARK_ROLE) == (True, 1)
    assert window.current_task() == 1
    box = window.form.answers
    assert box.isVisible() and "数据来源" in box.comment.text()
    assert "退回修改" in box.comment_caption.text()
    assert len(box.widgets) == 1 and "还剩 19 天" in box.widgets[0].due.text()
    panel = window.answers.panel
    assert window.answers.dock.isVisible() and panel.model.rowCount() == 1
    assert panel.model.rows[0].task == 1 and "请补充数据来源" in panel.review.text()

    again = finished(qtbot, drop(window, fb))
    assert "已导入过，没有变化" in again.heading.text()


def test_the_response_is_saved_as_typed(
    window: Any, office: kit.Office, unit_store: Store, qtbot: Any, tmp_path: Path
) -> None:
    from app.services.feedback import unit_answers

    finished(qtbot, drop(window, returned_feedback(unit_store, office, tmp_path)))
    edit = window.form.answers.widgets[0].edit
    type_text(edit, "已完成整改，抽查数据见附件。")
    qtbot.waitUntil(lambda: not window.autosaver.has_pending(), timeout=5000)
    notice = unit_answers(unit_store, kit.PERIOD).notices[0]
    assert notice.response == "已完成整改，抽查数据见附件。"
    assert "待导出" in window.answers.panel.model.text(window.answers.panel.model.rows[0], 4)
    type_text(edit, "长" * 2001)  # over the limit: said in the status bar, not retried
    window.save_now()
    assert not window.autosaver.has_pending()
    assert "答复未保存" in window.statusBar().currentMessage()
    assert unit_answers(unit_store, kit.PERIOD).notices[0].response.startswith("已完成整改")


def test_the_response_travels_in_the_next_export(
    window: Any, office: kit.Office, unit_store: Store, qtbot: Any, tmp_path: Path
) -> None:
    from app.services.supervision import list_notices

    finished(qtbot, drop(window, returned_feedback(unit_store, office, tmp_path)))
    type_text(window.form.answers.widgets[0].edit, "已完成整改，抽查数据见附件。")
    window.save_now()
    v2 = kit.export(unit_store, tmp_path / "exports", PASSPHRASE)
    kit.register_and_import(office, unit_store, v2)
    answered = list_notices(office.store, unit_code=kit.UNIT)
    assert [(n.state, n.response) for n in answered] == [
        ("answered", "已完成整改，抽查数据见附件。")
    ]


def test_clicking_a_notice_goes_to_its_task_and_response(
    window: Any, office: kit.Office, unit_store: Store, qtbot: Any, tmp_path: Path
) -> None:
    finished(qtbot, drop(window, returned_feedback(unit_store, office, tmp_path))).accept()
    window.select_task(window.task_panel.model.visible_tasks()[2])
    assert window.current_task() != 1
    view = window.answers.panel.view
    window.acts.notices.trigger()  # 转到 → 督办事项 (Ctrl+Shift+D): the list, its first row
    assert window.focusWidget() is view and view.currentIndex().row() == 0
    QTest.keyClick(view, Qt.Key.Key_Return)  # keyboard: Enter on the row
    assert window.current_task() == 1
    assert window.focusWidget() is window.form.answers.widgets[0].edit


def test_in_english(
    window: Any, office: kit.Office, unit_store: Store, qtbot: Any, tmp_path: Path
) -> None:
    from app.ui.common.i18n import EN, switch_language

    switch_language(EN)
    dialog = finished(qtbot, drop(window, returned_feedback(unit_store, office, tmp_path)))
    assert dialog.heading.text() == "Imported the office's feedback (no. 1)"
    assert any(line.startswith("Comment on task 1 |") for line in lines(dialog))
    assert window.period_bar.review.text() == "Office: returned for correction (v1)"
    box = window.form.answers
    assert box.widgets[0].heading.text().startswith("Supervision notice: ")
    assert "19 day(s) left" in box.widgets[0].due.text()
    assert window.acts.import_feedback.text() == "Import feed&back…"
    assert window.answers.dock.windowTitle() == "Supervision notice"


def export_from_window(window: Any, qtbot: Any, out: Path) -> Path:
    """The clerk's export dialog, driven as the clerk does (passphrase, Enter)."""
    from app.ui.unit.export_dialog import ExportDialog

    service = window.service()
    state = service.period_state(kit.PERIOD)
    dialog = ExportDialog(
        service.store, service.catalog, kit.PERIOD, "市住房建设局", (state.version or 0) + 1, window
    )
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(out))
    type_text(dialog.passphrase, PASSPHRASE)
    QTest.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result_info is not None, timeout=20000)
    dialog.close()
    return out


def test_the_whole_loop_from_the_clerks_window(
    window: Any, office: kit.Office, unit_store: Store, qtbot: Any, tmp_path: Path
) -> None:
    """publish → the clerk imports → exports → the office imports and returns it with a task
    comment → feedback → the clerk sees the comment → v2 → accepted → the receipt arrives."""
    kit.trust(unit_store, office)
    kit.revise(office, kit.move_q2_and_raise_target)
    finished(qtbot, drop(window, kit.plan_package(office))).accept()
    kit.fill_period(unit_store)
    window.attach(window.service(), window.profile())  # the entries filled behind its back
    v1 = export_from_window(window, qtbot, tmp_path / "v1.xlsx")
    kit.register_and_import(office, unit_store, v1)
    kit.return_with_comments(office, {"2": "请写明质量分指数个数。"}, "")
    finished(qtbot, drop(window, kit.feedback(office, "fb1"))).accept()
    assert "退回修改（v1）" in window.period_bar.review.text()
    window.select_task(2)
    assert window.form.answers.comment.text() == "请写明质量分指数个数。"

    window.form.texts["progress"].setPlainText("已发布质量分指数 3 个。")
    window.save_now()
    v2 = export_from_window(window, qtbot, tmp_path / "v2.xlsx")
    window.save_now()  # what request_export does after the dialog: the bar is read again
    assert "待审核（v2）" in window.period_bar.review.text()  # v2 went out: not returned yet
    kit.register_and_import(office, unit_store, v2)
    kit.accept(office)
    dialog = finished(qtbot, drop(window, kit.feedback(office, "fb2")))
    assert any("第 2 版已于" in line and "受理" in line for line in lines(dialog))
    assert "已受理 v2" in window.period_bar.review.text()
    assert not window.form.answers.isVisible()  # accepted: no comment left on task 2


def test_feedback_names_a_newer_plan_revision_not_yet_imported(
    window: Any, office: kit.Office, unit_store: Store, qtbot: Any, tmp_path: Path
) -> None:
    kit.revise(office, kit.move_q2_and_raise_target)  # revision 2, its package not sent yet
    dialog = finished(qtbot, drop(window, returned_feedback(unit_store, office, tmp_path)))
    assert any(
        line.startswith("工作方案 |") and "第 2 版（本机为第 1 版）" in line
        for line in lines(dialog)
    ), lines(dialog)
