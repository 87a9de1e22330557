"""The files the office sends a unit (docs/design.md §4): 文件 → 导入工作方案… / 导入反馈…, and
either dropped on the window. The kind is read from the signed file itself, so a feedback file
chosen under 导入工作方案 is still applied as what it is, and a submission (the units' own
kind) is turned away with a plain word.

The file is checked and applied on the thread pool (``run_in_background``); the dialog shows
a busy bar, then the refusal with its reason (nothing changed) or what changed. After a plan
package the window is attached again (new due dates, new periods); after a feedback file the
office's answers are read again.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog

from app.ui.common.i18n import EN, current_language
from app.ui.common.plan_change_list import Line, change_lines
from app.ui.common.workers import run_in_background
from app.ui.unit.office_file_dialog import Content, OfficeFileDialog

if TYPE_CHECKING:
    from app.domain.catalog import Catalog
    from app.services.feedback import FeedbackApplied, UnitAnswers
    from app.services.plans.package import PlanPackageImported
    from app.ui.unit.window import MainWindow

log = logging.getLogger(__name__)

PLAN, FEEDBACK, SUBMISSION = "plan", "feedback", "submission"


translate = QCoreApplication.translate  # the words are filed under "OfficeFiles"


@dataclass(frozen=True)
class PlanOutcome:
    result: PlanPackageImported
    catalog: Catalog  # the plan as now installed (names the changes' places)


@dataclass(frozen=True)
class FeedbackOutcome:
    result: FeedbackApplied
    answers: tuple[tuple[str, UnitAnswers], ...]  # (period, what the office said about it)
    newer_plan: tuple[str, int, int] | None = None  # (title, the office's, installed revision)


@dataclass(frozen=True)
class OtherKind:
    kind: str


# -- on the pool thread --------------------------------------------------------------------
def file_kind(path: Path) -> str:
    """The signed file's kind as its signed document names it (read by the one reader; the
    signer is checked later, by the kind's import)."""
    from app.io.package_errors import PackageRejected
    from app.io.signed_package import read_package

    try:
        read_package(path, PLAN)
    except PackageRejected as exc:
        if exc.code == "wrong_kind":
            return exc.message.param_dict.get("kind", "")
        raise
    return PLAN


def apply_file(
    store: Any, path: Path, today: date | None = None
) -> PlanOutcome | FeedbackOutcome | OtherKind:
    """Check and apply one file from the office, by its kind (runs on a pool thread)."""
    kind = file_kind(path)
    if kind == PLAN:
        from app.services.plans import store_catalog_of
        from app.services.plans.package import import_plan_package

        result = import_plan_package(store, path)
        return PlanOutcome(result, store_catalog_of(store, result.code))
    if kind == FEEDBACK:
        from app.services.feedback import import_feedback, unit_answers

        applied = import_feedback(store, path)
        answers = tuple((p, unit_answers(store, p, today=today)) for p in applied.periods)
        return FeedbackOutcome(applied, answers, newer_plan(store, applied))
    return OtherKind(kind)


def newer_plan(store: Any, applied: FeedbackApplied) -> tuple[str, int, int] | None:
    """(title, the office's revision, installed) when the office is at a newer revision."""
    from app.services.plans import store_catalog_of

    if applied.plan_revision <= applied.installed_revision:
        return None
    title = store_catalog_of(store, applied.plan).title
    return title, applied.plan_revision, applied.installed_revision


# -- on the UI thread ----------------------------------------------------------------------
def choose_and_import(window: MainWindow, kind: str) -> OfficeFileDialog | None:
    """The file dialog (under the kind's title), then the import; the file's own kind wins."""
    from app.ui.unit.export_dialog import default_folder

    title = (
        translate("OfficeFiles", "导入工作方案")
        if kind == PLAN
        else translate("OfficeFiles", "导入反馈")
    )
    path, _ = QFileDialog.getOpenFileName(
        window, title, str(default_folder()), translate("OfficeFiles", "Excel 文件 (*.xlsx)")
    )
    return import_office_file(window, Path(path)) if path else None


