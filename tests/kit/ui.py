"""Helpers for driving the real windows: the set-up install's constants, typing like a clerk."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

FAST_SCRYPT_N = 2**10  # the real 2^17 takes ~0.5 s per key; the envelope records the cost
PASSPHRASE = "青山绿水 quality 2016!"
TODAY = date(2016, 4, 1)  # inside 2016Q1's reporting window (due 2016-04-10)


def type_text(widget: QWidget, text: str) -> None:
    """Type like a clerk: ASCII as key clicks, Chinese as an input-method commit (as a
    Pinyin IME delivers it; QTest cannot click non-ASCII keys)."""
    widget.setFocus()
    chunk = ""
    for ch in text:
        if ch.isascii() == (chunk[:1].isascii() if chunk else ch.isascii()):
            chunk += ch
            continue
        _send(widget, chunk)
        chunk = ch
    _send(widget, chunk)


def _send(widget: QWidget, chunk: str) -> None:
    if not chunk:
        return
    if chunk.isascii():
        QTest.keyClicks(widget, chunk)
    else:
        event = QInputMethodEvent()
        event.setCommitString(chunk)
        QApplication.sendEvent(widget, event)
