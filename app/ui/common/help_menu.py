"""帮助 in both windows: the folder of the program's log, so that a failure in the field can be
diagnosed from the file the user sends back (app/logs.py writes it)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from app.ui.common.retranslate import Retranslating

log = logging.getLogger(__name__)


def open_folder(folder: Path) -> bool:
    """Show ``folder`` in the system's file manager (made first if it does not exist yet)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        log.warning("cannot create %s", folder, exc_info=True)
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))


class HelpMenu(Retranslating, QMenu):
    def __init__(self, log_dir: Path, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("helpMenu")
        self.log_dir = log_dir
        self.open_logs = QAction(self)
        self.open_logs.setObjectName("openLogFolder")
        self.open_logs.triggered.connect(self.open_log_folder)
        self.addAction(self.open_logs)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("帮助(&H)"))
        self.open_logs.setText(self.tr("打开日志文件夹(&L)"))
        self.open_logs.setToolTip(
            self.tr("程序日志所在的文件夹；遇到问题时请把其中的文件发给技术支持")
        )

    def open_log_folder(self) -> bool:
        if open_folder(self.log_dir):
            return True
        # No file manager (a locked-down desktop): say where it is, so it can be found by hand.
        QMessageBox.information(
            self.parentWidget(),
            self.tr("日志文件夹"),
            self.tr("程序日志保存在：{0}").format(self.log_dir),
        )
        return False
