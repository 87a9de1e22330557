"""文件 → 市质量强市办密钥…: trust the office's key once its fingerprint is confirmed, replace it
by another only after a warning (the office lost its key), follow a rotation statement signed
by the trusted key; the wizard's optional page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from app.io.keys import format_fingerprint
from app.services.office_key import (
    export_office_key,
    office_key,
    replace_office_key,
    rotate_office_key,
    write_rotation_file,
)
from app.services.stores import Store
from app.services.unit_office_key import trusted_office_key
from app.ui.unit.office_key_dialog import OfficeKeyDialog
from tests.kit import clerk_answers as kit


@pytest.fixture
def office(tmp_path: Path, fast_scrypt: None) -> Iterator[kit.Office]:
    o = kit.open_office(tmp_path)
    yield o
    o.close()


def shown_fingerprint(dialog: OfficeKeyDialog) -> str:
    return " ".join(dialog.chooser.fingerprint.text().split())


def test_the_key_is_trusted_only_after_the_fingerprint_is_confirmed(
    qtbot: Any, unit_store: Store, profile: Any, office: kit.Office
) -> None:
    dialog = OfficeKeyDialog(unit_store)
    qtbot.addWidget(dialog)
    assert "尚未信任" in dialog.current.text() and not dialog.rotate_button.isEnabled()
    assert dialog.chooser.load(office.key_file())
    info = office_key(office.store)
    assert info is not None
    assert shown_fingerprint(dialog) == format_fingerprint(info.fingerprint)
    assert not dialog.trust_button.isEnabled()
    dialog.chooser.confirm.setFocus()
    QTest.keyClick(dialog.chooser.confirm, Qt.Key.Key_Space)  # the keyboard ticks it
    assert dialog.trust_button.isEnabled()
    qtbot.mouseClick(dialog.trust_button, Qt.MouseButton.LeftButton)
    trusted = trusted_office_key(unit_store)
    assert trusted is not None and trusted.fingerprint == info.fingerprint
    assert "已信任该密钥" in dialog.message.text() and dialog.rotate_button.isEnabled()
    assert format_fingerprint(info.fingerprint).split()[0] in dialog.current.text()


def test_another_key_replaces_the_trusted_one_only_after_a_warning(
    qtbot: Any,
    unit_store: Store,
    profile: Any,
    office: kit.Office,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The office lost its key and made a new one (no statement vouches for it): the clerk,
    told so by the office and having checked the fingerprint by phone, trusts it instead."""
    kit.trust(unit_store, office)
    old = trusted_office_key(unit_store)
    assert old is not None
    replace_office_key(office.store, "new office passphrase 2017")
    new_file = export_office_key(office.store, tmp_path / "office-key-new.json")
    dialog = OfficeKeyDialog(unit_store)
    qtbot.addWidget(dialog)
    assert "遗失或泄露" in dialog.current.text()
    assert dialog.trust_button.text() == "信任此密钥(&T)"
    dialog.chooser.load(new_file)
    dialog.chooser.confirm.setChecked(True)
    assert dialog.trust_button.text() == "改信此密钥(&T)…"
    warnings: list[str] = []
    answer = [QMessageBox.StandardButton.No]

    def warning(_parent: Any, _title: str, text: str, *_a: Any) -> QMessageBox.StandardButton:
        warnings.append(text)
        return answer[0]

    monkeypatch.setattr(QMessageBox, "warning", warning)
    qtbot.mouseClick(dialog.trust_button, Qt.MouseButton.LeftButton)
    assert "冒充" in warnings[0]
    after = trusted_office_key(unit_store)
    assert after is not None and after.fingerprint == old.fingerprint  # "No": nothing changed
    answer[0] = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(dialog.trust_button, Qt.MouseButton.LeftButton)
    info = office_key(office.store)
    after = trusted_office_key(unit_store)
    assert info is not None and after is not None and after.fingerprint == info.fingerprint
    assert "已改为信任新密钥" in dialog.message.text()
    assert dialog.trust_button.text() == "信任此密钥(&T)"  # the chosen key is the trusted one

    dialog.chooser.load(office.folder / "office-key.json")  # the old, lost key's file
    dialog.chooser.confirm.setChecked(True)
    assert not dialog.trust()
    assert "以前信任过这把" in dialog.message.text()
    after = trusted_office_key(unit_store)
    assert after is not None and after.fingerprint == info.fingerprint


def test_a_rotation_statement_is_followed(
    qtbot: Any, unit_store: Store, profile: Any, office: kit.Office, tmp_path: Path
) -> None:
    kit.trust(unit_store, office)
    dialog = OfficeKeyDialog(unit_store)
    qtbot.addWidget(dialog)
    new = rotate_office_key(office.store, kit.OFFICE_PASS, "new office passphrase 2017")
    statement = write_rotation_file(office.store, tmp_path / "rotation.json")
    assert dialog.follow_rotation(statement)
    trusted = trusted_office_key(unit_store)
    assert trusted is not None and trusted.fingerprint == new.fingerprint
    assert "已改为信任新密钥" in dialog.message.text()


def test_a_file_that_is_not_a_key_says_why(
    qtbot: Any, unit_store: Store, profile: Any, tmp_path: Path
) -> None:
    junk = tmp_path / "junk.json"
    junk.write_text('{"format": "something else"}', encoding="utf-8")
    dialog = OfficeKeyDialog(unit_store)
    qtbot.addWidget(dialog)
    assert not dialog.chooser.load(junk)
    assert "不是市质量强市办的密钥登记文件" in dialog.chooser.error.text()
    assert not dialog.chooser.confirm.isVisible() and not dialog.trust_button.isEnabled()
