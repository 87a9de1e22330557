"""The clerk's start through the first view (docs/design.md §6): the window shows the data read
with sqlite3, paints it, then binds the store's entry service and shows what needs the store
(the office's word, other plans, the plan's changes). Real stores, the real launcher."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage

from app.config import Settings
from app.services import unit_first_view
from app.services.entries import EntryService
from app.services.feedback.unit import import_feedback
from app.services.stores import Store, store_catalog
from app.ui.common.launch import Launcher
from app.ui.unit.task_list import COL_TITLE, MARK_ROLE
from tests.kit import clerk_answers as kit
from tests.kit.ui import PASSPHRASE, TODAY, type_text


@pytest.fixture
def office(tmp_path: Path, fast_scrypt: None) -> Iterator[kit.Office]:
    o = kit.open_office(tmp_path)
    yield o
    o.close()


class Seen:
    """What the launcher did: the first view it read, the window painted at data shown."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.reads: list[Any] = []
        self.shown: list[QImage] = []
        opened = unit_first_view.open_first_view
        shown = Launcher._data_shown

        def open_first_view(path: Path) -> Any:
            reads = opened(path)
            self.reads.append(reads)
            return reads

        def data_shown(launcher: Launcher, window: Any) -> None:
            shown(launcher, window)
            assert launcher.store is None  # painted before the store's service was there
            self.shown.append(window.grab().toImage())

        monkeypatch.setattr(unit_first_view, "open_first_view", open_first_view)
        monkeypatch.setattr(Launcher, "_data_shown", data_shown)


def start(qapp: Any, qtbot: Any, settings: Settings) -> Any:
    launcher = Launcher(qapp, settings, today=lambda: TODAY)
    window = launcher.start()
    qtbot.addWidget(window)
    window.resize(1200, 760)
    qtbot.waitUntil(
        lambda: launcher.store is not None and window._service is not None, timeout=20000
    )
    return launcher


