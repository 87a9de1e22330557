"""The annual assessment of member units (plan 三(三)), by rules the office sees and changes.

Rules live in ``AssessmentRule`` rows of the plan (installed with their defaults on first use);
each has a weight and may be switched off. Every part of a score keeps its raw share (0..1) and
a Chinese sentence that explains it, so any total can be recomputed by hand:

- ``on_time``    按时报送: of the year's periods whose due date has passed (as of ``as_of``), the
                 share with a current version signed by the due day; a late one counts
                 ``late_credit`` (逾期折算系数, default 0), a missing or only-rejected one 0.
- ``completion`` 任务完成度: the mean percent over the unit's tasks in its basis report, the
                 annual summary or, without one, its latest report of the year; a task not
                 reported, or in progress without a percent, counts 0, 已完成 100, 未启动 0.
- ``targets``    目标值达成: the share of the targets of its lead/responsible tasks that its basis
                 report shows met (a figure not reported is not met).
- ``indicators`` 工作目标指标: the share of the goal indicators it owns that its basis report
                 shows met.

points = raw x weight x 100 / (sum of the weights of the enabled rules that apply to the unit);
the total is their exact sum, so it is out of 100 whatever the weights. Both are shown rounded
to 0.01 (half up).
A rule does not apply to a unit with nothing to judge (no targets, no indicators, no period
due yet): it scores no points and its weight leaves the sum, so no unit gains or loses by it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.catalog import Catalog, PeriodInfo, TaskInfo, UnitInfo
from app.models import (
    AssessmentRule,
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
from app.services.consolidation import effective_percent, parse_targets
from app.services.office_status import PLAN_TZ, is_late

CENT = Decimal("0.01")
GRADES_KEY = "grades"  # the grade thresholds' row (assessment_grades), not a scoring rule
RAW_STEP = Decimal("0.0001")


class AssessmentError(ValueError):
    """A rule change the office cannot make; the message says why (Chinese)."""


@dataclass(frozen=True)
class RuleSpec:
    key: str
    name: str
    weight: Decimal
    params: Mapping[str, str]
    description: str


@dataclass(frozen=True)
class ParamSpec:
    """A rule parameter the office may set: its Chinese name and the range it accepts."""

    name: str  # the code name, e.g. late_credit (CLI --param, JSON, the store)
    label: str  # what the office reads, e.g. 逾期折算系数
    low: Decimal
    high: Decimal
    step: Decimal  # a sensible step for a spin box
    help: str


PARAMS: Mapping[str, ParamSpec] = {
    "late_credit": ParamSpec(
        "late_credit",
        "逾期折算系数",
        Decimal(0),
        Decimal(1),
        Decimal("0.1"),
        "逾期报送的一期按此系数计入按时报送：0 不得分，1 与按时报送相同",
    ),
}


def param_spec(name: str) -> ParamSpec | None:
    """A parameter by its code name or its Chinese name."""
    return PARAMS.get(name) or next((p for p in PARAMS.values() if p.label == name), None)


DEFAULT_RULES: tuple[RuleSpec, ...] = (
    RuleSpec(
        "on_time",
        "按时报送",
        Decimal(30),
        {"late_credit": "0"},
        "已到截止日的报告期中按截止日前签署报送的比例；逾期报送的一期按逾期折算系数（0–1）计",
    ),
    RuleSpec(
        "completion",
        "任务完成度",
        Decimal(40),
        {},
        "年度总结（未报送时取本年度最近一期报送）中本单位各项任务完成度的平均值；"
        "未填报的任务按 0 计",
    ),
    RuleSpec(
        "targets",
        "目标值达成",
        Decimal(20),
        {},
        "本单位牵头或负责任务中的目标值达标比例；未填报实际值的按未达标计",
    ),
    RuleSpec(
        "indicators",
        "工作目标指标",
        Decimal(10),
        {},
        "本单位负责的全市工作目标指标的达标比例（不负责指标的单位不计此项）",
    ),
)
_SPECS = {r.key: r for r in DEFAULT_RULES}


@dataclass(frozen=True)
class RuleInfo:
    key: str
    name: str
    weight: Decimal
    params: Mapping[str, str]
    enabled: bool
    description: str


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


# -- the rules in the store ---------------------------------------------------------------
def _plan_pk(s: Session, plan_code: str | None) -> int:
    query = select(Plan.id).order_by(Plan.id)
    if plan_code:
        query = query.where(Plan.code == plan_code)
    pk = s.scalars(query).first()
    if pk is None:
        raise AssessmentError("库中没有工作方案")
    return pk


def _ensure_rules(s: Session, plan_pk: int) -> list[AssessmentRule]:
    rows = list(
        s.scalars(
            select(AssessmentRule).where(
                AssessmentRule.plan_id == plan_pk,
                AssessmentRule.key != GRADES_KEY,  # the grade bounds are not a scoring rule
            )
        )
    )
    have = {r.key for r in rows}
    for spec in DEFAULT_RULES:
        if spec.key not in have:
            row = AssessmentRule(
                plan_id=plan_pk,
                key=spec.key,
                name=spec.name,
                weight=str(spec.weight),
                params=json.dumps(dict(spec.params), ensure_ascii=False, sort_keys=True),
                enabled=True,
            )
            s.add(row)
            rows.append(row)
    if len(rows) > len(have):
        s.flush()
    order = {r.key: i for i, r in enumerate(DEFAULT_RULES)}
    return sorted(rows, key=lambda r: (order.get(r.key, len(order)), r.id))


def _info(row: AssessmentRule) -> RuleInfo:
    spec = _SPECS.get(row.key)
    try:
        raw = json.loads(row.params or "{}")
    except ValueError:
        raw = {}
    params = {**(spec.params if spec else {}), **{str(k): str(v) for k, v in dict(raw).items()}}
    return RuleInfo(
        key=row.key,
        name=row.name,
        weight=_weight(row.weight),
        params=params,
        enabled=row.enabled,
        description=spec.description if spec else "",
    )


def _weight(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        return Decimal(0)
    return value if value.is_finite() and value >= 0 else Decimal(0)


def list_rules(store: Store, catalog: Catalog) -> list[RuleInfo]:
    """The plan's rules (the defaults installed on first use), in their fixed order."""
    with store.factory.begin() as s:
        return [_info(r) for r in _ensure_rules(s, _plan_pk(s, catalog.code))]


