"""The period's consolidated report from the office window: the file asked for, then written
on the thread pool (the window stays responsive) with its outcome on the status bar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

if TYPE_CHECKING:
    from app.ui.office.window import OfficeWindow


def export_report(window: OfficeWindow) -> None:
    if window.store is None or window.catalog is None or window.period is None:
        return
    name = QCoreApplication.translate("OfficeWindow", "汇总表_{0}.xlsx").format(window.period)
    path, _ = QFileDialog.getSaveFileName(
        window,
        QCoreApplication.translate("OfficeWindow", "导出汇总表"),
        name,
        QCoreApplication.translate("OfficeWindow", "Excel 工作簿 (*.xlsx)"),
    )
    if path:
        write_report(window, Path(path))


def write_report(
    window: OfficeWindow, out: Path, on_done: Callable[[Any], None] | None = None
) -> None:
    """Write the period's report on the thread pool; one job at a time."""
    from app.services.report import write_report as write
    from app.ui.common.workers import run_in_background

    if window._report_job is not None or window.store is None or window.catalog is None:
        return
    store, catalog, period = window.store, window.catalog, window.period or ""
    out = out if out.suffix.lower() == ".xlsx" else out.with_suffix(".xlsx")
    window.report_action.setEnabled(False)
    window.statusBar().showMessage(QCoreApplication.translate("OfficeWindow", "正在导出汇总表…"))

    def done(summary: Any) -> None:
        window._report_job = None
        window.report_action.setEnabled(True)
        window.statusBar().showMessage(
            QCoreApplication.translate("OfficeWindow", "汇总表已导出：{0}").format(summary.path),
            15000,
        )
        if on_done is not None:
            on_done(summary)

    def failed(exc: BaseException) -> None:
        window._report_job = None
        window.report_action.setEnabled(True)
        window.statusBar().clearMessage()
        QMessageBox.warning(
            window,
            QCoreApplication.translate("OfficeWindow", "导出失败"),
            QCoreApplication.translate("OfficeWindow", "无法导出汇总表：{0}").format(
                str(exc) or type(exc).__name__
            ),
        )

    window._report_job = run_in_background(lambda: write(store, catalog, period, out), done, failed)
