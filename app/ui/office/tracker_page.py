"""报送情况: per period, who was expected, who sent on time or late, who is missing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.ui.common.retranslate import Retranslating
from app.ui.common.table_model import RowTableModel
from app.ui.common.tables import read_only_view
from app.ui.office.detail_pane import local_time
from app.ui.office.outcome_text import conflict_mark, reason_text

if TYPE_CHECKING:
    from app.services.consolidation import Tracker, TrackerRow
    from app.ui.office.pages import OfficeView

STATE_COLORS = {
    "submitted": "#d8f0dc",
    "late": "#fde7c8",
    "missing": "#fbd9d3",
    "rejected": "#f6c4bc",
}
STATE_ORDER = {"missing": 0, "rejected": 1, "late": 2, "submitted": 3}  # who needs a call first

(
    COL_UNIT,
    COL_STATE,
    COL_VERSION,
    COL_SIGNED,
    COL_IMPORTED,
    COL_VERSIONS,
    COL_REJECTED,
    COL_REASON,
    COL_LAST_IMPORT,
) = range(9)


class TrackerModel(RowTableModel["TrackerRow"]):
    """One row per expected unit: its state, current version and import history."""

    def headers(self) -> list[str]:
        return [
            self.tr("单位"),
            self.tr("状态"),
            self.tr("当前版本"),
            self.tr("签署时间"),
            self.tr("导入时间"),
            self.tr("版本数"),
            self.tr("被拒收次数"),
            self.tr("最近一次拒收原因"),
            self.tr("最近导入"),
        ]

    def state_label(self, state: str) -> str:
        return {
            "submitted": self.tr("按时报送"),
            "late": self.tr("逾期报送"),
            "missing": self.tr("未报送"),
            "rejected": self.tr("仅有被拒收的文件"),
        }.get(state, state)

    def text(self, row: TrackerRow, column: int) -> str:
        if column == COL_UNIT:
            return row.unit_name
        if column == COL_STATE:
            return self.state_label(row.state)
        if column == COL_VERSION:
            return self._version_text(row)
        if column == COL_VERSIONS:
            return str(row.versions)
        if column == COL_REJECTED:
            return str(row.rejected_attempts) if row.rejected_attempts else ""
        if column == COL_REASON:
            return reason_text(row.last_reason)
        times = {
            COL_SIGNED: row.submitted_at,
            COL_IMPORTED: row.imported_at,
            COL_LAST_IMPORT: row.last_import,
        }
        at = times.get(column)
        return local_time(at) if at else ""

    @staticmethod
    def _version_text(row: TrackerRow) -> str:
        """The current version, marked when a version is held as two different files."""
        text = "" if row.version is None else f"v{row.version}"
        if row.conflict_versions:
            listed = ", ".join(f"v{v}" for v in row.conflict_versions)
            text = f"{text} {conflict_mark()} ({listed})".strip()
        return text

    def tooltip(self, row: TrackerRow, column: int) -> str | None:
        return self.text(row, column) if column == COL_REASON else None

    def background(self, row: TrackerRow, column: int) -> str | None:
        return STATE_COLORS.get(row.state, "#ffffff") if column == COL_STATE else None


class TrackerPage(Retranslating, QWidget):
    follows_period = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trackerPage")
        self.tracker: Tracker | None = None
        self.summary = QLabel()
        self.summary.setObjectName("trackerSummary")
        font = self.summary.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.summary.setFont(font)
        self.model = TrackerModel(self)
        self.table = read_only_view("trackerTable", self.model, COL_REASON, wrap=False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.model.retranslate()
        self._show_summary()

    def reload(self, view: OfficeView) -> None:
        from app.services.consolidation import tracker

        self.show_tracker(tracker(view.store, view.catalog, view.period))

    def show_tracker(self, tracker: Tracker) -> None:
        self.tracker = tracker
        self.model.set_rows(sorted(tracker.rows, key=lambda r: STATE_ORDER.get(r.state, 9)))
        self._show_summary()

    def _show_summary(self) -> None:
        tracker = self.tracker
        if tracker is None:
            return
        self.summary.setText(
            self.tr(
                "{0}（截止 {1}）：应报 {2} 个单位，按时 {3}，逾期 {4}，未报送 {5}，仅被拒收 {6}"
            ).format(
                tracker.period,
                tracker.due.isoformat(),
                tracker.expected,
                tracker.count("submitted"),
                tracker.count("late"),
                tracker.count("missing"),
                tracker.count("rejected"),
            )
        )
