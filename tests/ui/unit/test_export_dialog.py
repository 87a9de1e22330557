"""Export from the window: Ctrl+E opens the dialog, signing runs off the UI thread."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.domain.entry_rules import EntryDraft, IndicatorDraft
from app.io.submission_reader import verify_submission
from app.services.entries import EntryService
from app.services.stores import Store, store_catalog
from app.services.unit_setup import UnitProfileInfo
from app.ui.unit.export_dialog import ExportDialog, make_export_handler
from tests.kit.ui import PASSPHRASE, type_text


def fill_period(store: Store, unit: str, period: str) -> None:
    catalog = store_catalog(store)
    service = EntryService(store, catalog, unit)
    for task, _role in catalog.tasks_for_unit(unit):
        service.save(
            EntryDraft(
                task.no,
                period,
                "in_progress",
                50,
                f"任务{task.no}进展：已完成检查{task.no}次。",
                "无",
                "继续推进",
                tuple((x.name, str(x.value)) for x in task.targets),
            )
        )
    for ind in catalog.indicators_for_unit(unit):
        service.save_indicator(IndicatorDraft(ind.no, period, str(Decimal(ind.value))))


@pytest.fixture
def ready(unit_store: Store, profile: UnitProfileInfo) -> Any:
    fill_period(unit_store, "zjj", "2016Q1")
    return unit_store, store_catalog(unit_store)


def test_dialog_signs_and_writes_a_verifiable_file(qtbot: Any, ready: Any, tmp_path: Path) -> None:
    store, catalog = ready
    dialog = ExportDialog(store, catalog, "2016Q1", "市住房建设局", 1)
    qtbot.addWidget(dialog)
    target = tmp_path / "out.xlsx"
    dialog.path_edit.setText(str(target))
    type_text(dialog.passphrase, "wrong passphrase 123")
    QTest.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "密码不正确" in dialog.message.text(), timeout=10000)
    assert not target.exists() and dialog.export_button.isEnabled()
    dialog.passphrase.clear()
    type_text(dialog.passphrase, PASSPHRASE)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_info is not None, timeout=10000)
    assert "已导出第 1 版" in dialog.message.text()
    verified = verify_submission(target.read_bytes(), catalog)
    assert (verified.payload.unit_id, verified.payload.version) == ("zjj", 1)
    state = EntryService(store, catalog, "zjj").period_state("2016Q1")
    assert (state.kind, state.version) == ("exported", 1)


def test_unwritable_target_keeps_the_dialog_open(qtbot: Any, ready: Any, tmp_path: Path) -> None:
    store, catalog = ready
    dialog = ExportDialog(store, catalog, "2016Q1", "市住房建设局", 1)
    qtbot.addWidget(dialog)
    (tmp_path / "folder.xlsx").mkdir()  # a folder where the file should go
    dialog.path_edit.setText(str(tmp_path / "folder.xlsx"))
    type_text(dialog.passphrase, PASSPHRASE)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "导出失败" in dialog.message.text(), timeout=10000)
    assert dialog.export_button.isEnabled() and dialog.result_info is None


def test_ctrl_e_in_the_main_window_opens_the_export(
    qtbot: Any, window: Any, ready: Any, profile: UnitProfileInfo, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, catalog = ready
    opened: list[ExportDialog] = []

    def fake_exec(self: ExportDialog) -> int:
        opened.append(self)
        return 0

    monkeypatch.setattr(ExportDialog, "exec", fake_exec)
    window.export_handler = make_export_handler(window, store, catalog, profile)
    window.select_task(26)  # the window reloads the period the test filled above
    QTest.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    assert opened[0].period == "2016Q1"
    assert json.dumps(opened[0].path_edit.text(), ensure_ascii=False).endswith('v1.xlsx"')
