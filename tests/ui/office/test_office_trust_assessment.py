"""The key registry page (confirmation checkbox, revoke, rotate) and the assessment page."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QDate, QPoint, Qt
from PySide6.QtWidgets import QPushButton

from app.domain.catalog import Catalog
from app.io import keys
from app.services.assessment import list_rules, score_units
from app.services.office_trust import add_trusted_key, list_trusted_keys
from app.services.stores import Store
from app.ui.office.assessment_models import COL_TOTAL, COL_UNIT
from app.ui.office.assessment_page import AssessmentPage
from app.ui.office.pages import OfficeView
from app.ui.office.trust_page import COL_FINGERPRINT, COL_STATUS, TrustPage, start_of_day
from tests.kit.keys import Key
from tests.kit.office import build_small_office


def click_box(qtbot, box) -> None:  # type: ignore[no-untyped-def]
    """Click the indicator itself (a stretched check box's centre can be empty space)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def cell(model: QAbstractItemModel, row: int, col: int) -> str:
    return str(model.index(row, col).data())


def registration_file(folder: Path, catalog: Catalog, unit: str, key: Key) -> Path:
    doc = keys.registration_document(
        unit, catalog.unit(unit).name, key.public, "李娜", datetime(2016, 3, 2, tzinfo=UTC)
    )
    return keys.write_registration(folder / f"{unit}.json", doc)


@pytest.fixture
def page(qtbot, office_store: Store, catalog: Catalog) -> TrustPage:  # type: ignore[no-untyped-def]
    p = TrustPage()
    qtbot.addWidget(p)
    p.reload(OfficeView(office_store, catalog, "", {}))
    p.resize(1100, 600)
    p.show()
    return p


def test_registering_needs_the_fingerprint_confirmation(
    qtbot, page: TrustPage, office_store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    key = Key()
    dialog = page.register_file(registration_file(tmp_path, catalog, "zjj", key))
    assert dialog is not None and dialog.isVisible()
    assert catalog.unit("zjj").name in dialog.findChild(object, "unitLabel").text()
    assert dialog.fingerprint.text() == keys.format_fingerprint(keys.fingerprint(key.public))
    assert len(dialog.fingerprint.groups) == 16
    assert not dialog.register_button.isEnabled()
    qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
    assert list_trusted_keys(office_store) == []  # nothing before the office confirms

    click_box(qtbot, dialog.confirm)
    assert dialog.confirm.isChecked() and dialog.register_button.isEnabled()
    with qtbot.waitSignal(page.keys_changed):
        qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
    [info] = list_trusted_keys(office_store)
    assert info.unit_id == "zjj" and info.status == "active"
    assert page.model.rowCount() == 1
    assert cell(page.model, 0, COL_FINGERPRINT) == info.fingerprint_display
    assert cell(page.model, 0, COL_STATUS) == "有效"
    assert "已登记" in page.message.text()


def test_a_tampered_registration_file_is_refused_in_one_line(
    page: TrustPage, catalog: Catalog, tmp_path: Path
) -> None:
    path = registration_file(tmp_path, catalog, "zjj", Key())
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["fingerprint"] = keys.fingerprint(Key().public)  # not the key in the file
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert page.register_file(path) is None
    assert page.message.text().startswith("无法读取登记文件")
    assert "\n" not in page.message.text()


def test_revoke_from_a_date(
    qtbot, page: TrustPage, office_store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    key = Key()
    reg = keys.read_registration(registration_file(tmp_path, catalog, "jtys", key))
    add_trusted_key(office_store, catalog, reg)
    page.reload_keys()
    assert not page.revoke_button.isEnabled()  # nothing selected
    page.select_key(reg.fingerprint)
    assert page.revoke_button.isEnabled()
    opened = []
    page.revoke_selected(on_open=opened.append)
    dialog = opened[0]
    dialog.date.setDate(QDate(2016, 7, 1))
    confirm = dialog.findChild(QPushButton, "revokeConfirm")
    with qtbot.waitSignal(page.keys_changed):
        qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)
    [info] = list_trusted_keys(office_store)
    assert info.status == "revoked"
    assert info.revoked_from == start_of_day(date(2016, 7, 1))
    assert info.revoked_from == datetime(2016, 6, 30, 16, 0, tzinfo=UTC)  # Beijing midnight
    assert cell(page.model, 0, COL_STATUS) == "已吊销"
    assert not page.revoke_button.isEnabled()


def test_rotate_on_a_statement_signed_by_the_old_key(
    page: TrustPage, office_store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    old_private = keys.generate_private_key()
    old = keys.registration_from_document(
        keys.registration_document(
            "swj",
            catalog.unit("swj").name,
            keys.public_key_of(old_private),
            "王芳",
            datetime(2016, 1, 5, tzinfo=UTC),
        )
    )
    add_trusted_key(office_store, catalog, old)
    new_public = keys.public_key_of(keys.generate_private_key())
    statement = keys.rotation_statement(
        old_private, new_public, "swj", datetime(2016, 8, 1, tzinfo=UTC)
    )
    good = keys.write_json_atomic(tmp_path / "rotate.json", statement)
    forged = keys.write_json_atomic(
        tmp_path / "forged.json",
        keys.rotation_statement(
            keys.generate_private_key(), new_public, "swj", datetime(2016, 8, 1, tzinfo=UTC)
        ),
    )
    assert page.rotate_file(forged) is None
    assert page.message.text().startswith("无法更换密钥")
    assert len(list_trusted_keys(office_store)) == 1

    info = page.rotate_file(good)
    assert info is not None and info.fingerprint == keys.fingerprint(new_public)
    states = {k.fingerprint: k.status for k in list_trusted_keys(office_store)}
    assert states == {old.fingerprint: "rotated", info.fingerprint: "active"}
    shown = {
        cell(page.model, i, COL_FINGERPRINT): cell(page.model, i, COL_STATUS) for i in range(2)
    }
    assert shown[keys.format_fingerprint(old.fingerprint)] == "已更换"
    assert shown[info.fingerprint_display] == "有效"


# -- assessment ---------------------------------------------------------------------------
@pytest.fixture
def scored(qtbot, office_store: Store, catalog: Catalog, tmp_path: Path) -> AssessmentPage:  # type: ignore[no-untyped-def]
    build_small_office(
        office_store,
        catalog,
        tmp_path / "files",
        periods=("2016Q1", "2016Q2"),
        units=["zjj", "jtys", "swj", "scjg"],
        seed=4,
        missing=0.2,
        late=0.4,
    )
    p = AssessmentPage()
    qtbot.addWidget(p)
    p.reload(OfficeView(office_store, catalog, "", {}))
    p.resize(1200, 700)
    p.show()
    return p


def totals(page: AssessmentPage) -> dict[str, str]:
    model = page.scores_model
    return {cell(model, i, COL_UNIT): cell(model, i, COL_TOTAL) for i in range(model.rowCount())}


def test_editing_a_weight_by_keyboard_changes_the_totals(
    qtbot, scored: AssessmentPage, office_store: Store, catalog: Catalog
) -> None:
    page = scored
    assert page.rules_model.rowCount() == 4
    assert page.scores_model.rowCount() == len(catalog.reporting_units())
    before = totals(page)
    service = {s.unit_name: str(s.total) for s in score_units(office_store, catalog)}
    assert before == service

    spin = page.weights["on_time"]
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), "0")
    with qtbot.waitSignal(page.rules_changed, timeout=5_000):
        qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)
    rules = {r.key: r for r in list_rules(office_store, catalog)}
    assert rules["on_time"].weight == Decimal(0)
    after = totals(page)
    assert after != before
    assert after == {s.unit_name: str(s.total) for s in score_units(office_store, catalog)}
    zjj = page.score_of("zjj")
    assert zjj is not None and zjj.part("on_time").points == Decimal("0.00")

    # Switching a rule off removes its column's figures; the breakdown explains each part.
    with qtbot.waitSignal(page.rules_changed):
        click_box(qtbot, page.switches["targets"])
    assert not {r.key: r for r in list_rules(office_store, catalog)}["targets"].enabled
    assert page.score_of("zjj").part("targets") is None
    page.select_unit("zjj")
    text = page.breakdown.toPlainText()
    assert catalog.unit("zjj").short_name in text and "任务完成度" in text
    assert page.score_of("zjj").part("completion").explanation in text

    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    assert totals(page) == before
    assert page.switches["targets"].isChecked()
