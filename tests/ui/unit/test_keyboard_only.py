"""The issue's "done when": every 2016Q1 task of 住房建设局 filled, no error left, keyboard only."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.config import Settings
from app.services.entries import EntryService
from app.services.stores import open_unit_store, store_catalog


def key(k: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(QApplication.focusWidget(), k, mod)


def typed(text: str) -> None:
    QTest.keyClicks(QApplication.focusWidget(), text)


def test_fill_every_task_by_keyboard(window: Any, settings: Settings, qtbot: Any) -> None:
    form = window.form
    catalog = window.service().catalog
    window.activateWindow()
    form.status.setFocus()  # the clerk clicked into the form once; from here: keys only
    visited = []
    for _ in range(9):
        task = catalog.task(window.current_task())
        visited.append(task.no)
        assert QApplication.focusWidget() is form.status
        key(Qt.Key.Key_Home)
        key(Qt.Key.Key_Down)
        key(Qt.Key.Key_Down)  # 未启动 -> 推进中 -> 已完成
        key(Qt.Key.Key_Tab)
        typed("100")
        for target in task.targets:
            key(Qt.Key.Key_Tab)
            typed(str(target.value))
        key(Qt.Key.Key_Tab)
        typed(f"Task {task.no} done in Q1.")
        key(Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert visited == [1, 2, 9, 21, 22, 26, 27, 46, 47]
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # save now

    assert window.summary.headline.text().startswith("已填 9 / 9 项，0 个错误")
    store = open_unit_store(settings)
    try:
        summary = EntryService(store, store_catalog(store), "zjj").summary("2016Q1")
    finally:
        store.close()
    assert (summary.filled, summary.total, summary.errors) == (9, 9, ())
