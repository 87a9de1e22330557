"""The assessment's rule parameters on the page: 逾期折算系数 (never the code name
late_credit), edited by keyboard in a 0-1 spin box, stored, and the scores follow."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.domain.catalog import Catalog
from app.services.assessment import list_rules, score_units, update_rule
from app.services.stores import Store
from app.ui.common.i18n import EN, ZH, apply_language
from app.ui.office.assessment_page import AssessmentPage
from app.ui.office.pages import OfficeView
from tests.kit.office import build_small_office

UNITS = ["zjj", "jtys"]


@pytest.fixture
def page(qtbot, office_store: Store, catalog: Catalog, tmp_path: Path) -> AssessmentPage:  # type: ignore[no-untyped-def]
    # Every report of both units late: their on-time part is only what the late credit gives.
    build_small_office(
        office_store,
        catalog,
        tmp_path / "files",
        periods=("2016Q1", "2016Q2"),
        units=UNITS,
        seed=5,
        missing=0.0,
        late=1.0,
        corrected=0.0,
    )
    p = AssessmentPage()
    qtbot.addWidget(p)
    p.reload(OfficeView(office_store, catalog, "", {}))
    p.resize(1300, 700)
    p.show()
    qtbot.waitExposed(p)
    return p


def on_time_points(page: AssessmentPage) -> dict[str, Decimal]:
    out = {}
    for unit in UNITS:
        score = page.score_of(unit)
        assert score is not None
        part = score.part("on_time")
        assert part is not None
        out[unit] = part.points
    return out


def rules_text(page: AssessmentPage) -> str:
    """Everything the rules table says: its items, tooltips and the labels in its cells."""
    model, view = page.rules_model, page.rules_table
    texts = []
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            index = model.index(row, col)
            texts += [index.data() or "", index.data(Qt.ItemDataRole.ToolTipRole) or ""]
            widget = view.indexWidget(index)
            if widget is not None:
                from PySide6.QtWidgets import QLabel

                texts += [label.text() for label in widget.findChildren(QLabel)]
    return "\n".join(texts)


def test_the_late_credit_is_named_in_chinese_and_edited_by_keyboard(
    qtbot: Any, page: AssessmentPage, office_store: Store, catalog: Catalog
) -> None:
    text = rules_text(page)
    assert "late_credit" not in text
    assert "逾期折算系数" in text
    label = page._param_labels[("on_time", "late_credit")]
    spin = page.params[("on_time", "late_credit")]
    assert label.buddy() is spin
    assert (spin.minimum(), spin.maximum(), spin.singleStep()) == (0.0, 1.0, 0.1)
    assert spin.value() == 0.0
    assert on_time_points(page) == {"zjj": Decimal("0.00"), "jtys": Decimal("0.00")}

    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), "0.5")
    with qtbot.waitSignal(page.rules_changed, timeout=5_000):
        qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)
    on_time = {r.key: r for r in list_rules(office_store, catalog)}["on_time"]
    assert on_time.params == {"late_credit": "0.5"}
    assert on_time.weight == Decimal(30)  # the weight was not touched
    shown = {s.unit_id: s for s in page.scores}
    service = {s.unit_id: s for s in score_units(office_store, catalog)}
    assert {u: shown[u].total for u in UNITS} == {u: service[u].total for u in UNITS}
    points = on_time_points(page)
    assert all(p > 0 for p in points.values()), points
    part = shown["zjj"].part("on_time")
    assert part is not None
    explanation = part.explanation
    assert re.search(r"逾期报送（按 0\.5 计）", explanation)

    # the arrow key steps by 0.1; the step is committed once the arrows rest
    spin.setFocus()
    with qtbot.waitSignal(page.rules_changed, timeout=5_000):
        qtbot.keyClick(spin, Qt.Key.Key_Up)
    on_time = {r.key: r for r in list_rules(office_store, catalog)}["on_time"]
    assert on_time.params == {"late_credit": "0.6"}

    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    assert page.params[("on_time", "late_credit")].value() == 0.0
    assert on_time_points(page) == {"zjj": Decimal("0.00"), "jtys": Decimal("0.00")}


def test_the_spin_box_cannot_leave_the_range(
    qtbot: Any, page: AssessmentPage, office_store: Store, catalog: Catalog
) -> None:
    spin = page.params[("on_time", "late_credit")]
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), "5")  # refused by the box: not a value in 0-1
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)
    qtbot.wait(450)
    assert spin.value() == 0.0
    assert {r.key: r for r in list_rules(office_store, catalog)}["on_time"].params == {
        "late_credit": "0"
    }


def test_a_change_made_elsewhere_shows_after_a_reload(
    page: AssessmentPage, office_store: Store, catalog: Catalog
) -> None:
    update_rule(office_store, "on_time", params={"late_credit": "0.3"}, plan_code=catalog.code)
    page.reload_rules()
    assert page.params[("on_time", "late_credit")].value() == pytest.approx(0.3)


def test_the_rules_read_in_english_when_english_is_chosen(page: AssessmentPage) -> None:
    try:
        apply_language(EN)
        QApplication.processEvents()
        text = rules_text(page)
        assert "Late credit" in text and "On-time reporting" in text
        assert not re.search(r"[\u4e00-\u9fff]", text), text
    finally:
        apply_language(ZH)
        QApplication.processEvents()
    assert "逾期折算系数" in rules_text(page)
