"""The unit applies feedback files and answers 督办 notices.

``import_feedback`` reads the file through the one signed reader (every part, every visible
cell), then in one transaction: the signer must be the trusted office key (or reached from it
by the carried rotation statements), the file must be addressed to this unit, and the plan,
period and tasks it names must be in the store. Each part is applied only over what an older
file said (``feedback_sequence`` per row), so an older file never undoes a newer one; the same
file again (its SHA-256) changes nothing. Receipts are facts and only ever added; the
versions a file names raise the period's export numbering past them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.domain.messages import Refusal
from app.io.feedback_package import FeedbackPayload, NoticeNews, read_feedback_package
from app.io.key_backup import ExportCounters
from app.models import Period, Plan, Task, Unit
from app.models.received import (
    FeedbackReceived,
    Receipt,
    ReceivedComment,
    ReceivedNotice,
    ReceivedReview,
)
from app.models.store import Store
from app.services.audit import write_lock
from app.services.export_numbering import raise_numbering
from app.services.unit_office_key import signer_check, this_unit
from app.services.unit_setup import require_profile


@dataclass(frozen=True)
class FeedbackApplied:
    sequence: int
    already_applied: bool
    periods: tuple[str, ...]
    notices: tuple[int, ...]  # the office's notice ids the file listed
    unit: str = ""
    sha256: str = ""
    older: bool = False  # a newer file had been applied already: only new facts were taken
    plan: str = ""
    plan_revision: int = 0  # the plan's current revision at the office when it wrote the file
    installed_revision: int = 0  # the revision this install holds (lower: import the package)


# -- applying a file ---------------------------------------------------------------------------
class _Places:
    """The plan, period and task rows a file names, looked up in this store (refused when
    the store does not hold them: the unit needs the plan package first)."""

    def __init__(self, s: Session, p: FeedbackPayload) -> None:
        self.s = s
        plan = s.scalar(select(Plan).where(Plan.code == p.plan_code))
        if plan is None:
            raise Refusal("feedback_plan_unknown", plan=p.plan_code)
        self.plan = plan
        self.period = self.period_id(p.period)

    def period_id(self, code: str) -> int:
        found = self.s.scalar(
            select(Period.id).where(Period.plan_id == self.plan.id, Period.code == code)
        )
        if found is None:
            what = f"报告期 {code}"
            raise Refusal("feedback_plan_item_unknown", what=what, plan=self.plan.code)
        return found

    def task_id(self, no: int) -> int:
        found = self.s.scalar(select(Task.id).where(Task.plan_id == self.plan.id, Task.no == no))
        if found is None:
            raise Refusal("feedback_plan_item_unknown", what=f"任务 {no}", plan=self.plan.code)
        return found


def _apply_review(s: Session, unit: Unit, places: _Places, p: FeedbackPayload) -> None:
    r = p.review
    if r is None:
        return
    row = s.scalar(
        select(ReceivedReview).where(
            ReceivedReview.unit_id == unit.id, ReceivedReview.period_id == places.period
        )
    )
    if row is not None and row.feedback_sequence > p.sequence:
        return
    comments = [(places.task_id(c.task), c.text) for c in r.comments]
    if row is None:
        row = ReceivedReview(unit_id=unit.id, period_id=places.period)
        s.add(row)
    row.version, row.state, row.comment = r.version, r.state, r.comment
    row.decided_at, row.feedback_sequence = r.decided_at, p.sequence
    s.flush()
    s.execute(delete(ReceivedComment).where(ReceivedComment.received_review_id == row.id))
    s.add_all(ReceivedComment(received_review_id=row.id, task_id=t, text=x) for t, x in comments)


def _apply_receipts(s: Session, unit: Unit, places: _Places, p: FeedbackPayload) -> None:
    for x in p.receipts:
        found = s.scalar(
            select(Receipt.id).where(
                Receipt.unit_id == unit.id,
                Receipt.period_id == places.period,
                Receipt.version == x.version,
            )
        )
        if found is None:
            s.add(
                Receipt(
                    unit_id=unit.id,
                    period_id=places.period,
                    version=x.version,
                    file_sha256=x.sha256,
                    accepted_at=x.accepted_at,
                )
            )


def _rank_above_named_versions(s: Session, p: FeedbackPayload) -> None:
    """The office names versions of the period that this install may never have exported (a
    new PC set up afresh, an older key backup): the period's next export must rank above
    them, or the office would keep the older file current and the clerk's newer one would
    arrive superseded."""
    named = [x.version for x in p.receipts]
    if p.review is not None:
        named.append(p.review.version)
    if named:
        profile, unit = require_profile(s)
        raise_numbering(s, profile, unit, ExportCounters(1, {p.period: max(named)}))


def _apply_notice(s: Session, unit: Unit, places: _Places, n: NoticeNews, seq: int) -> None:
    row = s.scalar(
        select(ReceivedNotice).where(
            ReceivedNotice.unit_id == unit.id, ReceivedNotice.office_notice_id == n.id
        )
    )
    if row is not None and row.feedback_sequence > seq:
        return
    task = places.task_id(n.task)
    period = None if n.period is None else places.period_id(n.period)
    if row is None:
        row = ReceivedNotice(unit_id=unit.id, office_notice_id=n.id, response="")
        s.add(row)
    row.task_id, row.period_id, row.text, row.due = task, period, n.text, n.due
    row.state, row.feedback_sequence = n.state, seq


def import_feedback(store: Store, path: Path) -> FeedbackApplied:
    """Verify a feedback file and apply it (see the module's docstring)."""
    package = read_feedback_package(Path(path))
    p: FeedbackPayload = package.payload
    with store.factory.begin() as s:
        write_lock(s)  # the window may autosave meanwhile
        signer_check(s, package.fingerprint, p.rotations)
        unit = this_unit(s)
        if p.unit != unit.code:
            raise Refusal("feedback_other_unit", unit=p.unit_name)
        installed = s.scalar(select(Plan.revision).where(Plan.code == p.plan_code)) or 0
        done = FeedbackApplied(
            p.sequence, True, (p.period,), tuple(n.id for n in p.notices), unit.code,
            package.sha256, False, p.plan_code, p.plan_revision, installed,
        )  # fmt: skip
        if s.scalar(
            select(FeedbackReceived.id).where(FeedbackReceived.file_sha256 == package.sha256)
        ):
            return done
        newest = s.scalar(
            select(FeedbackReceived.sequence).order_by(FeedbackReceived.sequence.desc())
        )
        places = _Places(s, p)
        _apply_review(s, unit, places, p)
        _apply_receipts(s, unit, places, p)
        _rank_above_named_versions(s, p)
        for n in p.notices:
            _apply_notice(s, unit, places, n, p.sequence)
        s.add(
            FeedbackReceived(
                file_sha256=package.sha256,
                sequence=p.sequence,
                issued_at=p.issued_at,
                fingerprint=package.fingerprint,
            )
        )
        older = newest is not None and newest > p.sequence
        return FeedbackApplied(**{**done.__dict__, "already_applied": False, "older": older})
