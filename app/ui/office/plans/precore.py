"""TEMPORARY stand-ins for app.services.plans (PLANS_API.md) until its services land.

Delete this module when the core is merged: every import of it becomes app.services.plans.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.messages import Message
from app.io.plan_check import PlanProblem, check_plan

__all__ = ["Guess", "PlanProblem", "check_plan"]


@dataclass(frozen=True)
class Guess:
    pointer: str
    where: Message
    what: Message
    confirmed: bool = False
