"""文件 → 本单位签名密钥…: the clerk changes the passphrase, backs the key up, rotates it or
replaces a forgotten one, and saves the papers the office registers from, without the command
line; the office accepts what the dialog wrote."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.config import Settings
from app.io import keys
from app.io.key_backup import read_key_backup
from app.io.keys import format_fingerprint
from app.services.catalog import default_catalog
from app.services.office_trust import add_trusted_key, list_trusted_keys, rotate_key
from app.services.stores import Store, open_office_store
from app.services.unit_keys import unlock_key
from app.services.unit_setup import UnitProfileInfo, write_registration_file
from app.ui.common import passphrase_dialog
from app.ui.unit.key_care_dialog import KeyCareDialog
from tests.kit.ui import PASSPHRASE

NEW_PASS = "新的密码 quality 2017!"


class Clerk:
    """The dialog with its questions answered: passphrases by whether they confirm (a new
    one), warnings by ``sure``, save dialogs by ``out``."""

    def __init__(self, qtbot: Any, store: Store, profile: UnitProfileInfo, mp: Any) -> None:
        self.dialog = KeyCareDialog(store, default_catalog(), profile)
        qtbot.addWidget(self.dialog)
        self.dialog.show()
        self.qtbot = qtbot
        self.answers: dict[bool, str | None] = {False: PASSPHRASE, True: NEW_PASS}
        self.asked: list[bool] = []
        self.warnings: list[str] = []
        self.sure = QMessageBox.StandardButton.Yes
        self.out: Path | None = None

        def ask(_parent: Any, _purpose: str, *, confirm: bool = False, **_k: Any) -> str | None:
            self.asked.append(confirm)
            return self.answers[confirm]

        def warning(_p: Any, _t: str, text: str, *_a: Any) -> QMessageBox.StandardButton:
            self.warnings.append(text)
            return self.sure

        mp.setattr(passphrase_dialog, "ask_passphrase", ask)
        mp.setattr(QMessageBox, "warning", warning)
        mp.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(self.out or ""), ""))

    def click(self, name: str) -> None:
        self.qtbot.mouseClick(self.dialog.rows[name][0], Qt.MouseButton.LeftButton)
        self.qtbot.waitUntil(lambda: not self.dialog.busy, timeout=10000)

    @property
    def said(self) -> str:
        return self.dialog.message.text()

    @property
    def shown(self) -> str:
        return " ".join(self.dialog.fingerprint.text().split())


@pytest.fixture
def clerk(qtbot: Any, unit_store: Store, profile: UnitProfileInfo, monkeypatch: Any) -> Clerk:
    return Clerk(qtbot, unit_store, profile, monkeypatch)


def test_a_new_passphrase_keeps_the_key(clerk: Clerk, unit_store: Store, profile: Any) -> None:
    assert clerk.shown == format_fingerprint(profile.fingerprint)
    clerk.click("passwd")
    assert clerk.asked == [False, True] and "密码已修改" in clerk.said
    assert unlock_key(unit_store, NEW_PASS)
    with pytest.raises(keys.WrongPassphrase):
        unlock_key(unit_store, PASSPHRASE)
    assert not clerk.dialog.key_changed and clerk.shown == format_fingerprint(profile.fingerprint)


def test_a_wrong_passphrase_is_said_and_nothing_changes(clerk: Clerk, unit_store: Store) -> None:
    clerk.answers[False] = PASSPHRASE + "x"
    clerk.click("passwd")
    assert clerk.said == "密码不正确，请重新输入。"
    assert unlock_key(unit_store, PASSPHRASE)
    assert all(b.isEnabled() for b, _n, _s in clerk.dialog.rows.values())


def test_cancelling_asks_nothing_more(clerk: Clerk, unit_store: Store) -> None:
    clerk.answers[False] = None
    clerk.click("passwd")
    clerk.click("rotate")
    assert clerk.asked == [False, False] and clerk.said == ""
    clerk.sure = QMessageBox.StandardButton.No
    clerk.click("reset")
    assert clerk.asked == [False, False] and len(clerk.warnings) == 2
    assert unlock_key(unit_store, PASSPHRASE)


def test_the_backup_holds_the_sealed_key(clerk: Clerk, profile: Any, tmp_path: Path) -> None:
    clerk.out = tmp_path / "usb" / "备份.json"
    clerk.out.parent.mkdir()
    clerk.click("backup")
    backup = read_key_backup(clerk.out.read_bytes())
    assert keys.fingerprint(backup.public_key) == profile.fingerprint
    assert keys.open_private_key(backup.sealed, PASSPHRASE)
    assert str(clerk.out) in clerk.said
    clerk.out = tmp_path / "missing-folder" / "备份.json"
    clerk.click("backup")
    assert "备份失败" in clerk.said


def _office_registered(tmp_path: Path, unit_store: Store) -> Store:
    """An office that registered this unit's key in force (from its registration file)."""
    office = open_office_store(Settings(tmp_path / "office"))
    file = write_registration_file(unit_store, default_catalog(), tmp_path / "reg-old.json")
    doc = json.loads(file.read_text(encoding="utf-8"))
    add_trusted_key(office, default_catalog(), keys.registration_from_document(doc), actor="李四")
    return office


