"""The assessment's grades (考核等次): 优秀 / 良好 / 一般 / 较差 by thresholds the office sets.

Stored with the assessment rules, without a schema change: an ``AssessmentRule`` row with the
key ``grades`` whose params JSON holds the three lower bounds (the fourth grade, 较差, is every
score below the 一般 bound), e.g. ``{"excellent": "90", "good": "80", "fair": "60"}``. The row
has weight 0 and is never scored; ``assessment.list_rules`` leaves it out. The office edits it
like the other parameters: ``office rules set grades --param excellent=92``.

The bounds must descend strictly and lie in 0–100: a total at or above a bound earns its
grade (90.00 with excellent=90 is 优秀).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.catalog import Catalog
from app.domain.messages import Refusal
from app.domain.payload import plain_decimal
from app.models import AssessmentRule
from app.models.store import Store
from app.services import audit
from app.services.assessment.rules import GRADES_KEY, _plan_pk

GRADES_NAME = "考核等次"


@dataclass(frozen=True)
class GradeSpec:
    key: str  # the parameter's code name
    grade: str  # the grade a total at or above the bound earns
    label: str  # the parameter's Chinese name
    default: Decimal


GRADE_SPECS: tuple[GradeSpec, ...] = (
    GradeSpec("excellent", "优秀", "优秀分数线", Decimal(90)),
    GradeSpec("good", "良好", "良好分数线", Decimal(80)),
    GradeSpec("fair", "一般", "一般分数线", Decimal(60)),
)
LOWEST = "较差"
GRADE_ORDER = (*(g.grade for g in GRADE_SPECS), LOWEST)


@dataclass(frozen=True)
class Grades:
    excellent: Decimal
    good: Decimal
    fair: Decimal

    def grade(self, total: Decimal) -> str:
        for bound, name in ((self.excellent, "优秀"), (self.good, "良好"), (self.fair, "一般")):
            if total >= bound:
                return name
        return LOWEST

    def params(self) -> dict[str, str]:
        return {g.key: plain_decimal(getattr(self, g.key)) for g in GRADE_SPECS}


DEFAULT_GRADES = Grades(*(g.default for g in GRADE_SPECS))


def grade_spec(name: str) -> GradeSpec | None:
    """A threshold by its code name or its Chinese name."""
    return next((g for g in GRADE_SPECS if name in (g.key, g.label)), None)


def _stored(row: AssessmentRule | None) -> Grades:
    if row is None:
        return DEFAULT_GRADES
    try:
        raw = json.loads(row.params or "{}")
        values = {g.key: Decimal(str(raw.get(g.key, g.default))) for g in GRADE_SPECS}
        return checked(values)
    except (ValueError, InvalidOperation, AttributeError, Refusal):
        return DEFAULT_GRADES  # a hand-edited row that does not hold: the defaults, not a crash


def _row(s: Session, catalog: Catalog) -> tuple[int, AssessmentRule | None]:
    """The plan's key and its grades row (None until the office first sets a bound)."""
    pk = _plan_pk(s, catalog.code)
    query = select(AssessmentRule).where(
        AssessmentRule.plan_id == pk, AssessmentRule.key == GRADES_KEY
    )
    return pk, s.scalars(query).first()


def load_grades(store: Store, catalog: Catalog) -> Grades:
    with store.factory() as s:
        return _stored(_row(s, catalog)[1])


def checked(values: Mapping[str, Decimal]) -> Grades:
    """Three bounds in 0–100, strictly descending (Refusal ``grades_invalid`` otherwise)."""
    grades = Grades(values["excellent"], values["good"], values["fair"])
    bounds = (grades.excellent, grades.good, grades.fair)
    if not all(b.is_finite() and Decimal(0) <= b <= Decimal(100) for b in bounds):
        raise Refusal("grades_out_of_range", **grades.params())
    if not grades.excellent > grades.good > grades.fair:
        raise Refusal("grades_not_descending", **grades.params())
    return grades


def update_grades(
    store: Store, catalog: Catalog, params: Mapping[str, Any], *, actor: str | None = None
) -> Grades:
    """Set some of the bounds (by code or Chinese name); the others keep their values."""
    changes: dict[str, Decimal] = {}
    for given, value in params.items():
        spec = grade_spec(given)
        if spec is None:
            raise Refusal("grades_unknown_param", param=given)
        try:
            changes[spec.key] = Decimal(str(value).strip()) + 0
        except InvalidOperation as exc:
            raise Refusal("grades_not_a_number", param=spec.label, value=value) from exc
    who = audit.resolve_actor(store, actor)
    with store.factory.begin() as s:
        pk, row = _row(s, catalog)
        current = _stored(row)
        merged = {g.key: changes.get(g.key, getattr(current, g.key)) for g in GRADE_SPECS}
        grades = checked(merged)
        if row is None:
            row = AssessmentRule(plan_id=pk, key=GRADES_KEY, name=GRADES_NAME, weight="0")
            s.add(row)
        row.params = json.dumps(grades.params(), ensure_ascii=False, sort_keys=True)
        row.enabled = True
        if grades != current:
            audit.record(
                s,
                actor=who,
                action="rules_change",
                subject=f"{catalog.code} {GRADES_KEY}",
                details={
                    "plan": catalog.code,
                    "rule": GRADES_KEY,
                    "before": current.params(),
                    "after": grades.params(),
                },
            )
    return grades


def reset_grades(store: Store, catalog: Catalog, *, actor: str | None = None) -> Grades:
    return update_grades(store, catalog, DEFAULT_GRADES.params(), actor=actor)


def grades_description(grades: Grades) -> str:
    """'总分90分及以上为优秀，80分及以上、不足90分为良好，…不足60分为较差'."""
    e, g, f = (plain_decimal(x) for x in (grades.excellent, grades.good, grades.fair))
    return (
        f"总分{e}分及以上为优秀，{g}分及以上、不足{e}分为良好，"
        f"{f}分及以上、不足{g}分为一般，不足{f}分为较差"
    )
