"""The assessment page's two tables: the scoring rules and every unit's score.

The rules' editable parts (weight, on/off, parameters) are widgets the page puts in the rules
view's cells; the model gives the words around them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from app.ui.common.table_model import RowTableModel

if TYPE_CHECKING:
    from app.services.assessment import RuleInfo, UnitScore

COL_RULE, COL_WEIGHT, COL_ENABLED, COL_PARAMS, COL_DESCRIPTION = range(5)
COL_RANK, COL_UNIT, COL_TOTAL = range(3)  # then one column per rule


class RulesModel(RowTableModel["RuleInfo"]):
    def headers(self) -> list[str]:
        return [self.tr("规则"), self.tr("权重"), self.tr("启用"), self.tr("参数"), self.tr("说明")]

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

    def text(self, row: RuleInfo, column: int) -> str:
        if column == COL_RULE:
            return self.rule_name(row.key, row.name)
        if column == COL_DESCRIPTION:
            return self.rule_description(row.key, row.description)
        return ""  # the page's widgets fill the other cells

    def tooltip(self, row: RuleInfo, column: int) -> str | None:
        return self.text(row, column) if column == COL_DESCRIPTION else None


class ScoresModel(RowTableModel["UnitScore"]):
    """名次 | 单位 | 总分 | one column of points per rule (blank where a rule does not apply)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rule_columns: list[tuple[str, str]] = []  # (rule key, title) per rule column

    def set_scores(self, scores: list[UnitScore], rule_columns: list[tuple[str, str]]) -> None:
        if [key for key, _ in rule_columns] == [key for key, _ in self.rule_columns]:
            self.rule_columns = list(rule_columns)  # titles only (another language)
            self.set_rows(scores)
            self.retranslate()
            return
        self.beginResetModel()
        self.rows = list(scores)
        self.rule_columns = list(rule_columns)
        self.endResetModel()

    def headers(self) -> list[str]:
        own = [self.tr("名次"), self.tr("单位"), self.tr("总分")]
        return own + [title for _key, title in self.rule_columns]

    def text(self, row: UnitScore, column: int) -> str:
        if column == COL_RANK:
            return str(row.rank)
        if column == COL_UNIT:
            return row.unit_name
        if column == COL_TOTAL:
            return str(row.total)
        key = self.rule_columns[column - COL_TOTAL - 1][0]
        part = row.part(key)
        return "" if part is None or not part.applicable else str(part.points)

    def alignment(self, row: UnitScore, column: int) -> Qt.AlignmentFlag | None:
        return None if column == COL_UNIT else Qt.AlignmentFlag.AlignCenter
