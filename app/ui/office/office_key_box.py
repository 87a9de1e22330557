"""本办签名密钥 in the settings: the fingerprint units confirm, the registration file they
trust it from (``office key export``), and creating the key when the office has none yet.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.common.colors import ERROR_COLOR, OK_COLOR
from app.ui.common.retranslate import Retranslating
from app.ui.office.actor import current_actor
from app.ui.office.answer_texts import error_text
from app.ui.setup.key_pages import grouped_fingerprint

if TYPE_CHECKING:
    from app.models.store import Store
    from app.services.office_key import OfficeKeyInfo

log = logging.getLogger(__name__)


class OfficeKeyBox(Retranslating, QGroupBox):
    busy_changed = Signal(bool)  # the key is being made: the dialog stays open meanwhile

    def __init__(self, store: Store | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("officeKeyBox")
        self.store = store
        self.info: OfficeKeyInfo | None = None
        self.changed = False  # a key was created here
        self._job: Any = None
        self.status = QLabel()
        self.status.setObjectName("officeKeyStatus")
        self.fingerprint = QLabel()
        self.fingerprint.setObjectName("officeFingerprint")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setWeight(QFont.Weight.DemiBold)
        self.fingerprint.setFont(font)
        self.fingerprint.setStyleSheet(  # as the wizard shows a fingerprint
            "QLabel { background: #f4f7fb; border: 1px solid #c9d4e3; padding: 8px; }"
        )
        self.fingerprint.ensurePolished()  # the padding counts in the size the layout keeps
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = QPushButton()
        self.export_button.setObjectName("officeKeyExport")
        self.create_button = QPushButton()
        self.create_button.setObjectName("officeKeyCreate")
        self.result = QLabel()
        self.result.setObjectName("officeKeyResult")
        self.result.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.create_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.fingerprint)
        layout.addLayout(row)
        layout.addWidget(self.result)
        self.export_button.clicked.connect(self.export_key)
        self.create_button.clicked.connect(self.create_key)
        self.reload()
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("本办签名密钥"))
        self.export_button.setText(self.tr("导出密钥登记文件(&E)…"))
        self.export_button.setToolTip(self.tr("各成员单位凭这个文件登记本办的密钥，并电话核对指纹"))
        self.create_button.setText(self.tr("创建密钥(&K)…"))
        self._show()

    def reload(self) -> None:
        if self.store is not None:
            from app.services.office_key import office_key

            self.info = office_key(self.store)
        self._show()

    def _show(self) -> None:
        has_key = self.info is not None
        self.export_button.setVisible(has_key)
        self.create_button.setVisible(not has_key and self.store is not None)
        self.create_button.setEnabled(self._job is None)
        self.fingerprint.setVisible(has_key)
        if self.info is not None:
            self.status.setText(self.tr("指纹（各单位登记本办密钥时与您电话核对）："))
            self.fingerprint.setText(grouped_fingerprint(self.info.fingerprint))
        elif self.store is None:
            self.status.setText(self.tr("数据尚未打开。"))
        else:
            self.status.setText(self.tr("本办还没有签名密钥：方案包和反馈文件需要它签名。"))

    # -- actions -----------------------------------------------------------------------------
    def default_path(self) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(folder or Path.home()) / "质量强市办密钥登记.json"

    def export_key(self) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("导出本办密钥登记文件"),
            str(self.default_path()),
            self.tr("密钥登记文件 (*.json)"),
        )
        if not path or self.store is None:
            return None
        from app.services.office_key import export_office_key

        try:
            written = export_office_key(self.store, Path(path))
        except Exception as exc:
            log.warning("office key export failed: %s", exc)
            self._say(self.tr("导出失败：{0}").format(error_text(exc)), ok=False)
            return None
        self._say(self.tr("已导出到 {0}").format(written), ok=True)
        return Path(written)

    def create_key(self) -> None:
        from app.ui.office import passphrase_dialog

        if self.store is None or self._job is not None:
            return
        purpose = self.tr(
            "为本办创建签名密钥。请设一个密码保护密钥（至少 10 个字符），"
            "生成方案包和反馈文件时需要输入。"
        )
        passphrase = passphrase_dialog.ask_passphrase(self, purpose, confirm=True)
        if passphrase is None:
            return
        self.start_create(passphrase)

    def start_create(self, passphrase: str) -> None:
        from app.services.office_key import create_office_key
        from app.ui.common.workers import run_in_background

        assert self.store is not None
        store, actor = self.store, current_actor(self.store)
        self._say(self.tr("正在生成密钥，请稍候…"), ok=True)

        def done(info: OfficeKeyInfo) -> None:
            self._job = None
            self.busy_changed.emit(False)
            self.info, self.changed = info, True
            self._show()
            self._say(self.tr("密钥已创建。请导出登记文件交给各成员单位。"), ok=True)

        def failed(exc: BaseException) -> None:
            self._job = None
            self.busy_changed.emit(False)
            self._show()
            self._say(self.tr("未能创建密钥：{0}").format(error_text(exc)), ok=False)

        self._job = run_in_background(
            lambda: create_office_key(store, passphrase, actor), done, failed
        )
        self.busy_changed.emit(True)
        self._show()

    @property
    def busy(self) -> bool:
        return self._job is not None

    def _say(self, text: str, *, ok: bool) -> None:
        self.result.setStyleSheet(f"color: {OK_COLOR if ok else ERROR_COLOR};")
        self.result.setText(text)
