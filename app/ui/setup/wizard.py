"""The first-run set-up wizard: role, unit, clerk, signing key, fingerprint.

The wizard knows nothing of stores: ``create_unit`` (run off the UI thread) makes the
install a unit's and returns its profile; ``save_registration`` writes the file for the office.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from app.config import resource_path
from app.ui.common.prefs import ROLE_OFFICE, ROLE_UNIT
from app.ui.common.retranslate import Retranslating
from app.ui.setup.key_pages import DonePage, KeyPage, ProfileLike
from app.ui.setup.office_key_page import OfficeKeyPage as TrustOfficeKeyPage
from app.ui.setup.office_key_page import ReadKeyFile, TrustKey
from app.ui.setup.office_pages import OfficeDonePage, OfficeKeyPage

if TYPE_CHECKING:
    from app.domain.catalog import Catalog

# The unit's path: role, unit, clerk, key, trust the office key (optional), done; the office's:
# role, office key, done. A page goes on to the next number unless its nextId says otherwise.
(
    PAGE_ROLE,
    PAGE_UNIT,
    PAGE_CLERK,
    PAGE_KEY,
    PAGE_TRUST_OFFICE,
    PAGE_DONE,
    PAGE_OFFICE_KEY,
    PAGE_OFFICE_DONE,
) = range(8)

CreateUnit = Callable[[str, str, str, str], ProfileLike]  # unit id, clerk, contact, passphrase
CreateOffice = Callable[[str], Any]  # passphrase -> the office key's info (fingerprint)


class RolePage(Retranslating, QWizardPage):
    def __init__(self, office_key: bool = False) -> None:
        super().__init__()
        self.office_key = office_key  # the office path has its key pages
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.unit = QRadioButton()
        self.unit.setObjectName("roleUnit")
        self.office = QRadioButton()
        self.office.setObjectName("roleOffice")
        self.unit.setChecked(True)
        self.unit_note = QLabel()
        self.office_note = QLabel()
        for note in (self.unit_note, self.office_note):
            note.setWordWrap(True)
            note.setIndent(24)
            note.setStyleSheet("color: #555555;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(8)
        layout.addWidget(self.unit)
        layout.addWidget(self.unit_note)
        layout.addSpacing(8)
        layout.addWidget(self.office)
        layout.addWidget(self.office_note)
        layout.addStretch(1)
        if not office_key:
            # setFinalPage makes QWizard swap Next for Finish at once (no more office pages).
            self.office.toggled.connect(self.setFinalPage)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("欢迎使用"))
        self.setSubTitle(self.tr("第一次使用，请先完成设置。这些设置只需做一次。"))
        self.intro.setText(self.tr("请选择本机的用途："))
        self.unit.setText(self.tr("成员单位填报员(&U)"))
        self.unit_note.setText(self.tr("按报告期填写本单位承担的任务进展，导出带签名的报送文件。"))
        self.office.setText(self.tr("质量强市办(&O)"))
        self.office_note.setText(self.tr("导入、核验各成员单位的报送文件，汇总并考核。"))

    def role(self) -> str:
        return ROLE_OFFICE if self.office.isChecked() else ROLE_UNIT

    def nextId(self) -> int:
        if self.office.isChecked():
            return PAGE_OFFICE_KEY if self.office_key else -1
        return PAGE_UNIT


class UnitPage(Retranslating, QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self._catalog: Catalog | None = None
        self.caption = QLabel()
        self.search = QLineEdit()
        self.search.setObjectName("unitSearch")
        self.search.setClearButtonEnabled(True)
        self.caption.setBuddy(self.search)
        self.units = QListWidget()
        self.units.setObjectName("unitList")
        self.loading = QLabel()
        self.none = QLabel()
        self.none.setStyleSheet("color: #c62828;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.search)
        layout.addWidget(self.units, 1)
        layout.addWidget(self.loading)
        layout.addWidget(self.none)
        self.search.textChanged.connect(self._refill)
        self.units.currentItemChanged.connect(lambda *_: self.completeChanged.emit())
        self.units.itemActivated.connect(lambda _item: self.wizard().next())
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("选择本单位"))
        self.setSubTitle(self.tr("输入单位名称、简称或其中几个字查找，例如“住建”或“市场监管委”。"))
        self.caption.setText(self.tr("查找单位(&F)："))
        self.search.setPlaceholderText(self.tr("单位名称或简称"))
        self.loading.setText(self.tr("正在读取工作方案…") if self._catalog is None else "")
        self._refill(self.search.text())

    def set_catalog(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self.loading.clear()
        self._refill(self.search.text())

    def _refill(self, text: str) -> None:
        if self._catalog is None:
            return
        from PySide6.QtCore import Qt  # loaded with the catalog, after the first paint

        current = self.unit_id()
        found = {u.id for u in self._catalog.search_units(text)}
        self.units.clear()
        for u in self._catalog.reporting_units():
            if u.id not in found:
                continue
            item = QListWidgetItem(f"{u.name}（{u.short_name}）")
            item.setData(Qt.ItemDataRole.UserRole, u.id)
            item.setToolTip(self.tr("又称：") + "、".join(u.aliases))
            self.units.addItem(item)
            if u.id == current:
                self.units.setCurrentItem(item)
        if self.units.currentItem() is None and self.units.count():
            self.units.setCurrentRow(0)  # Enter in the search box takes the best match
        self.none.setText("" if self.units.count() else self.tr("没有找到这个单位，请换个说法。"))
        self.completeChanged.emit()

    def unit_id(self) -> str | None:
        item = self.units.currentItem()
        if item is None:
            return None
        from PySide6.QtCore import Qt

        return str(item.data(Qt.ItemDataRole.UserRole))

    def unit_name(self) -> str:
        if self._catalog is None or self.unit_id() is None:
            return ""
        return self._catalog.unit(str(self.unit_id())).name

    def initializePage(self) -> None:
        self.search.setFocus()

    def isComplete(self) -> bool:
        return self.unit_id() is not None


class ClerkPage(Retranslating, QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.clerk = QLineEdit()
        self.clerk.setObjectName("clerkName")
        self.clerk.setMaxLength(40)
        self.contact = QLineEdit()
        self.contact.setObjectName("clerkPhone")
        self.contact.setMaxLength(40)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555555;")
        self.form = QFormLayout(self)
        self.clerk_label = QLabel()
        self.clerk_label.setBuddy(self.clerk)
        self.contact_label = QLabel()
        self.contact_label.setBuddy(self.contact)
        self.form.addRow(self.clerk_label, self.clerk)
        self.form.addRow(self.contact_label, self.contact)
        self.form.addRow(self.note)
        self.clerk.textChanged.connect(lambda _t: self.completeChanged.emit())
        self.contact.textChanged.connect(lambda _t: self.completeChanged.emit())
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("填报人"))
        self.setSubTitle(self.tr("报送文件中会写明填报人和联系电话，便于市质量强市办联系核实。"))
        self.clerk_label.setText(self.tr("姓名(&N)："))
        self.contact_label.setText(self.tr("联系电话(&T)："))
        self.clerk.setPlaceholderText(self.tr("例如：张三"))
        self.contact.setPlaceholderText(self.tr("例如：0755-88888888 或 13800000000"))
        self.note.setText(self.tr("以后可以在“设置”中修改。"))

    def isComplete(self) -> bool:
        digits = sum(c.isdigit() for c in self.contact.text())
        return bool(self.clerk.text().strip()) and digits >= 5

    def initializePage(self) -> None:
        self.clerk.setFocus()


def _no_office_key(_arg: Any) -> Any:
    raise RuntimeError("no office key reader given")


class SetupWizard(Retranslating, QWizard):
    def __init__(
        self,
        create_unit: CreateUnit,
        save_registration: Callable[[Path], Path],
        parent: Any = None,
        *,
        office_key: tuple[ReadKeyFile, TrustKey] | None = None,
        create_office: CreateOffice | None = None,
        save_office_key: Callable[[Path], Path] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("setupWizard")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.role_page = RolePage(office_key=create_office is not None)
        self.unit_page = UnitPage()
        self.clerk_page = ClerkPage()
        self.key_page = KeyPage(self._create)
        self.done_page = DonePage(save_registration)
        read, trust = office_key or (_no_office_key, _no_office_key)
        self.trust_office_page = TrustOfficeKeyPage(read, trust)
        self.setPage(PAGE_ROLE, self.role_page)
        self.setPage(PAGE_UNIT, self.unit_page)
        self.setPage(PAGE_CLERK, self.clerk_page)
        self.setPage(PAGE_KEY, self.key_page)
        self.setPage(PAGE_TRUST_OFFICE, self.trust_office_page)
        self.setPage(PAGE_DONE, self.done_page)
        self.office_key_info: Any = None
        if create_office is not None:
            make = create_office
            self.office_key_page = OfficeKeyPage(lambda p: lambda: make(p))
            self.office_done_page = OfficeDonePage(save_office_key or (lambda path: path))
            self.setPage(PAGE_OFFICE_KEY, self.office_key_page)
            self.setPage(PAGE_OFFICE_DONE, self.office_done_page)
        self.setStartId(PAGE_ROLE)
        logo = resource_path("icons/app.png")
        if logo.exists():  # the program's icon in the page headers
            size = self.fontMetrics().lineSpacing() * 3
            self.setPixmap(QWizard.WizardPixmap.LogoPixmap, QIcon(str(logo)).pixmap(size))
        self._create_unit = create_unit
        self.resize(760, 560)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("质量工作任务填报与汇总 — 首次设置"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("创建密钥(&C)"))

    def set_catalog(self, catalog: Catalog) -> None:
        self.unit_page.set_catalog(catalog)

    def role(self) -> str:
        return self.role_page.role()

    def profile(self) -> ProfileLike | None:
        profile: ProfileLike | None = self.done_page.profile
        return profile

    def _create(self, passphrase: str) -> Callable[[], ProfileLike]:
        """Read the answers here, on the UI thread; the returned job runs on a pool thread."""
        unit_id = str(self.unit_page.unit_id())
        clerk = self.clerk_page.clerk.text().strip()
        contact = self.clerk_page.contact.text().strip()
        create = self._create_unit
        return lambda: create(unit_id, clerk, contact, passphrase)

    def key_created(self, profile: ProfileLike) -> None:
        self.done_page.profile = profile

    def office_key_created(self, info: Any) -> None:
        """The office key exists (and with it the office store)."""
        self.office_key_info = info
        self.office_done_page.profile = info
