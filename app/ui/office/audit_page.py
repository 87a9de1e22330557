"""审计日志: who did what and when, filtered by action, staff name and dates; 校验 checks the
hash chain (``app.services.audit.verify_audit``) and shows OK or the first row that breaks it.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.audit_actions import AUDIT_ACTIONS
from app.ui.common.colors import ERROR_COLOR, OK_COLOR
from app.ui.common.retranslate import Retranslating
from app.ui.common.table_model import RowTableModel
from app.ui.common.tables import read_only_view
from app.ui.office.answer_texts import audit_action_label, error_text
from app.ui.office.detail_pane import local_time

if TYPE_CHECKING:
    from app.models.store import Store
    from app.services.audit import AuditRow, AuditVerdict
    from app.ui.office.pages import OfficeView

COL_ID, COL_AT, COL_ACTOR, COL_ACTION, COL_SUBJECT, COL_DETAILS, COL_SHA = range(7)
ROW_LIMIT = 5000  # the newest rows; the filters reach older ones
BAD_BACKGROUND = "#fbd9d3"


def details_text(details: Any) -> str:
    """The details as short ``key: value`` pairs (the stored JSON is canonical, not for reading)."""
    if not isinstance(details, dict):
        return str(details or "")
    parts = []
    for key, value in details.items():
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        parts.append(f"{key}: {shown}")
    return "; ".join(parts)


class AuditModel(RowTableModel["AuditRow"]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.bad_id: int | None = None

    def headers(self) -> list[str]:
        return [
            self.tr("序号"),
            self.tr("时间"),
            self.tr("操作人"),
            self.tr("操作"),
            self.tr("对象"),
            self.tr("详情"),
            self.tr("校验值"),
        ]

    def text(self, row: AuditRow, column: int) -> str:
        if column == COL_ID:
            return str(row.id)
        if column == COL_AT:
            return local_time(row.at)
        if column == COL_ACTOR:
            return row.actor
        if column == COL_ACTION:
            return audit_action_label(row.action)
        if column == COL_SUBJECT:
            return row.subject
        if column == COL_DETAILS:
            return details_text(row.details)
        if column == COL_SHA:
            return row.sha256[:12]
        return ""

    def tooltip(self, row: AuditRow, column: int) -> str | None:
        if column == COL_DETAILS:
            return details_text(row.details).replace("; ", "\n")
        if column == COL_SHA:
            return row.sha256
        if column == COL_ACTION:
            return row.action
        return None

    def background(self, row: AuditRow, column: int) -> str | None:
        return BAD_BACKGROUND if self.bad_id is not None and row.id == self.bad_id else None


class AuditPage(Retranslating, QWidget):
    follows_period = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditPage")
        self.store: Store | None = None
        self.verdict: AuditVerdict | None = None
        self.model = AuditModel(self)
        self.table = read_only_view("auditTable", self.model, COL_DETAILS, wrap=False)
        self._build()
        self.retranslate()

    def _build(self) -> None:
        self.action = QComboBox()
        self.action.setObjectName("auditAction")
        self.actor = QLineEdit()
        self.actor.setObjectName("auditActor")
        self.actor.setClearButtonEnabled(True)
        self.actor.setMaximumWidth(160)
        self.use_since, self.use_until = QCheckBox(), QCheckBox()
        self.use_since.setObjectName("auditUseSince")
        self.use_until.setObjectName("auditUseUntil")
        self.since, self.until = QDateEdit(), QDateEdit()
        self.since.setObjectName("auditSince")
        self.until.setObjectName("auditUntil")
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate.currentDate())
            edit.setEnabled(False)
        self.action_label, self.actor_label = QLabel(), QLabel()
        self.action_label.setBuddy(self.action)
        self.actor_label.setBuddy(self.actor)
        self.verify_button = QPushButton()
        self.verify_button.setObjectName("auditVerify")
        self.verdict_label = QLabel()
        self.verdict_label.setObjectName("auditVerdict")
        self.verdict_label.setWordWrap(True)
        self.count = QLabel()
        self.count.setObjectName("auditCount")
        bar = QHBoxLayout()
        for w in (
            self.action_label,
            self.action,
            self.actor_label,
            self.actor,
            self.use_since,
            self.since,
            self.use_until,
            self.until,
        ):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.count)
        bar.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.table, 1)
        self.action.currentIndexChanged.connect(self.refilter)
        self.actor.editingFinished.connect(self.refilter)
        self.use_since.toggled.connect(self.since.setEnabled)
        self.use_until.toggled.connect(self.until.setEnabled)
        for box in (self.use_since, self.use_until):
            box.toggled.connect(self.refilter)
        self.since.dateChanged.connect(self.refilter)
        self.until.dateChanged.connect(self.refilter)
        self.verify_button.clicked.connect(self.verify)

    def retranslate(self) -> None:
        self.action_label.setText(self.tr("操作(&A)"))
        self.actor_label.setText(self.tr("操作人(&M)"))
        self.actor.setPlaceholderText(self.tr("姓名"))
        self.use_since.setText(self.tr("从(&F)"))
        self.use_until.setText(self.tr("到(&T)"))
        self.verify_button.setText(self.tr("校验日志(&V)"))
        self.verify_button.setToolTip(self.tr("逐条核对日志的校验值：任何一条被修改或删除都能发现"))
        current = self.action.currentData()
        self.action.blockSignals(True)
        self.action.clear()
        self.action.addItem(self.tr("全部操作"), None)
        for code in AUDIT_ACTIONS:
            self.action.addItem(audit_action_label(code), code)
        self.action.setCurrentIndex(max(0, self.action.findData(current)))
        self.action.blockSignals(False)
        self.model.retranslate()
        self._show_count()
        self._show_verdict()

    # -- data --------------------------------------------------------------------------------
    def set_today(self, today: date) -> None:
        """The date filters start at the office's today (the window's clock)."""
        for edit in (self.since, self.until):
            edit.blockSignals(True)
            edit.setDate(QDate(today.year, today.month, today.day))
            edit.blockSignals(False)

    def reload(self, view: OfficeView) -> None:
        self.store = view.store
        self.refilter()

    def filters(self) -> dict[str, Any]:
        def day(edit: QDateEdit) -> date:
            d = edit.date()
            return date(d.year(), d.month(), d.day())

        return {
            "action": self.action.currentData(),
            "actor": self.actor.text().strip() or None,
            "since": day(self.since) if self.use_since.isChecked() else None,
            "until": day(self.until) if self.use_until.isChecked() else None,
        }

    def refilter(self, *_args: Any) -> None:
        from app.services.audit import list_audit

        if self.store is None:
            return
        rows = list_audit(self.store, limit=ROW_LIMIT, **self.filters())
        self.model.set_rows(sorted(rows, key=lambda r: r.id, reverse=True))
        self._show_count()

    def _show_count(self) -> None:
        self.count.setText(self.tr("{0} 条").format(len(self.model.rows)))

    # -- the chain ---------------------------------------------------------------------------
    def verify(self) -> AuditVerdict | None:
        from app.services.audit import verify_audit

        if self.store is None:
            return None
        try:
            self.verdict = verify_audit(self.store)
        except Exception as exc:  # a store that cannot be read is a verdict too
            self.verdict = None
            self.verdict_label.setStyleSheet(f"color: {ERROR_COLOR};")
            self.verdict_label.setText(self.tr("无法校验：{0}").format(error_text(exc)))
            return None
        self.model.bad_id = self.verdict.first_bad_id
        self.model.retranslate()
        self._show_verdict()
        if self.verdict.first_bad_id is not None:
            self.select_row(self.verdict.first_bad_id)
        return self.verdict

    def select_row(self, row_id: int) -> bool:
        for row, entry in enumerate(self.model.rows):
            if entry.id == row_id:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                return True
        return False

    def _show_verdict(self) -> None:
        v = self.verdict
        if v is None:
            self.verdict_label.clear()
            return
        if v.ok:
            self.verdict_label.setStyleSheet(f"color: {OK_COLOR}; font-weight: bold;")
            self.verdict_label.setText(
                self.tr("✓ 日志完整：{0} 条记录的校验链全部一致。").format(v.rows)
            )
            return
        self.verdict_label.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        problem = error_text_of(v.problem)
        self.verdict_label.setText(
            self.tr("✗ 日志被改动：第 {0} 条记录起校验链不一致。{1}").format(
                v.first_bad_id if v.first_bad_id is not None else "?", problem
            )
        )


def error_text_of(message: Any) -> str:
    """A verdict's Message in the interface language ("" for none)."""
    if message is None:
        return ""
    from app.ui.office.outcome_text import reason_text

    return reason_text(message)
