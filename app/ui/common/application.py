"""Setting up the QApplication once: names (for QSettings), font fallback, translators, icon."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QGuiApplication, QIcon

from app import APP_NAME, APP_TITLE_ZH, __version__
from app.config import resource_path
from app.ui.common.i18n import apply_language

# First the Windows UI font (it has CJK), then the common CJK families of other systems.
CJK_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "SimSun",
)


def prepare_application(app: QCoreApplication, lang: str | None = None) -> str:
    """Returns the language in force. Safe to call again (tests share one QApplication)."""
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    if isinstance(app, QGuiApplication):
        app.setApplicationDisplayName(APP_TITLE_ZH)
        font = QFont(app.font())
        # Keep the platform's UI font first so Latin text looks native; CJK falls back in order.
        font.setFamilies([app.font().family(), *CJK_FAMILIES])
        app.setFont(font)
        icon = resource_path("icons/app.png")
        if icon.exists():
            app.setWindowIcon(QIcon(str(icon)))
    return apply_language(lang)