def import_office_file(window: MainWindow, path: Path) -> OfficeFileDialog:
    """Check and apply ``path`` off the UI thread; the dialog shows how it went."""
    window.save_now()  # what the clerk typed is in the store before the file changes it
    store, today = window.service().store, window.today()
    dialog = OfficeFileDialog(window)
    dialog.working(
        lambda: Content(translate("OfficeFiles", "正在核验并导入 {name}…").format(name=path.name))
    )
    dialog.open()
    run_in_background(
        lambda: apply_file(store, path, today),
        lambda outcome: _done(window, dialog, path, outcome),
        lambda exc: dialog.finish(lambda: _refused(path, exc)),
    )
    return dialog


def _lang() -> str:
    return "en" if current_language() == EN else "zh"


def _refused(path: Path, exc: BaseException) -> Content:
    from app.domain.messages import Refusal

    reason = exc.render(_lang()) if isinstance(exc, Refusal) else str(exc) or type(exc).__name__
    return Content(
        translate("OfficeFiles", "未导入 {name}").format(name=path.name),
        translate("OfficeFiles", "原因：{reason}\n本机数据没有任何改动。").format(reason=reason),
        ok=False,
    )


def _done(window: MainWindow, dialog: OfficeFileDialog, path: Path, outcome: Any) -> None:
    if isinstance(outcome, PlanOutcome):
        _after_plan(window, outcome)
        dialog.finish(lambda: plan_content(outcome))
    elif isinstance(outcome, FeedbackOutcome):
        periods = outcome.result.periods
        if periods and window.current_period() not in periods:
            window.period_bar.select(periods[0])  # the period the office answered about
        window.answers.load_shown()
        dialog.finish(lambda: feedback_content(outcome))
        if window.answers.panel.open_count():
            window.answers.show_dock()
    else:
        dialog.finish(lambda: _other_kind(path, outcome.kind))


def _other_kind(path: Path, kind: str) -> Content:
    if kind == SUBMISSION:
        text = translate(
            "OfficeFiles",
            "这是成员单位导出的报送文件，应交市质量强市办导入，不能在这里导入。"
            "这里导入的是市质量强市办发来的工作方案和反馈文件。",
        )
    else:
        text = translate("OfficeFiles", "这不是市质量强市办发来的工作方案或反馈文件。")
    return Content(translate("OfficeFiles", "未导入 {name}").format(name=path.name), text, ok=False)


def _after_plan(window: MainWindow, outcome: PlanOutcome) -> None:
    """The clerk sees the changes now (the banner need not say it again); the window shows
    the plan as installed."""
    from app.services.entries import EntryService
    from app.services.plans import mark_plan_seen, store_catalog_of

    result, service, profile = outcome.result, window.service(), window.profile()
    try:
        mark_plan_seen(service.store, result.code, result.revision)
    except Exception:
        log.exception("marking the imported revision seen failed")
    if profile is None:
        return
    shown = store_catalog_of(service.store, service.catalog.code)
    window.attach(EntryService(service.store, shown, service.unit_id), profile)


def plan_content(outcome: PlanOutcome) -> Content:
    from app.ui.unit.plan_switch import named_parts

    r, catalog = outcome.result, outcome.catalog
    if r.already_installed:
        heading = translate("OfficeFiles", "“{title}”第 {rev} 版本机已有，没有变化")
        return Content(heading.format(title=r.title, rev=r.revision))
    if r.previous == 0:
        heading = translate("OfficeFiles", "已导入工作方案“{title}”（第 {rev} 版）")
        heading = heading.format(title=r.title, rev=r.revision)
    else:
        heading = translate("OfficeFiles", "“{title}”已由第 {old} 版更新为第 {rev} 版").format(
            title=r.title, old=r.previous, rev=r.revision
        )
    if r.changes:  # the revision's changes name moved due dates and new periods too
        text = translate("OfficeFiles", "共 {n} 处变更。已填写的内容不受影响。")
        lines = change_lines(r.changes, named_parts(catalog))
        return Content(heading, text.format(n=len(r.changes)), lines)
    return Content(heading, "", period_lines(catalog, r.new_periods))


