"""What the plans window's actions do: each asks (a dialog, a file), calls one service, and
shows the outcome. Dialogs open window-modal and act on ``accepted``, so nothing blocks in a
nested event loop; slow work (import, export) runs on the thread pool with a progress dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from app.services import plans as svc
from app.services.plans.published import published_plan
from app.ui.common.plan_change_list import Line, change_lines
from app.ui.common.workers import run_in_background
from app.ui.office.plans.plan_dialogs import CopyPlanDialog, ImportCodeDialog, NewPlanDialog
from app.ui.office.plans.publish_dialog import PublishDialog
from app.ui.office.plans.texts import pending_word, say, where

translate = QCoreApplication.translate  # lupdate reads translate("Context", "…")

if TYPE_CHECKING:
    from app.ui.office.plans.window import PlansWindow

log = logging.getLogger(__name__)

PLAN_FILES = "*.txt *.docx *.xlsx *.json"


def _refused(window: PlansWindow, title: str, exc: BaseException) -> None:
    """One line for the refusal; a plan's problems, each at its place, in the details."""
    from app.ui.office.plans.window import reason

    log.warning("%s: %s", title, exc, exc_info=exc)
    box = QMessageBox(QMessageBox.Icon.Warning, title, reason(exc), parent=window)
    box.setObjectName("planRefused")
    details = problem_lines(exc)
    if details:
        box.setDetailedText("\n".join(details))
    box.exec()


def problem_lines(exc: BaseException) -> list[str]:
    """Every problem of a rejected plan: the sheet, row and column of a template's cell, else
    the place in the plan (任务 12 / 目标 1 / 目标值)."""
    from app.domain.messages import Message

    problems = getattr(exc, "problems", ())
    places = getattr(exc, "places", ())
    plan = getattr(exc, "plan", {})
    lines = []
    for i, p in enumerate(problems):
        at = places[i] if i < len(places) else None
        if at is not None:
            message = Message.of(
                "plan_template_problem",
                sheet=at.sheet,
                row=at.row,
                column=at.column,
                where=where(p.pointer, plan),
                detail=say(p.message),
            )
            lines.append(say(message))
        else:
            lines.append(f"{where(p.pointer, plan)}：{say(p.message)}")
    return lines


# -- new, copy ---------------------------------------------------------------------------------
def new_plan(window: PlansWindow) -> NewPlanDialog:
    plans = window.list_model.rows
    year = plans[-1].year + 1 if plans else date.today().year
    dialog = NewPlanDialog(plans, year, window)

    def create() -> None:
        code, title, year = dialog.chosen()
        _open_made(
            window,
            lambda: svc.new_plan(window.store, code, title, year),
            translate("PlanFlows", "无法新建方案"),
        )

    dialog.accepted.connect(create)
    window.plan_dialog = dialog
    dialog.open()
    return dialog


def copy_plan(window: PlansWindow) -> CopyPlanDialog | None:
    if not window.list_model.rows:
        return None
    dialog = CopyPlanDialog(window.list_model.rows, window)

    def create() -> None:
        source, code, year = dialog.chosen()
        made = lambda: svc.copy_plan(window.store, source, code, year)  # noqa: E731
        _open_made(window, made, translate("PlanFlows", "无法复制方案"))

    dialog.accepted.connect(create)
    window.plan_dialog = dialog
    dialog.open()
    return dialog


def _open_made(window: PlansWindow, make: Callable[[], svc.PlanDraft], title: str) -> None:
    if not window.save_now():
        return
    try:
        draft = make()
    except Exception as exc:
        _refused(window, title, exc)
        return
    window.code = None
    window.reload_list(select=draft.code)
    window.editor.tabs.setCurrentIndex(0)


# -- import, export (on the thread pool) ------------------------------------------------------
def _busy(window: PlansWindow, label: str) -> QProgressDialog:
    progress = QProgressDialog(label, translate("PlanFlows", "取消"), 0, 0, window)
    progress.setObjectName("planProgress")
    progress.setWindowTitle(translate("PlanFlows", "工作方案"))
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.setAutoClose(False)
    progress.show()
    return progress


def import_file(window: PlansWindow, path: Path | None = None) -> None:
    """Read the file (a dry run) on the pool, ask under which code, then import it there."""
    if path is None:
        name, _ = QFileDialog.getOpenFileName(
            window,
            translate("PlanFlows", "从方案文件导入"),
            "",
            translate("PlanFlows", "方案文件 ({0})").format(PLAN_FILES),
        )
        if not name:
            return
        path = Path(name)
    if not window.save_now():
        return
    store, source = window.store, path

    def read() -> Any:
        return svc.import_plan_file(store, source, dry_run=True)

    def ask(result: Any) -> None:
        open_guesses = sum(not g.confirmed for g in result.guesses)
        dialog = ImportCodeDialog(window.list_model.rows, result.plan, open_guesses, window)
        dialog.accepted.connect(lambda: _import_as(window, source, dialog.chosen_code()))
        window.plan_dialog = dialog
        dialog.open()

    in_background(
        window,
        translate("PlanFlows", "正在读取 {0} …").format(path.name),
        read,
        ask,
        translate("PlanFlows", "无法导入方案文件"),
    )


def _import_as(window: PlansWindow, path: Path, code: str) -> None:
    store = window.store

    def done(result: Any) -> None:
        window.reload_list(select=result.code)
        open_guesses = sum(not g.confirmed for g in result.guesses)
        window.statusBar().showMessage(
            translate(
                "PlanFlows", "已导入 {0}：{1} 处推测待确认，请在“待确认”列表中逐项核对。"
            ).format(path.name, open_guesses),
            20000,
        )

    label = translate("PlanFlows", "正在导入 {0} …").format(path.name)
    failure = translate("PlanFlows", "无法导入方案文件")
    in_background(window, label, lambda: svc.import_plan_file(store, path, code), done, failure)


