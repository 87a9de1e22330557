"""Small round status icons drawn at runtime (crisp at any DPI, no image files)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from app.ui.common.colors import ERROR_COLOR, OK_COLOR, STATUS_COLORS, WARN_COLOR

__all__ = ["ERROR_COLOR", "OK_COLOR", "STATUS_COLORS", "WARN_COLOR", "status_icon"]


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
