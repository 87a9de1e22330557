"""TEMPORARY stand-ins for app.services.plans (PLANS_API.md) until branch wt-plans lands.

Delete this module when the core is merged: every import of it becomes app.services.plans.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from app.domain.messages import Message
from app.io.plan_file import PlanSpec


@dataclass(frozen=True)
class Guess:
    pointer: str
    where: Message
    what: Message
    confirmed: bool = False


@dataclass(frozen=True)
class PlanProblem:
    pointer: str
    message: Message


def check_plan(plan: dict[str, Any]) -> list[PlanProblem]:
    try:
        PlanSpec.model_validate(plan)
    except ValidationError as exc:
        out = []
        for err in exc.errors():
            pointer = "".join(f"/{p}" for p in err["loc"])
            out.append(PlanProblem(pointer, Message.of("plan_file_invalid", detail=err["msg"])))
        return out
    return []
