"""Traceability: the current submissions behind a set of periods (unit, version, file)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.domain.catalog import Catalog
from app.models.store import Store
from app.services.consolidation.current import current_submissions, matrix_units, period_pk


@dataclass(frozen=True)
class SourceInfo:
    unit_id: str
    unit_name: str
    period: str
    version: int
    sequence: int
    submitted_at: datetime
    imported_at: datetime
    file_name: str
    file_sha256: str
    fingerprint: str
    late: bool


def current_sources(store: Store, catalog: Catalog, periods: list[str]) -> list[SourceInfo]:
    """Every current submission of these periods (period order, then matrix order)."""
    order = {u.id: i for i, u in enumerate(matrix_units(catalog))}
    names = {u.id: u.short_name for u in catalog.units}
    out: list[SourceInfo] = []
    with store.factory() as s:
        for code in periods:
            due = catalog.period(code).due
            subs = current_submissions(s, period_pk(s, catalog, code), due)
            for c in sorted(subs.values(), key=lambda c: order.get(c.unit_id, len(order))):
                out.append(
                    SourceInfo(
                        c.unit_id,
                        names.get(c.unit_id, c.unit_id),
                        code,
                        c.version,
                        c.sequence,
                        c.created_at,
                        c.imported_at,
                        c.file_name,
                        c.file_sha256,
                        c.fingerprint,
                        c.late,
                    )
                )
    return out
