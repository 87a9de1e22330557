"""Feedback files (docs/design.md §4; issue 15 item 5): the office writes one signed file per
unit that has news for a period (``office``), the unit verifies and applies it and answers
its 督办 notices (``unit``). Callers import the package."""

from app.services.feedback.office import FeedbackWritten, write_feedback
from app.services.feedback.unit import (
    FeedbackApplied,
    ReceiptInfo,
    ReceivedNoticeInfo,
    ReceivedReviewInfo,
    UnitAnswers,
    import_feedback,
    open_responses,
    set_response,
    set_responses,
    unit_answers,
)

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
