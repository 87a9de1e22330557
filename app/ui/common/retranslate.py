"""Every widget with words says them again when the interface language changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    _Widget = QWidget
else:
    _Widget = object  # a mixin: the Qt class comes after it in the bases


class Retranslating(_Widget):
    """Put it before the Qt class (``class Page(Retranslating, QWidget)``): ``retranslate`` runs
    on every LanguageChange event, which Qt sends to each widget when a translator changes."""

    def retranslate(self) -> None:
        """Set every text from ``tr()`` again."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
