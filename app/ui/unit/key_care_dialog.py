"""文件 → 本单位签名密钥…: the care of the unit's key without the command line (``unit key
passwd | backup | rotate | reset`` and ``unit pubkey``): a new passphrase for the same key, a
backup, a new key vouched for by the old one, a new key when the passphrase is forgotten, and
the papers the office registers a key from (the registration file, its printable sheet and,
after a rotation, the statement). Each action is one service call; the ones that seal or
unlock a key (scrypt, about half a second each) run off the UI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.common import passphrase_dialog
from app.ui.common.colors import ERROR_COLOR, OK_COLOR
from app.ui.common.confirm import confirmed
from app.ui.common.retranslate import Retranslating
from app.ui.setup.key_pages import grouped_fingerprint
from app.ui.setup.office_key_page import refusal_text

log = logging.getLogger(__name__)


def failure_text(exc: BaseException) -> str:
    """One line for the clerk: the passphrase's words, else the refusal's in the interface
    language (``refusal_text``)."""
    from app.io.keys import WrongPassphrase

    if isinstance(exc, WrongPassphrase):
        return QCoreApplication.translate("KeyCareDialog", "密码不正确，请重新输入。")
    return refusal_text(exc)


class KeyCareDialog(Retranslating, QDialog):
    def __init__(self, store: Any, catalog: Any, profile: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("keyCareDialog")
        self.store, self.catalog = store, catalog
        self.profile = profile  # UnitProfileInfo; a new one after a rotation or a reset
        self.key_changed = False  # the window shows the new fingerprint
        self._job: Any = None
        self.intro = QLabel()
        self.fingerprint = QLabel()
        self.fingerprint.setObjectName("keyCareFingerprint")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setWeight(QFont.Weight.DemiBold)
        self.fingerprint.setFont(font)
        self.fingerprint.setStyleSheet(
            "QLabel { background: #f4f7fb; border: 1px solid #c9d4e3; padding: 8px; }"
        )
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rows: dict[str, tuple[QPushButton, QLabel, Callable[[], object]]] = {}
        grid = QGridLayout()
        for row, (name, slot) in enumerate(
            (
                ("passwd", self.change_passphrase),
                ("backup", self.backup),
                ("papers", self.save_papers),
                ("rotate", self.rotate),
                ("reset", self.reset),
            )
        ):
            button, note = QPushButton(), QLabel()
            button.setObjectName(f"keyCare_{name}")
            note.setWordWrap(True)
            button.clicked.connect(lambda _c=False, s=slot: s())
            grid.addWidget(button, row, 0)
            grid.addWidget(note, row, 1)
            self.rows[name] = (button, note, slot)
        grid.setColumnStretch(1, 1)
        self.message = QLabel()
        self.message.setObjectName("keyCareMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.fingerprint)
        layout.addSpacing(6)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(640)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("本单位签名密钥"))
        self.intro.setText(self.tr("本单位的签名密钥，指纹（市质量强市办凭它核对报送文件）："))
        self.fingerprint.setText(grouped_fingerprint(self.profile.fingerprint))
        texts = {
            "passwd": (
                self.tr("修改密码(&P)…"),
                self.tr("记得密码，想换一个：密钥和指纹不变，无需重新登记。"),
            ),
            "backup": (
                self.tr("备份密钥(&B)…"),
                self.tr(
                    "把加密的密钥和已用的报送编号存到 U 盘等处；"
                    "仍由密码保护，每次导出后请重新备份。"
                ),
            ),
            "papers": (
                self.tr("导出登记文件(&E)…"),
                self.tr(
                    "密钥登记文件和可打印的登记表（更换密钥后还有密钥更换声明），交市质量强市办。"
                ),
            ),
            "rotate": (
                self.tr("更换密钥(&R)…"),
                self.tr("怀疑密钥泄露或按要求更换（需要现在的密码）：旧密钥签署更换声明。"),
            ),
            "reset": (
                self.tr("忘记密码(&F)…"),
                self.tr("生成新密钥，填写的内容和报送编号保留；须由市质量强市办重新登记。"),
            ),
        }
        for name, (text, note) in texts.items():
            button, label, _slot = self.rows[name]
            button.setText(text)
            label.setText(note)

    # -- the actions ---------------------------------------------------------------------------
    def change_passphrase(self) -> None:
        from app.services.unit_keys import change_passphrase

        old = self._ask(self.tr("请输入现在的密码："))
        new = old and self._ask(self.tr("设置新密码（至少 10 个字符）："), confirm=True)
        if not old or not new:
            return
        store = self.store
        self._start(
            lambda: change_passphrase(store, old, new),
            lambda _r: self.tr("密码已修改：密钥和指纹不变，无需重新登记。"),
        )

    def backup(self) -> Path | None:
        from app.services.unit_keys import backup_key

        path = self._save_path(
            self.tr("备份签名密钥"),
            f"密钥备份-{self.profile.unit_id}.json",
            self.tr("密钥备份 (*.json)"),
        )
        if path is None:
            return None
        try:
            written = backup_key(self.store, path)
        except Exception as exc:
            log.warning("key backup failed", exc_info=True)
            self._say(self.tr("备份失败：{0}").format(failure_text(exc)), ok=False)
            return None
        self._say(
            self.tr(
                "密钥已备份到 {0}。备份仍由密码保护，恢复时需要原密码；每次导出后请重新备份。"
            ).format(written),
            ok=True,
        )
        return Path(written)

    def rotate(self) -> None:
        from app.services.unit_keys import rotate_key

        if not self._sure(
            self.tr(
                "将生成新的签名密钥，由现在的密钥签署一份密钥更换声明。\n\n"
                "随后请导出密钥更换声明、新的登记文件和登记表，一并交市质量强市办，并电话核对新指纹；"
                "市质量强市办登记之前，新导出的报送文件不会被接收。继续吗？"
            )
        ):
            return
        old = self._ask(self.tr("请输入现在的密码："))
        new = old and self._ask(self.tr("为新密钥设置密码（至少 10 个字符）："), confirm=True)
        if not old or not new:
            return
        store = self.store
        self._start(lambda: rotate_key(store, old, new), self._key_made)

    def reset(self) -> None:
        from app.services.unit_keys import reset_key

        if not self._sure(
            self.tr(
                "忘记的密码无法找回，原密钥也不能再签名。将生成新的签名密钥，原密钥作废；"
                "已填写的内容和报送编号都保留。\n\n"
                "随后请导出新的登记文件和登记表交市质量强市办，并电话核对新指纹；"
                "市质量强市办登记新密钥后，新导出的报送文件才会被接收。以前报送的文件仍然有效。继续吗？"
            )
        ):
            return
        new = self._ask(self.tr("为新密钥设置密码（至少 10 个字符）："), confirm=True)
        if not new:
            return
        store = self.store
        self._start(lambda: reset_key(store, new), self._key_made)

    def save_papers(self) -> Path | None:
        """The registration file, the printable sheet beside it and, when the key in force
        was made by a rotation, the statement beside them too."""
        from app.services.unit_keys import latest_rotation_statement, write_rotation_file
        from app.services.unit_setup import write_registration_file, write_registration_sheet

        unit = self.profile.unit_id
        path = self._save_path(
            self.tr("保存密钥登记文件"), f"密钥登记-{unit}.json", self.tr("密钥登记文件 (*.json)")
        )
        if path is None:
            return None
        try:
            written = write_registration_file(self.store, self.catalog, path)
            sheet = write_registration_sheet(self.store, self.catalog, written.with_suffix(".html"))
            statement = None
            if latest_rotation_statement(self.store) is not None:
                statement = write_rotation_file(
                    self.store, written.with_name(f"密钥更换声明-{unit}.json")
                )
        except Exception as exc:
            log.warning("saving the registration papers failed", exc_info=True)
            self._say(self.tr("保存失败：{0}").format(failure_text(exc)), ok=False)
            return None
        text = self.tr("已保存 {file}；请打印 {sheet}，签字盖章后随登记文件交市质量强市办。")
        text = text.format(file=written, sheet=Path(sheet).name)
        if statement is not None:
            text += self.tr("密钥更换声明 {0} 也请一并交去。").format(Path(statement).name)
        self._say(text, ok=True)
        return Path(written)

    # -- helpers ---------------------------------------------------------------------------------
    def _key_made(self, profile: Any) -> str:
        self.profile, self.key_changed = profile, True
        self.retranslate()
        return self.tr(
            "已生成新密钥，新指纹见上。请点“导出登记文件”，把文件交市质量强市办，并电话核对新指纹。"
        )

    def _ask(self, purpose: str, *, confirm: bool = False) -> str | None:
        title = self.tr("本单位签名密钥")
        return passphrase_dialog.ask_passphrase(self, purpose, confirm=confirm, title=title)

    def _sure(self, text: str) -> bool:
        return confirmed(self, self.tr("本单位签名密钥"), text, warning=True)

    def _save_path(self, title: str, name: str, kinds: str) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getSaveFileName(
            self, title, str(Path(folder or Path.home()) / name), kinds
        )
        return Path(path) if path else None

    def _start(self, work: Callable[[], Any], done_text: Callable[[Any], str]) -> None:
        from app.ui.common.workers import run_in_background

        def done(result: Any) -> None:
            self._busy(None)
            self._say(done_text(result), ok=True)

        def failed(exc: BaseException) -> None:
            self._busy(None)
            log.warning("key care failed", exc_info=exc)
            self._say(failure_text(exc), ok=False)

        self._say(self.tr("请稍候…"), ok=True)
        self._busy(run_in_background(work, done, failed))

    def _busy(self, job: Any) -> None:
        self._job = job
        for button, _note, _slot in self.rows.values():
            button.setEnabled(job is None)
        self.buttons.setEnabled(job is None)

    @property
    def busy(self) -> bool:
        return self._job is not None

    def reject(self) -> None:
        if self._job is None:  # a key being sealed finishes here, not unseen
            super().reject()

    def _say(self, text: str, *, ok: bool) -> None:
        self.message.setStyleSheet(f"color: {OK_COLOR if ok else ERROR_COLOR};")
        self.message.setText(text)
