"""Feedback files (docs/design.md §4; issue 15 item 5): the office writes one signed file per
unit that has news for a period (``office``), the unit verifies and applies it (``unit``), and
the clerk sees the office's answers and answers its 督办 notices (``answers``). Callers import
the package; its names load on first use, so the clerk's first view (``unit_answers``) does not
load the signed-file reader and its cryptography."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.services.feedback.answers import (
        ReceiptInfo,
        ReceivedNoticeInfo,
        ReceivedReviewInfo,
        UnitAnswers,
        open_responses,
        set_response,
        set_responses,
        unit_answers,
    )
    from app.services.feedback.office import FeedbackWritten, write_feedback
    from app.services.feedback.unit import FeedbackApplied, import_feedback

_HOMES = {
    "FeedbackWritten": "office",
    "write_feedback": "office",
    "FeedbackApplied": "unit",
    "import_feedback": "unit",
    "ReceiptInfo": "answers",
    "ReceivedNoticeInfo": "answers",
    "ReceivedReviewInfo": "answers",
    "UnitAnswers": "answers",
    "open_responses": "answers",
    "set_response": "answers",
    "set_responses": "answers",
    "unit_answers": "answers",
}

__all__ = [
    "FeedbackApplied",
    "FeedbackWritten",
    "ReceiptInfo",
    "ReceivedNoticeInfo",
    "ReceivedReviewInfo",
    "UnitAnswers",
    "import_feedback",
    "open_responses",
    "set_response",
    "set_responses",
    "unit_answers",
    "write_feedback",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
