"""What the entry service gives back (saved drafts with the rules' verdict, a period's summary
and export state), its refusal, and the store row ids of the plan it works on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.entry_rules import (
    EntryDraft,
    FieldError,
    IndicatorDraft,
    indicator_filled,
    is_filled,
)
from app.models import Indicator, Period, Plan, Target, Task, Unit


class EntryError(ValueError):
    """A draft that cannot be stored at all (unknown task, period, target or status)."""


@dataclass(frozen=True)
class SavedEntry:
    draft: EntryDraft  # as stored: text cleaned, every target of the task in plan order
    updated_at: datetime | None  # None: never saved (a blank draft)
    revision: int  # 0 when never saved
    errors: tuple[FieldError, ...]
    role: str

    @property
    def filled(self) -> bool:
        return is_filled(self.draft)


@dataclass(frozen=True)
class SavedIndicator:
    draft: IndicatorDraft
    updated_at: datetime | None
    revision: int
    errors: tuple[FieldError, ...]

    @property
    def filled(self) -> bool:
        return indicator_filled(self.draft)


@dataclass(frozen=True)
class PeriodSummary:
    period: str
    filled: int
    total: int
    errors: tuple[FieldError, ...]  # what stops an export; unfilled tasks count as "required"
    indicators_filled: int = 0
    indicators_total: int = 0

    @property
    def ready(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class PeriodState:
    kind: Literal["draft", "exported", "changed"]
    version: int | None  # the newest exported version
    exported_at: datetime | None


@dataclass(frozen=True)
class PlanRowIds:
    """The store's row ids of one unit in one plan: its tasks, periods, indicators, targets."""

    unit: int
    tasks: dict[int, int]  # task no -> id
    periods: dict[str, int]  # period code -> id
    indicators: dict[int, int]  # indicator no -> id
    targets: dict[tuple[int, str], int]  # (task no, target name) -> id

    @classmethod
    def load(cls, s: Session, plan_code: str, unit_id: str) -> PlanRowIds:
        plan_id = s.scalar(select(Plan.id).where(Plan.code == plan_code))
        if plan_id is None:
            raise EntryError(f"本机数据中没有工作方案 {plan_code}")
        unit_pk = s.scalar(select(Unit.id).where(Unit.code == unit_id))  # one row across plans
        if unit_pk is None:
            raise EntryError(f"工作方案中没有单位 {unit_id}")
        targets = s.execute(
            select(Task.no, Target.name, Target.id)
            .join(Task, Target.task_id == Task.id)
            .where(Task.plan_id == plan_id)
        ).tuples()
        return cls(
            unit=unit_pk,
            tasks=dict(
                s.execute(select(Task.no, Task.id).where(Task.plan_id == plan_id)).tuples().all()
            ),
            periods=dict(
                s.execute(select(Period.code, Period.id).where(Period.plan_id == plan_id))
                .tuples()
                .all()
            ),
            indicators=dict(
                s.execute(select(Indicator.no, Indicator.id).where(Indicator.plan_id == plan_id))
                .tuples()
                .all()
            ),
            targets={(no, name): pk for no, name, pk in targets},
        )
