"""Punctuation that differs by language: a label's colon is full-width in Chinese ("进展："),
a colon and a space in English ("Progress: ")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def colon(label: str) -> str:
    """``label`` followed by the interface language's colon."""
    return QCoreApplication.translate("Punctuation", "{0}：").format(label)
