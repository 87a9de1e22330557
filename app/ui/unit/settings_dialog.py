"""Settings: interface language (applied at once), clerk and phone, and what identifies the
install (fingerprint, data folder) for a call with the office."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from app.ui.common.i18n import current_language, language_combo
from app.ui.common.retranslate import Retranslating
from app.ui.setup.key_pages import grouped_fingerprint

if TYPE_CHECKING:
    from app.ui.unit.window import MainWindow


class SettingsDialog(Retranslating, QDialog):
    def __init__(
        self,
        *,
        language: str,
        clerk: str,
        contact: str,
        fingerprint: str,
        data_dir: str,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.language = language_combo(language)
        self.clerk = QLineEdit(clerk)
        self.clerk.setObjectName("settingsClerk")
        self.contact = QLineEdit(contact)
        self.contact.setObjectName("settingsContact")
        self.fingerprint = QLabel(grouped_fingerprint(fingerprint))
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_dir = QLabel(data_dir)
        self.data_dir.setWordWrap(True)
        self.data_dir.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form = QFormLayout()
        self.labels = [QLabel() for _ in range(5)]
        fields = (self.language, self.clerk, self.contact, self.fingerprint, self.data_dir)
        for label, w in zip(self.labels, fields, strict=True):
            self.form.addRow(label, w)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("设置"))
        labels = (
            self.tr("界面语言(&L)："),
            self.tr("填报人(&N)："),
            self.tr("联系电话(&T)："),
            self.tr("密钥指纹："),
            self.tr("数据文件夹："),
        )
        buddies = (self.language, self.clerk, self.contact, None, None)
        for label, text, buddy in zip(self.labels, labels, buddies, strict=True):
            label.setText(text)
            if buddy is not None:
                label.setBuddy(buddy)

    def chosen_language(self) -> str:
        return str(self.language.currentData())


def open_settings(window: MainWindow) -> None:
    """The settings dialog; what the clerk changed applies at once."""
    p = window.profile()
    dialog = SettingsDialog(
        language=current_language(),
        clerk=p.clerk if p else "",
        contact=p.contact if p else "",
        fingerprint=p.fingerprint if p else "",
        data_dir=window.data_dir(),
        parent=window,
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    window.apply_settings(dialog.chosen_language(), dialog.clerk.text(), dialog.contact.text())
