"""The task x unit matrix of one period: every unit's current status on every task it has a
role on."""

from __future__ import annotations

from app.domain.catalog import Catalog
from app.models import SubmissionEntry
from app.models.store import Store
from app.services.consolidation import current as q  # the queries every view starts from
from app.services.consolidation.matrix_types import Matrix, MatrixCell, build_matrix

__all__ = ["Matrix", "MatrixCell", "load_matrix"]


_MATRIX_COLUMNS = (
    SubmissionEntry.status,
    SubmissionEntry.percent,
    SubmissionEntry.progress,
    SubmissionEntry.problems,
)


def load_matrix(store: Store, catalog: Catalog, period: str) -> Matrix:
    """The task x unit matrix of one period (KeyError for a period not in the plan)."""
    info = catalog.period(period)
    with store.factory() as s:
        pk = q.period_pk(s, catalog, period)
        current = q.current_submissions(s, pk, info.due)
        reported: dict[tuple[int, str], tuple[str, int | None, str, str]] = {}
        if pk is not None:
            for code, no, st, pc, pr, pb in s.execute(
                q.current_entries(pk, *_MATRIX_COLUMNS)
            ).tuples():
                reported[(no, code)] = (st, pc, pr, pb)
    versions = {unit: (c.version, c.late) for unit, c in current.items()}
    reviews = {unit_id: c.review for unit_id, c in current.items()}
    return build_matrix(catalog, period, versions, reported, reviews)
