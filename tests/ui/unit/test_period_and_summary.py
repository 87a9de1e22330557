"""The period bar (due date, days left, state), the summary links, copy from the previous
period, and coming back to the same place."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from app.domain.entry_rules import EntryDraft
from app.ui.unit.summary_panel import SummaryPanel
from tests.kit.ui import type_text


def test_period_bar_shows_due_date_days_left_and_state(make_window: Any) -> None:
    window = make_window(today=date(2016, 4, 1))
    bar = window.period_bar
    assert window.current_period() == "2016Q1"
    assert bar.combo.currentText() == "2016年第一季度"
    assert "2016-04-10" in bar.due.text()
    assert bar.days.text() == "还剩 9 天"
    assert bar.state.text() == "状态：草稿"
    bar.select("2016Q2")
    assert window.current_period() == "2016Q2"
    assert bar.days.text() == "还剩 100 天"
    bar.set_state("exported", 2)
    assert bar.state.text() == "状态：已导出 v2"
    bar.set_state("changed", 2)
    assert bar.state.text() == "状态：v2 后有修改"


def test_overdue_period_and_default_choice(make_window: Any) -> None:
    window = make_window(today=date(2016, 7, 15))  # Q2 was due 07-10: Q3 is the one to do
    assert window.current_period() == "2016Q3"
    window.period_bar.select("2016Q2")
    assert window.period_bar.days.text() == "已逾期 5 天"


def test_summary_counts_and_links_focus_the_field(window: Any, qtbot: Any) -> None:
    summary: SummaryPanel = window.summary
    assert summary.headline.text().startswith("已填 0 / 9 项，9 个错误")
    window.select_task(46)
    form = window.form
    form.status.setCurrentIndex(form.status.findData("delayed"))
    type_text(form.percent, "20")
    type_text(form.texts["progress"], "推进")
    window.save_now()
    assert summary.headline.text().startswith("已填 1 / 9 项，9 个错误")
    items = [summary.errors.item(i) for i in range(summary.errors.count())]
    link = next(i for i in items if "任务 46" in i.text())
    assert "存在问题" in link.text()

    window.select_task(1)
    rect = summary.errors.visualItemRect(link)
    summary.errors.scrollToItem(link)
    rect = summary.errors.visualItemRect(link)
    qtbot.mouseClick(summary.errors.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_task() == 46
    assert QApplication.focusWidget() is form.texts["problems"]


def test_blank_task_link_selects_it(window: Any, qtbot: Any) -> None:
    summary = window.summary
    item = next(
        summary.errors.item(i)
        for i in range(summary.errors.count())
        if summary.errors.item(i).text().startswith("任务 27")
    )
    assert "尚未填写" in item.text()
    summary.errors.setCurrentItem(item)
    summary.errors.itemActivated.emit(item)
    assert window.current_task() == 27


def test_export_with_errors_points_at_the_first(window: Any, monkeypatch: Any) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    window.acts.export.trigger()
    assert shown and "9" in shown[0]
    assert window.current_task() == 1  # the first problem of the period


def test_export_hook_is_called_when_the_period_is_clean(window: Any, monkeypatch: Any) -> None:
    service = window.service()
    catalog = service.catalog
    for task, _role in service.tasks():
        targets = tuple((t.name, str(t.value)) for t in task.targets)
        service.save(EntryDraft(task.no, "2016Q1", "completed", 100, "已完成", targets=targets))
    window.period_bar.select("2016Q2")
    window.period_bar.select("2016Q1")
    assert window.summary.headline.text().startswith("已填 9 / 9 项，0 个错误")
    called: list[str] = []
    window.export_handler = called.append
    window.request_export()
    assert called == ["2016Q1"]
    assert catalog.code


def fill_q1(window: Any) -> None:
    service = window.service()
    service.save(EntryDraft(21, "2016Q1", "in_progress", 30, "开展质量月宣传", "经费不足", "继续"))
    service.save(EntryDraft(22, "2016Q1", "in_progress", 20, "参与联席会议"))
    service.save(EntryDraft(47, "2016Q1", "in_progress", 10, "执法检查"))


def test_copy_from_previous_period(window: Any, qtbot: Any) -> None:
    fill_q1(window)
    service = window.service()
    service.save(EntryDraft(47, "2016Q2", "in_progress", 50, "Q2 已写的内容"))
    window.period_bar.select("2016Q2")
    seen: dict[str, Any] = {}

    def interact() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "copyDialog"
        seen["checked"] = dialog.chosen()
        seen["disabled"] = [
            no for no, item in dialog.items.items() if not item.flags() & Qt.ItemFlag.ItemIsEnabled
        ]
        dialog.set_checked(22, False)  # the clerk unticks one
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, interact)
    window.acts.copy.trigger()
    assert seen["checked"] == [21, 22]  # blank in Q2 and filled in Q1 (47 is filled in Q2)
    assert 1 in seen["disabled"] and 21 not in seen["disabled"]
    q2 = {e.draft.task_no: e for e in service.list_period("2016Q2")}
    assert q2[21].draft.progress == "开展质量月宣传" and q2[21].draft.problems == "经费不足"
    assert not q2[22].filled
    assert q2[47].draft.progress == "Q2 已写的内容"  # not overwritten
    assert window.task_panel.model.task_row(21).filled
    assert "已从上期复制 1 项" in window.statusBar().currentMessage()


def test_copy_can_overwrite_when_asked(window: Any) -> None:
    fill_q1(window)
    service = window.service()
    service.save(EntryDraft(47, "2016Q2", "in_progress", 50, "Q2 已写的内容"))
    window.period_bar.select("2016Q2")
    window.select_task(47)
    copied = window.apply_copy([47], overwrite=True)
    assert copied == [47]
    assert window.form.texts["progress"].toPlainText() == "执法检查"


def test_first_period_has_nothing_to_copy(window: Any, monkeypatch: Any) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    window.acts.copy.trigger()
    assert shown and "第一个报告期" in shown[0]


def test_back_where_the_clerk_was(make_window: Any) -> None:
    first = make_window()
    first.period_bar.select("2016Q2")
    first.select_task(27)
    first.close()
    second = make_window()
    assert second.current_period() == "2016Q2"
    assert second.current_task() == 27
    assert second.form.draft().task_no == 27


@pytest.mark.parametrize("key", ["ui.task"])
def test_a_stale_remembered_task_falls_back_to_the_first(make_window: Any, key: str) -> None:
    first = make_window()
    first.service().set_state(key, "48")  # not a zjj task
    first.close()
    assert make_window().current_task() == 1
