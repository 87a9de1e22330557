"""生成通报 from the office window, driven with real keys and clicks: the action in the menu,
the preview of the bulletin's own text, the kinds and periods, saving on the thread pool,
opening the saved file, and a failed save told in one line."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from app.config import Settings
from app.domain.catalog import Catalog
from app.services.stores import Store
from app.ui.office.bulletin_dialog import BulletinDialog
from app.ui.office.window import OfficeWindow
from tests.kit.bulletin import Kit, unreadable_docx_templates

TODAY = date(2016, 4, 20)


@pytest.fixture
def window(
    qtbot: Any, settings: Settings, office_store: Store, catalog: Catalog, tmp_path: Path
) -> Iterator[OfficeWindow]:
    kit = Kit(office_store, catalog, tmp_path / "files")
    kit.report("scjg", "2016Q1", {3: "delayed"}, problems={3: "认证规则尚待批复。"})
    kit.report("zjj", "2016Q1", late=True)
    w = OfficeWindow(settings, office_store, catalog, today=lambda: TODAY)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    for dialog in w.findChildren(BulletinDialog):
        qtbot.waitUntil(lambda d=dialog: not d.busy, timeout=10000)
    w.close()


def open_dialog(qtbot: Any, window: OfficeWindow) -> BulletinDialog:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(BulletinDialog)
    assert dialog is not None  # opened by the shortcut, as the office would
    qtbot.waitUntil(lambda: dialog.document is not None, timeout=10000)
    return dialog


def test_the_action_is_in_the_file_menu_and_enabled_with_data(window: OfficeWindow) -> None:
    actions = window.menu_file.actions()
    assert window.bulletin_action in actions
    assert window.bulletin_action.text() == "生成通报…"
    assert window.bulletin_action.isEnabled()
    assert window.bulletin_action.shortcut().toString() == "Ctrl+B"


def test_preview_shows_the_bulletin_text(qtbot: Any, window: OfficeWindow) -> None:
    dialog = open_dialog(qtbot, window)
    assert dialog.kind == "progress" and dialog.period == window.period == "2016Q1"
    assert dialog.preview.isReadOnly()
    text = dialog.preview.toPlainText()
    assert "关于2016年第一季度" in text and "质量强市工作进展情况的通报" in text
    assert "一、总体情况" in text and "四、下一步工作" in text
    assert "市市场和质量监管委按时报送；市住房建设局逾期报送" in text
    assert "“认证规则尚待批复”" in text
    assert "2016年4月20日" in text  # the date chosen (the window's today)
    assert dialog.message.text() == dialog.document.title if dialog.document else False


def test_kind_by_keyboard_limits_the_periods_to_years(qtbot: Any, window: OfficeWindow) -> None:
    dialog = open_dialog(qtbot, window)
    dialog.kind_combo.setFocus()
    qtbot.keyClick(dialog.kind_combo, Qt.Key.Key_Down)
    assert dialog.kind == "assessment"
    assert [dialog.period_combo.itemData(i) for i in range(dialog.period_combo.count())] == ["2016"]
    qtbot.waitUntil(
        lambda: dialog.document is not None and "考核" in dialog.document.title, timeout=10000
    )
    assert "一、考核办法" in dialog.preview.toPlainText()
    assert "2016年度成员单位考核得分及等次" in dialog.preview.toPlainText()  # the table caption


def test_save_on_the_pool_then_open(
    qtbot: Any, window: OfficeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_dialog(qtbot, window)
    target = tmp_path / "out" / "通报"
    target.parent.mkdir()
    asked: list[str] = []

    def save_name(*args: Any, **kwargs: Any) -> tuple[str, str]:
        asked.append(args[2])  # the name offered
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    assert not dialog.open_button.isEnabled()
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert asked == ["2016Q1工作进展情况通报.docx"]
    saved = target.with_suffix(".docx")
    assert dialog.saved_path == saved and saved.exists()
    written = docx.Document(str(saved))
    assert written.core_properties.title == dialog.document.title  # type: ignore[union-attr]
    assert [p.name for p in saved.parent.iterdir()] == [saved.name]  # no temporary file left
    assert dialog.open_button.isEnabled()
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert [u.toLocalFile() for u in opened] == [str(saved)]


def test_a_failed_save_is_one_line(
    qtbot: Any, window: OfficeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_dialog(qtbot, window)
    folder = tmp_path / "taken.docx"
    folder.mkdir()  # a folder where the file should go
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(folder), ""))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
    assert dialog.message.text().startswith("无法保存：")
    assert "\n" not in dialog.message.text()
    assert dialog.save_button.isEnabled() and not dialog.open_button.isEnabled()


def test_a_document_that_cannot_be_made_is_not_blamed_on_word(
    qtbot: Any, window: OfficeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_dialog(qtbot, window)
    unreadable_docx_templates(monkeypatch, tmp_path / "bundle")
    out = tmp_path / "通报.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
    text = dialog.message.text()
    assert text.startswith("无法生成 Word 文件：") and "重新安装" in text
    assert "Word 中打开" not in text and not out.exists()
    assert dialog.save_button.isEnabled() and not dialog.open_button.isEnabled()


def test_the_dialog_speaks_english(qtbot: Any, window: OfficeWindow) -> None:
    from PySide6.QtWidgets import QApplication

    from app.ui.common.i18n import EN, ZH, apply_language

    dialog = open_dialog(qtbot, window)
    try:
        apply_language(EN)
        QApplication.processEvents()
        assert dialog.windowTitle() == "Bulletin"
        assert dialog.save_button.text() == "&Save as Word file…"
        assert dialog.kind_combo.itemText(1) == "Annual assessment bulletin"
        assert window.bulletin_action.text() == "Bulletin…"
        assert dialog.kind == "progress"  # retranslating keeps the choice
    finally:
        apply_language(ZH)
        QApplication.processEvents()
    assert dialog.windowTitle() == "生成通报"
