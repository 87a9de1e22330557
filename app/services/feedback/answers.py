"""What the clerk sees of the office's answers and how the clerk answers (docs/design.md §4):
the decision on a period with its task comments, the receipts, the 督办 notices and their
responses. Kept apart from the file reader (``unit``) so the clerk's first view, which shows
the review state, loads no cryptography."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.entry_rules import has_control_chars
from app.domain.messages import Refusal
from app.domain.plan_time import today_here
from app.models import Period, Plan, Task
from app.models.base import utcnow
from app.models.received import Receipt, ReceivedComment, ReceivedNotice, ReceivedReview
from app.models.store import Store
from app.services.unit_office_key import this_unit

MAX_RESPONSE_CHARS = 2000


@dataclass(frozen=True)
class ReceivedReviewInfo:
    state: str  # pending | accepted | returned
    version: int
    comment: str
    comments: dict[str, str]  # task number -> text
    decided_at: datetime | None


@dataclass(frozen=True)
class ReceiptInfo:
    period: str
    version: int
    sha256: str
    accepted_at: datetime


@dataclass(frozen=True)
class ReceivedNoticeInfo:
    id: int  # the office's notice id
    task: str
    text: str
    due: date
    state: str
    overdue: bool
    response: str
    period: str | None = None


@dataclass(frozen=True)
class UnitAnswers:
    review: ReceivedReviewInfo | None
    receipts: tuple[ReceiptInfo, ...]
    notices: tuple[ReceivedNoticeInfo, ...]


# -- what the clerk sees and answers -------------------------------------------------------------
def _period_row(s: Session, period_code: str, plan_code: str | None) -> Period | None:
    query = select(Period).join(Plan, Plan.id == Period.plan_id).where(Period.code == period_code)
    if plan_code is not None:
        query = query.where(Plan.code == plan_code)
    return s.scalars(query.order_by(Plan.year.desc(), Plan.code)).first()


def _notice_info(s: Session, row: ReceivedNotice, today: date) -> ReceivedNoticeInfo:
    no = s.scalar(select(Task.no).where(Task.id == row.task_id))
    period = (
        None
        if row.period_id is None
        else s.scalar(select(Period.code).where(Period.id == row.period_id))
    )
    overdue = row.state == "open" and today > row.due  # answered: the office has it
    return ReceivedNoticeInfo(
        row.office_notice_id, str(no), row.text, row.due, row.state, overdue, row.response, period
    )


def unit_answers(
    store: Store, period_code: str, plan_code: str | None = None, today: date | None = None
) -> UnitAnswers:
    """What the office answered for this unit: the decision on the period, its receipts, and
    every notice (of any period) not closed, plus closed ones of this period."""
    today = today or today_here()
    with store.factory() as s:
        unit = this_unit(s)
        period = _period_row(s, period_code, plan_code)
        if period is None:
            return UnitAnswers(None, (), ())
        row = s.scalar(
            select(ReceivedReview).where(
                ReceivedReview.unit_id == unit.id, ReceivedReview.period_id == period.id
            )
        )
        review = None
        if row is not None:
            comments = s.execute(
                select(Task.no, ReceivedComment.text)
                .join(Task, Task.id == ReceivedComment.task_id)
                .where(ReceivedComment.received_review_id == row.id)
                .order_by(Task.no)
            ).all()
            review = ReceivedReviewInfo(
                row.state,
                row.version,
                row.comment,
                {str(no): text for no, text in comments},
                row.decided_at,
            )
        receipts = tuple(
            ReceiptInfo(period.code, r.version, r.file_sha256, r.accepted_at)
            for r in s.scalars(
                select(Receipt)
                .where(Receipt.unit_id == unit.id, Receipt.period_id == period.id)
                .order_by(Receipt.version)
            )
        )
        notices = s.scalars(
            select(ReceivedNotice)
            .where(ReceivedNotice.unit_id == unit.id)
            .order_by(ReceivedNotice.due, ReceivedNotice.office_notice_id)
        )
        shown = tuple(
            _notice_info(s, n, today)
            for n in notices
            if n.state != "closed" or n.period_id == period.id
        )
        return UnitAnswers(review, receipts, shown)


def check_response(text: str) -> str:
    text = text.strip()
    if len(text) > MAX_RESPONSE_CHARS:
        raise Refusal("response_too_long", limit=MAX_RESPONSE_CHARS)
    if has_control_chars(text.replace("\n", "")):
        raise Refusal("response_bad_text")
    return text


def set_response(store: Store, notice_id: int, text: str) -> None:
    """The clerk's answer to a notice; it travels in the next signed submission."""
    set_responses(store, [(notice_id, text)])


def set_responses(store: Store, answers: Sequence[tuple[int, str]]) -> None:
    """Several answers in one transaction: all of them, or none when one is refused
    (``notice_unknown``, ``notice_closed``, ``response_too_long``, ``response_bad_text``)."""
    checked = [(notice_id, check_response(text)) for notice_id, text in answers]
    with store.factory.begin() as s:
        unit = this_unit(s)
        now = utcnow()
        for notice_id, text in checked:
            row = s.scalar(
                select(ReceivedNotice).where(
                    ReceivedNotice.unit_id == unit.id,
                    ReceivedNotice.office_notice_id == notice_id,
                )
            )
            if row is None:
                raise Refusal("notice_unknown", id=notice_id)
            if row.state == "closed":
                raise Refusal("notice_closed", notice=notice_id)
            row.response, row.response_updated_at = text, now


def open_responses(store: Store) -> tuple[tuple[int, str], ...]:
    """(office notice id, response) of every answered notice not closed: what an export signs."""
    with store.factory() as s:
        unit = this_unit(s)
        rows = s.execute(
            select(ReceivedNotice.office_notice_id, ReceivedNotice.response)
            .where(ReceivedNotice.unit_id == unit.id, ReceivedNotice.state != "closed")
            .where(ReceivedNotice.response != "")
            .order_by(ReceivedNotice.office_notice_id)
        ).all()
        return tuple((i, r) for i, r in rows)
