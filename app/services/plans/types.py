"""What the plans services return (the contract in PLANS_API.md): frozen dataclasses only."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.domain.catalog import PeriodInfo
from app.domain.messages import Message, Refusal
from app.domain.plan_problems import PlanProblem, describe_pointer
from app.domain.plan_text import Guess as ImportGuess


@dataclass(frozen=True)
class PlanSummary:
    code: str
    title: str
    year: int
    revision: int  # the newest PUBLISHED revision, 0 if never published
    published: bool  # revision >= 1
    has_draft: bool  # an editable working copy exists (a new plan, or revision + 1)
    periods: tuple[PeriodInfo, ...]  # of the published revision (empty if none)


@dataclass(frozen=True)
class Guess:
    """Something the document importer guessed, for the office to confirm."""

    pointer: str
    where: Message
    what: Message
    confirmed: bool = False

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        """The importer's shape (``{"where", "what", "code", "params", "field"}``) and whether
        the office has confirmed it."""
        found = ImportGuess(self.where, self.what, self.pointer).to_json(lang)
        return {**found, "confirmed": self.confirmed}


@dataclass(frozen=True)
class PlanDraft:
    code: str
    revision: int  # the revision this draft becomes when published
    based_on: int | None  # the published revision it was started from (None: a new plan)
    plan: dict[str, Any]  # the plan-file JSON (may be invalid while being edited)
    guesses: tuple[Guess, ...]
    read_only: bool  # True: the published content, shown because there is no draft


@dataclass(frozen=True)
class PlanImportResult:
    code: str
    plan: dict[str, Any]
    guesses: tuple[Guess, ...]
    saved: bool


class PlanRejected(Refusal):
    """A plan that cannot be imported or published: the first problem as the message, all
    of them (each at its JSON pointer) in ``problems`` for the list."""

    def __init__(self, plan: object, problems: Sequence[PlanProblem]) -> None:
        first = problems[0]
        super().__init__(
            "plan_rejected",
            count=len(problems),
            where=describe_pointer(plan, first.pointer),
            detail=first.message.render("zh"),
        )
        self.plan = plan
        self.problems = tuple(problems)


# -- guesses in the store -------------------------------------------------------------------
def _message_json(m: Message) -> dict[str, Any]:
    return {"code": m.code, "params": m.param_dict}


def _message(data: Any) -> Message:
    return Message.of(str(data["code"]), **dict(data.get("params", {})))


def guesses_to_text(guesses: Sequence[Guess]) -> str:
    return json.dumps(
        [
            {
                "pointer": g.pointer,
                "where": _message_json(g.where),
                "what": _message_json(g.what),
                "confirmed": g.confirmed,
            }
            for g in guesses
        ],
        ensure_ascii=False,
    )


def guesses_from_text(text: str) -> tuple[Guess, ...]:
    return tuple(
        Guess(g["pointer"], _message(g["where"]), _message(g["what"]), bool(g["confirmed"]))
        for g in json.loads(text or "[]")
    )