def in_background(
    window: PlansWindow,
    label: str,
    work: Callable[[], Any],
    done: Callable[[Any], None],
    failure_title: str,
) -> None:
    """``work`` on the thread pool behind a progress dialog; ``done`` with its result unless
    the office cancelled the wait (the work itself cannot be stopped halfway: it finishes, and
    the list shows what it made)."""
    progress = _busy(window, label)
    window.busy = progress

    def finished(result: Any) -> None:
        cancelled = progress.wasCanceled()
        progress.close()
        window.busy = None
        if cancelled:
            window.reload_list()
        else:
            done(result)

    def failed(exc: BaseException) -> None:
        progress.close()
        window.busy = None
        _refused(window, failure_title, exc)

    window.job = run_in_background(work, finished, failed)


def export_template(window: PlansWindow, path: Path | None = None) -> None:
    code = window.code
    if code is None:
        return
    if path is None:
        name, _ = QFileDialog.getSaveFileName(
            window,
            translate("PlanFlows", "导出 Excel 模板"),
            f"{code}.xlsx",
            translate("PlanFlows", "Excel 工作簿 (*.xlsx)"),
        )
        if not name:
            return
        path = Path(name)
    path = path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")
    if not window.save_now():
        return
    store, out = window.store, path

    def done(_result: Any) -> None:
        window.statusBar().showMessage(
            translate("PlanFlows", "Excel 模板已导出：{0}").format(out), 20000
        )

    label = translate("PlanFlows", "正在导出 {0} …").format(out.name)
    failure = translate("PlanFlows", "无法导出 Excel 模板")
    work = lambda: svc.export_plan_template(store, code, out)  # noqa: E731
    in_background(window, label, work, done, failure)


# -- publish, discard -------------------------------------------------------------------------
def publish_reasons(window: PlansWindow) -> list[Line]:
    """Why the draft cannot be published now: its problems and its open guesses."""
    editor = window.editor
    editor.checks.run()
    plan = editor.doc.plan
    lines = [
        Line(where(p.pointer, plan), say(p.message), p.pointer) for p in editor.checks.problems
    ]
    lines += [
        Line(say(g.where), f"{pending_word()}：{say(g.what)}", g.pointer)
        for g in editor.doc.open_guesses()
    ]
    return lines


def first_lines(plan: dict[str, Any]) -> list[Line]:
    """What a first revision holds, in a few lines (there is nothing to compare it with)."""
    units = [u for u in plan.get("units", []) if isinstance(u, dict)]
    periods = [p for p in plan.get("periods", []) if isinstance(p, dict)]
    reporting = sum(u.get("reports") is not False for u in units)
    lines = [
        (translate("PlanFlows", "任务"), translate("PlanFlows", "{0} 项，分 {1} 个部分")),
        (translate("PlanFlows", "成员单位"), translate("PlanFlows", "{2} 个，其中 {3} 个报送")),
        (translate("PlanFlows", "工作目标指标"), translate("PlanFlows", "{4} 项")),
        (translate("PlanFlows", "报告期"), translate("PlanFlows", "{5} 个：{6}")),
    ]
    values = (
        len(plan.get("tasks", [])),
        len(plan.get("sections", [])),
        len(units),
        reporting,
        len(plan.get("indicators", [])),
        len(periods),
        "、".join(f"{p.get('title') or p.get('code')}（{p.get('due')}）" for p in periods),
    )
    return [Line(where, text.format(*values)) for where, text in lines]


def publish(window: PlansWindow) -> PublishDialog | None:
    draft, code = window.draft, window.code
    if draft is None or code is None or draft.read_only or not window.save_now():
        return None
    plan = window.editor.doc.plan
    reasons = publish_reasons(window)
    changes: list[Line] = []
    if not reasons and draft.based_on:
        previous = published_plan(window.store, code, draft.based_on) or {}
        changes = change_lines(svc.plan_changes(previous, plan), plan)
    elif not reasons:
        changes = first_lines(plan)
    title = str(plan.get("plan", {}).get("title") or code)
    dialog = PublishDialog(title, draft.revision, changes, reasons, window)

    def go() -> None:
        try:
            svc.publish_plan(window.store, code, window.actor)
        except Exception as exc:
            _refused(window, translate("PlanFlows", "无法发布"), exc)
            return
        window.code = None
        window.reload_list(select=code)
        window.published.emit(code)
        window.statusBar().showMessage(
            translate("PlanFlows", "已发布 {0} 第 {1} 版").format(title, draft.revision), 20000
        )

    def fix() -> None:
        if dialog.chosen_pointer is not None:
            window.editor.go_to(dialog.chosen_pointer)

    dialog.accepted.connect(go)
    dialog.rejected.connect(fix)
    window.plan_dialog = dialog
    dialog.open()
    return dialog


def discard_draft(window: PlansWindow) -> None:
    code, draft = window.code, window.draft
    if code is None or draft is None or draft.read_only:
        return
    answer = QMessageBox.question(
        window,
        translate("PlanFlows", "放弃草稿"),
        translate("PlanFlows", "删除“{0}”的草稿？草稿中的全部修改将丢失。").format(code),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    window.saver.flush()
    try:
        svc.discard_draft(window.store, code)
    except Exception as exc:
        _refused(window, translate("PlanFlows", "无法放弃草稿"), exc)
        return
    window.code = None
    window.reload_list(select=code if draft.based_on else None)
