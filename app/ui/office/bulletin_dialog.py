"""生成通报: choose the kind, the period and the date, read the bulletin, save it as .docx, open it.

The preview is the bulletin's own text (``bulletin_html`` of the same ``OfficialDocument``
the Word file is written from), in a read-only browser. Composing (store queries) and
writing run on the thread pool with a busy bar; what is saved is exactly what is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.ui.common.retranslate import Retranslating
from app.ui.common.workers import run_in_background

if TYPE_CHECKING:
    from app.domain.catalog import Catalog
    from app.io.bulletin_model import OfficialDocument
    from app.models.store import Store

KINDS = ("progress", "assessment")


class BulletinDialog(Retranslating, QDialog):
    saved = Signal(object)  # the DocxResult of a file written

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        parent: QWidget | None = None,
        *,
        period: str | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bulletinDialog")
        self.store, self.catalog = store, catalog
        self.document: OfficialDocument | None = None
        self.saved_path: Path | None = None
        self._job: Any = None
        self._again = False  # the choice changed while a preview was being made
        self._build(today())
        self.retranslate()
        self._fill_periods(period)
        self.resize(900, 760)
        self.refresh()

    def _build(self, today: date) -> None:
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("bulletinKind")
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("bulletinPeriod")
        self.date_edit = QDateEdit(QDate(today.year, today.month, today.day))
        self.date_edit.setObjectName("bulletinDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.kind_label, self.period_label, self.date_label = QLabel(), QLabel(), QLabel()
        for label, field in (
            (self.kind_label, self.kind_combo),
            (self.period_label, self.period_combo),
            (self.date_label, self.date_edit),
        ):
            label.setBuddy(field)
        form = QFormLayout()
        form.addRow(self.kind_label, self.kind_combo)
        form.addRow(self.period_label, self.period_combo)
        form.addRow(self.date_label, self.date_edit)
        self.preview = QTextBrowser()
        self.preview.setObjectName("bulletinPreview")
        self.preview.setReadOnly(True)
        self.preview.setOpenLinks(False)
        self.progress = QProgressBar()
        self.progress.setObjectName("bulletinProgress")
        self.progress.setRange(0, 0)  # busy: composing and writing take well under 2 s
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.message = QLabel()
        self.message.setObjectName("bulletinMessage")
        self.message.setWordWrap(True)
        self.save_button = QPushButton()
        self.save_button.setObjectName("bulletinSave")
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.open_button = QPushButton()
        self.open_button.setObjectName("bulletinOpen")
        self.open_button.setEnabled(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.choose_file)
        self.open_button.clicked.connect(self.open_saved)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.kind_combo.currentIndexChanged.connect(self._kind_chosen)
        self.period_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.date_edit.dateChanged.connect(lambda _d: self.refresh())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("生成通报"))
        self.kind_label.setText(self.tr("通报类型(&K)："))
        self.period_label.setText(self.tr("报告期(&P)："))
        self.date_label.setText(self.tr("成文日期(&D)："))
        current = self.kind_combo.currentIndex()
        self.kind_combo.blockSignals(True)
        self.kind_combo.clear()
        self.kind_combo.addItem(self.tr("工作进展情况通报"), "progress")
        self.kind_combo.addItem(self.tr("年度考核结果通报"), "assessment")
        self.kind_combo.setCurrentIndex(max(0, current))
        self.kind_combo.blockSignals(False)
        self.save_button.setText(self.tr("另存为 Word 文件(&S)…"))
        self.open_button.setText(self.tr("打开(&O)"))
        self.preview.setPlaceholderText(self.tr("正在生成通报…"))

    # -- choices ---------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    @property
    def period(self) -> str:
        return str(self.period_combo.currentData())

    @property
    def issued_on(self) -> date:
        d = self.date_edit.date()
        return date(d.year(), d.month(), d.day())

    def _fill_periods(self, wanted: str | None = None) -> None:
        annual_only = self.kind == "assessment"
        keep = wanted or (self.period_combo.currentData() if self.period_combo.count() else None)
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        for p in self.catalog.periods:
            if not annual_only or p.kind == "annual":
                self.period_combo.addItem(p.title or p.code, p.code)
        index = self.period_combo.findData(keep)
        self.period_combo.setCurrentIndex(index if index >= 0 else self.period_combo.count() - 1)
        self.period_combo.blockSignals(False)

    def set_choice(self, kind: str, period: str, issued_on: date | None = None) -> None:
        """Choose as a user would (tests, and the window's shortcuts)."""
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
        self.period_combo.setCurrentIndex(self.period_combo.findData(period))
        if issued_on is not None:
            self.date_edit.setDate(QDate(issued_on.year, issued_on.month, issued_on.day))

    def _kind_chosen(self, _index: int) -> None:
        self._fill_periods()
        self.refresh()

    # -- the preview -----------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._job is not None

    def refresh(self) -> None:
        """Compose the bulletin for the current choice on the thread pool, then show it."""
        if self.busy:
            self._again = True
            return
        from app.services.bulletin import build_bulletin

        store, catalog = self.store, self.catalog
        kind, period, issued_on = self.kind, self.period, self.issued_on
        self.document = None
        self.save_button.setEnabled(False)
        self._start(self.tr("正在生成通报…"))
        self._job = run_in_background(
            lambda: build_bulletin(store, catalog, kind, period, issued_on=issued_on),
            self._shown,
            self._failed,
        )

    def _start(self, text: str) -> None:
        self.progress.show()
        self.message.setText(text)

    def _finish(self) -> bool:
        """Job over; True when the choice changed meanwhile (a new preview is started)."""
        self._job = None
        self.progress.hide()
        if self._again:
            self._again = False
            self.refresh()
            return True
        return False

    def _shown(self, document: OfficialDocument) -> None:
        if self._finish():
            return
        from app.io.bulletin_html import to_html

        self.document = document
        self.preview.setHtml(to_html(document))
        self.save_button.setEnabled(True)
        self.message.setText(document.title)

    def _failed(self, exc: BaseException) -> None:
        from app.domain.messages import Refusal

        if self._finish():
            return
        reason = exc.render() if isinstance(exc, Refusal) else (str(exc) or type(exc).__name__)
        self.preview.clear()
        self.message.setText(self.tr("无法生成通报：{0}").format(reason))

    # -- saving and opening ----------------------------------------------------------------
    def default_name(self) -> str:
        if self.kind == "assessment":
            return self.tr("{0}年度考核结果通报.docx").format(self.period)
        return self.tr("{0}工作进展情况通报.docx").format(self.period)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("保存通报"), self.default_name(), self.tr("Word 文档 (*.docx)")
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, out: Path) -> None:
        """Write the document shown on the thread pool (atomically, as the CLI does)."""
        if self.document is None or self.busy:
            return
        from app.io.bulletin_docx import write_docx

        document = self.document
        out = out if out.suffix.lower() == ".docx" else out.with_suffix(".docx")
        self.save_button.setEnabled(False)
        self._start(self.tr("正在保存…"))

        def write() -> Any:
            return write_docx(out, document)

        self._job = run_in_background(write, self._saved, self._not_saved)

    def _saved(self, result: Any) -> None:
        self._job = None
        self.progress.hide()
        self.saved_path = Path(result.path)
        self.save_button.setEnabled(True)
        self.open_button.setEnabled(True)
        self.message.setText(self.tr("已保存：{0}").format(result.path))
        self.saved.emit(result)

    def _not_saved(self, exc: BaseException) -> None:
        self._job = None
        self.progress.hide()
        self.save_button.setEnabled(True)
        if not isinstance(exc, OSError):  # not about the destination (docx_build_failed)
            from app.ui.office.answer_texts import error_text

            self.message.setText(error_text(exc))
            return
        reason = exc.strerror or str(exc) or type(exc).__name__
        self.message.setText(self.tr("无法保存：{0}（文件是否正在 Word 中打开？）").format(reason))

    def open_saved(self) -> bool:
        if self.saved_path is None:
            return False
        return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.saved_path))))


# -- the office window's action --------------------------------------------------------------
def bulletin_action(window: Any) -> QAction:
    """生成通报… (Ctrl+B) for the office window: disabled until its store is open."""
    action = QAction(window)
    action.setObjectName("bulletinAction")
    action.setShortcut(QKeySequence("Ctrl+B"))
    action.triggered.connect(lambda: open_bulletin_dialog(window))
    return action


def retranslate_bulletin_action(action: QAction) -> None:
    action.setText(QCoreApplication.translate("OfficeWindow", "生成通报…"))
    action.setToolTip(
        QCoreApplication.translate(
            "OfficeWindow", "生成工作进展情况或年度考核结果通报（Word，Ctrl+B）"
        )
    )


def open_bulletin_dialog(window: Any) -> BulletinDialog | None:
    """The dialog over the window's store, on the window's period."""
    if window.store is None or window.catalog is None:
        return None
    dialog = BulletinDialog(
        window.store, window.catalog, window, period=window.period, today=window.today
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
