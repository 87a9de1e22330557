"""The office writes feedback files: one signed workbook per unit with news for a period
(receipts of accepted versions, the decision on the current version with its task comments,
the unit's 督办 notices, a plan revision newer than the unit's files were made against).

Each file is numbered per unit (``feedback_issued.sequence``) so the unit can tell a newer
file from an older one; each is recorded and audited (``feedback_issue``) in the one
transaction that writes them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.catalog import Catalog
from app.domain.messages import Refusal
from app.io.feedback_package import (
    FeedbackPayload,
    NoticeNews,
    Receipt,
    ReviewNews,
    TaskComment,
    feedback_bytes,
)
from app.io.signed_package import write_package
from app.models import Period, Plan, Submission, Task, Unit
from app.models.answers import FeedbackIssued, Notice, Review, ReviewComment
from app.models.base import utcnow
from app.models.store import Store
from app.services.answers_audit import lock_for_writes, record
from app.services.catalog import store_catalogs
from app.services.office_key import OfficeSigner, office_signer
from app.services.plans.listing import plan_for_period


@dataclass(frozen=True)
class FeedbackWritten:
    unit_code: str
    path: Path
    sha256: str
    sequence: int
    news: tuple[str, ...]  # receipt, review, notices, plan


def _utc(at: datetime | None) -> datetime | None:
    if at is None:
        return None
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def _receipts(s: Session, unit: Unit, period: Period) -> tuple[Receipt, ...]:
    rows = s.execute(
        select(Submission.version, Submission.file_sha256, Review.decided_at)
        .join(Review, Review.submission_id == Submission.id)
        .where(Submission.unit_id == unit.id, Submission.period_id == period.id)
        .where(Review.state == "accepted")
        .order_by(Submission.version, Submission.id)
    ).all()
    seen: dict[int, Receipt] = {}
    for version, sha, at in rows:
        decided = _utc(at)
        assert decided is not None
        seen[version] = Receipt(version, sha, decided)
    return tuple(seen.values())


def _review(s: Session, unit: Unit, period: Period) -> ReviewNews | None:
    current = s.scalar(
        select(Submission).where(
            Submission.unit_id == unit.id,
            Submission.period_id == period.id,
            Submission.is_current.is_(True),
        )
    )
    if current is None:
        return None
    review = s.scalar(select(Review).where(Review.submission_id == current.id))
    if review is None:
        return ReviewNews(current.version, "pending", "", None, ())
    comments = s.execute(
        select(Task.no, Task.title, ReviewComment.text)
        .join(Task, Task.id == ReviewComment.task_id)
        .where(ReviewComment.review_id == review.id)
        .order_by(Task.no)
    ).all()
    return ReviewNews(
        current.version,
        review.state,
        review.comment,
        _utc(review.decided_at),
        tuple(TaskComment(no, title, text) for no, title, text in comments),
    )


def _notices(s: Session, unit: Unit, plan: Plan) -> tuple[NoticeNews, ...]:
    rows = s.execute(
        select(Notice, Task.no, Task.title, Period.code)
        .join(Task, Task.id == Notice.task_id)
        .outerjoin(Period, Period.id == Notice.period_id)
        .where(Notice.unit_id == unit.id, Task.plan_id == plan.id)
        .order_by(Notice.id)
    ).all()
    return tuple(
        NoticeNews(n.id, no, title, code, n.text, n.due, n.state, n.response or "")
        for n, no, title, code in rows
    )


def _plan_news(s: Session, unit: Unit, plan: Plan) -> bool:
    """The unit's newest file was made against an older revision (or it sent none yet and
    the plan has been revised)."""
    made = s.scalar(
        select(func.max(Submission.plan_revision))
        .join(Period, Period.id == Submission.period_id)
        .where(Submission.unit_id == unit.id, Period.plan_id == plan.id)
    )
    return plan.revision > (made or 1)


def _next_sequence(s: Session, unit: Unit) -> int:
    last = s.scalar(
        select(func.max(FeedbackIssued.sequence)).where(FeedbackIssued.unit_id == unit.id)
    )
    return (last or 0) + 1


def _one_unit(
    s: Session, unit: Unit, plan: Plan, period: Period, signer: OfficeSigner
) -> tuple[FeedbackPayload, tuple[str, ...]] | None:
    receipts = _receipts(s, unit, period)
    review = _review(s, unit, period)
    notices = _notices(s, unit, plan)
    news = (
        ("receipt",) * bool(receipts)
        + ("review",) * bool(review is not None and review.state != "pending")
        + ("notices",) * any(n.state != "closed" for n in notices)
        + ("plan",) * _plan_news(s, unit, plan)
    )
    if not news:
        return None
    payload = FeedbackPayload(
        unit=unit.code,
        unit_name=unit.name,
        sequence=_next_sequence(s, unit),
        issued_at=utcnow().replace(microsecond=0),
        plan_code=plan.code,
        plan_title=plan.title,
        plan_revision=plan.revision,
        period=period.code,
        period_title=period.title or period.code,
        receipts=receipts,
        review=review,
        notices=notices,
        rotations=signer.statements,
    )
    return payload, news


def _period_rows(s: Session, catalog: Catalog, period_code: str) -> tuple[Plan, Period]:
    plan = s.scalar(select(Plan).where(Plan.code == catalog.code))
    period = (
        None
        if plan is None
        else s.scalar(select(Period).where(Period.plan_id == plan.id, Period.code == period_code))
    )
    if plan is None or period is None:
        raise Refusal("period_unknown", period=period_code, periods="-")
    return plan, period


def write_feedback(
    store: Store,
    period_code: str,
    out_dir: Path,
    passphrase: str,
    actor: str = "",
    plan_code: str | None = None,
    *,
    on_progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[FeedbackWritten]:
    """One signed file per reporting unit of the period's plan that has news, in ``out_dir``.
    ``on_progress(done, total, unit)`` as each unit is taken up; ``cancelled()`` true stops
    before the next unit, and the files written so far are recorded (the window's cancel)."""
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise Refusal("folder_missing", path=str(out_dir))
    catalog = plan_for_period(store_catalogs(store), period_code, plan_code)
    signer = office_signer(store, passphrase)
    written: list[FeedbackWritten] = []
    with store.factory.begin() as s:
        lock_for_writes(s)  # the per-unit numbers: one writer at a time
        plan, period = _period_rows(s, catalog, period_code)
        units = catalog.reporting_units()
        for done, info in enumerate(units, start=1):
            if cancelled is not None and cancelled():
                break
            if on_progress is not None:
                on_progress(done, len(units), info.id)
            unit = s.scalar(select(Unit).where(Unit.code == info.id))
            found = None if unit is None else _one_unit(s, unit, plan, period, signer)
            if unit is None or found is None:
                continue
            payload, news = found
            path = out_dir / f"feedback-{period.code}-{unit.code}-{payload.sequence:03d}.xlsx"
            try:
                sha = write_package(path, feedback_bytes(payload, signer.public_key, signer.sign))
            except OSError as exc:
                raise Refusal(
                    "file_unwritable", path=str(path), detail=exc.strerror or exc
                ) from exc
            s.add(
                FeedbackIssued(
                    unit_id=unit.id,
                    sequence=payload.sequence,
                    period_id=period.id,
                    file_sha256=sha,
                    actor=actor,
                )
            )
            details = {
                "unit": unit.code,
                "period": period.code,
                "sequence": payload.sequence,
                "sha256": sha,
                "news": list(news),
            }
            record(s, actor, "feedback_issue", f"{unit.code} {period.code}", details)
            written.append(FeedbackWritten(unit.code, path, sha, payload.sequence, news))
    return written
