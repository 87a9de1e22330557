"""督办: the office's notices on units' tasks, their state, due date and the units' responses.

Every action is one call to ``app.services.supervision`` under the staff name of the settings:
add (a dialog), close, print (a Word 督办通知 written on the thread pool, then opened).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.ui.common.retranslate import Retranslating
from app.ui.common.table_model import RowTableModel
from app.ui.common.tables import read_only_view
from app.ui.office.actor import current_actor
from app.ui.office.answer_texts import (
    NOTICE_BACKGROUNDS,
    NOTICE_STATES,
    OVERDUE_BACKGROUND,
    error_text,
    notice_label,
)
from app.ui.office.detail_pane import local_time

if TYPE_CHECKING:
    from app.services.supervision import NoticeInfo
    from app.ui.office.pages import OfficeView

log = logging.getLogger(__name__)

(
    COL_ID,
    COL_UNIT,
    COL_TASK,
    COL_PERIOD,
    COL_TEXT,
    COL_DUE,
    COL_STATE,
    COL_RESPONSE,
    COL_RESPONDED,
    COL_CREATED,
) = range(10)
OVERDUE = "overdue"  # the state filter's extra choice: open or answered past the due date
STATE_ORDER = {"open": 0, "answered": 1, "closed": 2}


class NoticeModel(RowTableModel["NoticeInfo"]):
    def headers(self) -> list[str]:
        return [
            self.tr("编号"),
            self.tr("单位"),
            self.tr("任务"),
            self.tr("报告期"),
            self.tr("督办事项"),
            self.tr("期限"),
            self.tr("状态"),
            self.tr("单位答复"),
            self.tr("答复时间"),
            self.tr("发出"),
        ]

    def text(self, row: NoticeInfo, column: int) -> str:
        texts: dict[int, Callable[[], str]] = {
            COL_ID: lambda: str(row.id),
            COL_UNIT: lambda: row.unit_name,
            COL_TASK: lambda: f"{row.task}. {row.task_title}",
            COL_PERIOD: lambda: row.period_code or "",
            COL_TEXT: lambda: row.text.replace("\n", " "),
            COL_DUE: lambda: row.due.isoformat(),
            COL_STATE: lambda: notice_label(row.state, row.overdue),
            COL_RESPONSE: lambda: (row.response or "").replace("\n", " "),
            COL_RESPONDED: lambda: local_time(row.responded_at) if row.responded_at else "",
            COL_CREATED: lambda: f"{local_time(row.created_at)} {row.created_by}".strip(),
        }
        return texts[column]() if column in texts else ""

    def tooltip(self, row: NoticeInfo, column: int) -> str | None:
        if column == COL_TEXT:
            return row.text
        if column == COL_RESPONSE:
            return row.response or None
        return None

    def background(self, row: NoticeInfo, column: int) -> str | None:
        if column not in (COL_STATE, COL_DUE):
            return None
        if row.overdue and row.state != "closed":
            return OVERDUE_BACKGROUND
        return NOTICE_BACKGROUNDS.get(row.state) if column == COL_STATE else None


class SupervisePage(Retranslating, QWidget):
    follows_period = False  # every notice, whatever the period; the period only fills "add"
    changed = Signal()  # a notice was added or closed (the audit page is stale)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supervisePage")
        self.today: Callable[[], date] = date.today
        self._data: OfficeView | None = None
        self._all: list[NoticeInfo] = []
        self._print_job: Any = None
        self.model = NoticeModel(self)
        self.table = read_only_view("noticeTable", self.model, COL_TEXT, single_selection=True)
        self.table.setWordWrap(False)
        self.detail = QTextBrowser()
        self.detail.setObjectName("noticeDetail")
        self._build()
        self.retranslate()
        self.table.selectionModel().currentRowChanged.connect(self._show_current)

    def _build(self) -> None:
        self.state_filter = QComboBox()
        self.state_filter.setObjectName("noticeStateFilter")
        self.unit_filter = QComboBox()
        self.unit_filter.setObjectName("noticeUnitFilter")
        self.state_label, self.unit_label = QLabel(), QLabel()
        self.state_label.setBuddy(self.state_filter)
        self.unit_label.setBuddy(self.unit_filter)
        self.add_button = QPushButton()
        self.add_button.setObjectName("noticeAdd")
        self.close_button = QPushButton()
        self.close_button.setObjectName("noticeClose")
        self.print_button = QPushButton()
        self.print_button.setObjectName("noticePrint")
        # Ctrl+N / Ctrl+P while the page is on screen (a hidden page's shortcuts sleep); the
        # buttons' own shortcuts are their Alt mnemonics.
        for keys, button in (("Ctrl+N", self.add_button), ("Ctrl+P", self.print_button)):
            QShortcut(QKeySequence(keys), self, button.click)
        self.count = QLabel()
        self.count.setObjectName("noticeCount")
        bar = QHBoxLayout()
        for w in (self.state_label, self.state_filter, self.unit_label, self.unit_filter):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.count)
        for b in (self.add_button, self.close_button, self.print_button):
            bar.addWidget(b)
        self.splitter = QSplitter()
        self.splitter.setOrientation(self.splitter.orientation().Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        self.state_filter.currentIndexChanged.connect(self._filter)
        self.unit_filter.currentIndexChanged.connect(self._filter)
        self.add_button.clicked.connect(lambda: self.add_notice())
        self.close_button.clicked.connect(self.close_current)
        self.print_button.clicked.connect(self.print_current)

    def retranslate(self) -> None:
        self.state_label.setText(self.tr("状态(&S)"))
        self.unit_label.setText(self.tr("单位(&U)"))
        self.add_button.setText(self.tr("新增督办(&N)…"))
        self.add_button.setToolTip(self.tr("对一个单位的一项任务发出督办（Ctrl+N）"))
        self.close_button.setText(self.tr("办结(&C)"))
        self.print_button.setText(self.tr("打印通知(&P)…"))
        self.print_button.setToolTip(self.tr("生成督办通知 Word 文件并打开（Ctrl+P）"))
        self.model.retranslate()
        self._fill_filters()
        self._update_count()
        self._show_current()

    # -- data --------------------------------------------------------------------------------
    def reload(self, view: OfficeView) -> None:
        from app.services.supervision import list_notices

        self._data = view
        self._all = list_notices(view.store, today=self.today())
        self._fill_filters()
        self._filter()

    def _fill_filters(self) -> None:
        state, unit = self.state_filter.currentData(), self.unit_filter.currentData()
        for combo in (self.state_filter, self.unit_filter):
            combo.blockSignals(True)
            combo.clear()
        self.state_filter.addItem(self.tr("全部"), None)
        for s in NOTICE_STATES:
            self.state_filter.addItem(notice_label(s), s)
        self.state_filter.addItem(self.tr("已逾期"), OVERDUE)
        self.unit_filter.addItem(self.tr("全部单位"), None)
        units = sorted({(n.unit_code, n.unit_name) for n in self._all}, key=lambda u: u[1])
        for code, name in units:
            self.unit_filter.addItem(name, code)
        for combo, value in ((self.state_filter, state), (self.unit_filter, unit)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)

    def _filter(self, *_args: Any) -> None:
        state, unit = self.state_filter.currentData(), self.unit_filter.currentData()
        rows = [
            n
            for n in self._all
            if (unit is None or n.unit_code == unit)
            and (
                state is None
                or (state == OVERDUE and n.overdue and n.state != "closed")
                or n.state == state
            )
        ]
        rows.sort(key=lambda n: (STATE_ORDER.get(n.state, 9), not n.overdue, n.due, n.id))
        self.model.set_rows(rows)
        self._update_count()
        self._show_current()

    def _update_count(self) -> None:
        open_ = sum(1 for n in self._all if n.state == "open")
        late = sum(1 for n in self._all if n.overdue and n.state != "closed")
        self.count.setText(
            self.tr("共 {0} 条，待答复 {1}，已逾期 {2}").format(len(self._all), open_, late)
        )

    def current(self) -> NoticeInfo | None:
        index = self.table.currentIndex()
        rows = self.model.rows
        return rows[index.row()] if index.isValid() and index.row() < len(rows) else None

    def select_notice(self, notice_id: int) -> bool:
        for row, n in enumerate(self.model.rows):
            if n.id == notice_id:
                self.table.selectRow(row)
                self.table.setCurrentIndex(self.model.index(row, COL_TEXT))
                return True
        return False

    def _show_current(self, *_args: Any) -> None:
        n = self.current()
        self.close_button.setEnabled(n is not None and n.state != "closed")
        self.print_button.setEnabled(n is not None)
        self.add_button.setEnabled(self._data is not None)
        if n is None:
            self.detail.setHtml(
                "<p style='color:#6b7280'>"
                + escape(self.tr("选中一条督办，这里显示督办事项和单位的答复。"))
                + "</p>"
            )
            return
        self.detail.setHtml(self.notice_html(n))

    def notice_html(self, n: NoticeInfo) -> str:
        head = f"{escape(n.unit_name)} · {escape(str(n.task))}. {escape(n.task_title)}"
        state = notice_label(n.state, n.overdue)
        lines = [
            f"<h4>{head} · {escape(state)}</h4>",
            "<p><b>"
            + escape(self.tr("督办事项："))
            + "</b>"
            + escape(n.text).replace("\n", "<br>")
            + "</p>",
            "<p>"
            + escape(
                self.tr("期限：{0}　发出：{1} {2}").format(
                    n.due.isoformat(), local_time(n.created_at), n.created_by
                )
            )
            + "</p>",
        ]
        if n.response:
            when = local_time(n.responded_at) if n.responded_at else ""
            lines.append(
                "<p><b>"
                + escape(self.tr("单位答复（{0}）：").format(when))
                + "</b>"
                + escape(n.response).replace("\n", "<br>")
                + "</p>"
            )
        else:
            lines.append("<p>" + escape(self.tr("单位尚未答复。")) + "</p>")
        if n.closed_at is not None:
            lines.append(
                "<p>"
                + escape(
                    self.tr("已于 {0} 由 {1} 办结。").format(
                        local_time(n.closed_at), n.closed_by or ""
                    )
                )
                + "</p>"
            )
        return "".join(lines)

    # -- actions -----------------------------------------------------------------------------
    def add_notice(self, unit: str | None = None, task: int | None = None) -> NoticeInfo | None:
        from app.services.supervision import add_notice
        from app.ui.office.notice_dialog import NoticeDialog

        if self._data is None:
            return None
        view = self._data
        dialog = NoticeDialog(
            view.catalog,
            today=self.today(),
            period=view.period or None,
            unit=unit,
            task=task,
            parent=self,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        try:
            notice = add_notice(
                view.store,
                unit_code=str(dialog.unit_code()),
                task=str(dialog.task_no()),
                due=dialog.due_date(),
                text=dialog.notice_text(),
                actor=current_actor(view.store),
                period_code=dialog.period_code(),
                plan_code=view.catalog.code,
            )
        except Exception as exc:
            self._failed(self.tr("未能发出督办"), exc)
            return None
        self.reload(view)
        self.select_notice(notice.id)
        self.changed.emit()
        return notice

    def close_current(self) -> NoticeInfo | None:
        from app.services.supervision import close_notice

        n = self.current()
        if n is None or self._data is None or n.state == "closed":
            return None
        answer = QMessageBox.question(
            self,
            self.tr("办结督办"),
            self.tr("办结 {0} 关于任务 {1} 的督办？").format(n.unit_name, n.task),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        try:
            closed = close_notice(self._data.store, n.id, current_actor(self._data.store))
        except Exception as exc:
            self._failed(self.tr("未能办结督办"), exc)
            return None
        self.reload(self._data)
        self.select_notice(closed.id)
        self.changed.emit()
        return closed

    def print_current(self) -> None:
        n = self.current()
        if n is None or self._data is None or self._print_job is not None:
            return
        name = self.tr("督办通知_{0}_{1}.docx").format(n.unit_name, n.id)
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("保存督办通知"), name, self.tr("Word 文档 (*.docx)")
        )
        if path:
            self.write_notice(n.id, Path(path))

    def write_notice(
        self, notice_id: int, out: Path, on_done: Callable[[Path], None] | None = None
    ) -> None:
        """Write the 督办通知 on the thread pool, then open it (Word prints it)."""
        from app.services.supervision import write_notice_document
        from app.ui.common.workers import run_in_background

        assert self._data is not None
        store = self._data.store
        out = out if out.suffix.lower() == ".docx" else out.with_suffix(".docx")
        self.print_button.setEnabled(False)

        def done(written: Path) -> None:
            self._print_job = None
            self._show_current()
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(written)))
            if on_done is not None:
                on_done(written)

        def failed(exc: BaseException) -> None:
            self._print_job = None
            self._show_current()
            self._failed(self.tr("未能生成督办通知"), exc)

        self._print_job = run_in_background(
            lambda: write_notice_document(store, notice_id, out), done, failed
        )

    def _failed(self, title: str, exc: BaseException) -> None:
        log.warning("%s: %s", title, exc)
        QMessageBox.warning(self, title, error_text(exc))
