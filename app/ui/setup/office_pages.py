"""The wizard's office path: the office's signing key (passphrase twice, as a unit's key) and
its fingerprint with the registration file the units trust it from.

The key signs the plan packages and feedback files the office sends the units
(``app.services.office_key``); creating it also creates the office store, so the folder is
the office's from then on.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from app.ui.setup.key_pages import DonePage, KeyPage, grouped_fingerprint


class OfficeKeyPage(KeyPage):
    """The unit's key page with the office's words; Next creates the office key off-thread."""

    created_hook = "office_key_created"

    def retranslate(self) -> None:
        super().retranslate()
        self.setTitle(self.tr("本办签名密钥"))
        self.setSubTitle(
            self.tr(
                "发给各成员单位的工作方案包和反馈文件用本办的签名密钥签名，"
                "单位凭它确认文件确实来自市质量强市办。请设一个密码保护密钥。"
            )
        )
        self.explain.setText(
            self.tr(
                "密码至少 {n} 个字符，可以用一句好记的话（可含中文）。生成方案包和反馈文件时"
                "需要输入；忘记后只能重新创建密钥，并请各单位重新登记。"
            ).format(n=self.min_length)
        )


class OfficeDonePage(DonePage):
    """The office key's fingerprint and its registration file for the units."""

    def retranslate(self) -> None:
        super().retranslate()
        self.setSubTitle(self.tr("请把本办的密钥登记文件发给各成员单位，并请他们核对指纹。"))
        self.caption.setText(self.tr("本办签名密钥的指纹："))
        self.save_button.setText(self.tr("保存密钥登记文件(&S)…"))
        self.note.setText(
            self.tr(
                "各单位在首次设置或“设置”中导入这个文件后，会通过电话向您核对指纹；"
                "以后也可以在本办窗口的“设置”中再次导出。"
            )
        )

    def _show_profile(self) -> None:
        info = self.profile
        if info is None:
            return
        self.summary.setText(self.tr("本机已设置为市质量强市办的汇总电脑，本办签名密钥已创建。"))
        self.fingerprint.setText(grouped_fingerprint(info.fingerprint))

    def default_path(self) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(folder or Path.home()) / "质量强市办密钥登记.json"
