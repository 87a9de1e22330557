"""The page of goal indicators (工作目标指标) this unit owns: a value and a note for each."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.catalog import IndicatorInfo
from app.domain.entry_rules import TEXT_LIMITS, IndicatorDraft, validate_indicator
from app.ui.common.i18n import error_message
from app.ui.unit.form_fields import FORM_STYLE, ErrorLabel, set_invalid


class IndicatorRow:
    """The widgets of one indicator (not a QWidget: they sit in the page's grid)."""

    def __init__(self, info: IndicatorInfo) -> None:
        self.info = info
        self.draft = IndicatorDraft(info.no, "")
        self.name = QLabel(f"{info.no}. {info.name}")
        self.name.setWordWrap(True)
        self.goal = QLabel(info.as_target().describe())
        self.goal.setProperty("role", "hint")
        self.value = QLineEdit()
        self.value.setObjectName(f"indicator{info.no}Value")
        self.value.setMaxLength(40)
        self.unit = QLabel(info.unit)
        self.note = QLineEdit()
        self.note.setObjectName(f"indicator{info.no}Note")
        self.note.setMaxLength(TEXT_LIMITS["note"] + 100)  # over the limit shows the rule
        self.name.setBuddy(self.value)
        self.value_error = ErrorLabel()
        self.note_error = ErrorLabel()


class IndicatorPage(QWidget):
    edited = Signal(object)  # IndicatorDraft

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("indicatorPage")
        self.setStyleSheet(FORM_STYLE)
        self.rows: dict[int, IndicatorRow] = {}
        self._loading = False
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.none = QLabel()
        self.headers = [QLabel() for _ in range(4)]
        for h in self.headers:
            font = h.font()
            font.setBold(True)
            h.setFont(font)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(0, 3)
        self.grid.setColumnStretch(4, 3)
        for col, h in zip((0, 1, 2, 4), self.headers, strict=True):
            self.grid.addWidget(h, 0, col)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(self.intro)
        layout.addWidget(self.none)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.retranslate()

    def retranslate(self) -> None:
        self.intro.setText(
            self.tr(
                "下列全市工作目标指标由本单位负责。季度报告可填写截至期末的最新数值；"
                "年度总结必须填写全年实际值。"
            )
        )
        self.none.setText(self.tr("本单位不负责工作目标指标。"))
        for h, text in zip(
            self.headers,
            (self.tr("指标"), self.tr("目标"), self.tr("实际值"), self.tr("说明")),
            strict=True,
        ):
            h.setText(text)
        for row in self.rows.values():
            row.value.setPlaceholderText(self.tr("实际值"))
            row.note.setPlaceholderText(self.tr("数据来源、口径等（可不填）"))
        self._show_all_errors()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_indicators(self, indicators: list[IndicatorInfo]) -> None:
        for i, info in enumerate(indicators):
            row = IndicatorRow(info)
            r = 1 + 2 * i
            self.grid.addWidget(row.name, r, 0)
            self.grid.addWidget(row.goal, r, 1)
            self.grid.addWidget(row.value, r, 2)
            self.grid.addWidget(row.unit, r, 3)
            self.grid.addWidget(row.note, r, 4)
            self.grid.addWidget(row.value_error, r + 1, 0, 1, 4)
            self.grid.addWidget(row.note_error, r + 1, 4)
            row.value.textEdited.connect(lambda text, no=info.no: self._edited(no, "value", text))
            row.note.textEdited.connect(lambda text, no=info.no: self._edited(no, "note", text))
            self.rows[info.no] = row
        self.none.setVisible(not indicators)
        for h in self.headers:
            h.setVisible(bool(indicators))
        self.retranslate()

    def show_drafts(self, drafts: list[IndicatorDraft]) -> None:
        self._loading = True
        try:
            for d in drafts:
                row = self.rows.get(d.no)
                if row is None:
                    continue
                row.draft = d
                row.value.setText(d.value)
                row.note.setText(d.note)
        finally:
            self._loading = False
        self._show_all_errors()

    def _edited(self, no: int, field: str, text: str) -> None:
        if self._loading:
            return
        row = self.rows[no]
        row.draft = row.draft.with_changes(**{field: text})
        self._show_errors(row)
        self.edited.emit(row.draft)

    def _show_all_errors(self) -> None:
        for row in self.rows.values():
            self._show_errors(row)

    def _show_errors(self, row: IndicatorRow) -> None:
        errors = validate_indicator(row.draft, row.info) if row.draft.period else []
        for field, edit, label in (
            ("value", row.value, row.value_error),
            ("note", row.note, row.note_error),
        ):
            messages = [error_message(e) for e in errors if e.field == field]
            label.show_message("\n".join(messages))
            set_invalid(edit, bool(messages))

    def error_text(self, no: int, field: str = "value") -> str:
        row = self.rows[no]
        label = row.value_error if field == "value" else row.note_error
        return label.text() if label.isVisible() else ""

    def focus_field(self, no: int, field: str) -> None:
        row = self.rows.get(no)
        if row is not None:
            (row.note if field == "note" else row.value).setFocus(Qt.FocusReason.OtherFocusReason)
