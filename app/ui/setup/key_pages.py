"""The wizard's last two pages: the passphrase that seals the signing key, and the fingerprint."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from app.ui.common.colors import ERROR_COLOR, OK_COLOR, WARN_COLOR
from app.ui.common.i18n import EN, current_language
from app.ui.common.retranslate import Retranslating
from app.ui.common.workers import run_in_background

log = logging.getLogger(__name__)

# The rules' module loads the catalog dataclasses: import it when the page is used, after the
# first paint, not at start-up.
MIN_PASSPHRASE = 10  # checked against app.domain.entry_rules.MIN_PASSPHRASE by the tests

STRENGTH_COLORS = (ERROR_COLOR, ERROR_COLOR, WARN_COLOR, OK_COLOR, OK_COLOR)


class ProfileLike(Protocol):
    unit_id: str
    unit_name: str
    clerk: str
    fingerprint: str


def grouped_fingerprint(fp: str) -> str:
    # Same grouping as app.io.keys.format_fingerprint, without importing cryptography here.
    fp = fp.replace(" ", "").upper()
    groups = [fp[i : i + 4] for i in range(0, len(fp), 4)]
    return "\n".join(" ".join(groups[i : i + 8]) for i in range(0, len(groups), 8))


def fingerprint_label() -> QLabel:
    """A fingerprint to read aloud: fixed-width, large, on a light panel."""
    label = QLabel()
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setStyleSheet("QLabel { background: #f4f7fb; border: 1px solid #c9d4e3; padding: 10px; }")
    return label


class KeyPage(Retranslating, QWizardPage):
    """Passphrase twice, live strength; Next creates the key off the UI thread."""

    created_hook = "key_created"  # the wizard's method that takes what the job returned
    min_length = MIN_PASSPHRASE

    def __init__(self, prepare: Callable[[str], Callable[[], Any]]) -> None:
        super().__init__()
        self._prepare = prepare
        self._busy = False
        self._done = False
        self.first = QLineEdit()
        self.first.setObjectName("passphrase")
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.second = QLineEdit()
        self.second.setObjectName("passphraseAgain")
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.strength = QProgressBar()
        self.strength.setObjectName("strengthBar")
        self.strength.setRange(0, 4)
        self.strength.setTextVisible(False)
        self.hint = QLabel()
        self.hint.setObjectName("strengthHint")
        self.hint.setWordWrap(True)
        self.mismatch = QLabel()
        self.mismatch.setObjectName("mismatch")
        self.mismatch.setStyleSheet(f"color: {ERROR_COLOR};")
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.explain.setStyleSheet("color: #555555;")
        self.busy = QProgressBar()
        self.busy.setObjectName("keyBusy")
        self.busy.setRange(0, 0)  # indeterminate while scrypt runs
        self.busy.hide()
        self.busy_label = QLabel()
        self.busy_label.hide()
        self.error = QLabel()
        self.error.setObjectName("keyError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOR};")
        self.form = QFormLayout()
        self.labels = [QLabel() for _ in range(3)]
        self.labels[0].setBuddy(self.first)
        self.labels[1].setBuddy(self.second)
        self.form.addRow(self.labels[0], self.first)
        self.form.addRow(self.labels[1], self.second)
        self.form.addRow(self.labels[2], self.strength)
        self.form.addRow(QLabel(), self.hint)
        self.form.addRow(QLabel(), self.mismatch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.busy)
        layout.addWidget(self.error)
        self.setCommitPage(True)
        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._update)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("签名密钥"))
        self.setSubTitle(
            self.tr("报送文件用本单位的签名密钥签名。请设一个密码保护密钥，导出时需要输入。")
        )
        self.explain.setText(
            self.tr(
                "密码至少 {n} 个字符，可以用一句好记的话（可含中文）。"
                "密码只保存在您的记忆中：忘记后无法再导出签名文件，只能重新设置密钥并重新登记。"
            ).format(n=MIN_PASSPHRASE)
        )
        texts = (self.tr("密码(&W)："), self.tr("再输一次(&A)："), self.tr("强度："))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.busy_label.setText(self.tr("正在生成密钥，请稍候…"))
        self._update()

    # -- live feedback ---------------------------------------------------------------------
    def _problems(self, p: str) -> list[str]:
        from app.domain.entry_rules import validate_passphrase

        problems = validate_passphrase(p)
        if current_language() != EN or not problems:
            return problems
        if len(p) < MIN_PASSPHRASE:
            return [
                self.tr("密码至少需要{n}个字符（现有{m}个）").format(n=MIN_PASSPHRASE, m=len(p))
            ]
        return [self.tr("密码太简单（重复、连续或常见），请换一个")]

    def _update(self) -> None:
        if not self.first.text() and not self.second.text():  # nothing typed: stay light
            self.strength.setValue(0)
            self.hint.clear()
            self.mismatch.clear()
            self.completeChanged.emit()
            return
        from app.domain.entry_rules import STRENGTH_LABELS, STRENGTH_LABELS_EN, passphrase_strength

        p = self.first.text()
        score = passphrase_strength(p)
        self.strength.setValue(score if p else 0)
        self.strength.setStyleSheet(
            f"QProgressBar::chunk {{ background-color: {STRENGTH_COLORS[score]}; }}"
        )
        labels = STRENGTH_LABELS_EN if current_language() == EN else STRENGTH_LABELS
        problems = self._problems(p)
        if not p:
            hint = ""
        elif problems:
            hint = self.tr("强度：{label}。{problem}").format(
                label=labels[score], problem=problems[0]
            )
        elif score < 3:
            hint = self.tr("强度：{label}。建议加长，或混合字母、数字和符号。").format(
                label=labels[score]
            )
        else:
            hint = self.tr("强度：{label}").format(label=labels[score])
        self.hint.setText(hint)
        again = self.second.text()
        show_mismatch = bool(again) and not p.startswith(again)
        self.mismatch.setText(self.tr("两次输入的密码不一致") if show_mismatch else "")
        self.error.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        p = self.first.text()
        if not p or self._busy:  # no rules needed yet (nor their import, before first paint)
            return False
        from app.domain.entry_rules import validate_passphrase

        return not self._busy and not validate_passphrase(p) and p == self.second.text()

    # -- creating the key ------------------------------------------------------------------
    def validatePage(self) -> bool:
        if self._done:
            return True
        if self._busy or not self.isComplete():
            return False
        job = self._prepare(self.first.text())
        self._set_busy(True)
        run_in_background(job, self._created, self._failed)
        return False  # the wizard moves on in _created

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.first.setEnabled(not busy)
        self.second.setEnabled(not busy)
        wizard = self.wizard()
        if wizard is not None:
            for b in (QWizard.WizardButton.BackButton, QWizard.WizardButton.CancelButton):
                button = wizard.button(b)
                if button is not None:
                    button.setEnabled(not busy)
        self.completeChanged.emit()

    def _created(self, profile: Any) -> None:
        self._done = True
        self._set_busy(False)
        wizard = self.wizard()
        setter = getattr(wizard, self.created_hook, None)
        if setter is not None:
            setter(profile)
        # The passphrase is not kept in the widgets once the key is sealed.
        self.first.clear()
        self.second.clear()
        if wizard is not None:
            wizard.next()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.error.setText(
            self.tr("未能创建密钥：{reason}").format(reason=str(exc) or type(exc).__name__)
        )


class DonePage(Retranslating, QWizardPage):
    """The fingerprint to read aloud, and the registration file for the office."""

    def __init__(self, save_registration: Callable[[Path], Path]) -> None:
        super().__init__()
        self._save = save_registration
        self.profile: Any = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.caption = QLabel()
        self.fingerprint = fingerprint_label()
        self.fingerprint.setObjectName("fingerprint")
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveRegistration")
        self.saved = QLabel()
        self.saved.setObjectName("registrationSaved")
        self.saved.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.saved, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addSpacing(6)
        layout.addWidget(self.caption)
        layout.addWidget(self.fingerprint)
        layout.addSpacing(6)
        layout.addLayout(row)
        layout.addSpacing(6)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save_registration)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("设置完成"))
        self.setSubTitle(self.tr("请把密钥登记文件交给市质量强市办，并核对指纹。"))
        self.caption.setText(self.tr("本单位签名密钥的指纹："))
        self.save_button.setText(self.tr("保存登记文件(&S)…"))
        self.note.setText(
            self.tr(
                "市质量强市办收到登记文件后，会通过电话或加盖公章的书面材料向您核对这串指纹；"
                "只有核对一致，您报送的文件才会被接受。请勿通过电子邮件单独确认指纹。"
            )
        )
        self._show_profile()

    def nextId(self) -> int:
        return -1  # the last page of its path (the office's pages come after it by number)

    def initializePage(self) -> None:
        from PySide6.QtCore import Qt  # the Qt namespace costs ~45 ms: not before first paint

        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._show_profile()
        self.save_button.setFocus()

    def _show_profile(self) -> None:
        p = self.profile
        if p is None:
            return
        self.summary.setText(
            self.tr("本机已设置为 {unit} 的填报电脑，填报人：{clerk}。").format(
                unit=p.unit_name, clerk=p.clerk
            )
        )
        self.fingerprint.setText(grouped_fingerprint(p.fingerprint))

    def default_path(self) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        unit = self.profile.unit_id if self.profile is not None else "unit"
        return Path(folder or Path.home()) / f"密钥登记-{unit}.json"

    def save_registration(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("保存密钥登记文件"),
            str(self.default_path()),
            self.tr("密钥登记文件 (*.json)"),
        )
        if not path:
            return
        try:
            written = self._save(Path(path))
        except Exception as exc:  # one line for the clerk, the wizard stays open
            log.exception("saving the registration file failed")
            self.saved.setStyleSheet(f"color: {ERROR_COLOR};")
            self.saved.setText(self.tr("保存失败：{reason}").format(reason=exc))
            return
        self.saved.setStyleSheet(f"color: {OK_COLOR};")
        sheet = written.with_suffix(".html")
        if sheet.exists():
            self.saved.setText(
                self.tr("已保存到 {path}；请打印 {sheet}，签字盖章后随登记文件报送。").format(
                    path=written, sheet=sheet.name
                )
            )
        else:
            self.saved.setText(self.tr("已保存到 {path}").format(path=written))
