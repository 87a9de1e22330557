"""汇总矩阵: filters and legend above the task x unit matrix, the task's detail beside it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.ui.common.colors import STATUS_COLORS, WARN_COLOR
from app.ui.common.i18n import status_label
from app.ui.common.retranslate import Retranslating
from app.ui.office.detail_pane import DetailPane
from app.ui.office.matrix_model import CELL_STATES, MISSING, MISSING_COLOR, MatrixModel
from app.ui.office.matrix_view import MatrixView
from app.ui.office.review_flow import ReviewFlow

if TYPE_CHECKING:
    from app.domain.catalog import Catalog
    from app.services.consolidation import TaskDetail
    from app.services.review import ReviewState
    from app.ui.office.pages import OfficeView


def state_label(state: str) -> str:
    if state == MISSING:
        return QCoreApplication.translate("MatrixPage", "未报送")
    return status_label(state)


def swatch(state: str, size: int = 14) -> QPixmap:
    pix = QPixmap(size, size)
    pix.fill(QColor("#ffffff"))
    p = QPainter(pix)
    if state == MISSING:
        p.fillRect(pix.rect(), QBrush(QColor(MISSING_COLOR), Qt.BrushStyle.BDiagPattern))
    elif state == "late":
        p.setBrush(QColor(WARN_COLOR))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawPolygon([pix.rect().topLeft(), pix.rect().topRight(), pix.rect().bottomRight()])
    else:
        p.fillRect(pix.rect(), QColor(STATUS_COLORS[state]))
    p.setPen(QColor("#9aa1ab"))
    p.drawRect(0, 0, size - 1, size - 1)
    p.end()
    return pix


class MatrixPage(Retranslating, QWidget):
    follows_period = True
    notice_requested = Signal(str, int)  # unit id, task no: 督办 this cell

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("matrixPage")
        self.model = MatrixModel(self)
        self.view = MatrixView(self.model)
        self.detail = DetailPane()
        self.review = ReviewFlow(self)
        self.reviews: dict[str, ReviewState] = {}
        self._data: OfficeView | None = None
        self._task: tuple[int, str] | None = None
        self._build()
        self.retranslate()
        self.view.cell_chosen.connect(self._cell_chosen)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        header = self.view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.detail.review_link.connect(self._review_link)

    def _build(self) -> None:
        """Filter bar and legend above the matrix; the task's detail beside them."""
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(self._build_filters())
        ll.addLayout(self._build_legend())
        ll.addWidget(self.view, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

    def _build_filters(self) -> QHBoxLayout:
        self.section = QComboBox()
        self.section.setObjectName("sectionFilter")
        self.unit = QComboBox()
        self.unit.setObjectName("unitFilter")
        self.unit.setMinimumContentsLength(8)
        self.state = QComboBox()
        self.state.setObjectName("stateFilter")
        self.late = QCheckBox()
        self.late.setObjectName("lateFilter")
        self.missing = QCheckBox()
        self.missing.setObjectName("missingFilter")
        self.reset = QPushButton()
        self.accept_all = QPushButton()
        self.accept_all.setObjectName("matrixAcceptAll")
        self.accept_all.clicked.connect(self.accept_all_clean)
        self.count = QLabel()
        self.count.setObjectName("matrixCount")
        self.section_label, self.unit_label, self.state_label = QLabel(), QLabel(), QLabel()
        bar = QHBoxLayout()
        for w in (
            self.section_label,
            self.section,
            self.unit_label,
            self.unit,
            self.state_label,
            self.state,
            self.late,
            self.missing,
            self.reset,
        ):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.count)
        bar.addWidget(self.accept_all)
        for combo in (self.section, self.unit, self.state):
            combo.currentIndexChanged.connect(self._filters_edited)
        self.late.toggled.connect(self._filters_edited)
        self.missing.toggled.connect(self._filters_edited)
        self.reset.clicked.connect(self.clear_filters)
        return bar

    def _build_legend(self) -> QHBoxLayout:
        """A swatch and a label per cell state (the labels carry the counts)."""
        self.legend = QHBoxLayout()
        self.legend_labels: dict[str, QLabel] = {}
        for state in (*CELL_STATES, "late"):
            icon = QLabel()
            icon.setPixmap(swatch(state))
            text = QLabel()
            self.legend_labels[state] = text
            self.legend.addWidget(icon)
            self.legend.addWidget(text)
            self.legend.addSpacing(10)
        self.legend.addStretch(1)
        return self.legend

    def retranslate(self) -> None:
        self.section_label.setText(self.tr("板块"))
        self.unit_label.setText(self.tr("单位"))
        self.state_label.setText(self.tr("状态"))
        self.late.setText(self.tr("只看逾期报送"))
        self.missing.setText(self.tr("只看未报送"))
        self.reset.setText(self.tr("清除筛选"))
        self.accept_all.setText(self.tr("全部无误受理…"))
        self.accept_all.setToolTip(self.tr("受理本报告期所有待审核且没有错误的报送"))
        self._fill_combos()
        self._update_count()
        self.model.retranslate()

    # -- data ------------------------------------------------------------------------------
    def reload(self, view: OfficeView) -> None:
        """The same matrices with another period only moves the filter; new matrices (after
        an import) replace the model's. The task shown beside stays, fresh from the store."""
        from app.services.consolidation import section_label

        same = self._data is not None and self._data.matrices is view.matrices
        self._data = view
        if same:
            self.set_period(view.period)
        else:
            titles = {s.no: section_label(s.no, s.title) for s in view.catalog.sections}
            self.set_matrices(view.matrices, titles, view.period)
        self.load_reviews()
        self.reload_detail()

    def show_first(self, matrices: Mapping[str, Any], catalog: Catalog, period: str) -> None:
        """The office's first view, before the store opens: the matrix, each column's review
        mark from the matrix's own (``reload`` reads the reviews' details and the task's
        detail once the store is open)."""
        from app.services.consolidation import section_label

        titles = {s.no: section_label(s.no, s.title) for s in catalog.sections}
        self.set_matrices(matrices, titles, period)
        if period in matrices:
            self.model.set_reviews(matrices[period].reviews)

    def load_reviews(self) -> None:
        """The period's review states: marks above the columns, lines in the detail."""
        from app.services.review import review_states

        period = self.model.filter.period
        if self._data is None or not period:
            return
        self.reviews = {
            r.unit_code: r for r in review_states(self._data.store, period, self._data.catalog.code)
        }
        self.model.set_reviews({u: r.state for u, r in self.reviews.items()})
        self.detail.reviews = self.reviews

    def set_matrices(
        self, matrices: Mapping[str, Any], section_titles: dict[int, str], period: str
    ) -> None:
        self.model.filter = replace(self.model.filter, period=period)
        self.model.set_matrices(matrices, section_titles)
        self._sections = section_titles
        self._fill_combos()
        self._after_filter()

    def set_period(self, period: str) -> None:
        self.model.apply_filter(period=period)
        self._after_filter()

    def _fill_combos(self) -> None:
        sections = getattr(self, "_sections", {})
        f = self.model.filter
        for combo in (self.section, self.unit, self.state):
            combo.blockSignals(True)
        self.section.clear()
        self.section.addItem(self.tr("全部板块"), None)
        for no, title in sections.items():
            self.section.addItem(title, no)
        self.unit.clear()
        self.unit.addItem(self.tr("全部单位"), None)
        for u in self.model.units:
            self.unit.addItem(u.short_name, u.id)
        self.state.clear()
        self.state.addItem(self.tr("全部状态"), None)
        for s in CELL_STATES:
            self.state.addItem(swatch(s), state_label(s), s)
        for combo, value in ((self.section, f.section), (self.unit, f.unit), (self.state, f.state)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)

    # -- filtering -------------------------------------------------------------------------
    def _filters_edited(self, *_args: Any) -> None:
        self.apply_filter(
            section=self.section.currentData(),
            unit=self.unit.currentData(),
            state=self.state.currentData(),
            late=self.late.isChecked(),
            missing=self.missing.isChecked(),
        )

    def apply_filter(self, **changes: Any) -> None:
        self.model.apply_filter(**changes)
        self._after_filter()

    def clear_filters(self) -> None:
        for w in (self.section, self.unit, self.state, self.late, self.missing):
            w.blockSignals(True)
        self.section.setCurrentIndex(0)
        self.unit.setCurrentIndex(0)
        self.state.setCurrentIndex(0)
        self.late.setChecked(False)
        self.missing.setChecked(False)
        for w in (self.section, self.unit, self.state, self.late, self.missing):
            w.blockSignals(False)
        self.apply_filter(section=None, unit=None, state=None, late=False, missing=False)

    def _after_filter(self) -> None:
        self._update_count()
        if self._task is not None and not self.view.select_task(*self._task):
            self.detail.show_empty()

    def _update_count(self) -> None:
        tasks, units = len(self.model.task_rows()), len(self.model.visible_units())
        self.count.setText(self.tr("显示 {0} 项任务 × {1} 个单位").format(tasks, units))
        self._update_legend()

    def _update_legend(self) -> None:
        counts = self.model.counts()
        for state, label in self.legend_labels.items():
            if state == "late":
                label.setText(self.tr("逾期报送"))
            else:
                label.setText(f"{state_label(state)} {counts.get(state, 0)}")

    # -- the detail ------------------------------------------------------------------------
    def _cell_chosen(self, task: int, unit: str) -> None:
        same_task = self._task is not None and self._task[0] == task
        self._task = (task, unit)
        if same_task and self.detail.detail is not None:
            if unit:
                self.detail.scrollToAnchor(f"u-{unit}")
            return
        detail = self._load_detail(task)
        if detail is not None:
            self.detail.show_detail(detail, unit)

    def reload_detail(self) -> None:
        """After an import or a period change: the same task, fresh from the store."""
        if self._task is None:
            return
        task, unit = self._task
        detail = self._load_detail(task)
        if detail is not None:
            self.detail.show_detail(detail, unit)

    def _load_detail(self, task: int) -> TaskDetail | None:
        from app.services.consolidation import task_detail

        period = self.model.filter.period or ""
        if self._data is None or not period:
            return None
        return task_detail(self._data.store, self._data.catalog, period, task)

    # -- review ----------------------------------------------------------------------------
    def selected_unit(self) -> str | None:
        """The unit of the current cell (None on the task column)."""
        index = self.view.currentIndex()
        return self.model.unit_at(index.column()) if index.isValid() else None

    def decide(self, action: str, unit: str | None = None) -> None:
        """Accept or return ``unit`` (default: the current cell's) for the period shown."""
        unit = unit or self.selected_unit()
        seen = self.reviews.get(unit or "")
        if seen is None or self._data is None:
            return
        if action == "accept":
            self.review.accept(self._data.store, seen)
        else:
            task = str(self._task[0]) if self._task is not None else None
            self.review.return_(self._data.store, self._data.catalog, seen, task)

    def accept_all_clean(self) -> None:
        period = self.model.filter.period
        if self._data is not None and period:
            self.review.accept_all(self._data.store, period, self._data.catalog.code)

    def _review_link(self, action: str, unit: str) -> None:
        self.decide(action, unit)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        unit = self.model.unit_at(index.column()) if index.isValid() else None
        task = self.model.task_at(index.row()) if index.isValid() else None
        menu = self.review_menu(unit, task)
        if not menu.isEmpty():
            menu.exec(self.view.viewport().mapToGlobal(pos))

    def _header_menu(self, pos: QPoint) -> None:
        column = self.view.horizontalHeader().logicalIndexAt(pos)
        menu = self.review_menu(self.model.unit_at(column), None)
        if not menu.isEmpty():
            menu.exec(self.view.horizontalHeader().mapToGlobal(pos))

    def review_menu(self, unit: str | None, task: int | None) -> QMenu:
        """受理 / 退回 the unit's version, 督办 the cell's task."""
        menu = QMenu(self)
        review = self.reviews.get(unit or "")
        if unit is not None and review is not None:
            name = review.unit_name
            accept = menu.addAction(self.tr("受理 {0} 第 {1} 版").format(name, review.version))
            accept.setEnabled(review.state != "accepted")
            accept.triggered.connect(lambda: self.decide("accept", unit))
            back = menu.addAction(self.tr("退回 {0}…").format(name))
            back.triggered.connect(lambda: self.decide("return", unit))
        if unit is not None and task is not None:
            menu.addSeparator()
            notice = menu.addAction(self.tr("对此任务督办…"))
            notice.triggered.connect(lambda: self.notice_requested.emit(unit, task))
        return menu
