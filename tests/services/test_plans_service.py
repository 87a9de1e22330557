"""The plans of a store (app.services.plans) in real SQLite stores: from a document to a
published plan, next year's plan by copy, two plans side by side with entries in both,
revisions that keep the units' entries, removed tasks kept in history."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.domain.entry_rules import EntryDraft
from app.domain.messages import Refusal
from app.models import Entry, EntryTargetValue, Plan, PlanDraft, Task, Unit
from app.services import plans
from app.services.entries import EntryService
from app.services.stores import Store, store_catalog
from tests.kit.paths import PLANS, SEED
from tests.kit.plans import SHIPPED as SZ16
from tests.kit.plans import SHIPPED_PLAN as SHIPPED
from tests.kit.plans import assert_same, without

FIXTURES = PLANS


def confirm_all(store: Store, code: str) -> None:
    draft = plans.open_plan(store, code)
    plans.save_draft(store, code, draft.plan, [replace(g, confirmed=True) for g in draft.guesses])


def test_a_fresh_store_holds_the_shipped_plan_published(office_store: Store) -> None:
    [summary] = plans.list_plans(office_store)
    assert (summary.code, summary.revision, summary.published, summary.has_draft) == (
        SZ16,
        1,
        True,
        False,
    )
    assert [p.code for p in summary.periods] == ["2016Q1", "2016Q2", "2016Q3", "2016Q4", "2016"]
    assert plans.plan_revisions(office_store, SZ16)[0].revision == 1
    shown = plans.open_plan(office_store, SZ16)
    assert shown.read_only and shown.plan == SHIPPED


def test_from_the_seed_document_to_a_published_plan(office_store: Store) -> None:
    result = plans.import_plan_file(office_store, SEED, code="SZ-SEED-2016")
    assert result.saved and result.code == "SZ-SEED-2016"
    draft = plans.open_plan(office_store, "SZ-SEED-2016")
    assert (draft.revision, draft.based_on, draft.read_only) == (1, None, False)
    got, want = draft.plan, SHIPPED
    # the shipped plan, titles aside (the document has none; target names and indicator
    # owners are the editors' words, listed as guesses)
    assert_same(want["sections"], got["sections"], "/sections")
    assert_same(want["units"], got["units"], "/units")
    assert_same(want["groups"], got["groups"], "/groups")
    assert_same(want["periods"], got["periods"], "/periods")
    for w, g in zip(want["tasks"], got["tasks"], strict=True):
        assert_same(without(w, "title", "targets"), without(g, "title", "targets"), f"/{w['no']}")
        assert [without(x, "name") for x in w["targets"]] == [
            without(x, "name") for x in g["targets"]
        ]
    assert [without(i, "owner") for i in want["indicators"]] == [
        without(i, "owner") for i in got["indicators"]
    ]
    with pytest.raises(Refusal) as exc:  # the guesses are the office's to confirm first
        plans.publish_plan(office_store, "SZ-SEED-2016")
    assert exc.value.code == "plan_guesses_open"
    confirm_all(office_store, "SZ-SEED-2016")
    summary = plans.publish_plan(office_store, "SZ-SEED-2016", actor="李四")
    assert (summary.revision, summary.published, summary.has_draft) == (1, True, False)
    catalog = store_catalog(office_store, "SZ-SEED-2016")
    assert len(catalog.tasks) == 49 and len(catalog.indicators) == 9
    assert plans.plan_revisions(office_store, "SZ-SEED-2016")[0].actor == "李四"


def test_a_plan_document_of_another_year_published_without_code(office_store: Store) -> None:
    result = plans.import_plan_file(office_store, FIXTURES / "sz-2017-fullwidth.txt")
    confirm_all(office_store, result.code)
    summary = plans.publish_plan(office_store, result.code)
    assert summary.year == 2017 and summary.revision == 1
    assert [s.code for s in plans.list_plans(office_store)] == [SZ16, result.code]


def test_next_years_plan_by_copy_with_dates_moved(office_store: Store) -> None:
    draft = plans.copy_plan(office_store, SZ16, "SZ-QUALITY-2017", 2017)
    assert draft.plan["plan"]["title"] == "深圳市2017年质量工作方案"
    assert draft.plan["plan"]["year"] == 2017
    q4 = draft.plan["periods"][3]
    assert (q4["code"], q4["title"], q4["end"], q4["due"]) == (
        "2017Q4",
        "2017年第四季度",
        "2017-12-31",
        "2018-01-10",
    )
    assert draft.plan["tasks"] == SHIPPED["tasks"] and draft.plan["units"] == SHIPPED["units"]
    assert plans.check_plan(draft.plan) == []
    plans.publish_plan(office_store, "SZ-QUALITY-2017")
    grouped = plans.periods_by_plan(office_store)
    assert [(s.code, ps[0].code) for s, ps in grouped] == [
        (SZ16, "2016Q1"),
        ("SZ-QUALITY-2017", "2017Q1"),
    ]
    # the default plan is the newest, never "the first"
    assert store_catalog(office_store).code == "SZ-QUALITY-2017"


def test_two_plans_in_one_store_with_entries_in_both(unit_store: Store) -> None:
    plans.copy_plan(unit_store, SZ16, "SZ-QUALITY-2017", 2017)
    plans.publish_plan(unit_store, "SZ-QUALITY-2017")
    old, new = store_catalog(unit_store, SZ16), store_catalog(unit_store, "SZ-QUALITY-2017")
    e16, e17 = EntryService(unit_store, old, "zjj"), EntryService(unit_store, new, "zjj")
    e16.save(EntryDraft(2, "2016Q1", "in_progress", 40, "二〇一六年的进展"))
    e17.save(EntryDraft(2, "2017Q1", "completed", 100, "二〇一七年的进展"))
    assert e16.load(2, "2016Q1").draft.progress == "二〇一六年的进展"
    assert e17.load(2, "2017Q1").draft.progress == "二〇一七年的进展"
    assert e17.summary("2017Q1").filled == 1 and e16.summary("2016Q1").filled == 1
    with unit_store.factory() as s:
        # one unit row for zjj across both plans; each entry on its own plan's task
        assert s.scalar(select(func.count()).select_from(Unit).where(Unit.code == "zjj")) == 1
        plan_of_entry = s.execute(
            select(Plan.code)
            .join(Task, Task.plan_id == Plan.id)
            .join(Entry, Entry.task_id == Task.id)
        ).scalars()
        assert sorted(plan_of_entry) == [SZ16, "SZ-QUALITY-2017"]


def revise(store: Store, code: str, change: Any) -> None:
    draft = plans.start_revision(store, code)
    plan = copy.deepcopy(draft.plan)
    change(plan)
    plans.save_draft(store, code, plan, [])
    plans.publish_plan(store, code)


def _edit_task_23(plan: dict[str, Any]) -> None:
    task = plan["tasks"][22]
    task["text"] += "（修订：抽检范围扩大）"
    task["targets"][0]["value"] = 1800


def test_a_revision_that_edits_a_task_keeps_the_entries(unit_store: Store) -> None:
    catalog = store_catalog(unit_store)
    name = catalog.task(23).targets[0].name
    service = EntryService(unit_store, catalog, "scjg")
    service.save(
        EntryDraft(23, "2016Q1", "in_progress", 50, "抽检已过半", targets=((name, "900"),))
    )
    revise(unit_store, SZ16, _edit_task_23)
    revised = store_catalog(unit_store)
    assert revised.revision == 2 and revised.task(23).targets[0].value == 1800
    again = EntryService(unit_store, revised, "scjg").load(23, "2016Q1")
    assert again.draft.progress == "抽检已过半" and again.draft.target(name) == "900"
    changes = plans.changes_since_seen(unit_store, SZ16)
    assert (changes.seen, changes.current) == (1, 2)
    assert {c.kind for c in changes.changes} == {"task_text", "target_changed"}
    plans.mark_plan_seen(unit_store, SZ16)
    assert plans.changes_since_seen(unit_store, SZ16).changes == ()


def test_a_removed_task_keeps_its_entries_in_history(unit_store: Store) -> None:
    catalog = store_catalog(unit_store)
    service = EntryService(unit_store, catalog, "zjj")
    task = next(t for t, _ in catalog.tasks_for_unit("zjj") if t.targets)
    values = tuple((x.name, "7") for x in task.targets)
    service.save(EntryDraft(task.no, "2016Q1", "completed", 100, "已完成", targets=values))

    def drop(plan: dict[str, Any]) -> None:
        plan["tasks"] = [t for t in plan["tasks"] if t["no"] != task.no]

    revise(unit_store, SZ16, drop)
    revised = store_catalog(unit_store)
    assert task.no not in {t.no for t in revised.tasks}  # never offered for new entry
    assert [t.no for t in revised.retired] == [task.no]
    assert revised.task_in_history(task.no).text == task.text
    assert task.no not in {
        e.draft.task_no for e in EntryService(unit_store, revised, "zjj").list_period("2016Q1")
    }
    with unit_store.factory() as s:  # the entry and its values stay, on the kept task row
        row = s.execute(
            select(Task.removed_in, Entry.progress)
            .join(Entry, Entry.task_id == Task.id)
            .where(Task.no == task.no)
        ).one()
        assert tuple(row) == (2, "已完成")
        assert s.scalar(select(func.count(EntryTargetValue.id))) == len(values)
    # a later revision bringing the number back revives the same row
    revise(
        unit_store, SZ16, lambda p: p["tasks"].insert(task.no - 1, SHIPPED["tasks"][task.no - 1])
    )
    back = store_catalog(unit_store)
    assert back.retired == () and back.task(task.no) == task
    assert EntryService(unit_store, back, "zjj").load(task.no, "2016Q1").draft.progress == "已完成"


def test_periods_added_and_due_dates_moved_appear_at_once(office_store: Store) -> None:
    def change(plan: dict[str, Any]) -> None:
        plan["periods"][0]["due"] = "2016-04-20"

    revise(office_store, SZ16, change)
    assert store_catalog(office_store).period("2016Q1").due == date(2016, 4, 20)


def test_drafts_are_kept_invalid_and_never_overwritten(office_store: Store) -> None:
    draft = plans.start_revision(office_store, SZ16)
    broken = copy.deepcopy(draft.plan)
    broken["tasks"][0]["no"] = "十二"
    plans.save_draft(office_store, SZ16, broken, [])
    assert plans.open_plan(office_store, SZ16).plan == broken
    with pytest.raises(plans.PlanRejected) as exc:
        plans.publish_plan(office_store, SZ16)
    assert exc.value.problems[0].pointer == "/tasks/0/no"
    with pytest.raises(Refusal) as again:  # an import never replaces the office's work
        plans.import_plan_file(office_store, SEED, code=SZ16)
    assert again.value.code == "plan_draft_exists"
    plans.discard_draft(office_store, SZ16)
    assert plans.open_plan(office_store, SZ16).read_only


def test_unchanged_and_unknown(office_store: Store) -> None:
    plans.start_revision(office_store, SZ16)
    with pytest.raises(Refusal) as exc:
        plans.publish_plan(office_store, SZ16)
    assert exc.value.code == "plan_unchanged"
    for call in (
        lambda: plans.open_plan(office_store, "NOPE"),
        lambda: plans.copy_plan(office_store, "NOPE", "X", 2017),
    ):
        with pytest.raises(Refusal) as unknown:
            call()
        assert unknown.value.code == "plan_unknown_code"
    with pytest.raises(Refusal) as exists:
        plans.new_plan(office_store, SZ16, "x", 2016)
    assert exists.value.code == "plan_exists"


def test_a_new_plan_never_published_goes_with_its_draft(office_store: Store) -> None:
    draft = plans.new_plan(office_store, "LG-2017", "龙岗区2017年质量强区工作方案", 2017)
    assert [p["code"] for p in draft.plan["periods"]][-1] == "2017"
    assert [p.code for p in plans.list_plans(office_store)] == [SZ16, "LG-2017"]
    assert plans.periods_by_plan(office_store)[-1][0].code == SZ16  # unpublished: no periods
    plans.discard_draft(office_store, "LG-2017")
    with office_store.factory() as s:
        assert s.scalar(select(func.count(Plan.id))) == 1
        assert s.scalar(select(func.count(PlanDraft.id))) == 0


def test_the_template_round_trip_through_the_store(office_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    plans.export_plan_template(office_store, SZ16, out)
    result = plans.import_plan_file(office_store, out, code="SZ-COPY", dry_run=True)
    assert not result.saved and result.plan == {
        **SHIPPED,
        "plan": {**SHIPPED["plan"], "code": "SZ-COPY"},
    }
    assert [p.code for p in plans.list_plans(office_store)] == [SZ16]
