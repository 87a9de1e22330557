"""督办: the office's notices on a unit's task (docs/design.md §4).

A notice has a text and a due date; ``open`` → ``answered`` (the unit's response arrived in a
signed submission: ``record_responses``, called by the office import) → ``closed`` by the
office. ``overdue`` is derived, never stored: not closed, past its due date, and not answered
by then (a calendar day in the plan's city). Every change is in the audit log.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session, aliased

from app.domain.messages import Refusal
from app.domain.plan_time import PLAN_TZ, today_here
from app.models import Notice, Period, Plan, Submission, Task, Unit
from app.models.answers import NOTICE_STATES
from app.models.base import utcnow
from app.models.store import Store
from app.services import audit
from app.services.catalog import default_plan_code, plan_catalog
from app.services.review import period_rows

STATES = (*NOTICE_STATES, "overdue")  # what ``list_notices(state=)`` filters by
STATE_ZH = {"open": "待办理", "answered": "已答复", "closed": "已办结", "overdue": "已逾期"}
MAX_TEXT = 2000


@dataclass(frozen=True)
class NoticeInfo:
    id: int
    unit_code: str
    unit_name: str
    plan_code: str
    task: str  # the task's number, as text
    task_title: str
    period_code: str | None
    text: str
    due: date
    state: str  # open | answered | closed
    overdue: bool
    created_at: datetime
    created_by: str
    response: str | None
    responded_at: datetime | None
    closed_at: datetime | None
    closed_by: str | None

    def to_json(self) -> dict[str, Any]:
        def when(at: datetime | None) -> str | None:
            return None if at is None else at.strftime("%Y-%m-%dT%H:%M:%SZ")

        return {
            "id": self.id,
            "unit": self.unit_code,
            "unit_name": self.unit_name,
            "plan": self.plan_code,
            "task": self.task,
            "task_title": self.task_title,
            "period": self.period_code,
            "text": self.text,
            "due": self.due.isoformat(),
            "state": self.state,
            "overdue": self.overdue,
            "created_at": when(self.created_at),
            "created_by": self.created_by,
            "response": self.response,
            "responded_at": when(self.responded_at),
            "closed_at": when(self.closed_at),
            "closed_by": self.closed_by,
        }


def is_overdue(state: str, due: date, responded_at: datetime | None, today: date) -> bool:
    if state == "closed" or today <= due:
        return False
    return responded_at is None or responded_at.astimezone(PLAN_TZ).date() > due


# -- reading ---------------------------------------------------------------------------------
def _query() -> Select[Any]:
    p = aliased(Period)
    return (
        select(Notice, Unit.code, Unit.short_name, Plan.code, Task.no, Task.title, p.code)
        .join(Unit, Unit.id == Notice.unit_id)
        .join(Task, Task.id == Notice.task_id)
        .join(Plan, Plan.id == Task.plan_id)
        .outerjoin(p, p.id == Notice.period_id)
    )


def _info(row: Any, today: date) -> NoticeInfo:
    n, unit_code, unit_name, plan_code, task_no, task_title, period_code = row
    return NoticeInfo(
        id=n.id,
        unit_code=unit_code,
        unit_name=unit_name,
        plan_code=plan_code,
        task=str(task_no),
        task_title=task_title,
        period_code=period_code,
        text=n.text,
        due=n.due,
        state=n.state,
        overdue=is_overdue(n.state, n.due, n.responded_at, today),
        created_at=n.created_at,
        created_by=n.created_by,
        response=n.response,
        responded_at=n.responded_at,
        closed_at=n.closed_at,
        closed_by=n.closed_by,
    )


def _one(s: Session, notice_id: int, today: date) -> NoticeInfo:
    row = s.execute(_query().where(Notice.id == notice_id)).first()
    if row is None:
        raise Refusal("notice_unknown", id=notice_id)
    return _info(row, today)


def list_notices(
    store: Store,
    *,
    unit_code: str | None = None,
    state: str | None = None,
    today: date | None = None,
    plan_code: str | None = None,
) -> list[NoticeInfo]:
    """Notices, oldest first; ``state`` one of STATES (``overdue`` as derived on ``today``)."""
    if state is not None and state not in STATES:
        raise Refusal("notice_state_invalid", state=state, states="、".join(STATES))
    day = today or today_here()
    q = _query().order_by(Notice.id)
    if unit_code is not None:
        q = q.where(Unit.code == unit_code)
    if plan_code is not None:
        q = q.where(Plan.code == plan_code)
    if state in NOTICE_STATES:
        q = q.where(Notice.state == state)
    with store.factory() as s:
        found = [_info(r, day) for r in s.execute(q)]
    return [n for n in found if n.overdue] if state == "overdue" else found


def get_notice(store: Store, notice_id: int, today: date | None = None) -> NoticeInfo:
    with store.factory() as s:
        return _one(s, notice_id, today or today_here())


# -- changing --------------------------------------------------------------------------------
def _plan_for(
    s: Session, unit_code: str, period_code: str | None, plan_code: str | None
) -> tuple[Plan, int | None]:
    if period_code is not None:
        plan, period = period_rows(s, period_code, plan_code)
        return plan, period.id
    code = plan_code or default_plan_code(s, unit_code)
    found = None if code is None else s.scalar(select(Plan).where(Plan.code == code))
    if found is None or found.revision < 1:
        raise Refusal("plan_unknown", plan=code or "-")
    return found, None


def add_notice(
    store: Store,
    *,
    unit_code: str,
    task: str | int,
    due: date,
    text: str,
    actor: str,
    period_code: str | None = None,
    plan_code: str | None = None,
) -> NoticeInfo:
    """Raise a notice on a task the unit has a role on (in ``plan_code``'s plan, else the
    period's, else the newest plan listing the unit)."""
    body = text.strip()
    if not body:
        raise Refusal("notice_text_empty")
    if len(body) > MAX_TEXT:
        raise Refusal("text_too_long", what="督办事项", limit=MAX_TEXT)
    with store.factory.begin() as s:
        audit.write_lock(s)
        unit = s.scalar(select(Unit).where(Unit.code == unit_code))
        if unit is None:
            raise Refusal("unit_unknown", unit=unit_code)
        plan, period_pk = _plan_for(s, unit_code, period_code, plan_code)
        no, task_pk = _units_task(s, plan, unit_code, task)
        row = Notice(
            unit_id=unit.id,
            task_id=task_pk,
            period_id=period_pk,
            text=body,
            due=due,
            state="open",
            created_at=utcnow(),
            created_by=actor,
        )
        s.add(row)
        s.flush()
        audit.record(
            s,
            actor=actor,
            action="notice_add",
            subject=f"notice {row.id} {unit_code} task {no}",
            details={
                "notice": row.id,
                "unit": unit_code,
                "plan": plan.code,
                "task": no,
                "period": period_code,
                "due": due.isoformat(),
                "text": body,
            },
        )
        return _one(s, row.id, today_here())


def _units_task(s: Session, plan: Plan, unit_code: str, task: str | int) -> tuple[int, int]:
    """The task's number and row, if the plan has it and the unit has a role on it."""
    try:
        no = int(str(task).strip())
    except ValueError:
        raise Refusal("review_task_unknown", task=task, plan=plan.code) from None
    task_pk = s.scalar(
        select(Task.id).where(Task.plan_id == plan.id, Task.no == no, Task.removed_in.is_(None))
    )
    if task_pk is None:
        raise Refusal("review_task_unknown", task=no, plan=plan.code)
    try:
        mine = any(t.no == no for t, _role in plan_catalog(s, plan).tasks_for_unit(unit_code))
    except KeyError:  # a unit the plan does not list
        mine = False
    if not mine:
        raise Refusal("notice_task_not_units", unit=unit_code, task=no, plan=plan.code)
    return no, task_pk


def close_notice(store: Store, notice_id: int, actor: str) -> NoticeInfo:
    with store.factory.begin() as s:
        audit.write_lock(s)
        row = s.get(Notice, notice_id, with_for_update=True)
        if row is None:
            raise Refusal("notice_unknown", id=notice_id)
        if row.state == "closed":
            at = "-" if row.closed_at is None else f"{row.closed_at.astimezone(PLAN_TZ):%Y-%m-%d}"
            raise Refusal("notice_closed_already", id=notice_id, at=at, actor=row.closed_by or "-")
        row.state, row.closed_at, row.closed_by = "closed", utcnow(), actor
        s.flush()
        info = _one(s, notice_id, today_here())
        audit.record(
            s,
            actor=actor,
            action="notice_close",
            subject=f"notice {notice_id} {info.unit_code} task {info.task}",
            details={"notice": notice_id, "unit": info.unit_code, "response": info.response},
        )
        return info


def record_responses(
    session: Session,
    *,
    unit_id: int,
    submission_id: int,
    responses: Sequence[tuple[int, str]],
    actor: str,
) -> None:
    """The unit's answers to its notices, as a signed submission carried them (inside the
    office import's transaction). Only a version that is now current speaks for the unit;
    only its own open or answered notices are answered; the same answer again changes
    nothing."""
    c = session.connection()
    current = c.execute(
        select(Submission.is_current).where(Submission.id == submission_id)
    ).scalar()
    if not current or not responses:
        return
    ids = [notice_id for notice_id, _text in responses]
    rows = {
        r.id: r
        for r in c.execute(
            select(Notice.id, Notice.state, Notice.response, Notice.task_id).where(
                Notice.id.in_(ids),
                Notice.unit_id == unit_id,
                Notice.state.in_(("open", "answered")),
            )
        )
    }
    now = utcnow()
    for notice_id, text in responses:
        body = text.strip()[:MAX_TEXT]
        row = rows.get(notice_id)
        if row is None or not body or (row.state == "answered" and row.response == body):
            continue
        c.execute(
            update(Notice)
            .where(Notice.id == notice_id)
            .values(
                state="answered",
                response=body,
                responded_at=now,
                response_submission_id=submission_id,
            )
        )
        audit.record(
            session,
            actor=actor,
            action="notice_answered",
            subject=f"notice {notice_id}",
            details={"notice": notice_id, "submission_id": submission_id, "response": body},
        )


def write_notice_document(
    store: Store, notice_id: int, out: Path, *, issued_on: date | None = None
) -> Path:
    """The printable 督办通知 (.docx, GB/T 9704-2012 like the bulletins)."""
    from app.services.supervision_doc import write_notice

    return write_notice(store, get_notice(store, notice_id), Path(out), issued_on)
