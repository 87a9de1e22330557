"""The interface language: Chinese is the source language, English comes from our ``.qm``.

Switching applies at once: translators are swapped and Qt sends every widget a
``LanguageChange`` event; each of our widgets re-sets its texts in ``retranslate()``.
Texts that come from the core (validation messages) are chosen here by code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.config import resource_path
from app.ui.common.prefs import KEY_LANGUAGE, ui_settings

if TYPE_CHECKING:  # the core's rules load after the first paint
    from PySide6.QtWidgets import QComboBox

    from app.domain.entry_rules import FieldError

ZH = "zh_CN"
EN = "en"
LANGUAGES = (ZH, EN)
OUR_QM = "i18n/qualityreport_{lang}.qm"

_installed: list[QTranslator] = []
_current = ZH


def stored_language() -> str:
    value = ui_settings().value(KEY_LANGUAGE, ZH)
    return value if value in LANGUAGES else ZH


def store_language(lang: str) -> None:
    ui_settings().setValue(KEY_LANGUAGE, lang)


def current_language() -> str:
    return _current


def apply_language(lang: str | None) -> str:
    """Install the translators for ``lang`` (None: the stored choice); returns the language."""
    global _current
    lang = lang if lang in LANGUAGES else stored_language()
    app = QCoreApplication.instance()
    for tr in _installed:
        QCoreApplication.removeTranslator(tr)
    _installed.clear()
    if lang == ZH:
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        _load(f"qtbase_{ZH}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        _load(f"qualityreport_{lang}", str(resource_path("i18n")))
    _current = lang
    if app is not None:
        for tr in _installed:
            QCoreApplication.installTranslator(tr)
    return lang


def _load(name: str, folder: str) -> None:
    tr = QTranslator()
    if tr.load(name, folder):
        _installed.append(tr)


# -- labels for codes the core uses -------------------------------------------------------
def status_label(code: str) -> str:
    labels = {
        "not_started": QCoreApplication.translate("Labels", "未启动"),
        "in_progress": QCoreApplication.translate("Labels", "推进中"),
        "completed": QCoreApplication.translate("Labels", "已完成"),
        "delayed": QCoreApplication.translate("Labels", "滞后"),
    }
    return labels.get(code, code)


def role_label(role: str) -> str:
    labels = {
        "lead": QCoreApplication.translate("Labels", "牵头"),
        "responsible": QCoreApplication.translate("Labels", "负责"),
        "support": QCoreApplication.translate("Labels", "配合"),
    }
    return labels.get(role, role)


def field_label(field: str) -> str:
    """The name of a form field as the core's messages call it (``target:<name>``: the name)."""
    from app.domain.entry_rules import field_label as core_label

    return core_label(field, "en" if _current == EN else "zh")


def is_blank_error(err: FieldError) -> bool:
    """The summary's "this task is not filled in yet" (not a broken rule of a field)."""
    return err.code == "blank" or dict(err.params).get("msg") == "blank"


def error_message(err: FieldError) -> str:
    """A core validation error in the interface language."""
    return err.render("en" if _current == EN else "zh")


def language_combo(current: str) -> QComboBox:
    """The language choice of both settings dialogs: each language by its own name, so a
    person who cannot read the current interface still finds theirs."""
    from PySide6.QtWidgets import QComboBox

    combo = QComboBox()
    combo.setObjectName("language")
    combo.addItem("中文", ZH)
    combo.addItem("English", EN)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo
