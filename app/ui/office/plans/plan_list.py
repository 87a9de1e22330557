"""The office's plans, one line each: code, title, year, revision, and whether it is published
or has a draft being edited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.ui.common.colors import HINT_COLOR, OK_COLOR, WARN_COLOR
from app.ui.common.table_model import RowTableModel

if TYPE_CHECKING:
    from app.services.plans import PlanSummary


class PlanListModel(RowTableModel["PlanSummary"]):
    COL_CODE, COL_TITLE, COL_YEAR, COL_REVISION, COL_STATE = range(5)

    def headers(self) -> list[str]:
        return [
            self.tr("编号"),
            self.tr("方案名称"),
            self.tr("年度"),
            self.tr("版本"),
            self.tr("状态"),
        ]

    def text(self, row: PlanSummary, column: int) -> str:
        if column == self.COL_CODE:
            return row.code
        if column == self.COL_TITLE:
            return row.title
        if column == self.COL_YEAR:
            return str(row.year)
        if column == self.COL_REVISION:
            return self.tr("第 {0} 版").format(row.revision) if row.revision else "—"
        return self.state(row)

    def state(self, row: PlanSummary) -> str:
        if row.published and row.has_draft:
            return self.tr("已发布，修订中（第 {0} 版草稿）").format(row.revision + 1)
        if row.published:
            return self.tr("已发布")
        return self.tr("草稿")

    def tooltip(self, row: PlanSummary, column: int) -> str | None:
        return row.title if column == self.COL_TITLE else None

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.COL_STATE:
            row = self.rows[index.row()]
            color = WARN_COLOR if row.has_draft else OK_COLOR if row.published else HINT_COLOR
            return QColor(color)
        return super().data(index, role)

    def row_of(self, code: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.code == code), -1)
