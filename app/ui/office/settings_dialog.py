"""The office's settings: the interface language (applied at once, remembered per Windows
account, as in the clerk's window), the staff name every decision is recorded under, the
office's signing key (fingerprint, registration file) and where the office's data is."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
)

from app.ui.common.i18n import language_combo
from app.ui.common.retranslate import Retranslating

if TYPE_CHECKING:
    from app.models.store import Store

MAX_ACTOR = 100


class OfficeSettingsDialog(Retranslating, QDialog):
    def __init__(
        self,
        *,
        language: str,
        data_location: str,
        store: Store | None = None,
        actor: str = "",
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("officeSettingsDialog")
        self.store = store
        self.language = language_combo(language)
        self.actor = QLineEdit(actor)
        self.actor.setObjectName("officeActor")
        self.actor.setMaxLength(MAX_ACTOR)
        self.data_location = QLabel(data_location)
        self.data_location.setObjectName("dataLocation")
        self.data_location.setWordWrap(True)
        self.data_location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.language_label, self.actor_label, self.data_label = QLabel(), QLabel(), QLabel()
        self.language_label.setBuddy(self.language)
        self.actor_label.setBuddy(self.actor)
        self.actor_note = QLabel()
        # no word wrap: a top-level dialog does not grow for wrapped lines (height for width),
        # and the key box below would lose the fingerprint's second line
        self.actor_note.setStyleSheet("color: #555555;")
        form = QFormLayout()
        form.addRow(self.language_label, self.language)
        form.addRow(self.actor_label, self.actor)
        form.addRow(QLabel(), self.actor_note)
        form.addRow(self.data_label, self.data_location)
        from app.ui.office.office_key_box import OfficeKeyBox

        self.key_box = OfficeKeyBox(store)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.key_box.busy_changed.connect(self.buttons.setDisabled)
        layout = QVBoxLayout(self)
        # never smaller than the content: the fingerprint's two lines stay whole
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addLayout(form)
        layout.addWidget(self.key_box)
        layout.addWidget(self.buttons)
        self.resize(660, 0)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("设置"))
        self.language_label.setText(self.tr("界面语言(&L)："))
        self.actor_label.setText(self.tr("工作人员姓名(&N)："))
        self.actor.setPlaceholderText(self.tr("例如：李明"))
        self.actor_note.setText(
            self.tr(
                "受理、退回、督办等每项操作都以这个姓名记入审计日志（按本机 Windows 账户保存）。"
            )
        )
        self.data_label.setText(self.tr("数据位置："))

    def done(self, result: int) -> None:
        if self.key_box.busy:  # Esc while the key is made: it finishes here, not unseen
            return
        super().done(result)

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def chosen_actor(self) -> str:
        return " ".join(self.actor.text().split())


def open_office_settings(window: Any) -> bool:
    """The dialog over the office window's store; applies what was chosen. True when the
    office key was created or changed meanwhile (the audit log has a new row)."""
    from app.ui.common.i18n import current_language
    from app.ui.office.actor import window_actor

    dialog = OfficeSettingsDialog(
        language=current_language(),
        data_location=window.data_location(),
        store=window.store,
        actor=window_actor(),
        parent=window,
    )
    if dialog.exec() == QDialog.DialogCode.Accepted:
        window.apply_settings(dialog.chosen_language(), dialog.chosen_actor())
    return dialog.key_box.changed
