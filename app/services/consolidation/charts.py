"""The figures behind the office's charts: completion by section and by unit, status counts,
and how many units had sent a version by each day."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import func, select

from app.domain.catalog import Catalog
from app.domain.entry_rules import STATUS_LABELS
from app.domain.plan_time import PLAN_TZ
from app.models import Submission
from app.models.store import Store
from app.services.consolidation.current import as_utc, period_pk
from app.services.consolidation.labels import NOT_REPORTED, effective_percent, section_label
from app.services.consolidation.matrix import Matrix


def _mean(values: list[int]) -> float:
    return round(sum(values) / len(values), 1) if values else 0.0


def completion_by_section(matrix: Matrix) -> list[tuple[str, float]]:
    """('一、大力推进重点项目建设', mean effective percent of the entries reported) per section."""
    by_section: dict[int, list[int]] = defaultdict(list)
    for t in matrix.tasks:
        for c in matrix.task_cells(t.no):
            p = effective_percent(c.status, c.percent)
            if p is not None and c.status is not None:
                by_section[t.section].append(p)
    return [(section_label(x.no, x.title), _mean(by_section[x.no])) for x in matrix.sections]


def completion_by_unit(matrix: Matrix) -> list[tuple[str, float]]:
    """(unit short name, mean effective percent of its reported entries) per reporting unit."""
    out = []
    for u in matrix.units:
        if not u.reports:
            continue
        values = [
            p
            for t in matrix.tasks
            if (c := matrix.cells.get((t.no, u.id))) is not None
            and c.status is not None
            and (p := effective_percent(c.status, c.percent)) is not None
        ]
        out.append((u.short_name, _mean(values)))
    return out


def status_counts(matrix: Matrix) -> list[tuple[str, int]]:
    """(status label, cells) of the reporting units: 已完成, 推进中, 滞后, 未启动, 未报送."""
    reporting = {u.id for u in matrix.units if u.reports}
    counts = dict.fromkeys(("completed", "in_progress", "delayed", "not_started"), 0)
    missing = 0
    for (_, unit_id), c in matrix.cells.items():
        if unit_id not in reporting:
            continue
        if c.status is None:
            missing += 1
        else:
            counts[c.status] = counts.get(c.status, 0) + 1
    return [(STATUS_LABELS.get(k, k), n) for k, n in counts.items()] + [(NOT_REPORTED, missing)]


def submissions_over_time(store: Store, catalog: Catalog, period: str) -> list[tuple[date, int]]:
    """Per day (Beijing time) on which a unit first sent a verified version for the plan's
    period: the cumulative number of units that had sent one by then."""
    with store.factory() as s:
        rows = s.execute(
            select(Submission.unit_id, func.min(Submission.created_at))
            .where(Submission.period_id == period_pk(s, catalog, period))
            .group_by(Submission.unit_id)
        ).tuples()
        firsts = sorted(as_utc(at).astimezone(PLAN_TZ).date() for _, at in rows)
    out: list[tuple[date, int]] = []
    for i, day in enumerate(firsts, 1):
        if out and out[-1][0] == day:
            out[-1] = (day, i)
        else:
            out.append((day, i))
    return out
