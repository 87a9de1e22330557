"""The office's answers in the clerk's window (docs/design.md §4): what the feedback files
brought for the period shown — the review state in the period bar, comments and notices
marked in the task list, the comment and the notices' response fields in the entry form, the
督办 list in a dock — and the responses the clerk types, saved with the form's autosave.

Everything is read with ``unit_answers`` (one session per call) when a period is shown and
after an import; a response goes to ``set_response`` and travels in the next export.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDockWidget

from app.ui.common.i18n import EN, current_language
from app.ui.unit.notice_list import NoticePanel, NoticeRow
from app.ui.unit.task_answers import TaskNotice

if TYPE_CHECKING:
    from app.services.feedback import UnitAnswers
    from app.ui.unit.window import MainWindow

log = logging.getLogger(__name__)


def _task_no(task: str) -> int | None:
    return int(task) if task.isdigit() else None


class AnswersController(QObject):
    def __init__(self, window: MainWindow, today: Callable[[], date]) -> None:
        super().__init__(window)
        self.window, self._today = window, today
        self.answers: UnitAnswers | None = None
        self.responses: dict[int, str] = {}  # typed since the period was read (shown at once)
        self.panel = NoticePanel()
        self.dock = QDockWidget()
        self.dock.setObjectName("noticesDock")
        self.dock.setWidget(self.panel)
        self.dock.setFeatures(window.summary_dock.features())
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        window.tabifyDockWidget(window.summary_dock, self.dock)
        window.summary_dock.raise_()
        self.panel.retranslate()
        window.form.answers.response_edited.connect(self._response_edited)
        self.panel.notice_activated.connect(self.go_to_notice)

    # -- reading ---------------------------------------------------------------------------
    def load(self, period: str) -> None:
        """What the office said about ``period``: bar, list marks, dock."""
        try:
            service = self.window.reads()
            self.answers = None  # the first view has no store: bind() reads them
            if service.store is not None:
                from app.services.feedback import unit_answers

                self.answers = unit_answers(
                    service.store, period, service.catalog.code, today=self._today()
                )
        except Exception:  # the window works without it; the log says why
            log.exception("reading the office's answers failed")
            self.answers = None
        self.responses.clear()
        review = self.answers.review if self.answers is not None else None
        if review is None:
            self.window.period_bar.set_review(None)
            self.panel.show_review("", "")
        else:
            self.window.period_bar.set_review(review.state, review.version, review.comment)
            self.panel.show_review(review.state, review.comment)
        comments = [_task_no(t) for t in (review.comments if review is not None else {})]
        counts: dict[int, int] = {}
        for n in self._notices():
            no = _task_no(n.task)
            if no is not None and n.state != "closed":
                counts[no] = counts.get(no, 0) + 1
        self.window.task_panel.model.set_marks([c for c in comments if c is not None], counts)
        self._show_rows()

    def load_shown(self) -> None:
        """Read again for the period and task on screen (after a feedback file)."""
        period, task = self.window.current_period(), self.window.current_task()
        if period is not None:
            self.load(period)
            if task is not None:
                self.show_task(task)

    def _notices(self) -> list[Any]:
        return list(self.answers.notices) if self.answers is not None else []

    def _response(self, notice: Any) -> str:
        return self.responses.get(notice.id, notice.response or "")

    def _show_rows(self) -> None:
        titles = {t.no: t.title for t in self.window.reads().catalog.tasks}
        today = self._today()
        rows = []
        for n in self._notices():
            no = _task_no(n.task)
            known = no if no in titles else None
            title = titles.get(no, "") if no is not None else ""
            rows.append(
                NoticeRow(n.id, known, title, n.text, n.due, n.state, self._response(n), today)
            )
        rows.sort(key=lambda r: (r.state == "closed", r.due, r.id))
        self.panel.show_notices(rows)

    def show_task(self, no: int) -> None:
        """The comment and the notices on task ``no`` in the entry form."""
        review = self.answers.review if self.answers is not None else None
        comment = review.comments.get(str(no), "") if review is not None else ""
        notices = [
            TaskNotice(n.id, n.text, n.due, n.state, self._response(n))
            for n in self._notices()
            if _task_no(n.task) == no
        ]
        state = review.state if review is not None else ""
        self.window.form.answers.show_answers(state, comment, notices, self._today())

    # -- the clerk's moves -----------------------------------------------------------------
    def _response_edited(self, notice_id: int, text: str) -> None:
        store = self.window.service().store
        self.responses[notice_id] = text
        self.window.autosaver.schedule(
            ("response", notice_id), lambda: self._save_response(store, notice_id, text)
        )
        self.window.saved_label.saving()
        self._show_rows()

    def _save_response(self, store: Any, notice_id: int, text: str) -> None:
        """A refused response (too long, the notice closed meanwhile) is said, not retried;
        a failing disk raises and the autosave keeps retrying it."""
        from app.domain.messages import Refusal
        from app.services.feedback import set_response

        try:
            set_response(store, notice_id, text)
        except Refusal as exc:
            log.info("response to notice %s refused: %s", notice_id, exc)
            reason = exc.render("en" if current_language() == EN else "zh")
            self.window.statusBar().showMessage(self.tr("答复未保存：{0}").format(reason), 15000)

    def go_to_notice(self, task: int, notice_id: int) -> bool:
        """The notice's task in the form, the cursor in its response field."""
        window = self.window
        if window.current_task() != task:
            window.select_task(task)
        if window.current_task() != task:
            return False
        window.tabs.setCurrentIndex(0)
        found = window.form.answers.focus_response(notice_id)
        edit = window.form.answers.response_edit(notice_id)
        if edit is not None:
            window.form.scroll_area.ensureWidgetVisible(edit)
        return found

    def show_dock(self) -> None:
        self.dock.show()
        self.dock.raise_()

    def focus_notices(self) -> None:
        """转到 → 督办事项 (Ctrl+Shift+D): the list on top, the cursor in it."""
        self.show_dock()
        view = self.panel.view
        if self.panel.model.rowCount() and not view.currentIndex().isValid():
            view.setCurrentIndex(self.panel.model.index(0, 0))
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)
