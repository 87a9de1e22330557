"""The matrix's unit cells, painted by the view in one pass.

QTableView paints each cell through its delegate: a ``multiData`` call into Python with seven
roles turned into QVariants, a style option, a text layout. For the ~700 unit cells of a full
screen that was most of a repaint (docs/benchmarks.md, tenth pass). A unit cell of a task row
shows only a background, a short centred text and its colour, so the view paints those cells
itself from the model's looks: one fill and one cached ``QStaticText`` each. Qt still paints
the task column, the section rows and the selected, current and hovered cells (so selection,
focus and hot-tracking look as the style draws them); the model still answers every role for
tooltips, accessibility and tests. The tests compare both paintings pixel by pixel under
Fusion; under another style the unit cells keep this painting (fill, centred text, grid) and
the style's own marks (selection, focus, hover) stay the style's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QCursor, QFont, QPainter, QPen, QRegion, QStaticText
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem, QTableView

from app.ui.office.matrix_cells import _BACKGROUND, _FOREGROUND

_SOLID = Qt.BrushStyle.SolidPattern
_BLACK = QColor(Qt.GlobalColor.black)


@dataclass(frozen=True)
class Span:
    """One visible row or column: its model number, first pixel and length in pixels."""

    number: int
    start: int
    length: int


def visible_rows(view: QTableView, top: int, bottom: int) -> list[Span]:
    first, last = view.rowAt(top), view.rowAt(bottom)
    if first < 0:
        return []
    last = view.model().rowCount() - 1 if last < 0 else last
    spans = (
        Span(r, view.rowViewportPosition(r), view.rowHeight(r)) for r in range(first, last + 1)
    )
    return [s for s in spans if s.length > 0]


def visible_columns(view: QTableView, left: int, right: int) -> list[Span]:
    first, last = view.columnAt(left), view.columnAt(right)
    if first < 0:
        return []
    last = view.model().columnCount() - 1 if last < 0 else last
    cols = range(max(1, first), last + 1)  # column 0 (the task) is Qt's to paint
    spans = (Span(c, view.columnViewportPosition(c), view.columnWidth(c)) for c in cols)
    return [s for s in spans if s.length > 0]


def own_region(task_rows: list[Span], columns: list[Span], keep: list[QRect]) -> QRegion:
    """The unit cells of the task rows shown, less ``keep`` (the cells Qt paints)."""
    region = QRegion()
    if not columns:
        return region
    left, right = columns[0].start, columns[-1].start + columns[-1].length
    run: list[Span] = []
    for span in [*task_rows, None]:
        if span is not None and (not run or run[-1].start + run[-1].length == span.start):
            run.append(span)
            continue
        if run:
            bottom = run[-1].start + run[-1].length
            region = region.united(QRect(left, run[0].start, right - left, bottom - run[0].start))
        run = [] if span is None else [span]
    for rect in keep:
        region = region.subtracted(QRegion(rect))
    return region


class CellPainter:
    """Paints unit cells as the style would; keeps the texts laid out once per font."""

    def __init__(self) -> None:
        self._texts: dict[str, tuple[QStaticText, float, int]] = {}  # laid out, width, height
        self._hatched: dict[int, tuple[QBrush, bool]] = {}  # by id: the model's shared brushes
        self._font_key = ""
        self._font = QFont()

    def paint(
        self,
        view: QTableView,
        painter: QPainter,
        cells: list[tuple[int, int, dict[int, Any]]],
        geometry: tuple[dict[int, Span], dict[int, Span]],
        text_of: Any,
    ) -> None:
        rows, cols = geometry
        grid = 1 if view.showGrid() else 0
        self._check_font(view.font())
        painter.setFont(self._font)
        margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        pen: Any = None
        for row, col, looks in cells:
            r, c = rows.get(row), cols.get(col)
            if r is None or c is None:
                continue
            width, height = c.length - grid, r.length - grid
            background = looks.get(_BACKGROUND)
            if isinstance(background, QBrush):
                if self._is_hatched(background):
                    painter.setBrushOrigin(c.start, r.start)  # a hatch starts at its cell, as Qt's
                painter.fillRect(c.start, r.start, width, height, background)
            text = text_of(looks)
            if not text:
                continue
            foreground = looks.get(_FOREGROUND)
            if foreground is not pen:
                pen = foreground
                painter.setPen(pen.color() if isinstance(pen, QBrush) else _BLACK)
            static, w, h = self._text(text)
            # As QCommonStyle places a line: whole pixels down, centred across in fractions.
            x = c.start + margin + (width - 2 * margin - w) / 2
            painter.drawStaticText(QPointF(x, r.start + (height - h) // 2), static)
        if grid:
            self._draw_grid(view, painter, rows, cols)

    def _check_font(self, font: QFont) -> None:
        key = font.key()
        if key != self._font_key:
            self._texts.clear()
            self._font_key = key
        self._font = font

    def _is_hatched(self, brush: QBrush) -> bool:
        """Whether a brush is a pattern; asked of Qt once per brush (each ask makes an enum)."""
        known = self._hatched.get(id(brush))
        if known is None or known[0] is not brush:
            known = (brush, brush.style() != _SOLID)
            self._hatched[id(brush)] = known
        return known[1]

    def _text(self, text: str) -> tuple[QStaticText, float, int]:
        laid = self._texts.get(text)
        if laid is None:
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(font=self._font)
            size = static.size()
            laid = (static, size.width(), int(size.height()))
            self._texts[text] = laid
        return laid

    def _draw_grid(
        self, view: QTableView, painter: QPainter, rows: dict[int, Span], cols: dict[int, Span]
    ) -> None:
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        hint = view.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, view)
        painter.setPen(QPen(QColor.fromRgba(hint & 0xFFFFFFFF), 1, view.gridStyle()))
        if not rows or not cols:
            return
        top = min(s.start for s in rows.values())
        bottom = max(s.start + s.length for s in rows.values()) - 1
        left = min(s.start for s in cols.values())
        right = max(s.start + s.length for s in cols.values()) - 1
        for s in rows.values():
            y = s.start + s.length - 1
            painter.drawLine(QPoint(left, y), QPoint(right, y))
        for s in cols.values():
            x = s.start + s.length - 1
            painter.drawLine(QPoint(x, top), QPoint(x, bottom))


def qt_painted_cells(view: QTableView) -> list[QRect]:
    """The unit cells Qt paints after all: the current, the selected and the one under the
    mouse (a native style, Windows' among them, marks it)."""
    indexes: list[QModelIndex] = list(view.selectionModel().selectedIndexes())
    current = view.currentIndex()
    if current.isValid():
        indexes.append(current)
    port = view.viewport()
    mouse = port.mapFromGlobal(QCursor.pos())
    if port.rect().contains(mouse):
        indexes.append(view.indexAt(mouse))
    return [view.visualRect(i) for i in indexes if i.isValid() and i.column() > 0]
