"""A signing key's passphrase: asked once to unlock it (the office signing a plan package or
feedback files, a clerk changing the passphrase), or twice with the wizard's rules for a new
one. The title names whose key it is (the office's by default).

The passphrase lives only in this dialog and the one job it is handed to; the dialog clears its
fields when it closes.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.ui.common.colors import ERROR_COLOR
from app.ui.common.retranslate import Retranslating


class PassphraseDialog(Retranslating, QDialog):
    def __init__(
        self,
        purpose: str,
        *,
        confirm: bool = False,
        parent: QWidget | None = None,
        title: str | None = None,
    ) -> None:
        """``purpose``: one sentence saying what the key will do; ``confirm``: ask twice and
        apply the passphrase rules (a new key); ``title``: the window's (the office key's)."""
        super().__init__(parent)
        self.title = title
        self.setObjectName("officePassphraseDialog")
        self.confirm = confirm
        self._value = ""
        self.purpose = QLabel(purpose)
        self.purpose.setWordWrap(True)
        self.first = QLineEdit()
        self.first.setObjectName("officePassphrase")
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.second = QLineEdit()
        self.second.setObjectName("officePassphraseAgain")
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setVisible(confirm)
        self.labels = [QLabel(), QLabel()]
        self.labels[0].setBuddy(self.first)
        self.labels[1].setBuddy(self.second)
        self.labels[1].setVisible(confirm)
        self.problem = QLabel()
        self.problem.setObjectName("officePassphraseProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {ERROR_COLOR};")
        form = QFormLayout()
        form.addRow(self.labels[0], self.first)
        form.addRow(self.labels[1], self.second)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.purpose)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)  # not resize(): the first show fits the wrapped purpose
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.title or self.tr("本办签名密钥"))
        self.labels[0].setText(self.tr("密钥密码(&W)："))
        self.labels[1].setText(self.tr("再输一次(&A)："))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))

    def passphrase(self) -> str:
        return self._value

    def accept(self) -> None:
        p = self.first.text()
        if not p:
            self.problem.setText(self.tr("请输入密码。"))
            return
        if self.confirm:
            from app.domain.entry_rules import validate_passphrase

            problems = validate_passphrase(p)
            if problems:
                self.problem.setText(problems[0])
                return
            if p != self.second.text():
                self.problem.setText(self.tr("两次输入的密码不一致"))
                return
        self._value = p
        self._clear()
        super().accept()

    def reject(self) -> None:
        self._clear()
        super().reject()

    def _clear(self) -> None:
        self.first.clear()
        self.second.clear()


def ask_passphrase(
    parent: QWidget | None, purpose: str, *, confirm: bool = False, title: str | None = None
) -> str | None:
    """The passphrase, or None when the user cancelled (tests replace this function)."""
    dialog = PassphraseDialog(purpose, confirm=confirm, parent=parent, title=title)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.passphrase()
