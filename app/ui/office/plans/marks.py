"""What the editor marks on the plan: the broken rules (run as you type) and the open guesses.

``PlanChecks`` runs ``check_plan`` a moment after the last change (the check is pure and
takes milliseconds for a whole plan; the pause only spares the work while typing) and keeps
the problems by pointer for the views: a cell asks for its own, a row for everything inside it.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from app.services.plans import PlanProblem, check_plan
from app.ui.common.colors import ERROR_COLOR, WARN_COLOR
from app.ui.office.plans import pointers as jp
from app.ui.office.plans.document import PlanDocument

CHECK_DELAY_MS = 250
ERROR_BACKGROUND = "#fde3e1"
GUESS_BACKGROUND = "#fff3c4"


class PlanChecks(QObject):
    changed = Signal()

    def __init__(self, doc: PlanDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.problems: list[PlanProblem] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.run)
        doc.edited.connect(self._timer.start)
        doc.reset.connect(self.run)

    def pending(self) -> bool:
        return self._timer.isActive()

    def run(self) -> None:
        """Check now (also what the timer does)."""
        self._timer.stop()
        self.problems = check_plan(self.doc.plan) if self.doc.plan else []
        self.changed.emit()

    def at(self, pointer: str) -> list[PlanProblem]:
        return [p for p in self.problems if p.pointer == pointer]

    def inside(self, pointer: str) -> list[PlanProblem]:
        return [p for p in self.problems if jp.under(p.pointer, pointer)]


@cache
def mark_icon(kind: str) -> QIcon:
    """A round badge: red "!" for a broken rule, amber "?" for a guess to confirm."""
    color, sign = (ERROR_COLOR, "!") if kind == "error" else (WARN_COLOR, "?")
    icon = QIcon()
    for size in (16, 24, 32):
        pix = QPixmap(size, size)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(color))
        p.drawEllipse(QRectF(1, 1, size - 2, size - 2))
        font = QFont()
        font.setBold(True)
        font.setPixelSize(int(size * 0.7))
        p.setFont(font)
        p.setPen(QColor("white"))
        p.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, sign)
        p.end()
        icon.addPixmap(pix)
    return icon
