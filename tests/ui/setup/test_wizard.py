"""The first-run wizard, end to end with the keyboard, as a clerk of 住房建设局 meets it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QWizard

from app.config import Settings
from app.domain import entry_rules
from app.io.keys import format_fingerprint
from app.io.office_key_file import read_office_key_file
from app.services.install_role import install_role
from app.services.office_key import office_key
from app.services.stores import open_unit_store
from app.services.unit_setup import get_profile
from app.ui.common.launch import Launcher
from app.ui.setup import key_pages
from app.ui.setup.wizard import (
    PAGE_CLERK,
    PAGE_DONE,
    PAGE_KEY,
    PAGE_OFFICE_DONE,
    PAGE_OFFICE_KEY,
    PAGE_ROLE,
    PAGE_TRUST_OFFICE,
    PAGE_UNIT,
)
from tests.kit.ui import PASSPHRASE, TODAY, type_text


@pytest.fixture
def launched(qapp: Any, qtbot: Any, settings: Settings, fast_scrypt: None) -> Any:
    launcher = Launcher(qapp, settings, today=lambda: TODAY)
    wizard = launcher.start()
    qtbot.addWidget(wizard)
    # The plan is read after the first paint.
    qtbot.waitUntil(lambda: wizard.unit_page.units.count() > 0, timeout=5000)
    yield launcher
    if launcher.window is not None and launcher.window is not wizard:
        launcher.window.close()
    qapp.setQuitOnLastWindowClosed(False)


def listed(wizard: Any) -> list[str]:
    units = wizard.unit_page.units
    return [units.item(i).text().split("（")[0] for i in range(units.count())]


def press(widget: Any, key: Qt.Key) -> None:
    QTest.keyClick(widget, key)


def test_wizard_sets_up_zhujian_by_keyboard(
    launched: Any, qtbot: Any, settings: Settings, tmp_path: Path, monkeypatch: Any
) -> None:
    wizard = launched.window
    assert wizard.currentId() == PAGE_ROLE
    assert not settings.unit_store_path.exists()  # nothing written before set-up
    press(wizard.role_page.unit, Qt.Key.Key_Return)  # unit clerk is the default choice
    assert wizard.currentId() == PAGE_UNIT

    page = wizard.unit_page
    type_text(page.search, "市场监管委")
    assert listed(wizard) == ["深圳市市场和质量监督管理委员会"]
    page.search.clear()
    type_text(page.search, "住建")
    assert listed(wizard) == ["深圳市住房和建设局"]
    assert page.unit_id() == "zjj"
    press(page.search, Qt.Key.Key_Return)
    assert wizard.currentId() == PAGE_CLERK

    clerk = wizard.clerk_page
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    type_text(clerk.clerk, "张三")
    assert not next_button.isEnabled()  # the phone is still missing
    QTest.keyClick(clerk.clerk, Qt.Key.Key_Tab)
    type_text(clerk.contact, "0755-88886666")
    assert next_button.isEnabled()
    press(clerk.contact, Qt.Key.Key_Return)
    assert wizard.currentId() == PAGE_KEY

    key = wizard.key_page
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.text() == "创建密钥(&C)"
    type_text(key.first, "abc123")
    assert "至少需要" in key.hint.text() and key.strength.value() == 0
    assert not commit.isEnabled()
    key.first.clear()
    type_text(key.first, PASSPHRASE)
    assert key.strength.value() >= 3
    type_text(key.second, "青山")
    assert key.mismatch.text() == ""  # still typing the same passphrase
    key.second.clear()
    type_text(key.second, "青山绿水 quality 2017!")
    assert key.mismatch.text() == "两次输入的密码不一致"
    assert not commit.isEnabled()
    key.second.clear()
    type_text(key.second, PASSPHRASE)
    assert key.mismatch.text() == "" and commit.isEnabled()
    qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)
    assert key.busy.isVisible() or wizard.currentId() == PAGE_TRUST_OFFICE  # scrypt: off-thread
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_TRUST_OFFICE, timeout=10000)
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert next_button.isEnabled()  # the office's key is optional: skipped here
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == PAGE_DONE

    done = wizard.done_page
    profile = wizard.profile()
    assert profile.unit_id == "zjj" and profile.clerk == "张三"
    shown = done.fingerprint.text().replace("\n", " ")
    assert shown == format_fingerprint(profile.fingerprint)
    assert key.first.text() == ""  # the passphrase does not linger in the widgets

    out = tmp_path / "registration.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(done.save_button, Qt.MouseButton.LeftButton)
    assert json.loads(out.read_text(encoding="utf-8"))["fingerprint"] == profile.fingerprint
    assert "已保存到" in done.saved.text()
    sheet = out.with_suffix(".html").read_text(encoding="utf-8")  # to print, sign and stamp
    assert format_fingerprint(profile.fingerprint).split()[0] in sheet
    assert "registration.html" in done.saved.text()

    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    main = launched.window
    assert main.objectName() == "mainWindow" and main.isVisible()
    assert main.current_period() == "2016Q1" and main.current_task() == 1
    assert install_role(settings) == "unit" and not (settings.data_dir / "role.json").exists()

    store = open_unit_store(settings)  # what the next start finds
    try:
        again = get_profile(store)
    finally:
        store.close()
    assert again is not None and again.fingerprint == profile.fingerprint


def test_office_role_creates_the_office_key_and_opens_the_office_window(
    launched: Any, qtbot: Any, settings: Settings, tmp_path: Path, monkeypatch: Any
) -> None:
    wizard = launched.window
    wizard.role_page.office.click()
    press(wizard.role_page.office, Qt.Key.Key_Return)
    assert wizard.currentId() == PAGE_OFFICE_KEY
    assert not settings.office_store_path.exists()  # nothing written before the key

    key = wizard.office_key_page
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert key.title() == "本办签名密钥"
    type_text(key.first, PASSPHRASE)
    type_text(key.second, "青山绿水 quality 2017!")
    assert key.mismatch.text() == "两次输入的密码不一致" and not commit.isEnabled()
    key.second.clear()
    type_text(key.second, PASSPHRASE)
    assert commit.isEnabled()
    qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_OFFICE_DONE, timeout=10000)
    info = wizard.office_key_info
    done = wizard.office_done_page
    assert done.fingerprint.text().replace("\n", " ") == format_fingerprint(info.fingerprint)
    assert key.first.text() == ""  # the passphrase does not linger in the widgets
    assert install_role(settings) == "office"  # the key made the office store

    out = tmp_path / "office-key.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(done.save_button, Qt.MouseButton.LeftButton)
    assert read_office_key_file(out).fingerprint == info.fingerprint
    assert "已保存到" in done.saved.text()

    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isVisible()
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert launched.window.objectName() == "officeWindow"
    assert install_role(settings) == "office" and settings.office_store_path.exists()
    assert not settings.unit_store_path.exists() and not (settings.data_dir / "role.json").exists()
    store = launched.window.store
    assert store is not None and office_key(store) is not None


def test_unknown_unit_says_so(launched: Any) -> None:
    page = launched.window.unit_page
    launched.window.next()
    type_text(page.search, "不存在的单位")
    assert page.units.count() == 0
    assert "没有找到" in page.none.text()
    assert not page.isComplete()


def test_minimum_length_matches_the_core() -> None:
    assert key_pages.MIN_PASSPHRASE == entry_rules.MIN_PASSPHRASE


def test_the_wizard_trusts_the_office_key_when_given(
    launched: Any, qtbot: Any, settings: Settings, tmp_path: Path
) -> None:
    from app.services.unit_office_key import trusted_office_key
    from tests.kit import clerk_answers as kit

    office = kit.open_office(tmp_path)
    try:
        key_file = office.key_file()
        wizard = launched.window
        wizard.unit_page.search.setText("住建")
        wizard.setStartId(PAGE_ROLE)
        wizard.next()
        wizard.next()
        type_text(wizard.clerk_page.clerk, "张三")
        type_text(wizard.clerk_page.contact, "0755-88886666")
        wizard.next()
        type_text(wizard.key_page.first, PASSPHRASE)
        type_text(wizard.key_page.second, PASSPHRASE)
        wizard.next()
        qtbot.waitUntil(lambda: wizard.currentId() == PAGE_TRUST_OFFICE, timeout=10000)
        page = wizard.trust_office_page
        assert page.chooser.load(key_file)
        next_button = wizard.button(QWizard.WizardButton.NextButton)
        assert not next_button.isEnabled()  # a chosen key waits for its fingerprint check
        page.chooser.confirm.setChecked(True)
        assert next_button.isEnabled()
        qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
        assert wizard.currentId() == PAGE_DONE
    finally:
        office.close()
    store = open_unit_store(settings)
    try:
        trusted = trusted_office_key(store)
    finally:
        store.close()
    assert trusted is not None and trusted.fingerprint in key_file.read_text(encoding="utf-8")
