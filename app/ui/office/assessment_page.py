"""年度考核: the scoring rules (weights and parameters editable, each can be switched off) and
every unit's score with the breakdown that explains it (plan 三(三))."""

from __future__ import annotations

from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.ui.common.punctuation import colon
from app.ui.common.status_icons import ERROR_COLOR

if TYPE_CHECKING:
    from app.domain.catalog import Catalog
    from app.models.store import Store


class AssessmentPage(QWidget):
    rules_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assessmentPage")
        self.store: Store | None = None
        self.catalog: Catalog | None = None
        self.rules: list[Any] = []
        self.scores: list[Any] = []
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
        self.rules_table = QTableWidget(0, 5)
        self.rules_table.setObjectName("rulesTable")
        self.rules_table.verticalHeader().hide()
        self.rules_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rules_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.rules_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.rules_table.setWordWrap(True)
        self.reset_button = QPushButton()
        self.reset_button.clicked.connect(self.reset_rules)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.scores_table = QTableWidget(0, 3)
        self.scores_table.setObjectName("scoresTable")
        self.scores_table.verticalHeader().hide()
        self.scores_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.scores_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.scores_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.scores_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.scores_table.itemSelectionChanged.connect(self._show_breakdown)
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
        self.rules_table.setHorizontalHeaderLabels(
            [self.tr("规则"), self.tr("权重"), self.tr("启用"), self.tr("参数"), self.tr("说明")]
        )
        self._retranslate_rules()
        self._fill_scores()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- the rules' words in the interface language ----------------------------------------
    def rule_name(self, key: str, stored: str) -> str:
        """The default rules by key in the interface language; any other by its stored name."""
        names = {
            "on_time": self.tr("按时报送"),
            "completion": self.tr("任务完成度"),
            "targets": self.tr("目标值达成"),
            "indicators": self.tr("工作目标指标"),
        }
        return names.get(key, stored)

    def rule_description(self, key: str, stored: str) -> str:
        texts = {
            "on_time": self.tr(
                "已到截止日的报告期中按截止日前签署报送的比例；逾期报送的一期按逾期折算系数"
                "（0–1）计"
            ),
            "completion": self.tr(
                "年度总结（未报送时取本年度最近一期报送）中本单位各项任务完成度的平均值；"
                "未填报的任务按 0 计"
            ),
            "targets": self.tr("本单位牵头或负责任务中的目标值达标比例；未填报实际值的按未达标计"),
            "indicators": self.tr(
                "本单位负责的全市工作目标指标的达标比例（不负责指标的单位不计此项）"
            ),
        }
        return texts.get(key, stored)

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
        for i, r in enumerate(self.rules):
            title = self.rules_table.item(i, 0)
            if title is not None:
                title.setText(self.rule_name(r.key, r.name))
            desc = self.rules_table.item(i, 4)
            if desc is not None:
                text = self.rule_description(r.key, r.description)
                desc.setText(text)
                desc.setToolTip(text)
        for (key, name), label in self._param_labels.items():
            label.setText(self.param_label(name))
            help_text = self.param_help(name)
            label.setToolTip(help_text)
            self.params[(key, name)].setToolTip(help_text)
        self.rules_table.resizeRowsToContents()

    # -- data ------------------------------------------------------------------------------
    def attach(self, store: Store, catalog: Catalog) -> None:
        self.store, self.catalog = store, catalog
        self.reload()

    def reload(self) -> None:
        from app.services.assessment import list_rules

        if self.store is None or self.catalog is None:
            return
        self.rules = list_rules(self.store, self.catalog)
        self._fill_rules()
        self.rescore()

    def rescore(self) -> None:
        from app.services.assessment import score_units

        if self.store is None or self.catalog is None:
            return
        try:
            self.scores = score_units(self.store, self.catalog)
        except KeyError:  # a plan without an annual period: nothing to assess
            self.scores = []
        self._fill_scores()

    def _fill_rules(self) -> None:
        from app.services.assessment import param_spec

        self.rules_table.setRowCount(len(self.rules))
        self.weights.clear()
        self.switches.clear()
        self.params.clear()
        self._param_labels.clear()
        for i, r in enumerate(self.rules):
            self.rules_table.setItem(i, 0, QTableWidgetItem())
            spin = QDoubleSpinBox()
            spin.setObjectName(f"weight_{r.key}")
            spin.setRange(0, 1000)
            spin.setDecimals(1)
            spin.setSingleStep(5)
            spin.setKeyboardTracking(False)  # typing commits on Enter or leaving the box
            spin.setValue(float(r.weight))
            spin.valueChanged.connect(lambda _v: self._commit_timer.start())
            spin.editingFinished.connect(self._commit_edits)
            self.rules_table.setCellWidget(i, 1, spin)
            self.weights[r.key] = spin
            box = QCheckBox()
            box.setObjectName(f"enabled_{r.key}")
            box.setChecked(r.enabled)
            box.toggled.connect(lambda on, key=r.key: self._set_enabled(key, on))
            holder = QWidget()
            hl = QHBoxLayout(holder)
            hl.setContentsMargins(0, 0, 0, 0)
            hl.addWidget(box, 0, Qt.AlignmentFlag.AlignCenter)
            self.rules_table.setCellWidget(i, 2, holder)
            self.switches[r.key] = box
            params = QWidget()
            pl = QHBoxLayout(params)
            pl.setContentsMargins(4, 0, 4, 0)
            for name, value in r.params.items():
                spec = param_spec(name)
                if spec is None:  # a parameter this version does not know: not editable here
                    continue
                label = QLabel()
                edit = QDoubleSpinBox()
                edit.setObjectName(f"param_{r.key}_{name}")
                edit.setRange(float(spec.low), float(spec.high))
                edit.setDecimals(2)
                edit.setSingleStep(float(spec.step))
                edit.setKeyboardTracking(False)  # as the weights: commit on Enter or leaving
                edit.setValue(float(value))
                edit.valueChanged.connect(lambda _v: self._commit_timer.start())
                edit.editingFinished.connect(self._commit_edits)
                label.setBuddy(edit)
                pl.addWidget(label)
                pl.addWidget(edit)
                self.params[(r.key, name)] = edit
                self._param_labels[(r.key, name)] = label
            pl.addStretch(1)
            self.rules_table.setCellWidget(i, 3, params)
            self.rules_table.setItem(i, 4, QTableWidgetItem())
        self._retranslate_rules()

    def _fill_scores(self) -> None:
        rules = [(r.key, self.rule_name(r.key, r.name)) for r in self.rules]
        headers = [self.tr("名次"), self.tr("单位"), self.tr("总分")] + [n for _, n in rules]
        self.scores_table.setColumnCount(len(headers))
        self.scores_table.setHorizontalHeaderLabels(headers)
        self.scores_table.setRowCount(len(self.scores))
        for i, s in enumerate(self.scores):
            values = [str(s.rank), s.unit_name, str(s.total)]
            for key, _ in rules:
                part = s.part(key)
                values.append("" if part is None or not part.applicable else str(part.points))
            for j, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, s.unit_id)
                if j != 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.scores_table.setItem(i, j, item)
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
            self._error(str(exc))
            return
        self._after_change()

    def reset_rules(self) -> None:
        from app.services.assessment import reset_rules

        if self.store is None or self.catalog is None:
            return
        reset_rules(self.store, self.catalog)
        self.reload()
        self.rules_changed.emit()

    def _after_change(self) -> None:
        from app.services.assessment import list_rules

        assert self.store is not None and self.catalog is not None
        self.rules = list_rules(self.store, self.catalog)
        self.message.clear()
        self.rescore()
        self.rules_changed.emit()

    def _error(self, text: str) -> None:
        self.message.setStyleSheet(f"color: {ERROR_COLOR};")
        self.message.setText(text)

    # -- the breakdown ---------------------------------------------------------------------
    def selected_unit(self) -> str | None:
        rows = self.scores_table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.scores_table.item(rows[0].row(), 0)
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def select_unit(self, unit_id: str) -> None:
        for i, s in enumerate(self.scores):
            if s.unit_id == unit_id:
                self.scores_table.selectRow(i)
                return

    def score_of(self, unit_id: str) -> Any:
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
