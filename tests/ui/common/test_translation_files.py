"""The shipped English translation: every string of the .ts is in the .qm, and the export
dialog (the newest window) speaks English end to end when English is chosen."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtTest import QTest

from app.config import resource_path
from app.domain.entry_rules import EntryDraft, IndicatorDraft
from app.services.entries import EntryService
from app.services.stores import Store, store_catalog
from app.services.unit_setup import UnitProfileInfo
from app.ui.common.i18n import EN, apply_language
from app.ui.unit.export_dialog import ExportDialog
from tests.kit.ui import PASSPHRASE, type_text

TS = Path(resource_path("i18n")) / "qualityreport_en.ts"


def messages() -> list[tuple[str, str, str]]:
    """(context, Chinese source, English) for every message of the translation file."""
    out = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            translation = m.find("translation")
            assert translation is not None
            out.append((name, m.findtext("source") or "", translation.text or ""))
    return out


def test_every_string_is_translated_and_compiled_into_the_qm() -> None:
    found = messages()
    assert len(found) > 300  # the whole interface, not a stub
    unfinished = [src for _, src, en in found if not en.strip()]
    assert unfinished == []
    apply_language(EN)
    # A .qm built from an older .ts answers the Chinese source for the strings it lacks.
    stale = [(ctx, src) for ctx, src, en in found if QCoreApplication.translate(ctx, src) != en]
    assert stale == []


def test_no_chinese_source_is_passed_off_as_its_english() -> None:
    """A source copied into its translation (lupdate's same-text guess) still shows Chinese.

    Chinese may appear inside an English text (an example of what to type), never as the
    whole of it."""
    copied = [(ctx, src) for ctx, src, en in messages() if en == src and has_chinese(src)]
    assert copied == []
    mostly = [(ctx, en) for ctx, _src, en in messages() if chinese_share(en) > 0.5]
    assert mostly == []


def has_chinese(text: str) -> bool:
    return chinese_share(text) > 0


def chinese_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    return sum("\u4e00" <= ch <= "\u9fff" for ch in letters) / len(letters) if letters else 0.0


def fill_period(store: Store, unit: str, period: str) -> None:
    """Every task and indicator of the unit filled without an error."""
    catalog = store_catalog(store)
    service = EntryService(store, catalog, unit)
    for task, _role in catalog.tasks_for_unit(unit):
        targets = tuple((x.name, str(x.value)) for x in task.targets)
        service.save(EntryDraft(task.no, period, "completed", 100, "已完成。", "", "", targets))
    for ind in catalog.indicators_for_unit(unit):
        service.save_indicator(IndicatorDraft(ind.no, period, str(ind.value)))


def test_export_dialog_in_english(
    qtbot: Any, unit_store: Store, profile: UnitProfileInfo, tmp_path: Path
) -> None:
    catalog = store_catalog(unit_store)
    apply_language(EN)
    refused = ExportDialog(unit_store, catalog, "2016Q1", profile.short_name, 1)
    qtbot.addWidget(refused)
    assert refused.windowTitle() == "Export submission"
    assert refused.export_button.text() == "Sign and &export"
    type_text(refused.passphrase, PASSPHRASE)
    QTest.keyClick(refused.passphrase, Qt.Key.Key_Return)  # nothing filled yet: refused
    qtbot.waitUntil(lambda: "still need fixing" in refused.message.text(), timeout=10000)
    assert refused.result_info is None

    fill_period(unit_store, "zjj", "2016Q1")
    dialog = ExportDialog(unit_store, catalog, "2016Q1", profile.short_name, 1)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(tmp_path / "out.xlsx"))
    type_text(dialog.passphrase, "not the passphrase 42")
    QTest.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Wrong passphrase"), timeout=10000)
    dialog.passphrase.clear()
    type_text(dialog.passphrase, PASSPHRASE)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_info is not None, timeout=10000)
    assert dialog.message.text().startswith("Exported version 1: ")
    assert "Please send this file to the office." in dialog.message.text()
    assert dialog.close_button.text() == "Close"
