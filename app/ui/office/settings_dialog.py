"""The office's settings: the interface language (applied at once, remembered per Windows
account, as in the clerk's window) and where the office's data is (for a call with support)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
)

from app.ui.common.i18n import language_combo


class OfficeSettingsDialog(QDialog):
    def __init__(self, *, language: str, data_location: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("officeSettingsDialog")
        self.language = language_combo(language)
        self.data_location = QLabel(data_location)
        self.data_location.setObjectName("dataLocation")
        self.data_location.setWordWrap(True)
        self.data_location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.language_label, self.data_label = QLabel(), QLabel()
        self.language_label.setBuddy(self.language)
        form = QFormLayout()
        form.addRow(self.language_label, self.language)
        form.addRow(self.data_label, self.data_location)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("设置"))
        self.language_label.setText(self.tr("界面语言(&L)："))
        self.data_label.setText(self.tr("数据位置："))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def chosen_language(self) -> str:
        return str(self.language.currentData())
