"""Scoring the units: each enabled rule's raw share per unit, its points and the sentence
that explains them (the method is in the package's docstring)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select

from app.domain.catalog import Catalog, PeriodInfo, TaskInfo, UnitInfo
from app.domain.payload import plain_decimal
from app.domain.plan_time import PLAN_TZ, is_late
from app.models import (
    Indicator,
    Period,
    Plan,
    Submission,
    SubmissionEntry,
    SubmissionIndicator,
    Task,
    Unit,
)
from app.models.store import Store
from app.services.assessment.rules import RuleInfo, list_rules
from app.services.consolidation import effective_percent, parse_targets

CENT = Decimal("0.01")
RAW_STEP = Decimal("0.0001")


@dataclass(frozen=True)
class ScorePart:
    rule_key: str
    rule_name: str
    weight: Decimal
    raw: Decimal  # 0..1
    points: Decimal
    explanation: str  # Chinese, e.g. "4 个报告期中 3 个按时报送"
    applicable: bool = True


@dataclass(frozen=True)
class UnitScore:
    unit_id: str
    unit_name: str
    total: Decimal
    parts: tuple[ScorePart, ...]
    rank: int = 0

    def part(self, key: str) -> ScorePart | None:
        return next((p for p in self.parts if p.rule_key == key), None)


# -- scoring ------------------------------------------------------------------------------
def annual_period(catalog: Catalog, code: str | None = None) -> PeriodInfo:
    """The annual period ``code`` (default: the plan's first annual period)."""
    if code is None:
        annual = next((p for p in catalog.periods if p.kind == "annual"), None)
        if annual is None:
            raise KeyError("annual")
        return annual
    period = catalog.period(code)  # KeyError for an unknown period
    if period.kind != "annual":
        raise KeyError(code)
    return period


def year_periods(catalog: Catalog, annual: PeriodInfo) -> list[PeriodInfo]:
    """The periods inside the annual period's span, the annual one included, in plan order."""
    return [p for p in catalog.periods if annual.start <= p.start and p.end <= annual.end]


@dataclass(frozen=True)
class _Report:
    period: PeriodInfo
    signed_at: datetime
    entries: Mapping[int, tuple[str, int | None, str]]  # task -> (status, percent, targets)
    indicators: Mapping[int, str | None]


def _load_reports(
    store: Store, catalog: Catalog, periods: list[PeriodInfo]
) -> dict[str, dict[str, _Report]]:
    """unit id -> period code -> its current report (three queries for the whole year)."""
    by_code = {p.code: p for p in periods}
    out: dict[str, dict[str, _Report]] = {}
    with store.factory() as s:
        subs = s.execute(
            select(Submission.id, Unit.code, Period.code, Submission.created_at)
            .join(Unit, Unit.id == Submission.unit_id)
            .join(Period, Period.id == Submission.period_id)
            .join(Plan, Plan.id == Period.plan_id)
            .where(
                Plan.code == catalog.code,
                Period.code.in_(list(by_code)),
                Submission.is_current.is_(True),
            )
        ).tuples()
        meta = {sid: (unit, code, at) for sid, unit, code, at in subs}
        entries: dict[int, dict[int, tuple[str, int | None, str]]] = {}
        inds: dict[int, dict[int, str | None]] = {}
        if meta:
            ids = list(meta)
            for sid, no, status, percent, targets in s.execute(
                select(
                    SubmissionEntry.submission_id,
                    Task.no,
                    SubmissionEntry.status,
                    SubmissionEntry.percent,
                    SubmissionEntry.targets,
                )
                .join(Task, Task.id == SubmissionEntry.task_id)
                .where(SubmissionEntry.submission_id.in_(ids))
            ).tuples():
                entries.setdefault(sid, {})[no] = (status, percent, targets)
            for sid, no, value in s.execute(
                select(SubmissionIndicator.submission_id, Indicator.no, SubmissionIndicator.value)
                .join(Indicator, Indicator.id == SubmissionIndicator.indicator_id)
                .where(SubmissionIndicator.submission_id.in_(ids))
            ).tuples():
                inds.setdefault(sid, {})[no] = value
    for sid, (unit, code, at) in meta.items():
        out.setdefault(unit, {})[code] = _Report(
            by_code[code], at, entries.get(sid, {}), inds.get(sid, {})
        )
    return out


def _q(value: Decimal, step: Decimal) -> Decimal:
    return value.quantize(step, rounding=ROUND_HALF_UP)


def _pct(d: Decimal) -> str:
    return f"{_q(d * 100, Decimal('0.1'))}%"


def _judged_tasks(catalog: Catalog, unit_id: str) -> list[TaskInfo]:
    """Tasks whose targets the unit answers for: those it leads or is responsible for."""
    return [
        t
        for t in catalog.tasks
        if t.targets and set(catalog.roles_of(unit_id, t)) & {"lead", "responsible"}
    ]


def _basis(reports: Mapping[str, _Report], annual: PeriodInfo) -> _Report | None:
    if annual.code in reports:
        return reports[annual.code]
    return max(reports.values(), key=lambda r: (r.period.end, r.period.due), default=None)


def _on_time(
    rule: RuleInfo, reports: Mapping[str, _Report], due_periods: list[PeriodInfo]
) -> tuple[Decimal | None, str]:
    if not due_periods:
        return None, "本年度尚无已到截止日的报告期，不计此项"
    credit = Decimal(rule.params.get("late_credit", "0"))
    on_time = late = 0
    for p in due_periods:
        r = reports.get(p.code)
        if r is None:
            continue
        if is_late(r.signed_at, p.due):
            late += 1
        else:
            on_time += 1
    n = len(due_periods)
    raw = (Decimal(on_time) + credit * late) / n
    text = f"{n} 个报告期中 {on_time} 个按时报送"
    if late:
        text += f"，{late} 个逾期报送（按 {plain_decimal(credit)} 计）"
    missing = n - on_time - late
    if missing:
        text += f"，{missing} 个未报送"
    return raw, text


def _completion(
    catalog: Catalog, unit: UnitInfo, basis: _Report | None
) -> tuple[Decimal | None, str]:
    tasks = catalog.tasks_for_unit(unit.id)
    if not tasks:
        return None, "本单位没有任务，不计此项"
    if basis is None:
        return Decimal(0), f"本年度尚无报送，{len(tasks)} 项任务均按 0 计"
    total = 0
    unreported = 0
    for task, _role in tasks:
        e = basis.entries.get(task.no)
        p = None if e is None else effective_percent(e[0], e[1])
        if p is None:
            unreported += 1
        else:
            total += p
    raw = Decimal(total) / 100 / len(tasks)
    text = f"据{basis.period.title}报送：{len(tasks)} 项任务平均完成度 {_pct(raw)}"
    if unreported:
        text += f"（其中 {unreported} 项未填报完成度，按 0 计）"
    return raw, text


def _targets(catalog: Catalog, unit: UnitInfo, basis: _Report | None) -> tuple[Decimal | None, str]:
    tasks = _judged_tasks(catalog, unit.id)
    n = sum(len(t.targets) for t in tasks)
    if n == 0:
        return None, "本单位牵头或负责的任务没有目标值，不计此项"
    met = 0
    if basis is not None:
        for task in tasks:
            e = basis.entries.get(task.no)
            values = parse_targets(e[2]) if e is not None else {}
            for t in task.targets:
                v = values.get(t.name)
                if v is not None and t.met_by(v):
                    met += 1
    where = "本年度尚无报送" if basis is None else f"据{basis.period.title}报送"
    return Decimal(met) / n, f"{where}：{n} 项目标值中 {met} 项达标"


def _indicators(
    catalog: Catalog, unit: UnitInfo, basis: _Report | None
) -> tuple[Decimal | None, str]:
    owned = catalog.indicators_for_unit(unit.id)
    if not owned:
        return None, "本单位不负责全市工作目标指标，不计此项"
    met = 0
    for ind in owned:
        raw = None if basis is None else basis.indicators.get(ind.no)
        try:
            value = None if raw in (None, "") else Decimal(str(raw))
        except InvalidOperation:
            value = None
        if value is not None and ind.as_target().met_by(value):
            met += 1
    where = "本年度尚无报送" if basis is None else f"据{basis.period.title}报送"
    return Decimal(met) / len(owned), f"{where}：负责的 {len(owned)} 项指标中 {met} 项达标"


def today_in_plan_tz() -> date:
    return datetime.now(PLAN_TZ).date()


def score_units(
    store: Store,
    catalog: Catalog,
    year_period: str | None = None,
    *,
    as_of: date | None = None,
) -> list[UnitScore]:
    """Every reporting unit's score for the year, best first (equal totals share a rank).

    ``as_of`` (default: today, Beijing time) decides which periods are due and so counted:
    the report of a quarter passes that quarter's due date, so it scores the year so far."""
    annual = annual_period(catalog, year_period)
    as_of = as_of or today_in_plan_tz()
    periods = [p for p in year_periods(catalog, annual) if p.due <= as_of]
    rules = [r for r in list_rules(store, catalog) if r.enabled]
    reports = _load_reports(store, catalog, periods)
    scores = []
    for unit in catalog.reporting_units():
        mine = reports.get(unit.id, {})
        basis = _basis(mine, annual)
        raws: list[tuple[RuleInfo, Decimal | None, str]] = []
        for rule in rules:
            if rule.key == "on_time":
                raw, text = _on_time(rule, mine, periods)
            elif rule.key == "completion":
                raw, text = _completion(catalog, unit, basis)
            elif rule.key == "targets":
                raw, text = _targets(catalog, unit, basis)
            elif rule.key == "indicators":
                raw, text = _indicators(catalog, unit, basis)
            else:  # a rule row this version does not know: shown, never scored
                raw, text = None, "本版本程序不认识此规则，不计分"
            raws.append((rule, None if raw is None else _q(raw, RAW_STEP), text))
        weights = sum((r.weight for r, raw, _ in raws if raw is not None), Decimal(0))
        parts = []
        exact = Decimal(0)
        for rule, raw, text in raws:
            share = raw * rule.weight * 100 / weights if raw is not None and weights else None
            exact += share or 0
            parts.append(
                ScorePart(
                    rule.key,
                    rule.name,
                    rule.weight,
                    raw if raw is not None else Decimal(0),
                    _q(share, CENT) if share is not None else Decimal("0.00"),
                    text,
                    raw is not None,
                )
            )
        # The total rounds the exact sum, so full marks are 100.00 under any weights (the
        # rounded parts may then differ from it by 0.01).
        scores.append(UnitScore(unit.id, unit.short_name, _q(exact, CENT), tuple(parts)))
    return _ranked(scores)


def _ranked(scores: list[UnitScore]) -> list[UnitScore]:
    ordered = sorted(enumerate(scores), key=lambda p: (-p[1].total, p[0]))
    out: list[UnitScore] = []
    for i, (_, sc) in enumerate(ordered):
        rank = out[-1].rank if out and out[-1].total == sc.total else i + 1
        out.append(UnitScore(sc.unit_id, sc.unit_name, sc.total, sc.parts, rank))
    return out


def scores_to_json(scores: list[UnitScore]) -> list[dict[str, Any]]:
    """The shape of ``office assess --json``: decimals as strings, as everywhere else."""
    return [
        {
            "rank": s.rank,
            "unit": s.unit_id,
            "unit_name": s.unit_name,
            "total": str(s.total),
            "parts": [
                {
                    "rule": p.rule_key,
                    "name": p.rule_name,
                    "weight": plain_decimal(p.weight),
                    "raw": str(p.raw),
                    "points": str(p.points),
                    "applicable": p.applicable,
                    "explanation": p.explanation,
                }
                for p in s.parts
            ],
        }
        for s in scores
    ]
