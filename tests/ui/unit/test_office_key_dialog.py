"""文件 → 市质量强市办密钥…: trust the office's key once its fingerprint is confirmed, refuse a
second key, follow a rotation statement signed by the trusted key; the wizard's optional page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.io.keys import format_fingerprint
from app.services.office_key import office_key, rotate_office_key, write_rotation_file
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


def test_another_key_is_refused_and_a_rotation_statement_is_followed(
    qtbot: Any, unit_store: Store, profile: Any, office: kit.Office, tmp_path: Path
) -> None:
    kit.trust(unit_store, office)
    other = kit.open_office(tmp_path / "elsewhere")
    try:
        dialog = OfficeKeyDialog(unit_store)
        qtbot.addWidget(dialog)
        dialog.chooser.load(other.key_file())
        dialog.chooser.confirm.setChecked(True)
        assert not dialog.trust()
        assert "已信任另一把市质量强市办密钥" in dialog.message.text()
    finally:
        other.close()
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
