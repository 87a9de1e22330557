"""The matrix view paints its unit cells itself (``matrix_paint``): pixel for pixel what Qt's
delegate paints, in every filter, scrolled, with a cell selected, in another font; and without
asking the model cell by cell."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage, QRegion
from PySide6.QtWidgets import QApplication

from app.domain.catalog import Catalog
from app.services.consolidation import section_label
from app.ui.office.matrix_model import MatrixModel
from app.ui.office.matrix_view import MatrixView
from tools.bench.matrix_bench import dense_matrices


class CountingModel(MatrixModel):
    """Counts the delegate's calls: one ``multiData`` per cell Qt paints."""

    asked = 0

    def multiData(self, index: Any, roleDataSpan: Any) -> None:
        self.asked += 1
        super().multiData(index, roleDataSpan)


@pytest.fixture
def view(catalog: Catalog, qtbot: Any) -> Iterator[MatrixView]:
    model = CountingModel()
    matrices = dense_matrices(catalog, units=22)  # every state, missing hatches, late corners
    model.set_matrices(matrices, {s.no: section_label(s.no, s.title) for s in catalog.sections})
    v = MatrixView(model)
    qtbot.addWidget(v)
    v.resize(1000, 700)
    v.show()
    qtbot.waitExposed(v)
    yield v
    MatrixView.paints_cells = True


def paintings(view: MatrixView, region: QRegion | None = None) -> tuple[QImage, QImage]:
    """(the view's own painting, Qt's delegate painting) of the viewport or part of it."""
    QApplication.processEvents()  # the scroll bars follow a filter's new size
    images = []
    for own in (True, False):
        MatrixView.paints_cells = own
        port = view.viewport()
        image = QImage(port.size(), QImage.Format.Format_RGB32)  # the backing store's
        image.fill(0)
        port.render(image, QPoint(), region if region is not None else QRegion(port.rect()))
        images.append(image)
    MatrixView.paints_cells = True
    return images[0], images[1]


def differing(a: QImage, b: QImage) -> int:
    assert a.size() == b.size()
    return sum(
        a.pixel(x, y) != b.pixel(x, y) for y in range(0, a.height()) for x in range(a.width())
    )


def test_the_views_own_painting_is_qts_in_every_filter(view: MatrixView, catalog: Catalog) -> None:
    model = view.matrix_model
    units = model.visible_units()
    for changes in (
        {},
        {"state": "delayed"},  # dimmed cells, fewer columns
        {"state": None, "late": True, "missing": True},
        {"late": False, "missing": False, "section": catalog.sections[2].no},
        {"section": None, "unit": units[3]},
        {"unit": None, "period": catalog.periods[-1].code},
    ):
        model.apply_filter(**changes)
        own, qt = paintings(view)
        assert differing(own, qt) == 0, changes
        assert not own.isNull()


def test_scrolled_selected_and_in_a_larger_font(view: MatrixView) -> None:
    model = view.matrix_model
    view.setFocus()
    view.setCurrentIndex(model.index(5, 4))  # Qt paints the selected, focused cell
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    view.horizontalScrollBar().setValue(3)
    own, qt = paintings(view)
    assert differing(own, qt) == 0
    font = view.font()
    font.setPointSizeF(13.0)
    view.setFont(font)  # wider columns, new text layouts
    own, qt = paintings(view)
    assert differing(own, qt) == 0


def test_a_partial_repaint_paints_what_qt_paints(view: MatrixView) -> None:
    """A paint event for part of the viewport (a tooltip closing, a corner uncovered)."""
    rect = view.visualRect(view.matrix_model.index(4, 3))
    region = QRegion(QRect(rect.center(), rect.size() * 3)).united(QRect(0, 0, 300, 10))
    own, qt = paintings(view, region)
    assert differing(own, qt) == 0


def test_unit_cells_are_painted_without_asking_the_model_cell_by_cell(view: MatrixView) -> None:
    model = view.matrix_model
    assert isinstance(model, CountingModel)
    asked = {}
    for own in (True, False):
        MatrixView.paints_cells = own
        model.asked = 0
        view.viewport().repaint()
        asked[own] = model.asked
    port = view.viewport()
    rows, cols = view.rowAt(port.height() - 1) + 1, view.columnAt(port.width() - 1) + 1
    assert rows > 10 and cols > 10
    assert asked[False] > rows * (cols - 1) * 0.7  # Qt asks every visible cell with a role
    assert asked[True] <= rows + 2  # the task column and the section rows: nothing more


def test_the_cells_qt_paints_are_the_selected_current_and_hovered(view: MatrixView) -> None:
    """A native style marks the selected, the current and the hovered cell: Qt paints those."""
    from PySide6.QtGui import QCursor

    from app.ui.office.matrix_paint import qt_painted_cells

    model, port = view.matrix_model, view.viewport()
    QCursor.setPos(port.mapToGlobal(QPoint(-50, -50)))  # away from the cells
    view.setCurrentIndex(model.index(0, 0))  # the task column: Qt's anyway
    assert qt_painted_cells(view) == []
    view.setCurrentIndex(model.index(3, 2))
    assert qt_painted_cells(view) == [view.visualRect(model.index(3, 2))] * 2
    hovered = view.visualRect(model.index(6, 5))
    QCursor.setPos(port.mapToGlobal(hovered.center()))
    if port.mapFromGlobal(QCursor.pos()) != hovered.center():
        pytest.skip("this platform plugin does not move the cursor")
    assert qt_painted_cells(view)[-1] == hovered
    own, qt = paintings(view)
    assert differing(own, qt) == 0
