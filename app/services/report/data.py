"""What the consolidated report shows, gathered from the store in one pass (current versions
only: a superseded version never appears)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from app.domain.catalog import Catalog, PeriodInfo
from app.models.base import utcnow
from app.models.store import Store
from app.services.assessment import (
    RuleInfo,
    UnitScore,
    annual_period,
    list_rules,
    score_units,
    year_periods,
)
from app.services.consolidation import (
    BoardRow,
    Matrix,
    SourceInfo,
    Tracker,
    UnitEntryDetail,
    current_sources,
    indicator_board,
    load_matrix,
    period_details,
    tracker,
)


@dataclass(frozen=True)
class ReportData:
    plan_title: str
    period: PeriodInfo
    generated_at: datetime
    matrix: Matrix
    details: Mapping[int, tuple[UnitEntryDetail, ...]]
    board: tuple[BoardRow, ...]
    tracker: Tracker
    annual: PeriodInfo | None  # the year assessed (None: the plan has no annual period)
    assessed_periods: tuple[str, ...]  # periods counted: due by this period's due date
    rules: tuple[RuleInfo, ...]
    scores: tuple[UnitScore, ...]
    sources: tuple[SourceInfo, ...]
    period_titles: Mapping[str, str] = field(default_factory=dict)

    @property
    def entries(self) -> int:
        """Entries reported in the current versions of this period."""
        return sum(1 for rows in self.details.values() for r in rows if r.status is not None)


def build_report(
    store: Store, catalog: Catalog, period: str, *, now: datetime | None = None
) -> ReportData:
    """Everything the report shows (KeyError for a period not in the plan)."""
    info = catalog.period(period)
    matrix = load_matrix(store, catalog, period)
    annual = _annual_of(catalog, info)
    assessed: list[str] = []
    scores: list[UnitScore] = []
    rules: list[RuleInfo] = []
    if annual is not None:
        assessed = [p.code for p in year_periods(catalog, annual) if p.due <= info.due]
        rules = list_rules(store, catalog)
        scores = score_units(store, catalog, annual.code, as_of=info.due)
    periods = [p.code for p in catalog.periods if p.code in assessed or p.code == period]
    return ReportData(
        plan_title=catalog.title,
        period=info,
        generated_at=now or utcnow(),
        matrix=matrix,
        details=period_details(store, catalog, period),
        board=tuple(indicator_board(store, catalog, period)),
        tracker=tracker(store, catalog, period),
        annual=annual,
        assessed_periods=tuple(assessed),
        rules=tuple(rules),
        scores=tuple(scores),
        sources=tuple(current_sources(store, catalog, periods)),
        period_titles={p.code: p.title for p in catalog.periods},
    )


def _annual_of(catalog: Catalog, period: PeriodInfo) -> PeriodInfo | None:
    for p in catalog.periods:
        if p.kind == "annual" and p.start <= period.start and period.end <= p.end:
            return p
    try:
        return annual_period(catalog)
    except KeyError:
        return None
