"""The office's review of each unit's current version for a period (docs/design.md §4).

A current version is ``pending`` until a staff member accepts it or returns it (with a general
comment and comments on tasks). The decision belongs to that version (``review.submission_id``),
so a newer version from the unit has none and is pending again.

Several staff at once: a decision names what its maker looked at (``seen``: the version and
the review's ``row_version``). If the current version or its decision changed since, it is
refused with ``ReviewConflict`` carrying the state as it is now. Decisions on one unit take
turns with each other and with imports of that unit (the import's per-unit lock on PostgreSQL,
the write lock on SQLite), and a changed row is written only where its ``row_version`` is
still the one read, so nobody overwrites another's decision silently.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.domain.catalog import Catalog
from app.domain.messages import Refusal
from app.models import Period, Plan, Review, ReviewComment, Submission, SubmissionEntry, Task, Unit
from app.models.base import utcnow
from app.models.store import Store
from app.services.catalog import plan_catalog, published_plans

STATES = ("pending", "accepted", "returned")
DECISIONS = ("accepted", "returned")
STATE_ZH = {"pending": "待审核", "accepted": "已受理", "returned": "退回修改"}
MAX_COMMENT = 2000
# why a version is not "clean" (accept_all_clean leaves it to a person)
PROBLEMS = ("conflict", "older_revision", "tasks_missing")


@dataclass(frozen=True)
class TaskComment:
    task: str  # the task's number, as text ("12")
    text: str


@dataclass(frozen=True)
class ReviewState:
    unit_code: str
    unit_name: str
    period_code: str
    version: int
    submission_id: int
    state: str  # pending | accepted | returned
    comment: str
    comments: tuple[TaskComment, ...]
    actor: str
    decided_at: datetime | None
    row_version: int  # 0: no decision yet
    has_errors: bool
    plan_code: str = ""
    problems: tuple[str, ...] = ()  # of PROBLEMS
    file_sha256: str = ""

    def to_json(self) -> dict[str, Any]:
        """The ``"review"`` of ``office status --json`` (design §5)."""
        return {
            "state": self.state,
            "version": self.version,
            "comment": self.comment,
            "comments": [{"task": c.task, "text": c.text} for c in self.comments],
            "actor": self.actor,
            "decided_at": None
            if self.decided_at is None
            else self.decided_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "has_errors": self.has_errors,
            "problems": list(self.problems),
        }


class ReviewConflict(Refusal):
    """Someone else decided, or a newer version arrived, since ``seen``; ``current`` is the
    state now (show it, let the staff member decide again)."""

    def __init__(self, current: ReviewState) -> None:
        super().__init__(
            "review_conflict",
            unit=current.unit_code,
            period=current.period_code,
            version=current.version,
            state_word=current.state,
            actor=current.actor or "-",
        )
        self.current = current


# -- where: the plan and period -------------------------------------------------------------
def period_rows(s: Session, period_code: str, plan_code: str | None = None) -> tuple[Plan, Period]:
    """The published plan having ``period_code`` (``plan_code``'s, else the newest such
    plan) and the period's row; Refusal when there is none."""
    plans = published_plans(s)
    if plan_code is not None:
        plans = [p for p in plans if p.code == plan_code]
        if not plans:
            raise Refusal("plan_unknown", plan=plan_code)
    for plan in plans:
        period = s.scalar(
            select(Period).where(Period.plan_id == plan.id, Period.code == period_code)
        )
        if period is not None:
            return plan, period
    codes = s.scalars(
        select(Period.code).where(Period.plan_id.in_([p.id for p in plans])).distinct()
    )
    raise Refusal("period_unknown", period=period_code, periods=", ".join(sorted(codes)) or "-")


# -- reading ---------------------------------------------------------------------------------
_REVIEW_COLUMNS = (
    Review.id,
    Review.state,
    Review.comment,
    Review.actor,
    Review.decided_at,
    Review.row_version,
)


def _current_rows(s: Session, period: Period, unit_pk: int | None) -> list[Any]:
    q = (
        select(
            Submission.id.label("sub_id"),
            Submission.version,
            Submission.plan_revision,
            Submission.file_sha256,
            Unit.id.label("unit_pk"),
            Unit.code,
            Unit.short_name,
            *_REVIEW_COLUMNS,
        )
        .join(Unit, Unit.id == Submission.unit_id)
        .outerjoin(Review, Review.submission_id == Submission.id)
        .where(Submission.period_id == period.id, Submission.is_current.is_(True))
    )
    if unit_pk is not None:
        q = q.where(Submission.unit_id == unit_pk)
    return list(s.execute(q))


def _comments(s: Session, review_ids: Sequence[int]) -> dict[int, tuple[TaskComment, ...]]:
    out: dict[int, list[TaskComment]] = {}
    if review_ids:
        for review_id, no, text in s.execute(
            select(ReviewComment.review_id, Task.no, ReviewComment.text)
            .join(Task, Task.id == ReviewComment.task_id)
            .where(ReviewComment.review_id.in_(review_ids))
            .order_by(ReviewComment.review_id, Task.no)
        ).tuples():
            out.setdefault(review_id, []).append(TaskComment(str(no), text))
    return {k: tuple(v) for k, v in out.items()}


