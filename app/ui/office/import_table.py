"""The import dialog's table: one row per file with its preview and its import result."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.ui.common.model_texts import ask_views_again
from app.ui.office.outcome_text import (
    conflict_mark,
    is_unregistered_key,
    preview_text,
    result_text,
)

_Index = QModelIndex | QPersistentModelIndex

COL_FILE, COL_UNIT, COL_PERIOD, COL_VERSION, COL_PREVIEW, COL_RESULT = range(6)

# Light backgrounds, so black text stays readable on every one.
OUTCOME_COLORS = {
    "accepted": "#d8f0dc",
    "superseded": "#eef0f3",
    "duplicate": "#eef0f3",
    "rejected": "#fbd9d3",
}


@dataclass
class FileRow:
    path: str
    preview: Any = None  # FileOutcome of the dry run
    result: Any = None  # FileOutcome of the real import
    cancelled: bool = False  # the import was cancelled before this file

    @property
    def latest(self) -> Any:
        return self.result if self.result is not None else self.preview

    @property
    def needs_key(self) -> bool:
        o = self.latest
        return o is not None and is_unregistered_key(o.outcome, o.message)


class ImportTableModel(QAbstractTableModel):
    def __init__(self, unit_names: dict[str, str] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.unit_names = unit_names or {}  # unit id -> short name
        self.rows: list[FileRow] = []
        self._where: dict[str, int] = {}
        # (unit, period) -> the highest version previewed as valid in this list: a dry run
        # checks each file against the store alone, so a lower version next to a higher one
        # would read "new" although the batch will leave it in the history.
        self._batch_top: dict[tuple[str, str], int] = {}

    # -- content ---------------------------------------------------------------------------
    def add_files(self, files: list[str]) -> list[str]:
        """Append the files not listed yet; returns those that were new."""
        new = [f for f in dict.fromkeys(files) if f not in self._where]
        if new:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            for f in new:
                self._where[f] = len(self.rows)
                self.rows.append(FileRow(f))
            self.endInsertRows()
        return new

    def clear(self) -> None:
        self.beginResetModel()
        self.rows.clear()
        self._where.clear()
        self._batch_top.clear()
        self.endResetModel()

    def row_of(self, path: str) -> FileRow | None:
        i = self._where.get(path)
        return None if i is None else self.rows[i]

    def set_preview(self, outcome: Any) -> None:
        self._update(outcome.file, preview=outcome, cancelled=False)
        if outcome.outcome in ("accepted", "superseded") and outcome.unit and outcome.period:
            key = (outcome.unit, outcome.period)
            if outcome.version > self._batch_top.get(key, 0):
                self._batch_top[key] = outcome.version
                if self.rows:  # rows previewed earlier may now be outranked
                    last = self.index(len(self.rows) - 1, COL_PREVIEW)
                    self.dataChanged.emit(self.index(0, COL_PREVIEW), last)

    def outranked_by(self, row: FileRow) -> int | None:
        """The higher version of the same unit and period listed with this file, if any."""
        o = row.preview
        if o is None or o.outcome not in ("accepted", "superseded") or not o.unit:
            return None
        top = self._batch_top.get((o.unit, o.period or ""), 0)
        return top if top > (o.version or 0) else None

    def set_result(self, outcome: Any) -> None:
        self._update(outcome.file, result=outcome, cancelled=False)

    def mark_cancelled(self, files: list[str]) -> None:
        for f in files:
            row = self.row_of(f)
            if row is not None and row.result is None:
                self._update(f, cancelled=True)

    def _update(self, path: str, **values: Any) -> None:
        i = self._where.get(path)
        if i is None:
            return
        for k, v in values.items():
            setattr(self.rows[i], k, v)
        self.dataChanged.emit(self.index(i, 0), self.index(i, COL_RESULT))

    def pending(self) -> list[str]:
        """Files not imported yet (the next 导入 takes these)."""
        return [r.path for r in self.rows if r.result is None]

    def unpreviewed(self) -> list[str]:
        return [r.path for r in self.rows if r.preview is None and r.result is None]

    def tally(self, which: str) -> dict[str, int]:
        """Rows by what happens to them, from the ``preview`` or the ``result`` column:
        new, replaced, duplicate, history (older, or outranked in this batch), rejected."""
        out = dict.fromkeys(("new", "replaced", "duplicate", "history", "rejected"), 0)
        for r in self.rows:
            o = getattr(r, which)
            if o is None:
                continue
            if which == "preview" and self.outranked_by(r) is not None:
                out["history"] += 1
            elif o.outcome == "accepted":
                out["new" if o.code == "import_new" else "replaced"] += 1
            elif o.outcome == "superseded":
                out["history"] += 1
            elif o.outcome in out:
                out[o.outcome] += 1
        return out

    def retranslate(self) -> None:
        ask_views_again(self)

    # -- Qt model --------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COL_RESULT + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("文件"),
                self.tr("单位"),
                self.tr("报告期"),
                self.tr("版本"),
                self.tr("预览：导入后将"),
                self.tr("导入结果"),
            )[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.path if col == COL_FILE else self._text(row, col)
        if role == Qt.ItemDataRole.BackgroundRole:
            o = row.result if col == COL_RESULT else row.preview if col == COL_PREVIEW else None
            if o is not None:
                return QBrush(QColor(OUTCOME_COLORS.get(o.outcome, "#ffffff")))
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_RESULT and row.cancelled:
            return QBrush(QColor("#8a8f98"))
        return None

    @staticmethod
    def _marked(outcome: Any, text: str) -> str:
        """A file that is one of two different files of one version carries the mark."""
        return f"{conflict_mark()} · {text}" if outcome.conflict else text

    def _text(self, row: FileRow, col: int) -> str:
        o = row.latest
        if col == COL_FILE:
            return Path(row.path).name
        if col == COL_UNIT:
            unit = (o.unit or "") if o is not None else ""
            return self.unit_names.get(unit, unit)
        if col == COL_PERIOD:
            return (o.period or "") if o is not None else ""
        if col == COL_VERSION:
            return f"v{o.version}" if o is not None and o.version is not None else ""
        if col == COL_PREVIEW:
            if row.preview is None:
                return self.tr("等待预览…") if row.result is None else ""
            top = self.outranked_by(row)
            if top is not None:
                return self.tr("存入历史：本批还有更新的 v{0}").format(top)
            text = preview_text(row.preview.outcome, row.preview.message)
            n = len(row.preview.changes)
            if row.preview.outcome == "accepted" and row.preview.code != "import_new" and n:
                text += " · " + self.tr("{0} 处改动").format(n)
            return self._marked(row.preview, text)
        if row.result is not None:
            return self._marked(row.result, result_text(row.result.outcome, row.result.message))
        return self.tr("已取消，未导入") if row.cancelled else ""
