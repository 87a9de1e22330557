"""Review decisions from any page: accept, return with comments, accept all without errors.

Each action is one call to ``app.services.review`` under the staff name of the settings, naming
the state the office looked at (``seen``). When someone else decided first, or the unit sent a
newer version meanwhile, the service refuses with ``ReviewConflict``: the office is told what
the current decision is, and the pages refresh (``decided``) so nothing is overwritten unseen.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app.ui.office.actor import current_actor
from app.ui.office.answer_texts import error_text, review_label
from app.ui.office.detail_pane import local_time

if TYPE_CHECKING:
    from app.domain.catalog import Catalog
    from app.models.store import Store
    from app.services.review import ReviewState

log = logging.getLogger(__name__)


class ReviewFlow(QObject):
    decided = Signal()  # a decision was made, or found changed: the review states are stale

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.widget = widget

    # -- the actions -------------------------------------------------------------------------
    def accept(self, store: Store, seen: ReviewState) -> ReviewState | None:
        decision: ReviewState | None = self._decide(store, seen, "accepted")
        return decision

    def return_(
        self, store: Store, catalog: Catalog, seen: ReviewState, task: str | None = None
    ) -> ReviewState | None:
        """Ask for the comments (``task`` has the cursor), then return the version."""
        from app.ui.office.review_dialog import ReturnDialog

        tasks = [(str(t.no), t.title) for t, _role in catalog.tasks_for_unit(seen.unit_code)]
        earlier = {c.task: c.text for c in seen.comments} if seen.state == "returned" else {}
        heading = self.tr("退回 {0} {1} 报告期的第 {2} 版，请写明需要修改的地方。").format(
            seen.unit_name, seen.period_code, seen.version
        )
        dialog = ReturnDialog(
            heading,
            tasks,
            comment=seen.comment if seen.state == "returned" else "",
            task_comments=earlier,
            parent=self.widget,
        )
        if task is not None:
            dialog.set_task_comment(task, earlier.get(task, ""))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        decision: ReviewState | None = self._decide(
            store,
            seen,
            "returned",
            comment=dialog.general_comment(),
            task_comments=dialog.task_comments(),
        )
        return decision

    def accept_all(
        self, store: Store, period: str, plan: str | None = None
    ) -> list[ReviewState] | None:
        """Accept every pending version without errors in ``period`` (after a confirmation)."""
        from app.services.review import accept_all_clean, review_states

        states = review_states(store, period, plan)
        clean = [s for s in states if s.state == "pending" and not s.has_errors]
        doubtful = sum(1 for s in states if s.state == "pending" and s.has_errors)
        if not clean:
            QMessageBox.information(
                self.widget,
                self.tr("全部无误受理"),
                self.tr("{0} 报告期没有待审核且无错误的报送。").format(period),
            )
            return []
        names = "、".join(s.unit_name for s in clean[:8]) + ("…" if len(clean) > 8 else "")
        answer = QMessageBox.question(
            self.widget,
            self.tr("全部无误受理"),
            self.tr("受理 {0} 报告期待审核且无错误的 {1} 个单位的报送？\n{2}").format(
                period, len(clean), names
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        try:
            accepted = accept_all_clean(store, period, current_actor(store), plan)
        except Exception as exc:
            self._failed(exc)
            return None
        self.decided.emit()
        done = self.tr("已受理 {0} 个单位的报送。").format(len(accepted))
        if doubtful:
            done += "\n" + self.tr("另有 {0} 个单位的报送有问题，请逐个查看后再决定。").format(
                doubtful
            )
        QMessageBox.information(self.widget, self.tr("全部无误受理"), done)
        return accepted

    # -- the one call ------------------------------------------------------------------------
    def _decide(self, store: Store, seen: ReviewState, state: str, **words: Any) -> Any:
        from app.services.review import ReviewConflict, decide

        try:
            decision = decide(
                store,
                unit_code=seen.unit_code,
                period_code=seen.period_code,
                state=state,
                actor=current_actor(store),
                seen=seen,
                plan_code=seen.plan_code or None,
                **words,
            )
        except ReviewConflict as conflict:
            self.show_conflict(seen, conflict.current)
            self.decided.emit()  # show what is true now
            return None
        except Exception as exc:
            self._failed(exc)
            return None
        self.decided.emit()
        return decision

    def conflict_text(self, seen: ReviewState, current: ReviewState) -> str:
        """What changed since the office looked, in one paragraph."""
        if current.version != seen.version:
            return self.tr(
                "{0} 已报送新的第 {1} 版（您看到的是第 {2} 版），新版本待审核。请先查看新版本。"
            ).format(current.unit_name, current.version, seen.version)
        who = current.actor or self.tr("另一位工作人员")
        when = local_time(current.decided_at)
        text = self.tr("{0} 已于 {1} 将 {2} 第 {3} 版设为「{4}」。").format(
            who, when, current.unit_name, current.version, review_label(current.state)
        )
        if current.comment:
            text += "\n" + self.tr("意见：{0}").format(current.comment)
        return text + "\n" + self.tr("窗口已刷新，显示的是最新的审核结果。")

    def show_conflict(self, seen: ReviewState, current: ReviewState) -> None:
        QMessageBox.warning(
            self.widget, self.tr("已有其他人处理"), self.conflict_text(seen, current)
        )

    def _failed(self, exc: BaseException) -> None:
        log.warning("review decision refused: %s", exc)
        QMessageBox.warning(self.widget, self.tr("未能保存审核结果"), error_text(exc))
