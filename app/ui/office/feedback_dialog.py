"""文件 → 生成反馈文件: one signed feedback file per unit that has news for a period.

The office chooses the period and a folder and types the office key's passphrase; the files
are written on the thread pool (``app.services.feedback.write_feedback``) with progress and a
cancel button, and the table lists, per unit, the file written and what it tells the unit.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QStandardPaths, QThreadPool, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.common.colors import ERROR_COLOR, OK_COLOR
from app.ui.common.retranslate import Retranslating
from app.ui.common.table_model import RowTableModel
from app.ui.common.tables import read_only_view
from app.ui.office.actor import current_actor
from app.ui.office.answer_texts import error_text, news_label

if TYPE_CHECKING:
    from app.domain.catalog import Catalog
    from app.models.store import Store
    from app.services.feedback import FeedbackWritten

log = logging.getLogger(__name__)

COL_UNIT, COL_FILE, COL_SEQUENCE, COL_NEWS = range(4)
_RUNNING: set[FeedbackJob] = set()  # a job outlives a dialog closed with its window


class FeedbackSignals(QObject):
    progress = Signal(int, int, str)  # done, total, unit code
    finished = Signal(object)  # list[FeedbackWritten]
    failed = Signal(object)  # the exception


class FeedbackJob(QRunnable):
    """Writes the period's feedback files; holds no widget, reports through queued signals.
    Cancel stops before the next unit: every file written is whole (atomic) and recorded."""

    def __init__(
        self,
        store: Store,
        period: str,
        folder: Path,
        passphrase: str,
        actor: str,
        plan: str | None = None,
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the dialog keeps it until it reports
        self.store, self.period, self.folder, self.plan = store, period, folder, plan
        self._passphrase, self.actor = passphrase, actor
        self.signals = FeedbackSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        from app.services.feedback import write_feedback

        try:
            written = write_feedback(
                self.store,
                self.period,
                self.folder,
                self._passphrase,
                self.actor,
                self.plan,
                on_progress=lambda done, total, unit: self.signals.progress.emit(done, total, unit),
                cancelled=self._cancel.is_set,
            )
        except BaseException as exc:  # one line for the office; the traceback to the log
            log.exception("writing the feedback files of %s failed", self.period)
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(list(written))
        finally:
            self._passphrase = ""
            _RUNNING.discard(self)


class WrittenModel(RowTableModel["FeedbackWritten"]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.names: dict[str, str] = {}

    def headers(self) -> list[str]:
        return [self.tr("单位"), self.tr("文件"), self.tr("序号"), self.tr("内容")]

    def text(self, row: FeedbackWritten, column: int) -> str:
        if column == COL_UNIT:
            return self.names.get(row.unit_code, row.unit_code)
        if column == COL_FILE:
            return Path(row.path).name
        if column == COL_SEQUENCE:
            return str(row.sequence)
        if column == COL_NEWS:
            return "；".join(news_label(n) for n in row.news)
        return ""

    def tooltip(self, row: FeedbackWritten, column: int) -> str | None:
        if column == COL_FILE:
            return f"{row.path}\nSHA-256 {row.sha256}"
        return None


class FeedbackDialog(Retranslating, QDialog):
    def __init__(
        self, store: Store, catalog: Catalog, period: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("feedbackDialog")
        self.store, self.catalog = store, catalog
        self.job: FeedbackJob | None = None
        self.written: list[FeedbackWritten] | None = None
        self.period = QComboBox()
        self.period.setObjectName("feedbackPeriod")
        for p in catalog.periods:
            self.period.addItem(p.title or p.code, p.code)
        self.period.setCurrentIndex(max(0, self.period.findData(period)))
        self.folder = QLineEdit(self._default_folder())
        self.folder.setObjectName("feedbackFolder")
        self.browse = QPushButton()
        self.browse.setObjectName("feedbackBrowse")
        self.write_button = QPushButton()
        self.write_button.setObjectName("feedbackWrite")
        self.write_button.setDefault(True)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("feedbackCancel")
        self.cancel_button.setEnabled(False)
        self.close_button = QPushButton()
        self.progress = QProgressBar()
        self.progress.setObjectName("feedbackProgress")
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("feedbackStatus")
        self.status.setWordWrap(True)
        self.model = WrittenModel(self)
        self.model.names = {u.id: u.name for u in catalog.units}
        self.table = read_only_view("feedbackTable", self.model, COL_NEWS)
        self._layout()
        self.browse.clicked.connect(self.choose_folder)
        self.write_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.close)
        self.resize(820, 520)
        self.retranslate()

    def _layout(self) -> None:
        self.period_label, self.folder_label = QLabel(), QLabel()
        self.period_label.setBuddy(self.period)
        self.folder_label.setBuddy(self.folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.period_label, self.period)
        form.addRow(self.folder_label, folder_row)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        for b in (self.write_button, self.cancel_button, self.close_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("生成反馈文件"))
        self.intro.setText(
            self.tr(
                "为本报告期有新消息的每个单位生成一个带本办签名的反馈文件：受理回执、审核意见、"
                "督办事项和工作方案修订。把文件交给各单位，单位导入后即可看到。"
            )
        )
        self.period_label.setText(self.tr("报告期(&P)："))
        self.folder_label.setText(self.tr("保存到文件夹(&F)："))
        self.browse.setText(self.tr("浏览(&B)…"))
        self.write_button.setText(self.tr("生成(&G)"))
        self.cancel_button.setText(self.tr("取消(&C)"))
        self.close_button.setText(self.tr("关闭"))
        self.model.retranslate()

    @staticmethod
    def _default_folder() -> str:
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return str(Path(docs or Path.home()) / "反馈文件")

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("选择保存反馈文件的文件夹"), self.folder.text()
        )
        if folder:
            self.folder.setText(folder)

    def period_code(self) -> str:
        return str(self.period.currentData() or "")

    # -- the job -----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.job is not None

    def start(self) -> FeedbackJob | None:
        from app.ui.common import passphrase_dialog

        folder = self.folder.text().strip()
        if self.busy or not folder or not self.period_code():
            return None
        purpose = self.tr("反馈文件用本办的签名密钥签名，请输入密钥密码。")
        passphrase = passphrase_dialog.ask_passphrase(self, purpose)
        if passphrase is None:
            return None
        return self.run_job(Path(folder), passphrase)

    def run_job(
        self, folder: Path, passphrase: str, pool: QThreadPool | None = None
    ) -> FeedbackJob:
        period, plan, actor = self.period_code(), self.catalog.code, current_actor(self.store)
        job = FeedbackJob(self.store, period, folder, passphrase, actor, plan)
        job.signals.progress.connect(self._progress)
        job.signals.finished.connect(self._finished)
        job.signals.failed.connect(self._failed)
        self.job, self.written = job, None
        self.model.set_rows([])
        self._set_busy(True)
        self.progress.setRange(0, 0)  # until the first unit is counted
        self._say(self.tr("正在生成反馈文件…"), ok=True)
        _RUNNING.add(job)
        (pool or QThreadPool.globalInstance()).start(job)
        return job

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self._say(self.tr("正在取消：写完当前单位的文件后停止…"), ok=True)

    def _set_busy(self, busy: bool) -> None:
        for w in (self.period, self.folder, self.browse, self.write_button, self.close_button):
            w.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.progress.setVisible(busy)

    def _progress(self, done: int, total: int, unit: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        name = self.model.names.get(unit, unit)
        self._say(self.tr("正在生成反馈文件：{0}（{1}/{2}）").format(name, done, total), ok=True)

    def _finished(self, written: list[FeedbackWritten]) -> None:
        cancelled = self.job is not None and self.job.cancelled
        self.job, self.written = None, written
        self._set_busy(False)
        self.model.set_rows(written)
        folder = self.folder.text().strip()
        if cancelled:
            text = self.tr("已取消：已生成 {0} 个文件，保存在 {1}。").format(len(written), folder)
        elif written:
            text = self.tr("已生成 {0} 个单位的反馈文件，保存在 {1}。").format(len(written), folder)
        else:
            text = self.tr("本报告期没有需要反馈的新消息，没有生成文件。")
        self._say(text, ok=True)

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        self._set_busy(False)
        self._say(self.tr("未能生成反馈文件：{0}").format(error_text(exc)), ok=False)

    def _say(self, text: str, *, ok: bool) -> None:
        self.status.setStyleSheet(f"color: {OK_COLOR if ok else ERROR_COLOR};")
        self.status.setText(text)

    def closeEvent(self, event: Any) -> None:
        if self.busy:  # the job finishes its current unit; the dialog waits for it
            event.ignore()
            self.cancel()
            return
        super().closeEvent(event)


def feedback_action(window: Any) -> QAction:
    """生成反馈文件… (Ctrl+Shift+F) for the office window: disabled until its store is open."""
    action = QAction(window)
    action.setObjectName("feedbackAction")
    action.setShortcut(QKeySequence("Ctrl+Shift+F"))
    action.triggered.connect(lambda: open_feedback_dialog(window))
    return action


def retranslate_feedback_action(action: QAction) -> None:
    action.setText(QCoreApplication.translate("OfficeWindow", "生成反馈文件…"))
    action.setToolTip(
        QCoreApplication.translate(
            "OfficeWindow", "为各单位生成带签名的反馈文件：回执、审核意见、督办（Ctrl+Shift+F）"
        )
    )


def open_feedback_dialog(window: Any) -> FeedbackDialog | None:
    if window.store is None or window.catalog is None:
        return None
    from PySide6.QtCore import Qt

    from app.ui.office.window import PAGE_AUDIT

    dialog = FeedbackDialog(window.store, window.catalog, window.period, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(lambda _r: window._stale({PAGE_AUDIT}))  # feedback_issue rows
    dialog.show()
    return dialog
