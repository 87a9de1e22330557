"""督办: notices raised, listed (overdue derived from the due date), answered through a signed
submission, closed; the printable notice; the progress bulletin's overdue paragraph."""

from __future__ import annotations

import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.catalog import Catalog
from app.domain.messages import Refusal
from app.models import Submission, Unit
from app.services import audit
from app.services.bulletin.notices import overdue_notices
from app.services.stores import Store
from app.services.supervision import (
    add_notice,
    close_notice,
    list_notices,
    record_responses,
    write_notice_document,
)
from tests.kit.review import submit, trusted_key

DUE = date(2016, 4, 30)


def task_of(catalog: Catalog, unit: str = "zjj") -> str:
    return str(catalog.tasks_for_unit(unit)[0][0].no)


def answer(
    store: Store, unit: str, notice_id: int, text: str, submission: int | None = None
) -> None:
    """What the office import does with a submission's responses (its own transaction)."""
    with store.factory.begin() as s:
        unit_pk = s.scalar(select(Unit.id).where(Unit.code == unit))
        sub = submission or s.scalar(
            select(Submission.id).where(Submission.unit_id == unit_pk, Submission.is_current)
        )
        assert unit_pk is not None and sub is not None
        record_responses(s, unit_id=unit_pk, submission_id=sub,
                         responses=[(notice_id, text)], actor="导入")  # fmt: skip


def test_open_answered_closed_and_overdue(
    office_store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    task = task_of(catalog)
    n = add_notice(office_store, unit_code="zjj", task=task, due=DUE, text="请报送进度说明",
                   actor="李四", period_code="2016Q1")  # fmt: skip
    assert (n.state, n.task, n.period_code, n.created_by) == ("open", task, "2016Q1", "李四")
    assert n.task_title == catalog.task(int(task)).title
    [on_due] = list_notices(office_store, today=DUE)
    assert not on_due.overdue
    [late] = list_notices(office_store, today=DUE + timedelta(days=1))
    assert late.overdue
    assert [
        x.id for x in list_notices(office_store, state="overdue", today=DUE + timedelta(days=1))
    ] == [n.id]
    assert list_notices(office_store, unit_code="other") == []
    # the unit answers in a signed submission
    key = trusted_key(office_store, catalog, "zjj")
    submit(office_store, catalog, tmp_path, key)
    answer(office_store, "zjj", n.id, "已完成整改")
    [got] = list_notices(office_store, today=DUE)
    assert (got.state, got.response) == ("answered", "已完成整改") and got.responded_at is not None
    answer(office_store, "zjj", n.id, "已完成整改")  # the same answer again: nothing new
    assert len(audit.list_audit(office_store, action="notice_answered")) == 1
    closed = close_notice(office_store, n.id, "王五")
    assert (closed.state, closed.closed_by, closed.overdue) == ("closed", "王五", False)
    with pytest.raises(Refusal) as caught:
        close_notice(office_store, n.id, "王五")
    assert caught.value.code == "notice_closed_already"
    answer(office_store, "zjj", n.id, "再答复")  # a closed notice takes no more answers
    assert list_notices(office_store)[0].response == "已完成整改"
    actions = [r.action for r in reversed(audit.list_audit(office_store))]
    assert [a for a in actions if a.startswith("notice")] == [
        "notice_add",
        "notice_answered",
        "notice_close",
    ]
    assert audit.verify_audit(office_store).ok


def test_answers_only_from_the_units_current_version(
    office_store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    n = add_notice(
        office_store, unit_code="zjj", task=task_of(catalog), due=DUE, text="t", actor="a"
    )
    other = next(u.id for u in catalog.reporting_units() if u.id != "zjj")
    key = trusted_key(office_store, catalog, "zjj")
    okey = trusted_key(office_store, catalog, other)
    v2 = submit(office_store, catalog, tmp_path, key, version=2)
    submit(office_store, catalog, tmp_path, key, version=1)  # superseded on arrival
    submit(office_store, catalog, tmp_path, okey, unit=other)
    assert v2.outcome == "accepted"
    with office_store.factory() as s:
        old = s.scalar(select(Submission.id).where(Submission.version == 1,
                                                   Submission.is_current.is_(False)))  # fmt: skip
    answer(office_store, "zjj", n.id, "旧版本的答复", submission=old)
    answer(office_store, other, n.id, "别的单位")  # not its notice
    assert list_notices(office_store)[0].state == "open"


def test_answered_late_stays_overdue_until_closed(
    office_store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    n = add_notice(office_store, unit_code="zjj", task=task_of(catalog), due=date(2000, 1, 1),
                   text="t", actor="a")  # fmt: skip
    submit(office_store, catalog, tmp_path, trusted_key(office_store, catalog, "zjj"))
    answer(office_store, "zjj", n.id, "迟到的答复")
    [got] = list_notices(office_store)
    assert got.state == "answered" and got.overdue


def test_refusals(office_store: Store, catalog: Catalog) -> None:
    def code(**kw: object) -> str:
        args = {
            "unit_code": "zjj",
            "task": task_of(catalog),
            "due": DUE,
            "text": "t",
            "actor": "a",
            **kw,
        }
        with pytest.raises(Refusal) as caught:
            add_notice(office_store, **args)  # type: ignore[arg-type]
        return caught.value.code

    not_mine = next(
        t.no for t in catalog.tasks if t.no not in {x.no for x, _ in catalog.tasks_for_unit("zjj")}
    )
    assert code(task=str(not_mine)) == "notice_task_not_units"
    assert code(task="9999") == "review_task_unknown"
    assert code(text="  ") == "notice_text_empty"
    assert code(unit_code="nosuch") == "unit_unknown"
    assert code(period_code="1999Q9") == "period_unknown"
    assert code(plan_code="NOPLAN") == "plan_unknown"
    with pytest.raises(Refusal) as caught:
        close_notice(office_store, 12345, "a")
    assert caught.value.code == "notice_unknown"
    with pytest.raises(Refusal) as caught:
        list_notices(office_store, state="lost")
    assert caught.value.code == "notice_state_invalid"
    assert list_notices(office_store) == [] and audit.list_audit(office_store) == []


def test_printable_notice(office_store: Store, catalog: Catalog, tmp_path: Path) -> None:
    task = task_of(catalog)
    n = add_notice(office_store, unit_code="zjj", task=task, due=DUE, text="请于月底前报送整改方案",
                   actor="李四", period_code="2016Q1")  # fmt: skip
    out = write_notice_document(office_store, n.id, tmp_path / "督办.docx")
    with zipfile.ZipFile(out) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    for words in (
        "督办通知",
        "请于月底前报送整改方案",
        catalog.unit("zjj").name,
        "2016年4月30日",
        f"第{task}项",
    ):
        assert words in xml


def test_the_bulletin_lists_overdue_notices(office_store: Store, catalog: Catalog) -> None:
    task = task_of(catalog)
    add_notice(office_store, unit_code="zjj", task=task, due=DUE, text="逾期的", actor="a")
    n2 = add_notice(office_store, unit_code="zjj", task=task, due=DUE, text="已办结", actor="a")
    close_notice(office_store, n2.id, "a")
    assert overdue_notices(office_store, catalog, DUE) == []
    [late] = overdue_notices(office_store, catalog, DUE + timedelta(days=1))
    assert (late.unit_id, late.task_no, late.text, late.due) == ("zjj", int(task), "逾期的", DUE)
