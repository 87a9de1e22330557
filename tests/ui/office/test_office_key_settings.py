"""The office's settings: its signing key (created when missing, fingerprint shown, the
registration file exported for the units) and the staff name every decision is recorded under;
the plans window writes a plan's signed package."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from app.config import Settings
from app.domain.catalog import Catalog
from app.io.keys import format_fingerprint
from app.io.office_key_file import read_office_key_file
from app.models import Setting
from app.services.audit import list_audit
from app.services.office_key import create_office_key, office_key
from app.services.plans.package import read_plan_package
from app.services.stores import Store
from app.ui.office import passphrase_dialog
from app.ui.office.actor import KEY_ACTOR, current_actor
from app.ui.office.settings_dialog import OfficeSettingsDialog
from app.ui.office.window import OfficeWindow
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
