"""What the office window asks of its pages, and the pages in tab order.

A page is a widget with one entry point, ``reload(view)``: the window calls it when the page is
shown after the store or the period changed, and the page reads what it needs through the
services. A new page (plans, review, bulletins …) implements :class:`OfficePage` and takes its
place in :class:`OfficePages`; the window only gives it a ``PAGE_*`` index and a tab title.

This module imports every page, so the window imports it only after its first paint.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from app.ui.office.assessment_page import AssessmentPage
from app.ui.office.audit_page import AuditPage
from app.ui.office.board_page import BoardPage
from app.ui.office.charts_page import ChartsPage
from app.ui.office.matrix_page import MatrixPage
from app.ui.office.supervise_page import SupervisePage
from app.ui.office.tracker_page import TrackerPage
from app.ui.office.trust_page import TrustPage

if TYPE_CHECKING:
    from app.domain.catalog import Catalog
    from app.models.store import Store
    from app.services.consolidation import Matrix


@dataclass(frozen=True)
class OfficeView:
    """What a page shows: the store, its plan, the chosen period, and every period's matrix
    (loaded once per refresh by the window; the matrix and the charts read it)."""

    store: Store
    catalog: Catalog
    period: str
    matrices: Mapping[str, Matrix]


class OfficePage(Protocol):
    """One page of the office window."""

    follows_period: bool  # choosing another period makes the page stale

    def reload(self, view: OfficeView) -> None:
        """Show ``view``, read fresh from the store."""


# Every page type: each is a QWidget and an OfficePage.
AnyPage = (
    MatrixPage
    | TrackerPage
    | BoardPage
    | ChartsPage
    | TrustPage
    | AssessmentPage
    | SupervisePage
    | AuditPage
)


@dataclass(frozen=True)
class OfficePages:
    """The eight pages, in tab order (the window's PAGE_* constants index this order)."""

    matrix: MatrixPage
    tracker: TrackerPage
    board: BoardPage
    charts: ChartsPage
    trust: TrustPage
    assessment: AssessmentPage
    supervise: SupervisePage
    audit: AuditPage

    def in_tab_order(self) -> list[AnyPage]:
        return [
            self.matrix,
            self.tracker,
            self.board,
            self.charts,
            self.trust,
            self.assessment,
            self.supervise,
            self.audit,
        ]


def build_pages(matrix: MatrixPage | None = None) -> OfficePages:
    """The six pages; ``matrix``: the one built already (the window shows it first)."""
    return OfficePages(
        matrix=matrix if matrix is not None else MatrixPage(),
        tracker=TrackerPage(),
        board=BoardPage(),
        charts=ChartsPage(),
        trust=TrustPage(),
        assessment=AssessmentPage(),
        supervise=SupervisePage(),
        audit=AuditPage(),
    )
