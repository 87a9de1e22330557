"""The assessment's rules: what each scores, its weight and parameters, as the office sets
them in the store (installed with their defaults on first use)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.catalog import Catalog
from app.domain.payload import plain_decimal
from app.models import AssessmentRule, Plan
from app.models.store import Store
from app.services import audit
from app.services.catalog import default_plan_code

GRADES_KEY = "grades"  # the grade thresholds' row (assessment.grades), not a scoring rule


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


# -- the rules in the store ---------------------------------------------------------------
def _plan_pk(s: Session, plan_code: str | None) -> int:
    """The plan's row (each plan has its own rules); without a code the newest published plan,
    never whichever plan happens to be first."""
    code = plan_code or default_plan_code(s)
    pk = None if code is None else s.scalar(select(Plan.id).where(Plan.code == code))
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
    actor: str | None = None,
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
    who = audit.resolve_actor(store, actor)
    with store.factory.begin() as s:
        plan_pk = _plan_pk(s, plan_code)
        rows = _ensure_rules(s, plan_pk)
        row = next(r for r in rows if r.key == key)
        before = _info(row)
        if new_weight is not None:
            row.weight = plain_decimal(new_weight)
        if enabled is not None:
            row.enabled = bool(enabled)
        if new_params:  # the parameters not named keep their values
            merged = {**_info(row).params, **new_params}
            row.params = json.dumps(merged, ensure_ascii=False, sort_keys=True)
        s.flush()
        after = _info(row)
        if after != before:
            _audit_rule(s, who, s.get_one(Plan, plan_pk).code, before, after)
        return after


def _audit_rule(s: Session, actor: str, plan: str, before: RuleInfo, after: RuleInfo) -> None:
    def shown(r: RuleInfo) -> dict[str, Any]:
        return {"weight": str(r.weight), "enabled": r.enabled, "params": dict(r.params)}

    audit.record(
        s,
        actor=actor,
        action="rules_change",
        subject=f"{plan} {after.key}",
        details={"plan": plan, "rule": after.key, "before": shown(before), "after": shown(after)},
    )


def reset_rules(store: Store, catalog: Catalog, *, actor: str | None = None) -> list[RuleInfo]:
    """Back to the default weights, parameters and all rules on."""
    for spec in DEFAULT_RULES:
        update_rule(
            store,
            spec.key,
            spec.weight,
            True,
            dict(spec.params),
            plan_code=catalog.code,
            actor=actor,
        )
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
            low, high = plain_decimal(p.low), plain_decimal(p.high)
            raise AssessmentError(f"{p.label}必须是 {low} 到 {high} 之间的数字：{value}")
        out[p.name] = plain_decimal(number + 0)  # -0 -> 0
    return out