def test_the_first_view_is_painted_then_the_service_bound(
    qapp: Any,
    qtbot: Any,
    settings: Settings,
    unit_store: Store,
    profile: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kit.fill_period(unit_store)
    service = EntryService(unit_store, store_catalog(unit_store), "zjj")
    service.set_state("ui.period", "2016Q1")
    unit_store.close()
    seen = Seen(monkeypatch)
    launcher = start(qapp, qtbot, settings)
    window = launcher.window
    assert seen.reads and seen.reads[0] is not None and len(seen.shown) == 1
    assert isinstance(window.service(), EntryService) and window.reads() is window.service()
    assert window.current_period() == "2016Q1"
    rows = window.task_panel.model.rows()
    assert [r.no for r in rows] == [t.no for t, _role in service.tasks()]
    assert all(r.filled and r.status == "in_progress" for r in rows)
    n = len(rows)
    assert f"已填 {n} / {n} 项，0 个错误" in window.summary.headline.text()
    # the first view's picture is the bound window's: nothing moved when the service came
    assert seen.shown[0] == window.grab().toImage()
    # the task the window chose was stored through the service once bound
    shown_task = window.current_task()
    assert shown_task is not None
    assert EntryService(launcher.store, store_catalog(launcher.store), "zjj").get_state(
        "ui.task"
    ) == str(shown_task)
    window.close()


def test_typing_after_the_start_is_saved_by_the_bound_service(
    qapp: Any,
    qtbot: Any,
    settings: Settings,
    unit_store: Store,
    profile: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    unit_store.close()
    seen = Seen(monkeypatch)
    launcher = start(qapp, qtbot, settings)
    window = launcher.window
    assert seen.reads[0] is not None
    type_text(window.form.texts["progress"], "第一季度完成立法调研。")
    assert window.save_now()
    task = window.current_task()
    saved = EntryService(launcher.store, store_catalog(launcher.store), "zjj").load(task, "2016Q1")
    assert saved.draft.progress == "第一季度完成立法调研。"
    window.close()


def test_the_offices_word_is_shown_once_bound(
    qapp: Any,
    qtbot: Any,
    settings: Settings,
    unit_store: Store,
    profile: Any,
    office: kit.Office,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kit.fill_period(unit_store)
    kit.trust(unit_store, office)
    kit.register_and_import(office, unit_store, kit.export(unit_store, tmp_path / "x", PASSPHRASE))
    kit.return_with_comments(office, {"1": "请补充数据来源。"}, "请补充数据来源")
    import_feedback(unit_store, kit.feedback(office))
    unit_store.close()
    seen = Seen(monkeypatch)
    launcher = start(qapp, qtbot, settings)
    window = launcher.window
    assert seen.reads[0] is not None  # the first view answered: the word came at bind
    assert "退回修改（v1）" in window.period_bar.review.text()
    model = window.task_panel.model
    marked = [
        model.index(r, COL_TITLE).data(MARK_ROLE)
        for r in range(model.rowCount())
        if model.index(r, COL_TITLE).data(MARK_ROLE)
    ]
    assert marked, "task 1's comment is marked in the list"
    window.close()


def test_a_store_the_first_view_leaves_opens_the_stores_way(
    qapp: Any,
    qtbot: Any,
    settings: Settings,
    unit_store: Store,
    profile: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kit.fill_period(unit_store)
    EntryService(unit_store, store_catalog(unit_store), "zjj").set_state("ui.plan", "other")
    unit_store.close()
    seen = Seen(monkeypatch)
    launcher = start(qapp, qtbot, settings)
    window = launcher.window
    assert seen.reads == [None] and seen.shown == []
    assert window.current_period() == "2016Q1"
    assert all(r.filled for r in window.task_panel.model.rows())
    assert isinstance(window.service(), EntryService)
    window.close()


def test_a_store_changed_between_the_first_view_and_the_binding_is_read_again(
    qapp: Any,
    qtbot: Any,
    settings: Settings,
    unit_store: Store,
    profile: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dataclasses import replace

    unit_store.close()
    opened = Launcher._open_store

    def open_store(launcher: Launcher) -> None:  # the office's new revision, just installed
        opened(launcher)
        launcher.catalog = replace(launcher.catalog, title="第二版方案")

    monkeypatch.setattr(Launcher, "_open_store", open_store)
    seen = Seen(monkeypatch)
    launcher = start(qapp, qtbot, settings)
    window = launcher.window
    assert seen.reads[0] is not None
    assert window.service().catalog.title == "第二版方案"  # attached afresh, not bound
    assert window.reads() is window.service() and window.current_period() == "2016Q1"
    window.close()


def test_the_window_answers_before_the_binding_and_binds_when_an_edit_needs_it(
    qapp: Any,
    qtbot: Any,
    settings: Settings,
    unit_store: Store,
    profile: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from PySide6.QtCore import Qt

    from tests.kit.preload_gate import gate_module

    unit_store.close()
    gate = gate_module(tmp_path, monkeypatch)
    seen = Seen(monkeypatch)
    launcher = Launcher(qapp, settings, today=lambda: TODAY)
    window = launcher.start()
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: len(seen.shown) == 1, timeout=20000)
    qtbot.wait(50)  # the event loop runs: the store's modules are still loading
    assert window._service is None and launcher.preload.pending()
    first, second = window.task_panel.model.visible_tasks()[:2]
    assert window.current_task() == first
    qtbot.keyClick(window.task_panel.view, Qt.Key.Key_Down)  # answered from the first view
    assert window.current_task() == second and window._service is None
    gate.set()
    type_text(window.form.texts["progress"], "第二项任务已启动。")  # needs the store: binds
    assert isinstance(window._service, EntryService) and not launcher.preload.pending()
    assert window.save_now()
    service = EntryService(launcher.store, store_catalog(launcher.store), "zjj")
    assert service.load(second, "2016Q1").draft.progress == "第二项任务已启动。"
    assert service.get_state("ui.task") == str(second)  # the move made before the binding
    window.close()