def update_rule(
    store: Store,
    key: str,
    weight: Decimal | int | str | None = None,
    enabled: bool | None = None,
    params: Mapping[str, Any] | None = None,
    *,
    plan_code: str | None = None,
) -> RuleInfo:
    """Change a rule's weight (0–1000), switch it on or off, or set its parameters."""
    spec = _SPECS.get(key)
    if spec is None:
        raise AssessmentError(f"没有名为 {key} 的考核规则")
    new_weight: Decimal | None = None
    if weight is not None:
        try:
            new_weight = Decimal(str(weight).strip())
        except InvalidOperation as exc:
            raise AssessmentError(f"权重必须是数字：{weight}") from exc
        if not new_weight.is_finite() or not Decimal(0) <= new_weight <= Decimal(1000):
            raise AssessmentError("权重必须在 0 到 1000 之间")
    new_params = None if params is None else _checked_params(spec, params)
    with store.factory.begin() as s:
        rows = _ensure_rules(s, _plan_pk(s, plan_code))
        row = next(r for r in rows if r.key == key)
        if new_weight is not None:
            row.weight = _plain(new_weight)
        if enabled is not None:
            row.enabled = bool(enabled)
        if new_params:  # the parameters not named keep their values
            merged = {**_info(row).params, **new_params}
            row.params = json.dumps(merged, ensure_ascii=False, sort_keys=True)
        s.flush()
        return _info(row)


def reset_rules(store: Store, catalog: Catalog) -> list[RuleInfo]:
    """Back to the default weights, parameters and all rules on."""
    for spec in DEFAULT_RULES:
        update_rule(store, spec.key, spec.weight, True, dict(spec.params), plan_code=catalog.code)
    return list_rules(store, catalog)


def _checked_params(spec: RuleSpec, params: Mapping[str, Any]) -> dict[str, str]:
    """The given parameters by code name (a Chinese name is accepted too), each in range."""
    out: dict[str, str] = {}
    for given, value in params.items():
        p = param_spec(given)
        if p is None or p.name not in spec.params:
            raise AssessmentError(f"规则“{spec.name}”没有参数 {given}")
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            number = Decimal("NaN")
        if not number.is_finite() or not p.low <= number <= p.high:
            raise AssessmentError(
                f"{p.label}必须是 {_plain(p.low)} 到 {_plain(p.high)} 之间的数字：{value}"
            )
        out[p.name] = _plain(number + 0)  # -0 -> 0
    return out


def _plain(d: Decimal) -> str:
    text = format(d, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


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
        text += f"，{late} 个逾期报送（按 {_plain(credit)} 计）"
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
                    "weight": _plain(p.weight),
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
