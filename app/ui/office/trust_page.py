"""密钥登记: register units' keys after confirming the fingerprint, revoke, rotate."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.plan_time import PLAN_TZ
from app.ui.common.colors import ERROR_COLOR, OK_COLOR
from app.ui.common.retranslate import Retranslating
from app.ui.common.table_model import RowTableModel
from app.ui.common.tables import read_only_view
from app.ui.office.detail_pane import local_time
from app.ui.office.key_confirm import KeyConfirmDialog, open_key_confirm

if TYPE_CHECKING:
    from app.domain.catalog import Catalog
    from app.models.store import Store
    from app.services.office_trust import TrustInfo
    from app.ui.office.pages import OfficeView

log = logging.getLogger(__name__)


KEY_COLORS = {"active": "#d8f0dc", "revoked": "#fbd9d3", "rotated": "#eef0f3"}

COL_UNIT, COL_CLERK, COL_FINGERPRINT, COL_STATUS, COL_REGISTERED, COL_REVOKED, COL_UNIT_ID = range(
    7
)


def start_of_day(day: date) -> datetime:
    """Revocation dates are Beijing calendar days; the store keeps UTC."""
    return datetime.combine(day, time(0), tzinfo=PLAN_TZ).astimezone(UTC)


class RevokeDialog(QDialog):
    def __init__(self, unit: str, fingerprint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("吊销密钥"))
        text = QLabel(
            self.tr(
                "吊销 {0} 的密钥 {1}。自所选日期（北京时间 0 时）起签署的报送文件将被拒收，"
                "此前签署的文件仍然有效。"
            ).format(unit, fingerprint[:19] + "…")
        )
        text.setWordWrap(True)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        buttons = QDialogButtonBox()
        ok = buttons.addButton(self.tr("吊销"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("revokeConfirm")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("自此日起失效：")))
        row.addWidget(self.date)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(buttons)

    def chosen_day(self) -> date:
        d = self.date.date()
        return date(d.year(), d.month(), d.day())


class KeyModel(RowTableModel["TrustInfo"]):
    """The registered keys, one row each, with their state."""

    def headers(self) -> list[str]:
        return [
            self.tr("单位"),
            self.tr("填报人"),
            self.tr("指纹"),
            self.tr("状态"),
            self.tr("登记时间"),
            self.tr("失效自"),
            self.tr("单位代码"),
        ]

    def status_text(self, status: str) -> str:
        return {
            "active": self.tr("有效"),
            "revoked": self.tr("已吊销"),
            "rotated": self.tr("已更换"),
        }.get(status, status)

    def text(self, row: TrustInfo, column: int) -> str:
        if column == COL_STATUS:
            return self.status_text(row.status)
        if column == COL_REGISTERED:
            return local_time(row.registered_at)
        if column == COL_REVOKED:
            return local_time(row.revoked_from) if row.revoked_from else ""
        texts = {
            COL_UNIT: row.unit_name,
            COL_CLERK: row.clerk,
            COL_FINGERPRINT: row.fingerprint_display,
            COL_UNIT_ID: row.unit_id,
        }
        return texts.get(column, "")

    def background(self, row: TrustInfo, column: int) -> str | None:
        return KEY_COLORS.get(row.status, "#ffffff") if column == COL_STATUS else None


class TrustPage(Retranslating, QWidget):
    keys_changed = Signal()  # a key was registered, revoked or rotated
    follows_period = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trustPage")
        self.store: Store | None = None
        self.catalog: Catalog | None = None
        self.key_dialog: KeyConfirmDialog | None = None
        self.revoke_dialog: RevokeDialog | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.register_button = QPushButton()
        self.register_button.setObjectName("registerFileButton")
        self.revoke_button = QPushButton()
        self.revoke_button.setObjectName("revokeButton")
        self.rotate_button = QPushButton()
        self.rotate_button.setObjectName("rotateButton")
        self.message = QLabel()
        self.message.setObjectName("trustMessage")
        self.message.setWordWrap(True)
        self.model = KeyModel(self)
        self.table = read_only_view("keyTable", self.model, COL_FINGERPRINT, single_selection=True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.register_button)
        buttons.addWidget(self.revoke_button)
        buttons.addWidget(self.rotate_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self.register_button.clicked.connect(self.choose_registration)
        self.revoke_button.clicked.connect(lambda: self.revoke_selected())
        self.rotate_button.clicked.connect(self.choose_rotation)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        self.intro.setText(
            self.tr(
                "各成员单位用自己的签名密钥签署报送文件。登记单位发来的密钥登记文件前，"
                "请通过电话或盖章的登记表逐组核对指纹。"
            )
        )
        self.register_button.setText(self.tr("登记密钥文件…"))
        self.revoke_button.setText(self.tr("吊销…"))
        self.rotate_button.setText(self.tr("按更换声明更换密钥…"))
        self.model.retranslate()

    def reload(self, view: OfficeView) -> None:
        self.store, self.catalog = view.store, view.catalog
        self.reload_keys()

    def reload_keys(self) -> None:
        from app.services.office_trust import list_trusted_keys

        if self.store is None:
            return
        self.model.set_rows(list_trusted_keys(self.store))
        self._update_buttons()

    @property
    def keys(self) -> list[TrustInfo]:
        return self.model.rows

    def _selected(self) -> TrustInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def select_key(self, fingerprint: str) -> None:
        for i, k in enumerate(self.keys):
            if k.fingerprint == fingerprint:
                self.table.selectRow(i)
                return

    def _update_buttons(self) -> None:
        ready = self.store is not None
        key = self._selected() if ready else None
        self.register_button.setEnabled(ready)
        self.rotate_button.setEnabled(ready)
        self.revoke_button.setEnabled(key is not None and key.status == "active")

    def say(self, text: str, ok: bool = True) -> None:
        self.message.setStyleSheet(f"color: {OK_COLOR if ok else ERROR_COLOR};")
        self.message.setText(text)

    # -- registering -----------------------------------------------------------------------
    def choose_registration(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择密钥登记文件"), "", self.tr("密钥登记文件 (*.json);;所有文件 (*)")
        )
        if path:
            self.register_file(Path(path))

    def register_file(self, path: Path) -> KeyConfirmDialog | None:
        """Read a registration file and open the confirmation (登记 after the checkbox)."""
        from app.services.office_trust import TrustError, add_trusted_key, read_registration_file

        if self.store is None or self.catalog is None:
            return None
        try:
            registration = read_registration_file(path)
        except TrustError as exc:
            log.warning("registration file refused: %s", path, exc_info=True)
            self.say(self.tr("无法读取登记文件：{0}").format(exc), ok=False)
            return None
        store, catalog = self.store, self.catalog

        def register(reg: Any) -> Any:
            return add_trusted_key(store, catalog, reg)

        self.key_dialog = open_key_confirm(
            self, registration, register, self._registered, source=path.name
        )
        return self.key_dialog

    def _registered(self, info: Any) -> None:
        self.key_dialog = None
        self.reload_keys()
        self.select_key(info.fingerprint)
        self.say(self.tr("已登记 {0} 的密钥 {1}").format(info.unit_name, info.fingerprint_display))
        self.keys_changed.emit()

    # -- revoking --------------------------------------------------------------------------
    def revoke_selected(self, on_open: Callable[[RevokeDialog], Any] | None = None) -> None:
        key = self._selected()
        if key is None or self.store is None:
            return
        dialog = RevokeDialog(key.unit_name, key.fingerprint_display, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.revoke_dialog = dialog
        dialog.accepted.connect(lambda: self._revoke(key.fingerprint, dialog.chosen_day()))
        dialog.open()
        if on_open is not None:
            on_open(dialog)

    def _revoke(self, fingerprint: str, day: date) -> None:
        from app.services.office_trust import TrustError, revoke_key

        self.revoke_dialog = None
        assert self.store is not None
        try:
            info = revoke_key(self.store, fingerprint, start_of_day(day))
        except TrustError as exc:
            log.warning("revocation refused", exc_info=True)
            self.say(str(exc), ok=False)
            return
        self.reload_keys()
        self.say(
            self.tr("已吊销 {0} 的密钥，自 {1} 起签署的文件将被拒收").format(
                info.unit_name, day.isoformat()
            )
        )
        self.keys_changed.emit()

    # -- rotating --------------------------------------------------------------------------
    def choose_rotation(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择密钥更换声明"), "", self.tr("密钥更换声明 (*.json);;所有文件 (*)")
        )
        if path:
            self.rotate_file(Path(path))

    def rotate_file(self, path: Path) -> Any:
        """Accept a rotation statement signed by the unit's registered key."""
        from app.io.keys import KeyFileError, read_rotation
        from app.services.office_trust import TrustError, rotate_key

        if self.store is None or self.catalog is None:
            return None
        try:
            info = rotate_key(self.store, self.catalog, read_rotation(path))
        except (TrustError, KeyFileError) as exc:
            log.warning("rotation refused: %s", path, exc_info=True)
            self.say(self.tr("无法更换密钥：{0}").format(exc), ok=False)
            return None
        self.reload_keys()
        self.select_key(info.fingerprint)
        self.say(
            self.tr("已为 {0} 换用新密钥 {1}").format(info.unit_name, info.fingerprint_display)
        )
        self.keys_changed.emit()
        return info
