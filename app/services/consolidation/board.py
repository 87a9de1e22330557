"""The indicator board: the plan's goal indicators, then every task target, actual against
target, each figure naming the unit and version it came from.

A target's actual is the figure of the unit ranked first on the task (lead, then responsible,
then support, each in plan order) that reported one. Several units' figures are never summed:
in this plan a shared target (e.g. task 2's 12 sub-indices) is the same city-wide figure, not
a sum of parts. Every unit's own figure is in the task detail.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.catalog import ROLE_ORDER, Catalog, IndicatorInfo, TargetInfo, TaskInfo
from app.models import Indicator, Submission, SubmissionEntry, SubmissionIndicator, Unit
from app.models.store import Store
from app.services.consolidation.current import (
    current_entries,
    current_submissions,
    period_pk,
)
from app.services.consolidation.detail import parse_targets
from app.services.consolidation.labels import source_text

BOARD_STATES = {"met": "达标", "not_met": "未达标", "no_data": "无数据"}


@dataclass(frozen=True)
class BoardRow:
    kind: str  # "indicator" | "target"
    key: str  # "I1" or "T23.2"
    name: str
    owner_or_task: str  # the owner's short name, or "23 重点产品质量监督抽查"
    target: TargetInfo
    actual: Decimal | None
    state: str  # "met" | "not_met" | "no_data"
    source: str  # unit short name + " v" + version, "" without data
    unit_id: str | None = None
    note: str = ""

    @property
    def state_label(self) -> str:
        return BOARD_STATES[self.state]


@dataclass(frozen=True)
class _Reported:
    """What the period's current versions say about indicators and targets."""

    values: dict[tuple[int, str], tuple[str | None, str]]  # (indicator no, unit) -> value, note
    targets: dict[tuple[int, str], str]  # (task no, unit) -> the entry's stored targets


def _state(target: TargetInfo, actual: Decimal | None) -> str:
    if actual is None:
        return "no_data"
    return "met" if target.met_by(actual) else "not_met"


def _ranked_units(catalog: Catalog, task: TaskInfo) -> list[str]:
    """Units on a task in board order: lead, responsible, support; each in plan order."""
    ranked: list[tuple[int, int, str]] = []
    for i, a in enumerate(task.units):
        members = catalog.group(a.unit).members if a.is_group else (a.unit,)
        for m in members:
            ranked.append((ROLE_ORDER[a.role], i, m))
    seen: set[str] = set()
    out = []
    for _, _, m in sorted(ranked):
        if m not in seen:
            seen.add(m)
            out.append(m)
    return out


def indicator_board(store: Store, catalog: Catalog, period: str) -> list[BoardRow]:
    """The plan's goal indicators, then every task target, actual against target."""
    info = catalog.period(period)
    with store.factory() as s:
        pk = period_pk(s, catalog, period)
        current = current_submissions(s, pk, info.due)
        reported = _reported(s, pk)
    names = {u.id: u.short_name for u in catalog.units}

    def src(unit_id: str) -> str:
        sub = current.get(unit_id)
        return "" if sub is None else source_text(names.get(unit_id, unit_id), sub.version)

    rows = [_indicator_row(ind, reported, names, src) for ind in catalog.indicators]
    for task in catalog.tasks:
        rows.extend(_target_rows(catalog, task, reported, src))
    return rows


def _reported(s: Session, pk: int | None) -> _Reported:
    values: dict[tuple[int, str], tuple[str | None, str]] = {}
    targets: dict[tuple[int, str], str] = {}
    if pk is None:
        return _Reported(values, targets)
    for code, no, value, note in s.execute(
        select(Unit.code, Indicator.no, SubmissionIndicator.value, SubmissionIndicator.note)
        .join(Submission, Submission.id == SubmissionIndicator.submission_id)
        .join(Unit, Unit.id == Submission.unit_id)
        .join(Indicator, Indicator.id == SubmissionIndicator.indicator_id)
        .where(Submission.period_id == pk, Submission.is_current.is_(True))
    ).tuples():
        values[(no, code)] = (value, note)
    query = current_entries(pk, SubmissionEntry.targets).where(SubmissionEntry.targets != "{}")
    for code, no, stored in s.execute(query).tuples():
        targets[(no, code)] = stored
    return _Reported(values, targets)


def _indicator_row(
    ind: IndicatorInfo,
    reported: _Reported,
    names: dict[str, str],
    src: Callable[[str], str],
) -> BoardRow:
    """The owner's figure; without an owner, the first unit (by id) that gave one."""
    target = ind.as_target()
    owner = ind.owner
    candidates = [owner] if owner else sorted({c for n, c in reported.values if n == ind.no})
    actual: Decimal | None = None
    note, who = "", None
    for c in candidates:
        if c is not None and (ind.no, c) in reported.values:
            raw, note = reported.values[(ind.no, c)]
            actual = _decimal(raw)
            who = c
            break
    return BoardRow(
        kind="indicator",
        key=f"I{ind.no}",
        name=ind.name,
        owner_or_task=names.get(owner, "") if owner else "",
        target=target,
        actual=actual,
        state=_state(target, actual),
        source=src(who) if who and actual is not None else "",
        unit_id=who,
        note=note,
    )


def _target_rows(
    catalog: Catalog, task: TaskInfo, reported: _Reported, src: Callable[[str], str]
) -> list[BoardRow]:
    if not task.targets:
        return []
    ranked = _ranked_units(catalog, task)
    parsed = {
        u: parse_targets(reported.targets[(task.no, u)])
        for u in ranked
        if (task.no, u) in reported.targets
    }
    rows = []
    for i, target in enumerate(task.targets, 1):
        actual, who = None, None
        for u in ranked:
            v = parsed.get(u, {}).get(target.name)
            if v is not None:
                actual, who = v, u
                break
        rows.append(
            BoardRow(
                kind="target",
                key=f"T{task.no}.{i}",
                name=target.name,
                owner_or_task=f"{task.no} {task.title}",
                target=target,
                actual=actual,
                state=_state(target, actual),
                source=src(who) if who else "",
                unit_id=who,
            )
        )
    return rows


def _decimal(text: str | None) -> Decimal | None:
    if text is None or text == "":
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None
