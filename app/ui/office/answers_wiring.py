"""How the office window's pages answer the units together: a review decided on one page makes
the matrix, the tracker and the audit log stale; a 督办 started from a matrix cell opens the 督办
page; the 审核 menu acts on the unit chosen on the page on screen.

Kept beside the window (not in it) so the window stays the pages' frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.ui.office.window import PAGE_AUDIT, PAGE_MATRIX, PAGE_SUPERVISE, PAGE_TRACKER

if TYPE_CHECKING:
    from app.ui.office.pages import OfficePages
    from app.ui.office.window import OfficeWindow

PICK_FIRST_MS = 8000


def wire_answers(window: OfficeWindow, pages: OfficePages) -> None:
    pages.matrix.review.decided.connect(lambda: reviews_changed(window))
    pages.tracker.review.decided.connect(lambda: reviews_changed(window))
    pages.supervise.changed.connect(lambda: window._stale({PAGE_AUDIT}))
    pages.supervise.today = window.today
    pages.audit.set_today(window.today())
    pages.matrix.notice_requested.connect(lambda unit, task: add_notice(window, unit, task))


def reviews_changed(window: OfficeWindow) -> None:
    """A decision was saved (or found changed): what shows review states reads them again."""
    window._stale({PAGE_MATRIX, PAGE_TRACKER, PAGE_AUDIT})


def review_current(window: OfficeWindow, action: str) -> None:
    """受理 / 退回 the unit chosen on the page on screen; elsewhere, open the tracker to choose."""
    if window.store is None:
        return
    pages, index = window.pages, window.tabs.currentIndex()
    if index == PAGE_MATRIX and pages.matrix.selected_unit() is not None:
        pages.matrix.decide(action)
    elif index == PAGE_TRACKER and pages.tracker.selected_review() is not None:
        pages.tracker.decide(action)
    else:
        window.tabs.setCurrentIndex(PAGE_TRACKER)
        pages.tracker.table.setFocus()
        window.statusBar().showMessage(
            QCoreApplication.translate("OfficeWindow", "请先选中一个单位，再受理或退回。"),
            PICK_FIRST_MS,
        )


def accept_all_clean(window: OfficeWindow) -> None:
    if window.store is not None and window.catalog is not None and window.period:
        window.pages.tracker.review.accept_all(window.store, window.period, window.catalog.code)


def add_notice(window: OfficeWindow, unit: str | None = None, task: int | None = None) -> None:
    """The 督办 page, with the new notice's dialog (on the unit and task given)."""
    if window.store is None:
        return
    window.tabs.setCurrentIndex(PAGE_SUPERVISE)
    window.pages.supervise.add_notice(unit, task)
