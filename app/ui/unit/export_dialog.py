"""Export a period: choose the file, type the passphrase, sign and write off the UI thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
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
from app.ui.common.help_menu import open_folder
from app.ui.common.workers import run_in_background


def default_folder() -> Path:
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs else Path.home()


class ExportDialog(QDialog):
    """Signs and writes one period's submission; the service does the work on a pool thread.

    The dialog stays open on a wrong passphrase or an unwritable target, with the reason
    beside the field, so the clerk can correct it without starting over.
    """

    def __init__(
        self,
        store: Any,
        catalog: Any,
        period: str,
        unit_short_name: str,
        next_version: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        from app.services.export import default_file_name

        self.setObjectName("exportDialog")
        self.store, self.catalog, self.period = store, catalog, period
        self.result_info: Any = None
        info = catalog.period(period)
        self.setWindowTitle(self.tr("导出报送文件"))
        intro = QLabel(
            self.tr(
                "将导出 {title}（{code}）第 {v} 版报送文件，并用本单位的签名密钥签名。"
                "文件导出后请勿修改，修改会使签名失效。"
            ).format(title=info.title or period, code=period, v=next_version)
        )
        intro.setWordWrap(True)
        path = default_folder() / default_file_name(unit_short_name, period, next_version)
        form = self._build_form(path)
        self.message = QLabel()
        self.message.setObjectName("exportMessage")
        self.message.setWordWrap(True)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # signing takes about a second: a busy bar, not a percentage
        self.busy.setTextVisible(False)
        self.busy.hide()
        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.busy)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(640, self.sizeHint().height())
        self.passphrase.setFocus()

    def _build_form(self, path: Path) -> QFormLayout:
        """Where to save (with 浏览) and the key's passphrase."""
        self.path_edit = QLineEdit(str(path))
        self.path_edit.setObjectName("exportPath")
        browse = QPushButton(self.tr("浏览(&B)…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("exportPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.returnPressed.connect(self.start)
        form = QFormLayout()
        form.addRow(self.tr("保存到(&S)："), row)
        form.addRow(self.tr("密钥密码(&P)："), self.passphrase)
        return form

    def _build_buttons(self) -> None:
        """签名并导出, then (once written) 打开所在文件夹; Cancel becomes 关闭."""
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            self.tr("签名并导出(&E)"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("exportButton")
        self.open_button = self.buttons.addButton(
            self.tr("打开所在文件夹(&O)"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.hide()
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.clicked.disconnect()
        self.export_button.clicked.connect(self.start)
        self.open_button.clicked.connect(self._open_folder)
        self.close_button.clicked.connect(self.reject)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("保存报送文件"), self.path_edit.text(), self.tr("Excel 文件 (*.xlsx)")
        )
        if path:
            self.path_edit.setText(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def _say(self, text: str, color: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {color};")

    def start(self) -> None:
        if not self.export_button.isEnabled():
            return
        path = Path(self.path_edit.text().strip())
        passphrase = self.passphrase.text()
        if not passphrase:
            self._say(self.tr("请输入密钥密码。"), ERROR_COLOR)
            return
        from app.services.export import export_period

        store, catalog, period = self.store, self.catalog, self.period
        self.export_button.setEnabled(False)
        self.close_button.setEnabled(False)  # the file is being written: no half-closed state
        self.busy.show()
        self._say(self.tr("正在签名并写入文件…"), OK_COLOR)
        run_in_background(
            lambda: export_period(store, catalog, period, path, passphrase),
            self._done,
            self._failed,
        )

    def _done(self, result: Any) -> None:
        self.result_info = result
        self.busy.hide()
        self.passphrase.clear()
        self.close_button.setEnabled(True)
        self.close_button.setText(self.tr("关闭"))
        self.open_button.show()
        # This version is written: one dialog, one export (the next one is a new version).
        self.passphrase.setEnabled(False)
        self.path_edit.setEnabled(False)
        self.close_button.setFocus()
        self._say(
            self.tr("已导出第 {v} 版：{path}\nSHA-256 {sha}…\n请将此文件报送市质量强市办。").format(
                v=result.version, path=result.path, sha=result.file_sha256[:16]
            ),
            OK_COLOR,
        )

    def _failed(self, exc: BaseException) -> None:
        from app.io.keys import WrongPassphrase
        from app.services.export import ExportRefused

        self.busy.hide()
        self.export_button.setEnabled(True)
        self.close_button.setEnabled(True)
        if isinstance(exc, WrongPassphrase):
            self._say(self.tr("密码不正确，请重新输入。"), ERROR_COLOR)
            self.passphrase.selectAll()
            self.passphrase.setFocus()
        elif isinstance(exc, ExportRefused):
            self._say(
                self.tr("本期还有 {k} 个问题需要处理，未导出。").format(k=len(exc.errors)),
                ERROR_COLOR,
            )
        else:
            self._say(self.tr("导出失败：{reason}").format(reason=str(exc)), ERROR_COLOR)

    def _open_folder(self) -> None:
        if self.result_info is not None:
            open_folder(Path(self.result_info.path).parent)


def make_export_handler(window: QWidget, store: Any, catalog: Any, profile: Any) -> Any:
    """The MainWindow.export_handler: opens the dialog for the period, modal. ``catalog`` may
    be a callable giving the plan shown at the time (the clerk can switch plans)."""

    def handler(period: str) -> None:
        from app.services.entries import EntryService

        current = catalog() if callable(catalog) else catalog
        state = EntryService(store, current, profile.unit_id).period_state(period)
        dialog = ExportDialog(
            store, current, period, profile.short_name, (state.version or 0) + 1, window
        )
        dialog.exec()

    return handler