def _problems(
    s: Session, catalog: Catalog, plan: Plan, period: Period, rows: list[Any]
) -> dict[int, tuple[str, ...]]:
    """submission id -> why it is not clean: two files of its version, filled against an older
    plan revision, or a task of the unit's left out."""
    ids = [r.sub_id for r in rows]
    if not ids:
        return {}
    doubled = set(
        s.execute(
            select(Submission.unit_id, Submission.version)
            .where(Submission.period_id == period.id)
            .group_by(Submission.unit_id, Submission.version)
            .having(func.count(Submission.id) > 1)
        ).tuples()
    )
    entries = dict(
        s.execute(
            select(SubmissionEntry.submission_id, func.count(SubmissionEntry.id))
            .where(SubmissionEntry.submission_id.in_(ids))
            .group_by(SubmissionEntry.submission_id)
        )
        .tuples()
        .all()
    )
    out: dict[int, tuple[str, ...]] = {}
    for r in rows:
        found = []
        if (r.unit_pk, r.version) in doubled:
            found.append("conflict")
        if r.plan_revision < plan.revision:
            found.append("older_revision")
        elif entries.get(r.sub_id, 0) < _expected_tasks(catalog, r.code):
            found.append("tasks_missing")
        out[r.sub_id] = tuple(found)
    return out


def _expected_tasks(catalog: Catalog, unit_code: str) -> int:
    try:
        return len(catalog.tasks_for_unit(unit_code))
    except KeyError:  # a unit the plan no longer lists
        return 0


def _states(
    s: Session, plan: Plan, period: Period, unit_pk: int | None = None
) -> list[ReviewState]:
    rows = _current_rows(s, period, unit_pk)
    comments = _comments(s, [r.id for r in rows if r.id is not None])
    catalog = plan_catalog(s, plan)
    problems = _problems(s, catalog, plan, period, rows)
    order = {u.id: i for i, u in enumerate(catalog.units)}
    rows.sort(key=lambda r: (order.get(r.code, len(order)), r.code))
    return [
        ReviewState(
            unit_code=r.code,
            unit_name=r.short_name,
            period_code=period.code,
            version=r.version,
            submission_id=r.sub_id,
            state=r.state or "pending",
            comment=r.comment or "",
            comments=comments.get(r.id, ()) if r.id is not None else (),
            actor=r.actor or "",
            decided_at=r.decided_at,
            row_version=r.row_version or 0,
            has_errors=bool(problems[r.sub_id]),
            plan_code=plan.code,
            problems=problems[r.sub_id],
            file_sha256=r.file_sha256,
        )
        for r in rows
    ]


def review_states(
    store: Store, period_code: str, plan_code: str | None = None
) -> list[ReviewState]:
    """Every unit with a current version for the period, in the plan's order of units."""
    with store.factory() as s:
        plan, period = period_rows(s, period_code, plan_code)
        return _states(s, plan, period)


def review_state(
    store: Store, unit_code: str, period_code: str, plan_code: str | None = None
) -> ReviewState | None:
    """The unit's current version's review; None when the unit has not reported."""
    with store.factory() as s:
        plan, period = period_rows(s, period_code, plan_code)
        unit_pk = _unit_pk(s, unit_code)
        found = _states(s, plan, period, unit_pk)
        return found[0] if found else None


def _unit_pk(s: Session, unit_code: str) -> int:
    pk = s.scalar(select(Unit.id).where(Unit.code == unit_code))
    if pk is None:
        raise Refusal("unit_unknown", unit=unit_code)
    return pk


# -- deciding --------------------------------------------------------------------------------
def _clean(text: str, what: str) -> str:
    text = text.strip()
    if len(text) > MAX_COMMENT:
        raise Refusal("text_too_long", what=what, limit=MAX_COMMENT)
    return text


def _task_comments(task_comments: Mapping[str, str]) -> dict[int, str]:
    out: dict[int, str] = {}
    for task, text in task_comments.items():
        try:
            no = int(str(task).strip())
        except ValueError:
            raise Refusal("review_task_unknown", task=task, plan="-") from None
        cleaned = _clean(text, f"第 {no} 项任务的意见")
        if cleaned:
            out[no] = cleaned
    return out


