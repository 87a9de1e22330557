"""报送情况: per period, who was expected, who sent on time or late, who is missing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from app.ui.common.retranslate import Retranslating
from app.ui.common.table_model import RowTableModel
from app.ui.common.tables import read_only_view
from app.ui.office.answer_texts import REVIEW_BACKGROUNDS, problem_label, review_label
from app.ui.office.detail_pane import local_time
from app.ui.office.outcome_text import conflict_mark, reason_text
from app.ui.office.review_flow import ReviewFlow

if TYPE_CHECKING:
    from app.services.consolidation import Tracker, TrackerRow
    from app.services.review import ReviewState
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
    COL_REVIEW,
    COL_SIGNED,
    COL_IMPORTED,
    COL_VERSIONS,
    COL_REJECTED,
    COL_REASON,
    COL_LAST_IMPORT,
) = range(10)


class TrackerModel(RowTableModel["TrackerRow"]):
    """One row per expected unit: its state, current version, review and import history."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.reviews: dict[str, ReviewState] = {}  # unit id -> the period's review

    def headers(self) -> list[str]:
        return [
            self.tr("单位"),
            self.tr("状态"),
            self.tr("当前版本"),
            self.tr("审核"),
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
        if column == COL_REVIEW:
            return self._review_text(row)
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

    def _review_text(self, row: TrackerRow) -> str:
        review = self.reviews.get(row.unit_id)
        if review is None:
            return ""
        text = review_label(review.state)
        if review.state != "pending" and review.actor:
            text += f"（{review.actor}）"
        elif review.has_errors:
            text += " ⚠"  # not among "accept all without errors": look first
        return text

    def tooltip(self, row: TrackerRow, column: int) -> str | None:
        if column == COL_REVIEW:
            review = self.reviews.get(row.unit_id)
            if review is None:
                return None
            if review.state == "pending":
                return "\n".join(problem_label(p) for p in review.problems) or None
            lines = [f"{review_label(review.state)} {local_time(review.decided_at)}"]
            lines += [review.comment] if review.comment else []
            lines += [f"{c.task}. {c.text}" for c in review.comments]
            return "\n".join(lines)
        return self.text(row, column) if column == COL_REASON else None

    def background(self, row: TrackerRow, column: int) -> str | None:
        if column == COL_REVIEW:
            review = self.reviews.get(row.unit_id)
            return None if review is None else REVIEW_BACKGROUNDS.get(review.state)
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
        self.table = read_only_view(
            "trackerTable", self.model, COL_REASON, wrap=False, single_selection=True
        )
        self.review = ReviewFlow(self)
        self._view: OfficeView | None = None
        self.accept_button, self.return_button = QPushButton(), QPushButton()
        self.accept_button.setObjectName("trackerAccept")
        self.return_button.setObjectName("trackerReturn")
        self.accept_all = QPushButton()
        self.accept_all.setObjectName("trackerAcceptAll")
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        for b in (self.accept_button, self.return_button, self.accept_all):
            bar.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.accept_button.clicked.connect(lambda: self.decide("accept"))
        self.return_button.clicked.connect(lambda: self.decide("return"))
        self.accept_all.clicked.connect(self.accept_all_clean)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.retranslate()

    def retranslate(self) -> None:
        self.accept_button.setText(self.tr("受理(&A)"))
        self.accept_button.setToolTip(self.tr("受理所选单位的当前版本"))
        self.return_button.setText(self.tr("退回(&R)…"))
        self.return_button.setToolTip(self.tr("退回所选单位的当前版本，并写明意见"))
        self.accept_all.setText(self.tr("全部无误受理…"))
        self.model.retranslate()
        self._show_summary()
        self._update_buttons()

    def reload(self, view: OfficeView) -> None:
        from app.services.consolidation import tracker
        from app.services.review import review_states

        self._view = view
        reviews = review_states(view.store, view.period, view.catalog.code)
        self.model.reviews = {r.unit_code: r for r in reviews}
        self.show_tracker(tracker(view.store, view.catalog, view.period))
        self._update_buttons()

    # -- review ----------------------------------------------------------------------------
    def selected_review(self) -> ReviewState | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.rows):
            return None
        return self.model.reviews.get(self.model.rows[index.row()].unit_id)

    def selected_unit(self) -> str | None:
        review = self.selected_review()
        return None if review is None else review.unit_code

    def _update_buttons(self, *_args: Any) -> None:
        review = self.selected_review()
        self.accept_button.setEnabled(review is not None and review.state != "accepted")
        self.return_button.setEnabled(review is not None)
        self.accept_all.setEnabled(self._view is not None)

    def decide(self, action: str) -> None:
        review = self.selected_review()
        if review is None or self._view is None:
            return
        if action == "accept":
            self.review.accept(self._view.store, review)
        else:
            self.review.return_(self._view.store, self._view.catalog, review)

    def accept_all_clean(self) -> None:
        if self._view is not None:
            self.review.accept_all(self._view.store, self._view.period, self._view.catalog.code)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.setCurrentIndex(index)
        review = self.selected_review()
        if review is None:
            return
        menu = QMenu(self)
        accept = menu.addAction(
            self.tr("受理 {0} 第 {1} 版").format(review.unit_name, review.version)
        )
        accept.setEnabled(review.state != "accepted")
        accept.triggered.connect(lambda: self.decide("accept"))
        menu.addAction(self.tr("退回 {0}…").format(review.unit_name)).triggered.connect(
            lambda: self.decide("return")
        )
        menu.exec(self.table.viewport().mapToGlobal(pos))

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
