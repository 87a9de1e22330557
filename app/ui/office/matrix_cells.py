"""What a matrix cell looks like: its state, colours, roles and the filter that selects it.

Split from ``matrix_model`` (which re-exports every name) to keep modules short.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

_Index = QModelIndex | QPersistentModelIndex

MISSING = "missing"  # a unit with a role that reported nothing on the task this period
EXEMPT = "exempt"  # a unit with a role that does not report through this system (the office)
CELL_STATES = ("not_started", "in_progress", "completed", "delayed", MISSING)
MISSING_COLOR = "#e0645a"  # the hatch lines of a missing cell
SECTION_BACKGROUND = "#e4e9f0"
DIM_BACKGROUND = "#f1f3f6"

TaskNoRole = Qt.ItemDataRole.UserRole + 1
UnitRole = Qt.ItemDataRole.UserRole + 2
StateRole = Qt.ItemDataRole.UserRole + 3
LateRole = Qt.ItemDataRole.UserRole + 4
SectionRole = Qt.ItemDataRole.UserRole + 5
MatchRole = Qt.ItemDataRole.UserRole + 6  # False for a cell a cell filter does not select
ReviewRole = Qt.ItemDataRole.UserRole + 7  # a unit column's review state (header data)

# Plain ints: comparing with Qt's enum members on every call is measurable when the view asks
# seven roles of each of ~900 visible cells per repaint (docs/benchmarks.md).
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
# The roles a cell's paint asks (plus the view's late corner), worked out once per filter.
_LOOK_ROLES: tuple[int, ...] = (_DISPLAY, _BACKGROUND, _FOREGROUND, _ALIGNMENT)
_LOOK_ROLES += (int(StateRole), int(LateRole), int(MatchRole))
_STATE = int(StateRole)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable  # made once, not per cell
_MISSING_TEXT = object()  # translated when asked: the language may change meanwhile
# Roles the view asks of every cell that a cell never answers: no work at all for them.
_CELL_NEVER = frozenset(
    int(r)
    for r in (
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.CheckStateRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.SizeHintRole,
    )
)


@cache
def _brush(color: str, style: Qt.BrushStyle = Qt.BrushStyle.SolidPattern) -> QBrush:
    """One brush per colour, not a new one on every paint of every cell."""
    return QBrush(QColor(color), style)


def cell_state(cell: Any, exempt: frozenset[str] = frozenset()) -> str:
    if cell.status is None:
        return EXEMPT if cell.unit_id in exempt else MISSING
    return str(cell.status)


def compact_name(short_name: str) -> str:
    """'市住房建设局' -> '住房建设局': the leading 市 says nothing in a column header."""
    return short_name[1:] if short_name.startswith("市") and len(short_name) > 2 else short_name


def vertical_text(text: str) -> str:
    """Chinese reads well top to bottom: one character per line keeps columns narrow."""
    return "\n".join(text)


@dataclass(frozen=True)
class MatrixFilter:
    period: str | None = None
    section: int | None = None
    unit: str | None = None
    state: str | None = None  # one of CELL_STATES
    late: bool = False
    missing: bool = False

    @property
    def cell_level(self) -> bool:
        return self.state is not None or self.late or self.missing

    def selects(self, cell: Any, exempt: frozenset[str] = frozenset()) -> bool:
        state = cell_state(cell, exempt)
        if state == EXEMPT or (self.state is not None and state != self.state):
            return False
        if self.late and not cell.late:
            return False
        return not (self.missing and state != MISSING)


def clip_text(text: str, limit: int = 240) -> str:
    """One line of at most ``limit`` characters (a tooltip's paragraph)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
