"""Submissions name their plan and revision; the office places each against exactly that.

A file made against an older revision of a plan the office knows is accepted and marked (in
the outcome, the import log and the period's status); one made for a plan, a revision or a
content the office does not know is refused with its reason. Two plans in one office take
their own files; a task a revision removed keeps its reports in the period's matrix.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.domain.catalog import Catalog
from app.models import ImportLog, Submission
from app.services import plans
from app.services.consolidation import load_matrix
from app.services.office_import import Importer
from app.services.office_status import period_status
from app.services.stores import Store, store_catalog
from tests.kit.keys import Key, trust
from tests.kit.submissions import make_payload, write

SZ16 = "SZ-QUALITY-2016"


def revise(store: Store, code: str, change: Callable[[dict[str, Any]], object]) -> Catalog:
    plan = copy.deepcopy(plans.start_revision(store, code).plan)
    change(plan)
    plans.save_draft(store, code, plan, [])
    plans.publish_plan(store, code)
    return store_catalog(store, code)


def edit_task_23(plan: dict[str, Any]) -> None:
    plan["tasks"][22]["text"] += "（修订）"


def setup(office_store: Store, tmp_path: Path) -> tuple[Catalog, Key]:
    catalog = store_catalog(office_store)
    key = Key()
    trust(office_store, catalog, "scjg", key)
    return catalog, key


def test_a_file_made_against_an_older_revision_is_accepted_and_marked(
    office_store: Store, tmp_path: Path
) -> None:
    first, key = setup(office_store, tmp_path)
    path = write(tmp_path, first, key, make_payload(first, "scjg"))  # against revision 1
    second = revise(office_store, SZ16, edit_task_23)
    assert second.revision == 2
    [o] = Importer(office_store).run([path], in_process=True)
    assert (o.outcome, o.plan, o.plan_revision, o.older_revision) == ("accepted", SZ16, 1, True)
    assert o.to_json()["older_revision"] is True
    with office_store.factory() as s:
        log = s.scalars(select(ImportLog)).one()
        assert (log.plan_code, log.plan_revision, log.older_revision) == (SZ16, 1, True)
        assert s.scalars(select(Submission.plan_revision)).one() == 1
    [unit] = [u for u in period_status(office_store, second, "2016Q1").units if u.unit == "scjg"]
    assert (unit.state, unit.plan_revision, unit.older_revision) == ("submitted", 1, True)
    assert unit.to_json()["older_revision"] is True
    # the current revision's file is not marked
    again = write(tmp_path, second, key, make_payload(second, "scjg", version=2, sequence=2), "2")
    [o2] = Importer(office_store).run([again], in_process=True)
    assert (o2.outcome, o2.plan_revision, o2.older_revision) == ("accepted", 2, False)


def test_a_file_for_a_plan_revision_or_content_the_office_does_not_know_is_refused(
    office_store: Store, tmp_path: Path
) -> None:
    catalog, key = setup(office_store, tmp_path)
    # genuine files, signed by a trusted key, of plans this office does not hold
    unknown = (
        replace(catalog, code="SZ-QUALITY-2099"),
        replace(catalog, revision=5),
        replace(catalog, content_hash="b" * 64),
    )
    files = [
        write(tmp_path, c, key, make_payload(c, "scjg"), f"{i}.xlsx") for i, c in enumerate(unknown)
    ]
    outcomes = Importer(office_store).run(files, in_process=True)
    assert [(o.outcome, o.code) for o in outcomes] == [
        ("rejected", "submission_plan_unknown"),
        ("rejected", "submission_plan_revision_unknown"),
        ("rejected", "submission_plan_hash"),
    ]
    assert "SZ-QUALITY-2099" in outcomes[0].reason
    with office_store.factory() as s:
        assert s.scalars(select(Submission)).all() == []


def test_two_plans_in_one_office_take_their_own_files(office_store: Store, tmp_path: Path) -> None:
    old, key = setup(office_store, tmp_path)
    plans.publish_plan(
        office_store, plans.copy_plan(office_store, SZ16, "SZ-QUALITY-2017", 2017).code
    )
    new = store_catalog(office_store, "SZ-QUALITY-2017")
    a = write(tmp_path, old, key, make_payload(old, "scjg", "2016Q1"), "a.xlsx")
    b = write(tmp_path, new, key, make_payload(new, "scjg", "2017Q1", sequence=2), "b.xlsx")
    outcomes = Importer(office_store).run([a, b], in_process=True)
    assert [(o.outcome, o.plan) for o in outcomes] == [
        ("accepted", SZ16),
        ("accepted", "SZ-QUALITY-2017"),
    ]
    s16 = {u.unit: u for u in period_status(office_store, old, "2016Q1").units}
    s17 = {u.unit: u for u in period_status(office_store, new, "2017Q1").units}
    assert s16["scjg"].version == 1 and s17["scjg"].version == 1
    assert s16["zjj"].state == s17["zjj"].state == "missing"


def test_a_removed_task_keeps_its_reports_in_the_periods_matrix(
    office_store: Store, tmp_path: Path
) -> None:
    catalog, key = setup(office_store, tmp_path)
    task = catalog.tasks_for_unit("scjg")[0][0]
    path = write(tmp_path, catalog, key, make_payload(catalog, "scjg"))
    [o] = Importer(office_store).run([path], in_process=True)
    assert o.outcome == "accepted"

    def drop(plan: dict[str, Any]) -> None:
        plan["tasks"] = [t for t in plan["tasks"] if t["no"] != task.no]

    revised = revise(office_store, SZ16, drop)
    assert task.no not in {t.no for t in revised.tasks}
    matrix = load_matrix(office_store, revised, "2016Q1")
    assert matrix.tasks[-1].no == task.no  # after the plan's tasks, as it last stood
    cell = matrix.cell(task.no, "scjg")
    assert cell is not None and cell.status is not None and cell.version == 1
    assert task.no not in {t.no for t in load_matrix(office_store, revised, "2016Q2").tasks}
