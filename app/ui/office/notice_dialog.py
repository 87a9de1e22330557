"""新增督办: a notice on one unit's task, with a due date and the text the unit will read."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.ui.common.colors import ERROR_COLOR
from app.ui.common.retranslate import Retranslating

if TYPE_CHECKING:
    from app.domain.catalog import Catalog

DEFAULT_DAYS = 14  # two weeks to answer, the office's usual 督办 term
MAX_TEXT = 2000


class NoticeDialog(Retranslating, QDialog):
    def __init__(
        self,
        catalog: Catalog,
        *,
        today: date,
        period: str | None = None,
        unit: str | None = None,
        task: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("noticeDialog")
        self.catalog, self.period = catalog, period
        self.unit = QComboBox()
        self.unit.setObjectName("noticeUnit")
        for u in catalog.reporting_units():
            self.unit.addItem(u.name, u.id)
        self.task = QComboBox()
        self.task.setObjectName("noticeTask")
        self.task.setMinimumContentsLength(30)
        self.due = QDateEdit()
        self.due.setObjectName("noticeDue")
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.due.setMinimumDate(QDate(today.year, today.month, today.day))
        later = today + timedelta(days=DEFAULT_DAYS)
        self.due.setDate(QDate(later.year, later.month, later.day))
        self.with_period = QCheckBox()
        self.with_period.setObjectName("noticePeriod")
        self.with_period.setChecked(period is not None)
        self.with_period.setVisible(period is not None)
        self.text = QPlainTextEdit()
        self.text.setObjectName("noticeText")
        self.text.setTabChangesFocus(True)
        self.problem = QLabel()
        self.problem.setObjectName("noticeProblem")
        self.problem.setStyleSheet(f"color: {ERROR_COLOR};")
        self._lay_out()
        self.unit.currentIndexChanged.connect(self._fill_tasks)
        if unit is not None:
            self.unit.setCurrentIndex(max(0, self.unit.findData(unit)))
        self._fill_tasks()
        if task is not None:
            self.task.setCurrentIndex(max(0, self.task.findData(str(task))))
        self.resize(620, 420)
        self.retranslate()

    def _lay_out(self) -> None:
        self.labels = [QLabel() for _ in range(4)]
        for label, field in zip(
            self.labels, (self.unit, self.task, self.due, self.text), strict=True
        ):
            label.setBuddy(field)
        form = QFormLayout()
        form.addRow(self.labels[0], self.unit)
        form.addRow(self.labels[1], self.task)
        form.addRow(self.labels[2], self.due)
        form.addRow(QLabel(), self.with_period)
        form.addRow(self.labels[3], self.text)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("新增督办"))
        texts = (self.tr("单位(&U)："), self.tr("任务(&K)："), self.tr("办理期限(&D)："))
        for label, text in zip(self.labels, (*texts, self.tr("督办事项(&T)：")), strict=True):
            label.setText(text)
        self.with_period.setText(self.tr("关联报告期 {0}").format(self.period or ""))
        self.text.setPlaceholderText(self.tr("写明需要单位办理或说明的事项，单位将在报送中答复。"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("发出督办(&S)"))
        ok.setObjectName("noticeConfirm")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))

    def _fill_tasks(self, *_args: Any) -> None:
        unit = self.unit_code()
        self.task.clear()
        if unit is None:
            return
        for t, _role in self.catalog.tasks_for_unit(unit):
            self.task.addItem(f"{t.no}. {t.title}", str(t.no))

    # -- the answers -------------------------------------------------------------------------
    def unit_code(self) -> str | None:
        data = self.unit.currentData()
        return None if data is None else str(data)

    def task_no(self) -> str | None:
        data = self.task.currentData()
        return None if data is None else str(data)

    def due_date(self) -> date:
        d = self.due.date()
        return date(d.year(), d.month(), d.day())

    def notice_text(self) -> str:
        return self.text.toPlainText().strip()[:MAX_TEXT]

    def period_code(self) -> str | None:
        return self.period if self.with_period.isChecked() else None

    def accept(self) -> None:
        if self.unit_code() is None or self.task_no() is None:
            self.problem.setText(self.tr("请选择单位和任务。"))
            return
        if not self.notice_text():
            self.problem.setText(self.tr("请填写督办事项。"))
            self.text.setFocus()
            return
        super().accept()
