"""The progress form for one task in one period: the task text, status, percent, three texts,
one field per numeric target; validation as the clerk types, undo and redo across fields.

The form owns no store: it emits ``edited`` with the new draft and the window saves it.
"""

from __future__ import annotations

from collections.abc import Hashable
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QKeySequence,
    QRegularExpressionValidator,
    QUndoGroup,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.catalog import TaskInfo
from app.domain.entry_rules import (
    STATUSES,
    TEXT_LIMITS,
    EntryDraft,
    FieldError,
    clean_text,
    parse_percent,
    percent_error,
    validate_entry,
)
from app.ui.common.i18n import error_message, field_label, role_label, status_label
from app.ui.common.retranslate import Retranslating
from app.ui.common.status_icons import status_icon
from app.ui.unit.form_fields import FORM_STYLE, CounterLabel, ErrorLabel, set_invalid, text_box
from app.ui.unit.form_undo import FieldEdit
from app.ui.unit.task_answers import TaskAnswersBox

# Digits (half or full width) and an optional percent sign: every accepted text parses.
PERCENT_PATTERN = r"^[0-9０-９]{0,3}[%％]?$"


UNDO_KEYS = (QKeySequence("Ctrl+Z"), QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"))


def is_undo_key(event: QKeyEvent) -> bool:
    """Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y or the platform's own undo/redo keys."""
    if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
        return True
    pressed = QKeySequence(event.keyCombination())
    return any(pressed.matches(k) == QKeySequence.SequenceMatch.ExactMatch for k in UNDO_KEYS)


class EntryForm(Retranslating, QWidget):
    edited = Signal(object)  # EntryDraft, after each change by the clerk (or undo/redo)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("entryForm")
        self.setStyleSheet(FORM_STYLE)
        self._task: TaskInfo | None = None
        self._role = ""
        self._draft: EntryDraft | None = None
        self._percent_text = ""
        self._loading = False
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[Hashable, QUndoStack] = {}
        self._target_edits: dict[str, QLineEdit] = {}
        self._errors: dict[str, ErrorLabel] = {}
        self._build()
        self.retranslate()
        self.setEnabled(False)

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        """Heading and task text, status and percent, targets, the three texts; scrolling."""
        body = QVBoxLayout()
        body.addLayout(self._build_heading())
        body.addWidget(self.task_text)
        self.answers = TaskAnswersBox()  # the office's comment and 督办 notices on the task
        body.addWidget(self.answers)
        body.addSpacing(6)
        body.addLayout(self._build_status_row())
        # Numeric targets sit with status and percent: short fields, seen without scrolling.
        body.addWidget(self._build_targets())
        self._build_texts(body)
        self.answers.chain_after = self.texts["next_steps"]  # responses come after the texts
        inner = QWidget()
        inner.setLayout(body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        self.scroll_area = scroll
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._connect()

    def _build_heading(self) -> QHBoxLayout:
        self.heading = QLabel()
        self.heading.setObjectName("taskHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.role = QLabel()
        self.role.setObjectName("taskRole")
        self.task_text = QLabel()
        self.task_text.setObjectName("taskText")
        self.task_text.setWordWrap(True)
        self.task_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.task_text.setFrameShape(QFrame.Shape.StyledPanel)
        self.task_text.setStyleSheet(
            "QLabel#taskText { background: #f6f8fb; border: 1px solid #d5dde8;"
            " border-radius: 4px; padding: 8px; }"
        )
        head_row = QHBoxLayout()
        head_row.addWidget(self.heading, 1)
        head_row.addWidget(self.role, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        return head_row

    def _build_status_row(self) -> QGridLayout:
        self.status_caption = QLabel()
        self.status = QComboBox()
        self.status.setObjectName("status")
        for code in STATUSES:
            self.status.addItem(status_icon(code), "", code)
        self.status_caption.setBuddy(self.status)
        self.percent_caption = QLabel()
        self.percent = QLineEdit()
        self.percent.setObjectName("percent")
        self.percent.setValidator(
            QRegularExpressionValidator(QRegularExpression(PERCENT_PATTERN), self.percent)
        )
        self.percent.setMaxLength(4)
        self.percent.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.percent.setMaximumWidth(self.percent.fontMetrics().horizontalAdvance("0") * 10)
        self.percent_caption.setBuddy(self.percent)
        self.percent_sign = QLabel("%")
        top = QGridLayout()
        top.addWidget(self.status_caption, 0, 0)
        top.addWidget(self.status, 0, 1)
        top.addWidget(self.percent_caption, 0, 3)
        percent_box = QHBoxLayout()
        percent_box.addWidget(self.percent)
        percent_box.addWidget(self.percent_sign)
        percent_box.addStretch(1)
        top.addLayout(percent_box, 0, 4)
        self._errors["status"] = ErrorLabel()
        self._errors["percent"] = ErrorLabel()
        top.addWidget(self._errors["status"], 1, 1)
        top.addWidget(self._errors["percent"], 1, 4)
        top.setColumnMinimumWidth(2, 24)
        top.setColumnStretch(4, 1)
        return top

    def _build_targets(self) -> QWidget:
        """The box of the task's numeric targets (its rows come with each task)."""
        self.targets_caption = QLabel()
        self.targets_caption.setObjectName("targetsCaption")
        font = self.targets_caption.font()
        font.setBold(True)
        self.targets_caption.setFont(font)
        self.targets_hint = QLabel()
        self.targets_hint.setProperty("role", "hint")
        self.targets_grid = QGridLayout()
        self.targets_grid.setColumnStretch(4, 1)
        self._target_goals: list[tuple[QLabel, QLineEdit, str]] = []
        self.targets_box = QWidget()
        targets_layout = QVBoxLayout(self.targets_box)
        targets_layout.setContentsMargins(0, 2, 0, 0)
        caption_row = QHBoxLayout()
        caption_row.addWidget(self.targets_caption)
        caption_row.addWidget(self.targets_hint, 1)
        targets_layout.addLayout(caption_row)
        targets_layout.addLayout(self.targets_grid)
        return self.targets_box

    def _build_texts(self, body: QVBoxLayout) -> None:
        """进展, 问题, 下一步: a caption, a counter and the box, with its error below."""
        self.text_captions: dict[str, QLabel] = {}
        self.texts: dict[str, QPlainTextEdit] = {}
        self.counters: dict[str, CounterLabel] = {}
        for name, lines in (("progress", 5), ("problems", 3), ("next_steps", 3)):
            caption = QLabel()
            counter = CounterLabel(TEXT_LIMITS[name])
            box = text_box(lines, grow=name == "progress")
            box.setObjectName(name)
            caption.setBuddy(box)
            head = QHBoxLayout()
            head.addWidget(caption)
            head.addStretch(1)
            head.addWidget(counter)
            self.text_captions[name] = caption
            self.texts[name] = box
            self.counters[name] = counter
            self._errors[name] = ErrorLabel()
            body.addSpacing(4)
            body.addLayout(head)
            body.addWidget(box, 1 if name == "progress" else 0)
            body.addWidget(self._errors[name])

    def _connect(self) -> None:
        self.status.currentIndexChanged.connect(self._status_changed)
        self.percent.textEdited.connect(lambda text: self._edited("percent", text))
        for name, box in self.texts.items():
            box.textChanged.connect(lambda n=name: self._text_changed(n))
        for w in (self.status, self.percent, *self.texts.values()):
            w.installEventFilter(self)

    def retranslate(self) -> None:
        self.status_caption.setText(self.tr("状态(&S)："))
        for i, code in enumerate(STATUSES):
            self.status.setItemText(i, status_label(code))
        self.percent_caption.setText(self.tr("完成度(&C)："))
        self.percent.setPlaceholderText(self.tr("0-100"))
        self.text_captions["progress"].setText(self.tr("工作进展(&R)："))
        self.text_captions["problems"].setText(self.tr("存在问题(&B)："))
        self.text_captions["next_steps"].setText(self.tr("下一步计划(&N)："))
        self.texts["progress"].setPlaceholderText(self.tr("本期做了哪些工作，取得了什么进展"))
        self.texts["problems"].setPlaceholderText(self.tr("遇到的困难和问题；状态为“滞后”时必填"))
        self.texts["next_steps"].setPlaceholderText(self.tr("下一步的工作安排"))
        self.targets_caption.setText(self.tr("目标值完成情况"))
        self.targets_hint.setText(self.tr("（截至本报告期末的实际完成数，只填数字）"))
        self._retranslate_targets()
        if self._task is not None:
            self._show_heading()
            self._show_errors()

    def _retranslate_targets(self) -> None:
        for goal, edit, describe in self._target_goals:
            goal.setText(self.tr("目标 {goal}，实际：").format(goal=describe))
            edit.setPlaceholderText(self.tr("实际值"))

    def _show_heading(self) -> None:
        assert self._task is not None
        self.heading.setText(
            self.tr("任务 {no}：{title}").format(no=self._task.no, title=self._task.title)
        )
        self.role.setText(self.tr("本单位角色：{role}").format(role=role_label(self._role)))

    def _rebuild_targets(self, task: TaskInfo) -> None:
        while self.targets_grid.count():
            item = self.targets_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for name in list(self._errors):
            if name.startswith("target:"):
                del self._errors[name]
        self._target_edits = {}
        self._target_goals = []
        for row, target in enumerate(task.targets):
            field = f"target:{target.name}"
            label = QLabel(target.name)
            label.setWordWrap(True)
            goal = QLabel()
            goal.setProperty("role", "hint")
            edit = QLineEdit()
            edit.setObjectName(field)
            edit.setMaxLength(40)
            edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("0") * 16)
            label.setBuddy(edit)
            unit = QLabel(target.unit)
            error = ErrorLabel()
            self.targets_grid.addWidget(label, 2 * row, 0)
            self.targets_grid.addWidget(goal, 2 * row, 1)
            self.targets_grid.addWidget(edit, 2 * row, 2)
            self.targets_grid.addWidget(unit, 2 * row, 3)
            self.targets_grid.addWidget(error, 2 * row + 1, 0, 1, 5)
            edit.textEdited.connect(lambda text, f=field: self._edited(f, text))
            edit.installEventFilter(self)
            self._target_edits[field] = edit
            self._errors[field] = error
            self._target_goals.append((goal, edit, target.describe()))
        self._retranslate_targets()
        self.targets_box.setVisible(bool(task.targets))
        self._chain_tab_order()

    def _chain_tab_order(self) -> None:
        chain: list[QWidget] = [self.status, self.percent, *self._target_edits.values()]
        chain += list(self.texts.values())
        for a, b in pairwise(chain):
            QWidget.setTabOrder(a, b)

    def first_field(self) -> QWidget:
        return self.status

    # -- showing an entry ------------------------------------------------------------------
    def show_entry(self, task: TaskInfo, role: str, draft: EntryDraft) -> None:
        """Show ``draft`` (as loaded from the store) for editing."""
        self._loading = True
        try:
            if self._task is None or self._task.no != task.no:
                self._rebuild_targets(task)
            self._task, self._role, self._draft = task, role, draft
            self._show_heading()
            self.task_text.setText(task.text)
            self.status.setCurrentIndex(max(0, self.status.findData(draft.status)))
            self._percent_text = "" if draft.percent is None else str(draft.percent)
            self.percent.setText(self._percent_text)
            for name, box in self.texts.items():
                box.setPlainText(getattr(draft, name))
                self.counters[name].set_count(len(clean_text(getattr(draft, name))))
            for field, edit in self._target_edits.items():
                edit.setText(draft.target(field.removeprefix("target:")))
        finally:
            self._loading = False
        self.undo_group.setActiveStack(self._stack(self.key()))
        self.setEnabled(True)
        self._show_errors()
        self.scroll_area.verticalScrollBar().setValue(0)

    def clear_entry(self) -> None:
        self._task, self._draft = None, None
        self.heading.clear()
        self.role.clear()
        self.task_text.clear()
        self.answers.clear()
        self.undo_group.setActiveStack(None)  # type: ignore[arg-type]  # Qt takes nullptr
        self.setEnabled(False)

    def key(self) -> Hashable:
        d = self._draft
        return None if d is None else (d.task_no, d.period)

    def draft(self) -> EntryDraft | None:
        return self._draft

    def task(self) -> TaskInfo | None:
        return self._task

    def forget_undo(self, keys: list[Hashable]) -> None:
        """Drop undo history of entries changed behind the form's back (copy from previous)."""
        for key in keys:
            stack = self._stacks.pop(key, None)
            if stack is not None:
                self.undo_group.removeStack(stack)
                stack.deleteLater()

    def _stack(self, key: Hashable) -> QUndoStack:
        if key not in self._stacks:
            stack = QUndoStack(self)
            self.undo_group.addStack(stack)
            self._stacks[key] = stack
        return self._stacks[key]

    # -- edits -----------------------------------------------------------------------------
    def _status_changed(self, _index: int) -> None:
        self._edited("status", str(self.status.currentData()))

    def _text_changed(self, name: str) -> None:
        text = self.texts[name].toPlainText()
        self.counters[name].set_count(len(clean_text(text)))
        self._edited(name, text)

    def _value_of(self, draft: EntryDraft, field: str) -> str:
        if field == "percent":
            return self._percent_text
        if field.startswith("target:"):
            return draft.target(field.removeprefix("target:"))
        return str(getattr(draft, field))

    def _edited(self, field: str, value: str) -> None:
        if self._loading or self._draft is None:
            return
        old = self._value_of(self._draft, field)
        if old == value:
            return
        self._set_draft_value(field, value)
        stack = self.undo_group.activeStack()
        if stack is not None:
            stack.push(FieldEdit(self.key(), field, old, value, self._apply, field_label(field)))
        self._after_change()

    def _set_draft_value(self, field: str, value: str) -> None:
        assert self._draft is not None
        if field == "percent":
            self._percent_text = value
            self._draft = self._draft.with_changes(percent=parse_percent(value))
        elif field.startswith("target:"):
            self._draft = self._draft.with_target(field.removeprefix("target:"), value)
        else:
            self._draft = self._draft.with_changes(**{field: value})

    def _apply(self, field: str, value: str) -> None:
        """Undo/redo: put ``value`` back into its widget and the draft, then save it."""
        if self._draft is None:
            return
        self._loading = True
        try:
            widget = self.field_widget(field)
            if field == "status":
                self.status.setCurrentIndex(max(0, self.status.findData(value)))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value)
                cursor = widget.textCursor()
                cursor.movePosition(cursor.MoveOperation.End)
                widget.setTextCursor(cursor)
                self.counters[field].set_count(len(clean_text(value)))
            elif isinstance(widget, QLineEdit):
                widget.setText(value)
        finally:
            self._loading = False
        self._set_draft_value(field, value)
        self.focus_field(field)
        self._after_change()

    def _after_change(self) -> None:
        self._show_errors()
        self.edited.emit(self._draft)

    def seal_undo(self) -> None:
        """The next keystroke starts a new undo step (after a pause, a save or leaving a field)."""
        stack = self.undo_group.activeStack()
        if stack is not None and stack.index() > 0:
            top = stack.command(stack.index() - 1)
            if isinstance(top, FieldEdit):
                top.sealed = True

    # -- validation ------------------------------------------------------------------------
    def errors(self) -> list[FieldError]:
        if self._draft is None or self._task is None:
            return []
        errors = validate_entry(self._draft, self._task)
        typed = percent_error(self._percent_text, self._draft.task_no)
        if typed is not None and not any(e.field == "percent" for e in errors):
            errors.insert(0, typed)
        return errors

    def _show_errors(self) -> None:
        by_field: dict[str, list[str]] = {}
        for e in self.errors():
            by_field.setdefault(e.field, []).append(error_message(e))
        for field, label in self._errors.items():
            messages = by_field.get(field, [])
            label.show_message("\n".join(messages))
            widget = self.field_widget(field)
            if widget is not None:
                set_invalid(widget, bool(messages))

    def error_text(self, field: str) -> str:
        label = self._errors.get(field)
        return label.text() if label is not None and label.isVisible() else ""

    # -- fields ----------------------------------------------------------------------------
    def field_widget(self, field: str) -> QWidget | None:
        if field == "status":
            return self.status
        if field == "percent":
            return self.percent
        if field in self.texts:
            return self.texts[field]
        return self._target_edits.get(field)

    def focus_field(self, field: str) -> None:
        widget = self.field_widget(field) or self.status
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll_area.ensureWidgetVisible(widget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Undo/redo keys go to the form's stack, not to the widget's own history.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and is_undo_key(event)
        ):
            event.ignore()
            return True
        if event.type() == QEvent.Type.FocusOut:
            self.seal_undo()
        return False
