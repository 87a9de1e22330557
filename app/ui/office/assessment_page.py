"""年度考核: the scoring rules (weights and parameters editable, each can be switched off) and
every unit's score with the breakdown that explains it (plan 三(三))."""

from __future__ import annotations

import logging
from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.ui.common.colors import ERROR_COLOR
from app.ui.common.punctuation import colon
from app.ui.common.retranslate import Retranslating
from app.ui.common.tables import read_only_view
from app.ui.office.assessment_models import (
    COL_DESCRIPTION,
    COL_ENABLED,
    COL_PARAMS,
    COL_WEIGHT,
    RulesModel,
    ScoresModel,
)

if TYPE_CHECKING:
    from app.domain.catalog import Catalog
    from app.models.store import Store
    from app.services.assessment import RuleInfo, UnitScore
    from app.ui.office.pages import OfficeView


log = logging.getLogger(__name__)


class AssessmentPage(Retranslating, QWidget):
    rules_changed = Signal()
    follows_period = False  # the year's scores

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assessmentPage")
        self.store: Store | None = None
        self.catalog: Catalog | None = None
        self.rules_model = RulesModel(self)
        self.scores_model = ScoresModel(self)
        self.weights: dict[str, QDoubleSpinBox] = {}
        self.switches: dict[str, QCheckBox] = {}
        self.params: dict[tuple[str, str], QDoubleSpinBox] = {}  # (rule, parameter) -> box
        self._param_labels: dict[tuple[str, str], QLabel] = {}
        self._commit_timer = QTimer(self)
        self._commit_timer.setSingleShot(True)
        self._commit_timer.setInterval(400)  # a spin box's arrows step: commit once they rest
        self._commit_timer.timeout.connect(self._commit_edits)
        self._build()
        self.retranslate()

    def _build(self) -> None:
        self.rules_title, self.scores_title = QLabel(), QLabel()
        for label in (self.rules_title, self.scores_title):
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        self.rules_table = QTableView()
        self.rules_table.setObjectName("rulesTable")
        self.rules_table.setModel(self.rules_model)
        self.rules_table.verticalHeader().hide()
        self.rules_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rules_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.rules_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        self.rules_table.setWordWrap(True)
        self.reset_button = QPushButton()
        self.reset_button.clicked.connect(self.reset_rules)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.scores_table = read_only_view(
            "scoresTable", self.scores_model, None, single_selection=True
        )
        self.scores_table.selectionModel().selectionChanged.connect(self._show_breakdown)
        self.breakdown = QTextBrowser()
        self.breakdown.setObjectName("scoreBreakdown")
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.rules_title)
        head.addStretch(1)
        head.addWidget(self.reset_button)
        tl.addLayout(head)
        tl.addWidget(self.rules_table)
        tl.addWidget(self.message)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        bl = QVBoxLayout(left)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.scores_title)
        bl.addWidget(self.scores_table)
        bottom.addWidget(left)
        bottom.addWidget(self.breakdown)
        bottom.setStretchFactor(0, 3)
        bottom.setStretchFactor(1, 2)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    def retranslate(self) -> None:
        self.rules_title.setText(
            self.tr("考核规则（权重可修改，总分按启用规则的权重折算为百分制）")
        )
        self.scores_title.setText(self.tr("各单位得分（选中一个单位查看得分说明）"))
        self.reset_button.setText(self.tr("恢复默认规则"))
        self._retranslate_rules()
        self._fill_scores(self.scores)

    # -- the rules' words in the interface language ----------------------------------------
    @property
    def rules(self) -> list[RuleInfo]:
        return self.rules_model.rows

    @property
    def scores(self) -> list[UnitScore]:
        return self.scores_model.rows

    def rule_name(self, key: str, stored: str) -> str:
        return self.rules_model.rule_name(key, stored)

    def param_label(self, name: str) -> str:
        """A rule parameter's name for the office (never the code name late_credit)."""
        labels = {"late_credit": self.tr("逾期折算系数")}
        return labels.get(name, name)

    def param_help(self, name: str) -> str:
        helps = {
            "late_credit": self.tr("逾期报送的一期按此系数计入按时报送：0 不得分，1 与按时报送相同")
        }
        return helps.get(name, "")

    def _retranslate_rules(self) -> None:
        self.rules_model.retranslate()
        for (key, name), label in self._param_labels.items():
            label.setText(self.param_label(name))
            help_text = self.param_help(name)
            label.setToolTip(help_text)
            self.params[(key, name)].setToolTip(help_text)
        self.rules_table.resizeRowsToContents()

    # -- data ------------------------------------------------------------------------------
    def reload(self, view: OfficeView) -> None:
        self.store, self.catalog = view.store, view.catalog
        self.reload_rules()

    def reload_rules(self) -> None:
        from app.services.assessment import list_rules

        if self.store is None or self.catalog is None:
            return
        self.rules_model.set_rows(list_rules(self.store, self.catalog))
        self._fill_rules()
        self.rescore()

    def rescore(self) -> None:
        from app.services.assessment import score_units

        if self.store is None or self.catalog is None:
            return
        try:
            scores = score_units(self.store, self.catalog)
        except KeyError:  # a plan without an annual period: nothing to assess
            log.info("no annual period to score", exc_info=True)
            scores = []
        self._fill_scores(scores)

    def _fill_rules(self) -> None:
        """The editors of each rule in its row: weight, on/off, its parameters."""
        self.weights.clear()
        self.switches.clear()
        self.params.clear()
        self._param_labels.clear()
        for i, r in enumerate(self.rules):
            cells = (
                (COL_WEIGHT, self._weight_box(r)),
                (COL_ENABLED, self._switch(r)),
                (COL_PARAMS, self._param_boxes(r)),
            )
            for column, widget in cells:
                self.rules_table.setIndexWidget(self.rules_model.index(i, column), widget)
        self._retranslate_rules()

    def _spin_box(
        self, name: str, value: float, limits: tuple[float, float], decimals: int, step: float
    ) -> QDoubleSpinBox:
        """A number box that commits on Enter, on leaving it, or once its arrows rest."""
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setRange(*limits)
        spin.setDecimals(decimals)
        spin.setSingleStep(step)
        spin.setKeyboardTracking(False)  # typing commits on Enter or leaving the box
        spin.setValue(value)
        spin.valueChanged.connect(lambda _v: self._commit_timer.start())
        spin.editingFinished.connect(self._commit_edits)
        return spin

    def _weight_box(self, rule: RuleInfo) -> QWidget:
        spin = self._spin_box(f"weight_{rule.key}", float(rule.weight), (0, 1000), 1, 5)
        self.weights[rule.key] = spin
        return spin

    def _switch(self, rule: RuleInfo) -> QWidget:
        box = QCheckBox()
        box.setObjectName(f"enabled_{rule.key}")
        box.setChecked(rule.enabled)
        box.toggled.connect(lambda on, key=rule.key: self._set_enabled(key, on))
        self.switches[rule.key] = box
        holder = QWidget()
        layout = QHBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignCenter)
        return holder

    def _param_boxes(self, rule: RuleInfo) -> QWidget:
        from app.services.assessment import param_spec

        holder = QWidget()
        layout = QHBoxLayout(holder)
        layout.setContentsMargins(4, 0, 4, 0)
        for name, value in rule.params.items():
            spec = param_spec(name)
            if spec is None:  # a parameter this version does not know: not editable here
                continue
            limits = (float(spec.low), float(spec.high))
            edit = self._spin_box(
                f"param_{rule.key}_{name}", float(value), limits, 2, float(spec.step)
            )
            label = QLabel()
            label.setBuddy(edit)
            layout.addWidget(label)
            layout.addWidget(edit)
            self.params[(rule.key, name)] = edit
            self._param_labels[(rule.key, name)] = label
        layout.addStretch(1)
        return holder

    def _fill_scores(self, scores: list[UnitScore]) -> None:
        """The scores, one column per rule; the selected unit stays selected."""
        selected = self.selected_unit()
        columns = [(r.key, self.rule_name(r.key, r.name)) for r in self.rules]
        self.scores_model.set_scores(scores, columns)
        if selected is not None:
            self.select_unit(selected)
        self._show_breakdown()

    # -- changing the rules ----------------------------------------------------------------
    def _commit_edits(self) -> None:
        """Every weight and parameter that differs from the store, one rule per unit of work."""
        from app.services.assessment import AssessmentError, update_rule

        self._commit_timer.stop()
        if self.store is None or self.catalog is None:
            return
        changed = False
        for r in self.rules:
            spin = self.weights.get(r.key)
            weight = None if spin is None else Decimal(str(round(spin.value(), 1)))
            params = {}
            for (key, name), edit in self.params.items():
                value = Decimal(str(round(edit.value(), 2)))
                if key == r.key and value != Decimal(r.params.get(name, "0")):
                    params[name] = str(value)
            if weight in (None, r.weight) and not params:
                continue
            try:
                update_rule(
                    self.store,
                    r.key,
                    weight=weight if weight != r.weight else None,
                    params=params or None,
                    plan_code=self.catalog.code,
                )
            except AssessmentError as exc:
                log.warning("rule change refused", exc_info=True)
                self._error(str(exc))
                return
            changed = True
        if changed:
            self._after_change()

    def _set_enabled(self, key: str, on: bool) -> None:
        from app.services.assessment import AssessmentError, update_rule

        if self.store is None or self.catalog is None:
            return
        try:
            update_rule(self.store, key, enabled=on, plan_code=self.catalog.code)
        except AssessmentError as exc:
            log.warning("rule switch refused", exc_info=True)
            self._error(str(exc))
            return
        self._after_change()

    def reset_rules(self) -> None:
        from app.services.assessment import reset_rules

        if self.store is None or self.catalog is None:
            return
        reset_rules(self.store, self.catalog)
        self.reload_rules()
        self.rules_changed.emit()

    def _after_change(self) -> None:
        from app.services.assessment import list_rules

        assert self.store is not None and self.catalog is not None
        self.rules_model.set_rows(list_rules(self.store, self.catalog))
        self.message.clear()
        self.rescore()
        self.rules_changed.emit()

    def _error(self, text: str) -> None:
        self.message.setStyleSheet(f"color: {ERROR_COLOR};")
        self.message.setText(text)

    # -- the breakdown ---------------------------------------------------------------------
    def selected_unit(self) -> str | None:
        rows = self.scores_table.selectionModel().selectedRows()
        return self.scores[rows[0].row()].unit_id if rows else None

    def select_unit(self, unit_id: str) -> None:
        for i, s in enumerate(self.scores):
            if s.unit_id == unit_id:
                self.scores_table.selectRow(i)
                return

    def score_of(self, unit_id: str) -> UnitScore | None:
        return next((s for s in self.scores if s.unit_id == unit_id), None)

    def _show_breakdown(self) -> None:
        unit = self.selected_unit()
        score = self.score_of(unit) if unit else None
        if score is None:
            self.breakdown.setHtml(
                "<p style='color:#6b7280'>"
                + escape(self.tr("选中一个单位，查看每一项得分的依据。"))
                + "</p>"
            )
            return
        html = [
            f"<h3>{escape(colon(score.unit_name))}"
            + escape(self.tr("总分 {0}（第 {1} 名）").format(score.total, score.rank))
            + "</h3>"
        ]
        for p in score.parts:
            if p.applicable:
                line = self.tr("权重 {0}，得分率 {1}%，得 {2} 分").format(
                    p.weight, (p.raw * 100).quantize(Decimal("0.1")), p.points
                )
            else:
                line = self.tr("不适用，不计分（权重不计入总权重）")
            html.append(
                f"<p><b>{escape(self.rule_name(p.rule_key, p.rule_name))}</b> · {escape(line)}<br>"
                f"<span style='color:#374151'>{escape(p.explanation)}</span></p>"
            )
        self.breakdown.setHtml("".join(html))
