"""Review: pending → accepted / returned with comments; a newer version is pending again;
two staff cannot overwrite each other's decision silently; accept all clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.catalog import Catalog
from app.domain.messages import Refusal
from app.services import audit
from app.services.review import (
    ReviewConflict,
    accept_all_clean,
    decide,
    review_state,
    review_states,
)
from app.services.stores import Store
from tests.kit.keys import Key
from tests.kit.review import submit, trusted_key


@pytest.fixture
def zjj(office_store: Store, catalog: Catalog) -> Key:
    return trusted_key(office_store, catalog, "zjj")


def first_task(catalog: Catalog, unit: str = "zjj") -> str:
    return str(catalog.tasks_for_unit(unit)[0][0].no)


def test_pending_then_returned_then_newer_version_pending(
    office_store: Store, catalog: Catalog, zjj: Key, tmp_path: Path
) -> None:
    assert review_state(office_store, "zjj", "2016Q1") is None
    submit(office_store, catalog, tmp_path, zjj)
    st = review_state(office_store, "zjj", "2016Q1")
    assert st is not None and (st.state, st.version, st.row_version) == ("pending", 1, 0)
    assert not st.has_errors and st.unit_name
    task = first_task(catalog)
    returned = decide(
        office_store,
        unit_code="zjj",
        period_code="2016Q1",
        state="returned",
        comment="请补充数据",
        task_comments={task: "完成度与进展不符"},
        actor="李四",
        seen=st,
    )
    assert (returned.state, returned.actor, returned.row_version) == ("returned", "李四", 1)
    assert [(c.task, c.text) for c in returned.comments] == [(task, "完成度与进展不符")]
    assert returned.decided_at is not None
    [row] = audit.list_audit(office_store, action="review_return")
    assert row.details["comments"] == {task: "完成度与进展不符"} and row.actor == "李四"
    assert row.details["version"] == 1 and row.details["previous"] is None
    submit(office_store, catalog, tmp_path, zjj, version=2, text="已补充。")
    again = review_state(office_store, "zjj", "2016Q1")
    assert again is not None and (again.state, again.version, again.comments) == ("pending", 2, ())
    accepted = decide(
        office_store, unit_code="zjj", period_code="2016Q1", state="accepted", actor="王五"
    )
    assert (accepted.state, accepted.version) == ("accepted", 2)
    assert audit.verify_audit(office_store).ok


def test_a_stale_view_is_refused_with_the_decision_now(
    office_store: Store, catalog: Catalog, zjj: Key, tmp_path: Path
) -> None:
    submit(office_store, catalog, tmp_path, zjj)
    seen = review_state(office_store, "zjj", "2016Q1")
    assert seen is not None
    decide(office_store, unit_code="zjj", period_code="2016Q1", state="accepted",
           actor="甲", seen=seen)  # fmt: skip
    with pytest.raises(ReviewConflict) as caught:
        decide(office_store, unit_code="zjj", period_code="2016Q1", state="returned",
               comment="不行", actor="乙", seen=seen)  # fmt: skip
    now = caught.value.current
    assert (now.state, now.actor, now.row_version) == ("accepted", "甲", 1)
    assert caught.value.code == "review_conflict" and "甲" in caught.value.render("en")
    # a newer version arriving after the staff member looked: refused too
    looked = review_state(office_store, "zjj", "2016Q1")
    submit(office_store, catalog, tmp_path, zjj, version=2)
    with pytest.raises(ReviewConflict) as caught:
        decide(office_store, unit_code="zjj", period_code="2016Q1", state="accepted",
               actor="甲", seen=looked)  # fmt: skip
    assert (caught.value.current.version, caught.value.current.state) == (2, "pending")
    # changing one's mind on purpose, with what was seen: accepted, the audit keeps both
    now2 = caught.value.current
    d1 = decide(office_store, unit_code="zjj", period_code="2016Q1", state="accepted",
                actor="甲", seen=now2)  # fmt: skip
    d2 = decide(office_store, unit_code="zjj", period_code="2016Q1", state="returned",
                comment="重新核对", actor="乙", seen=d1)  # fmt: skip
    assert (d2.state, d2.row_version) == ("returned", 2)
    last = audit.list_audit(office_store, limit=1)[0]
    assert last.details["previous"]["state"] == "accepted"


def test_refusals(office_store: Store, catalog: Catalog, zjj: Key, tmp_path: Path) -> None:
    def code(**kw: object) -> str:
        args = {"unit_code": "zjj", "period_code": "2016Q1", "actor": "x", **kw}
        with pytest.raises(Refusal) as caught:
            decide(office_store, **args)  # type: ignore[arg-type]
        return caught.value.code

    assert code(state="accepted") == "review_no_submission"
    submit(office_store, catalog, tmp_path, zjj)
    assert code(state="maybe") == "review_state_invalid"
    assert code(state="returned") == "review_return_needs_comment"
    assert code(state="returned", task_comments={"999": "x"}) == "review_task_unknown"
    assert code(state="returned", task_comments={"abc": "x"}) == "review_task_unknown"
    assert code(state="accepted", comment="长" * 2001) == "text_too_long"
    assert code(state="accepted", unit_code="nosuch") == "unit_unknown"
    assert code(state="accepted", period_code="1999Q9") == "period_unknown"
    state = review_state(office_store, "zjj", "2016Q1")
    assert state is not None and state.state == "pending"  # nothing changed
    assert audit.list_audit(office_store, action="review_accept") == []


def test_accept_all_clean_leaves_decided_and_problem_versions(
    office_store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    units = [u.id for u in catalog.reporting_units()[:3]]
    keys = {u: trusted_key(office_store, catalog, u) for u in units}
    for u in units:
        submit(office_store, catalog, tmp_path, keys[u], unit=u)
    decide(office_store, unit_code=units[0], period_code="2016Q1", state="returned",
           comment="补充", actor="甲")  # fmt: skip
    states = review_states(office_store, "2016Q1")
    assert [s.unit_code for s in states] == units  # the plan's order
    done = accept_all_clean(office_store, "2016Q1", "乙")
    assert [d.unit_code for d in done] == units[1:]
    after = {s.unit_code: s.state for s in review_states(office_store, "2016Q1")}
    assert after == {units[0]: "returned", units[1]: "accepted", units[2]: "accepted"}
    assert accept_all_clean(office_store, "2016Q1", "乙") == []
    assert len(audit.list_audit(office_store, action="review_accept")) == 2


def test_two_files_of_one_version_are_not_clean(
    office_store: Store, catalog: Catalog, zjj: Key, tmp_path: Path
) -> None:
    submit(office_store, catalog, tmp_path, zjj, text="甲稿")
    other = tmp_path / "again"
    other.mkdir()
    submit(office_store, catalog, other, zjj, text="乙稿")  # the same version, another file
    st = review_state(office_store, "zjj", "2016Q1")
    assert st is not None and st.has_errors and st.problems == ("conflict",)
    assert accept_all_clean(office_store, "2016Q1", "乙") == []
    done = decide(
        office_store, unit_code="zjj", period_code="2016Q1", state="accepted", actor="甲", seen=st
    )  # fmt: skip  a person may still accept it
    assert done.state == "accepted"


def test_the_views_show_the_review(
    office_store: Store, catalog: Catalog, zjj: Key, tmp_path: Path
) -> None:
    from app.services.consolidation import load_matrix, tracker
    from app.services.office_status import period_status
    from app.services.report import build_report
    from app.services.report.detail_sheets import tracker_sheet

    submit(office_store, catalog, tmp_path, zjj)
    assert load_matrix(office_store, catalog, "2016Q1").reviews == {"zjj": "pending"}
    decide(office_store, unit_code="zjj", period_code="2016Q1", state="returned",
           comment="补充", actor="甲")  # fmt: skip
    assert load_matrix(office_store, catalog, "2016Q1").reviews == {"zjj": "returned"}
    rows = {r.unit_id: r for r in tracker(office_store, catalog, "2016Q1").rows}
    assert rows["zjj"].review == "returned"
    assert {r.review for u, r in rows.items() if u != "zjj"} == {None}
    status = {u.unit: u for u in period_status(office_store, catalog, "2016Q1").units}
    assert status["zjj"].review is not None and status["zjj"].review.comment == "补充"
    sheet = tracker_sheet(build_report(office_store, catalog, "2016Q1"), "head")
    [block] = sheet.blocks
    assert block.columns[-1].title == "审核"
    zjj_row = next(r for r in block.rows if r.values[0] == catalog.unit("zjj").short_name)
    assert zjj_row.values[-1] == "退回修改"
