"""The store's row ids of one unit in one plan, resolved once per entry service."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Indicator, Period, Plan, Target, Task, Unit
from app.services.entry_types import EntryError


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
