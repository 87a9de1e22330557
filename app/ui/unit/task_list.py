"""The unit's tasks for one period as a flat model: section header rows, then task rows.

Filtering happens here, in Python, and the model is reset: a QSortFilterProxyModel over a
Python model costs seconds on big tables (docs/design.md §6).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon

from app.domain.catalog import normalise_name
from app.ui.common.colors import ERROR_COLOR, OK_COLOR, STATUS_COLORS
from app.ui.common.i18n import role_label, status_label
from app.ui.common.status_icons import badge_icon, status_icon

COL_NO, COL_TITLE, COL_ROLE, COL_STATUS, COL_DONE = range(5)
COLUMN_COUNT = 5

FILTER_ALL, FILTER_INCOMPLETE, FILTER_ERRORS = "all", "incomplete", "errors"
FILTERS = (FILTER_ALL, FILTER_INCOMPLETE, FILTER_ERRORS)

TASK_NO_ROLE = Qt.ItemDataRole.UserRole + 1  # the task number of a row (None on headers)
MARK_ROLE = Qt.ItemDataRole.UserRole + 2  # (has the office's comment, open notices) of a task
COMMENT_COLOR, NOTICE_COLOR = "#1e6fd9", "#d2461f"

if TYPE_CHECKING:
    from app.domain.catalog import TaskInfo
    from app.services.entries import SavedEntry

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class TaskRow:
    no: int
    section: int
    title: str
    text: str
    role: str
    status: str = "not_started"
    filled: bool = False
    error_count: int = 0

    @classmethod
    def of(cls, task: TaskInfo, role: str, saved: SavedEntry) -> TaskRow:
        """The row of a task as saved (errors count only once something is filled)."""
        errors = len(saved.errors) if saved.filled else 0
        return cls(
            task.no,
            task.section,
            task.title,
            task.text,
            role,
            saved.draft.status,
            saved.filled,
            errors,
        )

    @property
    def complete(self) -> bool:
        return self.filled and self.error_count == 0

    def matches(self, key: str) -> bool:
        return not key or key == str(self.no) or key in normalise_name(self.title + self.text)


@dataclass(frozen=True)
class SectionRow:
    no: int
    title: str


def _chinese_numeral(n: int) -> str:
    digits = "零一二三四五六七八九十"
    return digits[n] if 0 <= n <= 10 else str(n)


class TaskListModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sections: dict[int, str] = {}
        self._rows: list[TaskRow] = []
        self._visible: list[TaskRow | SectionRow] = []
        self._search = ""
        self._filter = FILTER_ALL
        self._comments: frozenset[int] = frozenset()
        self._notices: dict[int, int] = {}

    # -- feeding ---------------------------------------------------------------------------
    def set_rows(self, rows: list[TaskRow], sections: dict[int, str]) -> None:
        self._rows = sorted(rows, key=lambda r: (r.section, r.no))
        self._sections = dict(sections)
        self._refilter()

    def update_row(self, row: TaskRow) -> None:
        """Replace one task's row in place (it stays visible until the filter changes)."""
        self._rows = [row if r.no == row.no else r for r in self._rows]
        i = self.row_of_task(row.no)
        if i is not None:
            self._visible[i] = row
            self.dataChanged.emit(self.index(i, 0), self.index(i, COLUMN_COUNT - 1))

    def set_marks(self, comments: Iterable[int], notices: Mapping[int, int]) -> None:
        """The tasks the office commented on, and each task's open 督办 notices (a count)."""
        self._comments, self._notices = frozenset(comments), dict(notices)
        if self._visible:
            last = self.index(len(self._visible) - 1, COLUMN_COUNT - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def marks(self, no: int) -> tuple[bool, int]:
        return no in self._comments, self._notices.get(no, 0)

    def set_search(self, text: str) -> None:
        self._search = normalise_name(text)
        self._refilter()

    def set_filter(self, kind: str) -> None:
        self._filter = kind if kind in FILTERS else FILTER_ALL
        self._refilter()

    def _keep(self, row: TaskRow) -> bool:
        if self._filter == FILTER_INCOMPLETE and row.complete:
            return False
        if self._filter == FILTER_ERRORS and row.error_count == 0:
            return False
        return row.matches(self._search)

    def _refilter(self) -> None:
        self.beginResetModel()
        visible: list[TaskRow | SectionRow] = []
        section = None
        for row in self._rows:
            if not self._keep(row):
                continue
            if row.section != section:
                section = row.section
                visible.append(SectionRow(section, self._sections.get(section, "")))
            visible.append(row)
        self._visible = visible
        self.endResetModel()

    # -- look-ups --------------------------------------------------------------------------
    def rows(self) -> list[TaskRow]:
        return list(self._rows)

    def task_row(self, no: int) -> TaskRow | None:
        return next((r for r in self._rows if r.no == no), None)

    def row_of_task(self, no: int) -> int | None:
        for i, r in enumerate(self._visible):
            if isinstance(r, TaskRow) and r.no == no:
                return i
        return None

    def task_at(self, row: int) -> int | None:
        if 0 <= row < len(self._visible):
            r = self._visible[row]
            return r.no if isinstance(r, TaskRow) else None
        return None

    def is_header(self, row: int) -> bool:
        return 0 <= row < len(self._visible) and isinstance(self._visible[row], SectionRow)

    def visible_tasks(self) -> list[int]:
        return [r.no for r in self._visible if isinstance(r, TaskRow)]

    def neighbour(self, no: int | None, step: int) -> int | None:
        """The visible task ``step`` rows away (skipping headers), or None at either end."""
        tasks = self.visible_tasks()
        if not tasks:
            return None
        if no not in tasks:
            return tasks[0] if step > 0 else tasks[-1]
        i = tasks.index(no) + step
        return tasks[i] if 0 <= i < len(tasks) else None

    # -- Qt model --------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.is_header(index.row()):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (
            QCoreApplication.translate("TaskList", "序号"),
            QCoreApplication.translate("TaskList", "任务"),
            QCoreApplication.translate("TaskList", "角色"),
            QCoreApplication.translate("TaskList", "状态"),
            QCoreApplication.translate("TaskList", "完成"),
        )
        return names[section] if 0 <= section < COLUMN_COUNT else None

    def data(self, index: _Index, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._visible):
            return None
        item = self._visible[index.row()]
        if isinstance(item, SectionRow):
            return self._header_data(item, index.column(), role)
        return self._task_data(item, index.column(), role)

    def _header_data(self, item: SectionRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and column == 0:
            return f"{_chinese_numeral(item.no)}、{item.title}"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor("#eef2f7"))
        return None

    def _task_data(self, item: TaskRow, column: int, role: int) -> Any:
        if role == TASK_NO_ROLE:
            return item.no
        if role == MARK_ROLE:
            return self.marks(item.no)
        if column == COL_TITLE and role == Qt.ItemDataRole.DecorationRole:
            return self._mark_icon(item.no)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_NO:
                return str(item.no)
            if column == COL_TITLE:
                return item.title
            if column == COL_ROLE:
                return role_label(item.role)
            if column == COL_STATUS:
                return status_label(item.status)
            if column == COL_DONE:
                if item.error_count:
                    return f"⚠ {item.error_count}"
                return "✓" if item.filled else ""
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == COL_STATUS:
            return status_icon(item.status)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_STATUS:
                return QBrush(QColor(STATUS_COLORS.get(item.status, "#000000")))
            if column == COL_DONE:
                return QBrush(QColor(ERROR_COLOR if item.error_count else OK_COLOR))
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_DONE:
                return self._done_tip(item)
            return f"{item.no}. {item.text}{self._mark_tip(item.no)}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_NO, COL_DONE):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _mark_icon(self, no: int) -> QIcon | None:
        comment, notices = self.marks(no)
        translate = QCoreApplication.translate
        if notices:
            return badge_icon(translate("TaskList", "督"), NOTICE_COLOR)
        return badge_icon(translate("TaskList", "意"), COMMENT_COLOR) if comment else None

    def _mark_tip(self, no: int) -> str:
        comment, notices = self.marks(no)
        translate = QCoreApplication.translate
        lines = [translate("TaskList", "市质量强市办对此任务有意见")] if comment else []
        if notices:
            lines.append(translate("TaskList", "督办事项 {n} 项").format(n=notices))
        return "".join("\n" + line for line in lines)

    @staticmethod
    def _done_tip(item: TaskRow) -> str:
        if item.error_count:
            return QCoreApplication.translate("TaskList", "有 {n} 个错误").format(
                n=item.error_count
            )
        if item.filled:
            return QCoreApplication.translate("TaskList", "已填写，无错误")
        return QCoreApplication.translate("TaskList", "尚未填写")