def test_a_rotation_gives_the_papers_the_office_follows(
    clerk: Clerk, unit_store: Store, profile: Any, tmp_path: Path
) -> None:
    office = _office_registered(tmp_path, unit_store)
    try:
        clerk.click("rotate")
        assert "更换声明" in clerk.warnings[0] and clerk.asked == [False, True]
        new = clerk.dialog.profile.fingerprint
        assert new != profile.fingerprint and clerk.dialog.key_changed
        assert clerk.shown == format_fingerprint(new) and "导出登记文件" in clerk.said
        clerk.out = tmp_path / "papers" / "登记.json"
        clerk.out.parent.mkdir()
        clerk.click("papers")
        statement = clerk.out.with_name(f"密钥更换声明-{profile.unit_id}.json")
        assert clerk.out.with_suffix(".html").exists() and statement.name in clerk.said
        assert json.loads(clerk.out.read_text(encoding="utf-8"))["fingerprint"] == new
        rotate_key(office, default_catalog(), keys.read_rotation(statement), actor="李四")
        active = [k.fingerprint for k in list_trusted_keys(office) if k.status == "active"]
        assert active == [new]
    finally:
        office.close()


def test_a_forgotten_passphrase_gives_a_new_key_to_register(
    clerk: Clerk, unit_store: Store, profile: Any, tmp_path: Path
) -> None:
    clerk.click("reset")
    assert "原密钥作废" in clerk.warnings[0] and clerk.asked == [True]  # no old passphrase
    new = clerk.dialog.profile.fingerprint
    assert new != profile.fingerprint and unlock_key(unit_store, NEW_PASS)
    clerk.out = tmp_path / "登记.json"
    clerk.click("papers")
    assert json.loads(clerk.out.read_text(encoding="utf-8"))["fingerprint"] == new
    assert clerk.out.with_suffix(".html").exists() and "更换声明" not in clerk.said
    assert not list(tmp_path.glob("密钥更换声明-*.json"))  # nothing vouches for a reset key


def test_the_window_shows_the_new_fingerprint(
    make_window: Any, unit_store: Store, monkeypatch: Any
) -> None:
    from app.services.unit_keys import reset_key
    from app.ui.unit import key_care_dialog

    window = make_window()
    made: list[str] = []

    def exec_(dialog: KeyCareDialog) -> int:  # the clerk resets the key in the dialog
        dialog.profile, dialog.key_changed = reset_key(unit_store, NEW_PASS), True
        made.append(dialog.profile.fingerprint)
        return 0

    monkeypatch.setattr(key_care_dialog.KeyCareDialog, "exec", exec_)
    assert window.acts.key_care in window.acts.menu_file.actions()
    window.acts.key_care.trigger()
    assert window.profile().fingerprint == made[0]
