"""Confirming a unit's signing key before trusting it (docs/design.md §3).

The fingerprint is shown in large groups of four that can be read aloud over the phone or
compared with the stamped registration sheet; 登记 stays disabled until the office ticks that
it did so. Used by the key registry page and by the import dialog (a file signed by a key
not yet registered carries that key inside it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.common.colors import ERROR_COLOR

if TYPE_CHECKING:
    from app.domain.catalog import Catalog
    from app.io.keys import Registration
    from app.services.office_trust import TrustInfo


log = logging.getLogger(__name__)


def registration_from_submission(path: str | Path, catalog: Catalog) -> Registration:
    """The key a genuine submission was signed with, as a registration for its unit.

    The file must verify in full (signature, plan, visible cells); only its key is unknown.
    """
    from app.io import keys
    from app.io.submission_reader import verify_submission

    verified = verify_submission(str(path), catalog)
    p = verified.payload
    unit = catalog.find_unit(p.unit_id)
    name = unit.name if unit is not None else p.unit_name
    doc = keys.registration_document(p.unit_id, name, verified.public_key, p.clerk, p.created_at)
    return keys.registration_from_document(doc)


class FingerprintView(QFrame):
    """Sixteen groups of four hex digits in a 4 x 4 grid, large and monospaced."""

    def __init__(self, fingerprint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fingerprintView")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        fp = fingerprint.replace(" ", "").upper()
        self.groups = [fp[i : i + 4] for i in range(0, len(fp), 4)]
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.8)
        font.setWeight(QFont.Weight.DemiBold)
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(8)
        for i, group in enumerate(self.groups):
            label = QLabel(group)
            label.setFont(font)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(label, i // 4, i % 4)

    def text(self) -> str:
        return " ".join(self.groups)


class KeyConfirmDialog(QDialog):
    """Shows a registration and registers it through ``register`` once confirmed."""

    def __init__(
        self,
        registration: Registration,
        register: Callable[[Registration], TrustInfo],
        parent: QWidget | None = None,
        *,
        source: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("keyConfirmDialog")
        self.registration = registration
        self._register = register
        self.registered: TrustInfo | None = None
        self.setWindowTitle(self.tr("核对并登记签名密钥"))
        intro = QLabel(
            self.tr(
                "请与该单位通过电话或盖章的《签名密钥登记表》逐组核对下面的指纹。"
                "指纹完全一致时才可登记；不一致时请勿登记。"
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        unit = QLabel(f"{registration.unit_name}（{registration.unit}）")
        big = unit.font()
        big.setPointSizeF(big.pointSizeF() * 1.4)
        big.setBold(True)
        unit.setFont(big)
        unit.setObjectName("unitLabel")
        form.addRow(self.tr("单位"), unit)
        form.addRow(self.tr("填报人"), QLabel(registration.clerk or "—"))
        created = registration.created_at.strftime("%Y-%m-%d %H:%M UTC")
        form.addRow(self.tr("密钥生成时间"), QLabel(created))
        if source:
            src = QLabel(source)
            src.setWordWrap(True)
            form.addRow(self.tr("来源"), src)
        self.fingerprint = FingerprintView(registration.fingerprint)
        self.confirm = QCheckBox(self.tr("我已通过电话/盖章回执核对指纹"))
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {ERROR_COLOR};")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox()
        self.register_button: QPushButton = buttons.addButton(
            self.tr("登记"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.register_button.setEnabled(False)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.confirm.toggled.connect(self.register_button.setEnabled)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("公钥指纹（SHA-256）")))
        layout.addWidget(self.fingerprint)
        layout.addWidget(self.confirm)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        if not self.confirm.isChecked():  # the button is disabled; belt and braces
            return
        from app.services.office_trust import TrustError

        try:
            self.registered = self._register(self.registration)
        except TrustError as exc:
            log.warning("key registration refused", exc_info=True)
            self.error.setText(str(exc))
            self.error.show()
            return
        except Exception as exc:  # a store error: one line, the dialog stays open
            log.exception("key registration failed")
            self.error.setText(self.tr("登记失败：{0}").format(str(exc) or type(exc).__name__))
            self.error.show()
            return
        self.accept()


def open_key_confirm(
    parent: QWidget,
    registration: Registration,
    register: Callable[[Registration], TrustInfo],
    on_registered: Callable[[TrustInfo], Any],
    *,
    source: str = "",
) -> KeyConfirmDialog:
    """Open the dialog window-modally without blocking; ``on_registered`` after 登记."""
    dialog = KeyConfirmDialog(registration, register, parent, source=source)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def done() -> None:
        if dialog.registered is not None:
            on_registered(dialog.registered)

    dialog.accepted.connect(done)
    dialog.open()
    return dialog
