"""汇总矩阵: filters and legend above the task x unit matrix, the task's detail beside it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.ui.common.i18n import status_label
from app.ui.common.status_icons import STATUS_COLORS, WARN_COLOR
from app.ui.office.detail_pane import DetailPane
from app.ui.office.matrix_model import CELL_STATES, MISSING, MISSING_COLOR, MatrixModel
from app.ui.office.matrix_view import MatrixView


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


class MatrixPage(QWidget):
    filter_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("matrixPage")
        self.model = MatrixModel(self)
        self.view = MatrixView(self.model)
        self.detail = DetailPane()
        self.load_detail: Callable[[int, str], Any] | None = None  # set by the window
        self._task: tuple[int, str] | None = None
        self._build()
        self.retranslate()
        self.view.cell_chosen.connect(self._cell_chosen)

    def _build(self) -> None:
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
        self.section.currentIndexChanged.connect(self._filters_edited)
        self.unit.currentIndexChanged.connect(self._filters_edited)
        self.state.currentIndexChanged.connect(self._filters_edited)
        self.late.toggled.connect(self._filters_edited)
        self.missing.toggled.connect(self._filters_edited)
        self.reset.clicked.connect(self.clear_filters)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(bar)
        ll.addLayout(self.legend)
        ll.addWidget(self.view, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

    def retranslate(self) -> None:
        self.section_label.setText(self.tr("板块"))
        self.unit_label.setText(self.tr("单位"))
        self.state_label.setText(self.tr("状态"))
        self.late.setText(self.tr("只看逾期报送"))
        self.missing.setText(self.tr("只看未报送"))
        self.reset.setText(self.tr("清除筛选"))
        self._fill_combos()
        self._update_count()
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- data ------------------------------------------------------------------------------
    def set_matrices(
        self, matrices: dict[str, Any], section_titles: dict[int, str], period: str
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
        self.filter_changed.emit()

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
        if self.load_detail is not None:
            detail = self.load_detail(task, self.model.filter.period or "")
            if detail is not None:
                self.detail.show_detail(detail, unit)

    def reload_detail(self) -> None:
        """After an import or a period change: the same task, fresh from the store."""
        if self._task is None or self.load_detail is None:
            return
        task, unit = self._task
        detail = self.load_detail(task, self.model.filter.period or "")
        if detail is not None:
            self.detail.show_detail(detail, unit)