def period_lines(catalog: Catalog, codes: Sequence[str]) -> list[Line]:
    """A plan new here: its periods and their due dates."""
    periods = {p.code: p for p in catalog.periods}
    lines = []
    for code in codes:
        p = periods.get(code)
        if p is not None:
            text = translate("OfficeFiles", "{title}，截止日期 {due}")
            lines.append(Line(code, text.format(title=p.title, due=p.due.isoformat())))
    return lines


def feedback_content(outcome: FeedbackOutcome) -> Content:
    r = outcome.result
    if r.already_applied:
        return Content(
            translate("OfficeFiles", "这份反馈（第 {n} 号）已导入过，没有变化").format(n=r.sequence)
        )
    heading = translate("OfficeFiles", "已导入市质量强市办的反馈（第 {n} 号）").format(n=r.sequence)
    lines: list[Line] = []
    if outcome.newer_plan is not None:
        title, revision, installed = outcome.newer_plan
        text = translate(
            "OfficeFiles",
            "市质量强市办已发布“{title}”第 {rev} 版（本机为第 {old} 版），请导入该工作方案。",
        )
        lines.append(
            Line(
                translate("OfficeFiles", "工作方案"),
                text.format(title=title, rev=revision, old=installed),
            )
        )
    for period, answers in outcome.answers:
        lines += feedback_lines(period, answers)
    text = translate("OfficeFiles", "意见显示在对应任务旁，督办事项见“督办事项”面板。")
    if r.older:
        older = translate("OfficeFiles", "这份反馈早于已导入的反馈：只取用了其中新的内容。")
        text = f"{older}\n{text}"
    return Content(heading, text, lines)


def feedback_lines(period: str, answers: UnitAnswers) -> list[Line]:
    lines: list[Line] = []
    for receipt in answers.receipts:
        lines.append(
            Line(
                translate("OfficeFiles", "回执 {period}").format(period=period),
                translate(
                    "OfficeFiles", "第 {v} 版已于 {at} 收到并受理（文件 SHA-256 {sha}…）"
                ).format(v=receipt.version, at=_when(receipt.accepted_at), sha=receipt.sha256[:16]),
            )
        )
    review = answers.review
    if review is not None:
        lines.append(
            Line(
                translate("OfficeFiles", "审核 {period}").format(period=period),
                review_words(review),
            )
        )
        for task, text in sorted(review.comments.items(), key=lambda kv: _order(kv[0])):
            lines.append(Line(translate("OfficeFiles", "任务 {no} 的意见").format(no=task), text))
    for n in answers.notices:
        text = translate("OfficeFiles", "{text}（办理期限 {due}）").format(
            text=n.text, due=n.due.isoformat()
        )
        lines.append(Line(translate("OfficeFiles", "督办 · 任务 {no}").format(no=n.task), text))
    return lines


def review_words(review: Any) -> str:
    if review.state == "accepted":
        words = translate("OfficeFiles", "第 {v} 版已受理").format(v=review.version)
    elif review.state == "returned":
        words = translate("OfficeFiles", "第 {v} 版退回修改").format(v=review.version)
    else:
        words = translate("OfficeFiles", "第 {v} 版待审核").format(v=review.version)
    return f"{words}：{review.comment}" if review.comment else words


def _when(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "strftime") else str(value)


def _order(task: str) -> tuple[int, str]:
    return (int(task), "") if task.isdigit() else (10**6, task)


# -- drag and drop ---------------------------------------------------------------------------
def dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
    """The one local .xlsx file a drag carries, else None."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.suffix.lower() == ".xlsx" else None


class DropImporter(QObject):
    """Watches the window: a plan package or feedback file dropped on it is imported."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: OfficeFileDialog | None = None
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.window:
            return False
        if isinstance(event, QDragEnterEvent | QDropEvent) and event.type() in (
            QEvent.Type.DragEnter,
            QEvent.Type.DragMove,
            QEvent.Type.Drop,
        ):
            path = dropped_file(event)
            if path is None or self.window.current_period() is None:
                event.ignore()
                return True
            event.acceptProposedAction()
            if event.type() == QEvent.Type.Drop:
                self.dialog = import_office_file(self.window, path)
            return True
        return False