def decide(
    store: Store,
    *,
    unit_code: str,
    period_code: str,
    state: str,
    comment: str = "",
    task_comments: Mapping[str, str] | None = None,
    actor: str,
    seen: ReviewState | None = None,
    plan_code: str | None = None,
) -> ReviewState:
    """Accept or return the unit's current version. ``seen``: what the staff member looked
    at; ReviewConflict if the version or its decision changed since. Without ``seen`` (the
    command line names the unit and period only) the decision replaces any earlier one, and
    the audit row keeps what it replaced."""
    if state not in DECISIONS:
        raise Refusal("review_state_invalid", state=state)
    general = _clean(comment, "总体意见")
    per_task = _task_comments(task_comments or {})
    if state == "returned" and not general and not per_task:
        raise Refusal("review_return_needs_comment")
    try:
        with store.factory.begin() as s:
            return _decide(
                s, unit_code, period_code, plan_code, state, general, per_task, actor, seen
            )
    except IntegrityError:
        # PostgreSQL: another staff member's first decision on this version got in first
        current = review_state(store, unit_code, period_code, plan_code)
        if current is None:
            raise
        raise ReviewConflict(current) from None


def _decide(
    s: Session,
    unit_code: str,
    period_code: str,
    plan_code: str | None,
    state: str,
    comment: str,
    per_task: dict[int, str],
    actor: str,
    seen: ReviewState | None,
) -> ReviewState:
    # The writing side's modules: the office's first view only reads reviews (design §6).
    from app.services import audit
    from app.services import import_merge as merge

    c = s.connection()
    merge.lock_store(c)  # turns with imports and other decisions (see the module)
    plan, period = period_rows(s, period_code, plan_code)
    unit_pk = _unit_pk(s, unit_code)
    merge.lock_unit(c, unit_pk)
    found = _states(s, plan, period, unit_pk)
    if not found:
        raise Refusal("review_no_submission", unit=unit_code, period=period_code)
    now = found[0]
    if seen is not None and (seen.submission_id, seen.row_version) != (
        now.submission_id,
        now.row_version,
    ):
        raise ReviewConflict(now)
    task_ids = _task_ids(s, plan, per_task)
    review_id = _write_review(s, now, state, comment, actor)
    for no, text in per_task.items():
        s.add(ReviewComment(review_id=review_id, task_id=task_ids[no], text=text))
    s.flush()
    audit.record(
        s,
        actor=actor,
        action="review_accept" if state == "accepted" else "review_return",
        subject=f"{unit_code} {period_code} v{now.version}",
        details={
            "plan": plan.code,
            "unit": unit_code,
            "period": period_code,
            "version": now.version,
            "file_sha256": now.file_sha256,
            "state": state,
            "comment": comment,
            "comments": {str(no): text for no, text in sorted(per_task.items())},
            "previous": None if now.row_version == 0 else _previous(now),
        },
    )
    return _states(s, plan, period, unit_pk)[0]


def _previous(now: ReviewState) -> dict[str, Any]:
    return {
        "state": now.state,
        "actor": now.actor,
        "comment": now.comment,
        "row_version": now.row_version,
    }


def _task_ids(s: Session, plan: Plan, per_task: Mapping[int, str]) -> dict[int, int]:
    if not per_task:
        return {}
    ids = dict(
        s.execute(
            select(Task.no, Task.id).where(Task.plan_id == plan.id, Task.no.in_(list(per_task)))
        )
        .tuples()
        .all()
    )
    for no in per_task:
        if no not in ids:
            raise Refusal("review_task_unknown", task=no, plan=plan.code)
    return ids


def _write_review(s: Session, now: ReviewState, state: str, comment: str, actor: str) -> int:
    """Insert the version's first decision, or replace the one read (only if it is still
    the one read: its row_version)."""
    at = utcnow()
    if now.row_version == 0:
        row = Review(
            submission_id=now.submission_id,
            state=state,
            comment=comment,
            actor=actor,
            decided_at=at,
            row_version=1,
        )
        s.add(row)
        s.flush()  # PostgreSQL: a concurrent first decision fails here (unique submission)
        return row.id
    review_id = s.scalar(select(Review.id).where(Review.submission_id == now.submission_id))
    assert review_id is not None
    c = s.connection()
    changed = c.execute(
        update(Review)
        .where(Review.id == review_id, Review.row_version == now.row_version)
        .values(
            state=state,
            comment=comment,
            actor=actor,
            decided_at=at,
            row_version=Review.row_version + 1,
        )
    ).rowcount
    if changed != 1:
        raise IntegrityError("review changed meanwhile", None, Exception("row_version"))
    s.execute(delete(ReviewComment).where(ReviewComment.review_id == review_id))
    return review_id


def accept_all_clean(
    store: Store, period_code: str, actor: str, plan_code: str | None = None
) -> list[ReviewState]:
    """Accept every pending version without a problem, each as its own decision (and audit
    row); one another staff member decided meanwhile is left as they decided it."""
    accepted = []
    for st in review_states(store, period_code, plan_code):
        if st.state != "pending" or st.has_errors:
            continue
        try:
            accepted.append(
                decide(
                    store,
                    unit_code=st.unit_code,
                    period_code=period_code,
                    state="accepted",
                    actor=actor,
                    seen=st,
                    plan_code=st.plan_code,
                )
            )
        except ReviewConflict:
            continue
    return accepted


def state_words(state: str) -> str:
    return STATE_ZH.get(state, state)
