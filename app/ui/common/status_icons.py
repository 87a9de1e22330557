"""Small round status icons drawn at runtime (crisp at any DPI, no image files)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from app.ui.common.colors import STATUS_COLORS


@cache
def status_icon(status: str) -> QIcon:
    color = QColor(STATUS_COLORS.get(status, "#8a8f98"))
    icon = QIcon()
    for size in (16, 24, 32, 48):
        pix = QPixmap(size, size)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        margin = size * 0.18
        rect = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
        if status == "not_started":  # hollow: nothing done yet
            p.setPen(QPen(color, max(1.5, size / 10)))
            p.setBrush(Qt.BrushStyle.NoBrush)
        else:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(color)
        p.drawEllipse(rect)
        p.end()
        icon.addPixmap(pix)
    return icon


@cache
def badge_icon(letter: str, color: str) -> QIcon:
    """A rounded badge with one character on it (意 for an office comment, 督 for a notice)."""
    icon = QIcon()
    for size in (16, 24, 32, 48):
        pix = QPixmap(size, size)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(color))
        p.drawRoundedRect(QRectF(0, 0, size, size), size / 5, size / 5)
        font = p.font()
        font.setPixelSize(int(size * 0.75))
        font.setBold(True)
        p.setFont(font)
        p.setPen(QColor("#ffffff"))
        p.drawText(QRectF(0, 0, size, size), int(Qt.AlignmentFlag.AlignCenter), letter)
        p.end()
        icon.addPixmap(pix)
    return icon
