"""Trusting the office's key: its registration file chosen, its fingerprint shown large, and the
clerk's confirmation that it matches what the office read out on the phone or printed on its
stamped sheet. The same chooser serves the set-up wizard's optional page and the clerk's
window (文件 → 市质量强市办密钥…). A unit that skips it works as before; only files from the
office (plan packages, feedback) need the key.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.ui.common.colors import ERROR_COLOR
from app.ui.common.i18n import EN, current_language
from app.ui.common.retranslate import Retranslating
from app.ui.setup.key_pages import fingerprint_label, grouped_fingerprint

log = logging.getLogger(__name__)

ReadKeyFile = Callable[[Path], Any]  # path -> OfficeKeyFile (fingerprint, public_key, office)
TrustKey = Callable[[Any], Any]  # OfficeKeyFile -> OfficeTrustInfo (in the store)


def refusal_text(exc: BaseException) -> str:
    """A refusal in the interface language; anything else as its one line."""
    from app.domain.messages import Refusal

    if isinstance(exc, Refusal):
        return exc.render("en" if current_language() == EN else "zh")
    return str(exc) or type(exc).__name__


class OfficeKeyChooser(Retranslating, QWidget):
    changed = Signal()  # a file was read (or refused), or the confirmation was ticked

    def __init__(self, read: ReadKeyFile, parent: Any = None) -> None:
        super().__init__(parent)
        self._read = read
        self.file: Any = None
        self.path: Path | None = None
        self._error: BaseException | None = None
        self.choose = QPushButton()
        self.choose.setObjectName("chooseOfficeKey")
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.office = QLabel()
        self.office.setWordWrap(True)
        self.fingerprint = fingerprint_label()
        self.fingerprint.setObjectName("officeFingerprint")
        self.confirm = QCheckBox()
        self.confirm.setObjectName("confirmOfficeKey")
        self.error = QLabel()
        self.error.setObjectName("officeKeyError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOR};")
        row = QHBoxLayout()
        row.addWidget(self.choose)
        row.addWidget(self.where, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        for w in (self.office, self.fingerprint, self.confirm, self.error):
            layout.addWidget(w)
        self.choose.clicked.connect(self.browse)
        self.confirm.toggled.connect(lambda _on: self.changed.emit())
        self._show()
        self.retranslate()

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择市质量强市办的密钥登记文件"), "", self.tr("密钥登记文件 (*.json)")
        )
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> bool:
        """Read the registration file; its fingerprint is shown, not yet trusted."""
        self.path, self.file, self._error = path, None, None
        try:
            self.file = self._read(path)
        except Exception as exc:  # a refusal with its reason; the log keeps the rest
            log.info("office key file refused: %s", exc)
            self._error = exc
        self.confirm.setChecked(False)
        self._show()
        self.retranslate()
        self.changed.emit()
        return self.file is not None

    def confirmed(self) -> bool:
        return self.file is not None and self.confirm.isChecked()

    def _show(self) -> None:
        has = self.file is not None
        for w in (self.office, self.fingerprint, self.confirm):
            w.setVisible(has)
        if has:
            self.fingerprint.setText(grouped_fingerprint(self.file.fingerprint))

    def retranslate(self) -> None:
        self.choose.setText(self.tr("选择密钥登记文件(&K)…"))
        self.where.setText(str(self.path) if self.path else self.tr("尚未选择文件"))
        if self.file is not None:
            self.office.setText(
                self.tr("{office}的签名密钥，指纹：").format(
                    office=self.file.office or self.tr("市质量强市办")
                )
            )
        self.confirm.setText(
            self.tr("我已与市质量强市办逐组核对（电话或盖章的登记表），指纹一致(&Y)")
        )
        self.error.setText(refusal_text(self._error) if self._error is not None else "")
        self.error.setVisible(self._error is not None)


class OfficeKeyPage(Retranslating, QWizardPage):
    """Optional: with no file chosen, 下一步 goes on; a chosen file must be confirmed."""

    def __init__(self, read: ReadKeyFile, trust: TrustKey) -> None:
        super().__init__()
        self._trust = trust
        self.trusted: Any = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.chooser = OfficeKeyChooser(read)
        self.chooser.changed.connect(self.completeChanged.emit)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555555;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(6)
        layout.addWidget(self.chooser)
        layout.addStretch(1)
        layout.addWidget(self.note)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("市质量强市办的密钥（可跳过）"))
        self.setSubTitle(self.tr("导入工作方案和反馈文件时，用它核实文件确实由市质量强市办发出。"))
        self.intro.setText(
            self.tr(
                "如已收到市质量强市办的密钥登记文件，请选择该文件，并与市质量强市办电话或盖章的"
                "登记表逐组核对指纹。还没有收到的，直接点“下一步”。"
            )
        )
        self.note.setText(self.tr("以后可在“文件 → 市质量强市办密钥…”中添加或更换。"))

    def initializePage(self) -> None:
        self.chooser.choose.setFocus()

    def isComplete(self) -> bool:
        return self.chooser.file is None or self.chooser.confirmed()

    def validatePage(self) -> bool:
        if self.chooser.file is None or self.trusted is not None:
            return True
        try:
            self.trusted = self._trust(self.chooser.file)
        except Exception as exc:
            log.warning("trusting the office key failed", exc_info=True)
            self.chooser.error.setText(refusal_text(exc))
            self.chooser.error.show()
            return False
        return True
