"""本办签名密钥 in the settings: the fingerprint units confirm, the registration file they
trust it from (``office key export``), creating the key when the office has none yet, and
changing it (``office key rotate``): the old key signs a statement naming the new one, which
every later package carries, so units follow without registering again; the statement can
also be written to a file for a unit that receives no package soon. A key whose passphrase is
lost, or that may have leaked, is replaced without a statement (``office key replace``): every
unit then trusts the new key again from its registration file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
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
from app.ui.common.confirm import confirmed
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
        self.changed = False  # a key was created or changed here (the audit log has a row)
        self.has_statement = False  # the key in force was made by a rotation
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
        self.rotate_button = QPushButton()
        self.rotate_button.setObjectName("officeKeyRotate")
        self.statement_button = QPushButton()
        self.statement_button.setObjectName("officeKeyStatement")
        self.replace_button = QPushButton()
        self.replace_button.setObjectName("officeKeyReplace")
        self.result = QLabel()
        self.result.setObjectName("officeKeyResult")
        self.result.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.create_button)
        row.addWidget(self.rotate_button)
        row.addWidget(self.statement_button)
        row.addWidget(self.replace_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.fingerprint)
        layout.addLayout(row)
        layout.addWidget(self.result)
        self.export_button.clicked.connect(self.export_key)
        self.create_button.clicked.connect(self.create_key)
        self.rotate_button.clicked.connect(self.rotate_key)
        self.statement_button.clicked.connect(self.export_statement)
        self.replace_button.clicked.connect(self.replace_key)
        self.reload()
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("本办签名密钥"))
        self.export_button.setText(self.tr("导出密钥登记文件(&E)…"))
        self.export_button.setToolTip(self.tr("各成员单位凭这个文件登记本办的密钥，并电话核对指纹"))
        self.create_button.setText(self.tr("创建密钥(&K)…"))
        self.rotate_button.setText(self.tr("更换密钥(&R)…"))
        self.rotate_button.setToolTip(
            self.tr("生成新密钥，由旧密钥签名声明；以后的方案包和反馈文件都带着这份声明")
        )
        self.statement_button.setText(self.tr("导出更换声明(&S)…"))
        self.statement_button.setToolTip(
            self.tr("给近期收不到方案包或反馈文件的单位：导入这份声明即改信新密钥")
        )
        self.replace_button.setText(self.tr("密码遗失或密钥泄露(&L)…"))
        self.replace_button.setToolTip(
            self.tr("启用新密钥、旧密钥作废，不签署更换声明：各单位须重新登记新密钥")
        )
        self._show()

    def reload(self) -> None:
        if self.store is not None:
            from app.services.office_key import latest_rotation_statement, office_key

            self.info = office_key(self.store)
            self.has_statement = latest_rotation_statement(self.store) is not None
        self._show()

    def _show(self) -> None:
        has_key = self.info is not None
        self.export_button.setVisible(has_key)
        self.create_button.setVisible(not has_key and self.store is not None)
        self.create_button.setEnabled(self._job is None)
        self.rotate_button.setVisible(has_key)
        self.rotate_button.setEnabled(self._job is None)
        self.statement_button.setVisible(has_key and self.has_statement)
        self.replace_button.setVisible(has_key)
        self.replace_button.setEnabled(self._job is None)
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
        from app.ui.common import passphrase_dialog

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

        assert self.store is not None
        store, actor = self.store, current_actor(self.store)
        self._say(self.tr("正在生成密钥，请稍候…"), ok=True)
        self._start(
            lambda: create_office_key(store, passphrase, actor),
            lambda: self.tr("密钥已创建。请导出登记文件交给各成员单位。"),
            lambda error: self.tr("未能创建密钥：{0}").format(error),
        )

    def rotate_key(self) -> None:
        """Asks whether to change the key, then the passphrase in force and the new one."""
        from app.ui.common import passphrase_dialog

        if self.store is None or self.info is None or self._job is not None:
            return
        if not confirmed(
            self,
            self.tr("更换本办签名密钥"),
            self.tr(
                "将生成新的签名密钥，现在的密钥从此停用。\n\n"
                "以后的方案包和反馈文件都带有旧密钥签名的更换声明，各单位导入时自动改信新密钥，"
                "不必重新登记；近期收不到文件的单位，可以把更换声明文件发给他们导入。\n\n"
                "更换后请把新指纹告知各单位备查。继续吗？"
            ),
        ):
            return
        old = passphrase_dialog.ask_passphrase(self, self.tr("请输入现在这把密钥的密码："))
        if old is None:
            return
        purpose = self.tr("为新密钥设一个密码（至少 10 个字符），以后签名时输入它。")
        new = passphrase_dialog.ask_passphrase(self, purpose, confirm=True)
        if new is None:
            return
        self.start_rotate(old, new)

    def start_rotate(self, old: str, new: str) -> None:
        from app.services.office_key import rotate_office_key

        assert self.store is not None
        store, actor = self.store, current_actor(self.store)
        self._say(self.tr("正在更换密钥，请稍候…"), ok=True)
        self._start(
            lambda: rotate_office_key(store, old, new, actor),
            lambda: self.tr(
                "密钥已更换，新指纹见上。以后的方案包和反馈文件会带上更换声明；"
                "近期收不到文件的单位，请导出更换声明发给他们。"
            ),
            lambda error: self.tr("未能更换密钥：{0}").format(error),
        )

    def replace_key(self) -> None:
        """A new key without the old one's statement: asks to be sure, then a new passphrase."""
        from app.ui.common import passphrase_dialog

        if self.store is None or self.info is None or self._job is not None:
            return
        if not confirmed(
            self,
            self.tr("密码遗失或密钥泄露"),
            self.tr(
                "只在忘记了本办密钥的密码、或密钥可能已泄露时这样做。\n\n"
                "将启用新密钥，旧密钥作废且不签署更换声明：各单位都要重新登记新密钥，"
                "在此之前不接受本办的方案包和反馈文件。请随后导出新的密钥登记文件发给各单位，"
                "并请他们电话核对新指纹。\n\n"
                "如果还记得密码、密钥也没有泄露，请改用“更换密钥”，各单位会自动跟随。继续吗？"
            ),
            warning=True,
        ):
            return
        purpose = self.tr("为新密钥设一个密码（至少 10 个字符），以后签名时输入它。")
        new = passphrase_dialog.ask_passphrase(self, purpose, confirm=True)
        if new is None:
            return
        self.start_replace(new)

    def start_replace(self, new: str) -> None:
        from app.services.office_key import replace_office_key

        assert self.store is not None
        store, actor = self.store, current_actor(self.store)
        self._say(self.tr("正在生成密钥，请稍候…"), ok=True)
        self._start(
            lambda: replace_office_key(store, new, actor),
            lambda: self.tr(
                "已启用新密钥，新指纹见上。请导出密钥登记文件发给各单位，"
                "请他们电话核对新指纹后在“市质量强市办密钥”中改信。"
            ),
            lambda error: self.tr("未能更换密钥：{0}").format(error),
        )

    def export_statement(self) -> Path | None:
        """The latest rotation statement as a file (``office key rotate --out``)."""
        folder = self.default_path().parent
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("导出密钥更换声明"),
            str(folder / "质量强市办密钥更换声明.json"),
            self.tr("密钥更换声明 (*.json)"),
        )
        if not path or self.store is None:
            return None
        from app.services.office_key import write_rotation_file

        try:
            written = write_rotation_file(self.store, Path(path))
        except Exception as exc:
            log.warning("rotation statement export failed", exc_info=True)
            self._say(self.tr("导出失败：{0}").format(error_text(exc)), ok=False)
            return None
        self._say(self.tr("已导出到 {0}").format(written), ok=True)
        return Path(written)

    def _start(
        self,
        work: Callable[[], OfficeKeyInfo],
        done_text: Callable[[], str],
        failed_text: Callable[[str], str],
    ) -> None:
        """``work`` off the UI thread (scrypt: about half a second per seal or unlock)."""
        from app.ui.common.workers import run_in_background

        def done(_info: OfficeKeyInfo) -> None:
            self._job = None
            self.busy_changed.emit(False)
            self.changed = True
            self.reload()  # the key in force and whether a statement names it
            self._say(done_text(), ok=True)

        def failed(exc: BaseException) -> None:
            self._job = None
            self.busy_changed.emit(False)
            log.warning("office key work failed", exc_info=exc)
            self._show()
            self._say(failed_text(error_text(exc)), ok=False)

        self._job = run_in_background(work, done, failed)
        self.busy_changed.emit(True)
        self._show()

    @property
    def busy(self) -> bool:
        return self._job is not None

    def _say(self, text: str, *, ok: bool) -> None:
        self.result.setStyleSheet(f"color: {OK_COLOR if ok else ERROR_COLOR};")
        self.result.setText(text)
