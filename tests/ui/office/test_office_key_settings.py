"""The office's settings: its signing key (created when missing, fingerprint shown, the
registration file exported for the units) and the staff name every decision is recorded under;
the plans window writes a plan's signed package."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import select

from app.config import Settings
from app.domain.catalog import Catalog
from app.io.keys import format_fingerprint
from app.io.office_key_file import read_office_key_file
from app.models import Setting
from app.services.audit import list_audit
from app.services.office_key import create_office_key, office_key, unlock_office_key
from app.services.plans.package import read_plan_package
from app.services.stores import Store
from app.services.unit_office_key import follow_rotation
from app.ui.common import passphrase_dialog
from app.ui.office.actor import KEY_ACTOR, current_actor
from app.ui.office.settings_dialog import OfficeSettingsDialog
from app.ui.office.window import OfficeWindow
from tests.kit.answers import OFFICE_PASS, Pair
from tests.kit.answers_window import on_modal
from tests.kit.ui import PASSPHRASE, type_text


@pytest.fixture
def window(
    qtbot: Any, settings: Settings, office_store: Store, catalog: Catalog, fast_scrypt: None
) -> OfficeWindow:
    w = OfficeWindow(settings, office_store, catalog)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_no_key_yet_create_it_then_export_the_registration_file(
    qtbot: Any, office_store: Store, tmp_path: Path, monkeypatch: Any, fast_scrypt: None
) -> None:
    dialog = OfficeSettingsDialog(language="zh", data_location="x", store=office_store)
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.key_box
    assert "还没有签名密钥" in box.status.text() and box.fingerprint.isHidden()
    assert not box.create_button.isHidden() and box.export_button.isHidden()
    asked: list[bool] = []

    def ask(_parent: Any, _purpose: str, *, confirm: bool = False) -> str:
        asked.append(confirm)
        return PASSPHRASE

    monkeypatch.setattr(passphrase_dialog, "ask_passphrase", ask)
    box.create_button.click()
    assert asked == [True]  # a new key: the passphrase twice
    assert box.busy and not dialog.buttons.isEnabled()  # the dialog waits for the key
    dialog.reject()  # Esc while the key is made
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: box.info is not None, timeout=10000)
    assert dialog.buttons.isEnabled() and not box.busy
    info = office_key(office_store)
    assert info is not None and box.changed
    shown = box.fingerprint.text().replace("\n", " ")
    assert shown == format_fingerprint(info.fingerprint) and "指纹" in box.status.text()
    assert box.create_button.isHidden() and not box.export_button.isHidden()
    assert [r.action for r in list_audit(office_store)] == ["office_key_create"]

    out = tmp_path / "office-key.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    box.export_button.click()
    assert read_office_key_file(out).fingerprint == info.fingerprint
    assert str(out) in box.result.text()


def test_the_passphrase_dialog_checks_twice(qtbot: Any) -> None:
    dialog = passphrase_dialog.PassphraseDialog("为本办创建签名密钥", confirm=True)
    qtbot.addWidget(dialog)
    type_text(dialog.first, "short")
    dialog.accept()
    assert "至少" in dialog.problem.text() and dialog.passphrase() == ""
    dialog.first.clear()
    type_text(dialog.first, PASSPHRASE)
    type_text(dialog.second, PASSPHRASE + "x")
    dialog.accept()
    assert dialog.problem.text() == "两次输入的密码不一致"
    dialog.second.clear()
    type_text(dialog.second, PASSPHRASE)
    dialog.accept()
    assert dialog.passphrase() == PASSPHRASE and dialog.first.text() == ""  # not kept


def test_the_staff_name_is_set_in_the_settings(
    qtbot: Any, window: OfficeWindow, office_store: Store
) -> None:
    create_office_key(office_store, PASSPHRASE, "")

    def name(dialog: Any) -> None:
        assert dialog.objectName() == "officeSettingsDialog"
        assert "指纹" in dialog.key_box.status.text()
        dialog.actor.clear()
        type_text(dialog.actor, "  李明  ")
        QTest.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
        )

    seen = on_modal(name)
    window.settings_action.trigger()
    assert seen
    assert QSettings().value(KEY_ACTOR) == "李明"
    assert current_actor(office_store) == "李明"
    with office_store.factory() as s:  # a local store: the CLI on this computer agrees
        assert s.scalar(select(Setting.value).where(Setting.key == "office.actor")) == "李明"


def test_the_plans_window_writes_the_signed_plan_package(
    qtbot: Any, window: OfficeWindow, office_store: Store, tmp_path: Path, monkeypatch: Any
) -> None:
    create_office_key(office_store, PASSPHRASE, "")
    plans = window.menu_plans.open_plans()
    assert plans is not None
    qtbot.addWidget(plans)
    assert plans.plan_actions.package.isEnabled()  # the shipped plan is published
    out = tmp_path / "方案包"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(passphrase_dialog, "ask_passphrase", lambda *a, **k: PASSPHRASE)
    plans.plan_actions.package.trigger()
    qtbot.waitUntil(lambda: plans.busy is None, timeout=20000)
    written = out.with_suffix(".xlsx")
    payload = read_plan_package(written)
    assert payload.code == plans.code
    assert "方案包已生成" in plans.statusBar().currentMessage()
    [row] = list_audit(office_store, action="plan_package")
    assert row.subject.startswith(plans.code or "")


def _asked(monkeypatch: Any, answers: dict[bool, str | None]) -> list[bool]:
    """The passphrase dialog answers by whether it confirms (a new key) or not."""
    asked: list[bool] = []

    def ask(_parent: Any, _purpose: str, *, confirm: bool = False) -> str | None:
        asked.append(confirm)
        return answers[confirm]

    monkeypatch.setattr(passphrase_dialog, "ask_passphrase", ask)
    return asked


def _yes(monkeypatch: Any, kind: str) -> list[str]:
    """``QMessageBox.<kind>`` answered Yes; the texts it was asked with."""
    texts: list[str] = []

    def answer(_parent: Any, _title: str, text: str, *_a: Any) -> QMessageBox.StandardButton:
        texts.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, kind, answer)
    return texts


def _settings(qtbot: Any, store: Store) -> OfficeSettingsDialog:
    dialog = OfficeSettingsDialog(language="zh", data_location="x", store=store)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_key_is_changed_and_a_unit_follows_the_statement_file(
    qtbot: Any, pair: Pair, tmp_path: Path, monkeypatch: Any
) -> None:
    before = office_key(pair.office)
    assert before is not None
    dialog = _settings(qtbot, pair.office)
    box = dialog.key_box
    assert not box.rotate_button.isHidden() and box.statement_button.isHidden()
    questions = _yes(monkeypatch, "question")
    new_pass = "新的密钥 quality 2017"
    asked = _asked(monkeypatch, {False: OFFICE_PASS, True: new_pass})
    QTest.mouseClick(box.rotate_button, Qt.MouseButton.LeftButton)
    assert "自动改信新密钥" in questions[0]
    assert asked == [False, True]  # the passphrase in force, then the new one twice
    assert box.busy and not dialog.buttons.isEnabled()
    qtbot.waitUntil(lambda: not box.busy, timeout=10000)
    after = office_key(pair.office)
    assert after is not None and after.fingerprint != before.fingerprint
    assert box.fingerprint.text().replace("\n", " ") == format_fingerprint(after.fingerprint)
    assert "密钥已更换" in box.result.text() and box.changed
    assert [r.action for r in list_audit(pair.office)].count("office_key_rotate") == 1
    assert unlock_office_key(pair.office, new_pass)  # the new key opens with the new passphrase

    out = tmp_path / "statement.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    assert not box.statement_button.isHidden()
    box.statement_button.click()
    assert str(out) in box.result.text()
    trusted = follow_rotation(pair.unit, out)  # the unit trusting the old key follows it
    assert trusted.fingerprint == after.fingerprint


def test_a_wrong_passphrase_changes_nothing(qtbot: Any, pair: Pair, monkeypatch: Any) -> None:
    before = office_key(pair.office)
    assert before is not None
    dialog = _settings(qtbot, pair.office)  # kept: the box is its child
    box = dialog.key_box
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    _asked(monkeypatch, {False: OFFICE_PASS + "x", True: "新的密钥 quality 2017"})
    box.rotate_button.click()
    qtbot.waitUntil(lambda: not box.busy, timeout=10000)
    assert "密钥密码不正确" in box.result.text() and not box.changed
    after = office_key(pair.office)
    assert after is not None and after.fingerprint == before.fingerprint
    assert box.fingerprint.text().replace("\n", " ") == format_fingerprint(before.fingerprint)
    assert "office_key_rotate" not in [r.action for r in list_audit(pair.office)]
    assert box.rotate_button.isEnabled() and box.statement_button.isHidden()


@pytest.mark.parametrize("step", ["question", "old", "new"])
def test_saying_no_at_any_step_changes_nothing(
    qtbot: Any, pair: Pair, monkeypatch: Any, step: str
) -> None:
    before = office_key(pair.office)
    dialog = _settings(qtbot, pair.office)  # kept: the box is its child
    box = dialog.key_box
    answer = QMessageBox.StandardButton.No if step == "question" else QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "question", lambda *a: answer)
    asked = _asked(monkeypatch, {False: None if step == "old" else OFFICE_PASS, True: None})
    box.rotate_button.click()
    assert asked == {"question": [], "old": [False], "new": [False, True]}[step]
    assert not box.busy and office_key(pair.office) == before


def test_a_lost_key_is_replaced_after_a_warning_and_has_no_statement(
    qtbot: Any, pair: Pair, tmp_path: Path, monkeypatch: Any
) -> None:
    before = office_key(pair.office)
    assert before is not None
    dialog = _settings(qtbot, pair.office)
    box = dialog.key_box
    assert not box.replace_button.isHidden()
    warnings = _yes(monkeypatch, "warning")
    new_pass = "新的密钥 quality 2017"
    asked = _asked(monkeypatch, {False: None, True: new_pass})
    QTest.mouseClick(box.replace_button, Qt.MouseButton.LeftButton)
    assert "重新登记" in warnings[0] and "更换密钥" in warnings[0]
    assert asked == [True]  # the old passphrase is not asked: it is what was lost
    qtbot.waitUntil(lambda: not box.busy, timeout=10000)
    after = office_key(pair.office)
    assert after is not None and after.fingerprint != before.fingerprint
    assert "已启用新密钥" in box.result.text() and box.changed
    assert box.fingerprint.text().replace("\n", " ") == format_fingerprint(after.fingerprint)
    assert box.statement_button.isHidden()  # nothing vouches for the new key
    [row] = list_audit(pair.office, action="office_key_replace")
    assert row.subject == after.fingerprint
    assert unlock_office_key(pair.office, new_pass)

    out = tmp_path / "office-key-new.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    box.export_button.click()
    assert read_office_key_file(out).fingerprint == after.fingerprint
