"""What the office said about the task shown, inside the entry form, under the task's text: its
comment on the task (from the review that returned or accepted the period) and each 督办 notice
on the task, with its due date, days left and the clerk's response field.

The box owns no store: ``response_edited`` carries each change and the window saves it with
the form's autosave; the response travels in the next signed export.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from app.ui.common.due_days import due_words
from app.ui.common.retranslate import Retranslating
from app.ui.unit.form_fields import CounterLabel, text_box

RESPONSE_LIMIT = 2000  # characters, as the service allows (MAX_RESPONSE_CHARS)
BOX_STYLE = (
    "QFrame#taskAnswers { background: #fff8e1; border: 1px solid #e0b84c; border-radius: 4px; }"
    " QFrame#taskAnswers QLabel { background: transparent; }"
)


@dataclass(frozen=True)
class TaskNotice:
    """One 督办 notice on the task shown (from the service's received notice)."""

    id: int
    text: str
    due: date
    state: str  # open | answered | closed
    response: str


@dataclass
class _NoticeWidgets:
    notice: TaskNotice
    heading: QLabel
    due: QLabel
    caption: QLabel
    edit: QPlainTextEdit
    counter: CounterLabel


def _label(bold: bool = False) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


class TaskAnswersBox(Retranslating, QFrame):
    response_edited = Signal(int, str)  # notice id, the response as typed

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskAnswers")
        self.setStyleSheet(BOX_STYLE)
        self.comment_caption = _label(bold=True)
        self.comment = _label()
        self.comment.setObjectName("taskComment")
        self.notices_layout = QVBoxLayout()
        self.notices_layout.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.comment_caption)
        layout.addWidget(self.comment)
        layout.addLayout(self.notices_layout)
        self.chain_after: QWidget | None = None  # the form's last field: responses follow it
        self.widgets: list[_NoticeWidgets] = []
        self._today = date.today()
        self._state = ""
        self._loading = False
        self.hide()
        self.retranslate()

    # -- content ---------------------------------------------------------------------------
    def show_answers(
        self, state: str, comment: str, notices: Sequence[TaskNotice], today: date
    ) -> None:
        """The office's comment (under the review ``state``) and notices on one task."""
        self._today, self._state = today, state
        self.comment.setText(comment)
        self.comment_caption.setVisible(bool(comment))
        self.comment.setVisible(bool(comment))
        self._clear_notices()
        self._loading = True
        try:
            for notice in notices:
                self._add_notice(notice)
        finally:
            self._loading = False
        self.setVisible(bool(comment or notices))
        self.retranslate()
        self._chain()

    def clear(self) -> None:
        self.show_answers("", "", (), self._today)

    def _clear_notices(self) -> None:
        while self.notices_layout.count():
            item = self.notices_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.widgets = []

    def _add_notice(self, notice: TaskNotice) -> None:
        frame = QWidget()
        heading, due, caption = _label(bold=True), _label(), QLabel()
        edit = text_box(3)
        edit.setUndoRedoEnabled(True)  # not on the form's undo stack: the box keeps its own
        edit.setObjectName(f"response{notice.id}")
        edit.setPlainText(notice.response)
        edit.setReadOnly(notice.state == "closed")
        caption.setBuddy(edit)
        counter = CounterLabel(RESPONSE_LIMIT)
        counter.set_count(len(notice.response))
        head = QHBoxLayout()
        head.addWidget(caption)
        head.addStretch(1)
        head.addWidget(counter)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(0, 6, 0, 0)
        for part in (heading, due):
            layout.addWidget(part)
        layout.addLayout(head)
        layout.addWidget(edit)
        self.notices_layout.addWidget(frame)
        widgets = _NoticeWidgets(notice, heading, due, caption, edit, counter)
        edit.textChanged.connect(lambda w=widgets: self._edited(w))
        self.widgets.append(widgets)

    def _edited(self, w: _NoticeWidgets) -> None:
        text = w.edit.toPlainText()
        w.counter.set_count(len(text))
        if not self._loading:
            self.response_edited.emit(w.notice.id, text)

    def _chain(self) -> None:
        before = self.chain_after
        for w in self.widgets:
            if before is not None:
                QWidget.setTabOrder(before, w.edit)
            before = w.edit

    # -- look-ups --------------------------------------------------------------------------
    def response_edit(self, notice_id: int) -> QPlainTextEdit | None:
        return next((w.edit for w in self.widgets if w.notice.id == notice_id), None)

    def focus_response(self, notice_id: int) -> bool:
        edit = self.response_edit(notice_id)
        if edit is None:
            return False
        edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def retranslate(self) -> None:
        self.comment_caption.setText(self._comment_caption())
        for w in self.widgets:
            n = w.notice
            w.heading.setText(self.tr("督办事项：{text}").format(text=n.text))
            days, color = due_words(n.due, self._today)
            when = self.tr("办理期限：{due}（{days}）").format(due=n.due.isoformat(), days=days)
            w.due.setText(f"{when}  {notice_state_label(n.state)}")
            w.due.setStyleSheet(f"color: {color};" if n.state != "closed" else "")
            w.caption.setText(self.tr("答复(&D)："))
            w.edit.setPlaceholderText(
                self.tr("填写办理情况；答复随下一次导出的报送文件报送市质量强市办")
                if n.state != "closed"
                else ""
            )

    def _comment_caption(self) -> str:
        if self._state == "returned":
            return self.tr("市质量强市办的意见（退回修改）：")
        return self.tr("市质量强市办的意见：")


def notice_state_label(state: str) -> str:
    from PySide6.QtCore import QCoreApplication

    labels = {
        "open": QCoreApplication.translate("Labels", "待答复"),
        "answered": QCoreApplication.translate("Labels", "已答复"),
        "closed": QCoreApplication.translate("Labels", "已办结"),
    }
    return labels.get(state, state)
