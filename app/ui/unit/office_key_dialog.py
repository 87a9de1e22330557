"""文件 → 市质量强市办密钥…: which office key this install trusts; trust one from its
registration file (after confirming the fingerprint), or follow the office to its new key with
a rotation statement signed by the trusted one. When the office announced that its key was lost
or leaked, the registration file of its new key replaces the trusted one, after a warning
(no statement can vouch for it). Each step is one service call, one session."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from app.ui.common.colors import ERROR_COLOR, OK_COLOR
from app.ui.common.confirm import confirmed
from app.ui.common.retranslate import Retranslating
from app.ui.setup.key_pages import grouped_fingerprint
from app.ui.setup.office_key_page import OfficeKeyChooser, refusal_text

log = logging.getLogger(__name__)


def _read(path: Path) -> Any:
    from app.services.unit_office_key import read_office_key_file

    return read_office_key_file(path)


class OfficeKeyDialog(Retranslating, QDialog):
    def __init__(self, store: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("officeKeyDialog")
        self.store = store
        self.current = QLabel()
        self.current.setObjectName("officeKeyCurrent")
        self.current.setWordWrap(True)
        self.chooser = OfficeKeyChooser(_read)
        self.message = QLabel()
        self.message.setObjectName("officeKeyMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.trust_button = QPushButton()
        self.trust_button.setObjectName("trustOfficeKey")
        self.rotate_button = QPushButton()
        self.rotate_button.setObjectName("followRotation")
        self.buttons.addButton(self.trust_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.rotate_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.current)
        layout.addSpacing(6)
        layout.addWidget(self.chooser)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.trust_button.clicked.connect(self.trust)
        self.rotate_button.clicked.connect(self.choose_rotation)
        self.chooser.changed.connect(self._update)
        self.trusted: Any = None
        self._said: tuple[str, bool] | None = None
        self._reload()
        self.resize(700, 420)
        self.retranslate()

    def _reload(self) -> None:
        from app.services.unit_office_key import trusted_office_key

        self.trusted = trusted_office_key(self.store)
        self._update()

    def _update(self) -> None:
        self.trust_button.setEnabled(self.chooser.confirmed())
        self.rotate_button.setEnabled(self.trusted is not None)
        if self._replacing():
            self.trust_button.setText(self.tr("改信此密钥(&T)…"))
        else:
            self.trust_button.setText(self.tr("信任此密钥(&T)"))

    def _replacing(self) -> bool:
        """The chosen file is another key than the one trusted (the office replaced its key)."""
        file = self.chooser.file
        return (
            self.trusted is not None
            and file is not None
            and (file.fingerprint != self.trusted.fingerprint)
        )

    def _say(self, text: str, ok: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {OK_COLOR if ok else ERROR_COLOR};")

    def trust(self) -> bool:
        """Trust the chosen key (its fingerprint confirmed by the clerk)."""
        from app.services.unit_office_key import trust_office_key

        if not self.chooser.confirmed():
            return False
        if self._replacing():
            return self.replace()
        file, done = self.chooser.file, self.tr("已信任该密钥（指纹 {fp}）。")
        return self._apply(lambda: trust_office_key(self.store, file), done)

    def replace(self) -> bool:
        """Trust the chosen key instead of the trusted one, once the clerk is sure."""
        from app.services.unit_office_key import replace_office_trust

        if not confirmed(
            self,
            self.tr("改信市质量强市办的新密钥"),
            self.tr(
                "本机信任的是另一把市质量强市办密钥，这个登记文件没有旧密钥签署的更换声明。\n\n"
                "只有在市质量强市办正式通知其旧密钥遗失或泄露、并已与其电话逐组核对新指纹时，"
                "才改信这把密钥；否则可能是他人冒充。改信吗？"
            ),
            warning=True,
        ):
            return False
        file, done = self.chooser.file, self.tr("已改为信任新密钥（指纹 {fp}）。")
        return self._apply(lambda: replace_office_trust(self.store, file), done)

    def _apply(self, change: Callable[[], Any], done: str) -> bool:
        """One change of the trust (one service call); its refusal said in red."""
        try:
            info = change()
        except Exception as exc:
            log.info("office key trust refused: %s", exc)
            self._say(refusal_text(exc), False)
            return False
        self._reload()
        self.retranslate()
        self._say(done.format(fp=info.fingerprint_display), True)
        return True

    def choose_rotation(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择密钥更换声明"), "", self.tr("密钥更换声明 (*.json)")
        )
        if path:
            self.follow_rotation(Path(path))

    def follow_rotation(self, path: Path) -> bool:
        """Move the trust to the office's new key (a statement signed by the trusted one)."""
        from app.services.unit_office_key import follow_rotation

        done = self.tr("已改为信任新密钥（指纹 {fp}）。")
        return self._apply(lambda: follow_rotation(self.store, path), done)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("市质量强市办密钥"))
        self.rotate_button.setText(self.tr("导入密钥更换声明(&R)…"))
        self._update()  # the trust button's words
        if self.trusted is None:
            self.current.setText(
                self.tr(
                    "本机尚未信任市质量强市办的密钥。导入工作方案和反馈文件前，请选择市质量强市办的"
                    "密钥登记文件，并逐组核对指纹。"
                )
            )
        else:
            self.current.setText(
                self.tr(
                    "本机信任的市质量强市办密钥，指纹：\n{fp}\n市质量强市办更换密钥后，"
                    "请导入其密钥更换声明（导入新的工作方案或反馈文件时也会自动跟随）。"
                    "市质量强市办通知密钥遗失或泄露时，请选择其新的密钥登记文件，"
                    "电话核对指纹后改信。"
                ).format(fp=grouped_fingerprint(self.trusted.fingerprint))
            )
