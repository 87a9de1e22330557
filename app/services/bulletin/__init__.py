"""The office's bulletins (通报): a period's progress and a year's assessment, as Word files.

``build_bulletin`` composes an ``OfficialDocument`` (``app.io.bulletin_model``) from the
store's current versions; ``write_bulletin`` writes it in the GB/T 9704-2012 format through
``app.io.bulletin_docx``. The same document feeds the window's preview (``bulletin_html``).

    office bulletin --period 2016Q3 --kind progress --out 通报.docx
    office bulletin --period 2016 --kind assessment --out 考核通报.docx
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from app.domain.catalog import Catalog
from app.domain.messages import Refusal
from app.domain.plan_time import PLAN_TZ
from app.io.bulletin_docx import write_docx
from app.io.bulletin_model import OfficialDocument
from app.models.base import utcnow
from app.models.store import Store
from app.services.bulletin import annual, progress_facts
from app.services.bulletin.annual import assessment_bulletin
from app.services.bulletin.common import Frame, office_of
from app.services.bulletin.progress import progress_bulletin

KINDS = ("progress", "assessment")


@dataclass(frozen=True)
class BulletinSummary:
    path: Path
    kind: str
    period: str
    title: str
    issued_on: date
    sources: int
    sha256: str
    size: int


def today() -> date:
    return datetime.now(PLAN_TZ).date()


def check_period(catalog: Catalog, kind: str, period: str) -> None:
    """Refusal ``bulletin_unknown_period`` / ``bulletin_not_annual`` before any work."""
    codes = [p.code for p in catalog.periods]
    if period not in codes:
        raise Refusal("bulletin_unknown_period", period=period, periods="、".join(codes))
    annuals = [p.code for p in catalog.periods if p.kind == "annual"]
    if kind == "assessment" and period not in annuals:
        raise Refusal("bulletin_not_annual", period=period, periods="、".join(annuals) or "—")


def build_bulletin(
    store: Store,
    catalog: Catalog,
    kind: str,
    period: str,
    *,
    issued_on: date | None = None,
    now: datetime | None = None,
) -> OfficialDocument:
    """The bulletin as a neutral document (``issued_on``: the 成文日期, default today)."""
    if kind not in KINDS:
        raise ValueError(kind)
    check_period(catalog, kind, period)
    frame = Frame(catalog, office_of(catalog), issued_on or today(), now or utcnow())
    if kind == "progress":
        facts = progress_facts.gather(store, catalog, period, frame.issued_on)
        return progress_bulletin(facts, frame)
    yearly = annual.gather(store, catalog, period, frame.issued_on)
    return assessment_bulletin(yearly, frame)


def write_bulletin(
    store: Store,
    catalog: Catalog,
    kind: str,
    period: str,
    out: Path,
    *,
    issued_on: date | None = None,
    now: datetime | None = None,
    fonts: str = "standard",
) -> BulletinSummary:
    document = build_bulletin(store, catalog, kind, period, issued_on=issued_on, now=now)
    result = write_docx(Path(out), document, fonts)
    custom = dict(document.properties.custom)
    return BulletinSummary(
        path=result.path,
        kind=kind,
        period=period,
        title=document.title,
        issued_on=document.issued_on,
        sources=int(custom.get("qr.sources.count", "0")),
        sha256=result.sha256,
        size=result.size,
    )


__all__ = [
    "KINDS",
    "BulletinSummary",
    "build_bulletin",
    "check_period",
    "today",
    "write_bulletin",
]
