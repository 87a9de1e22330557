"""Feedback files: the office writes one per unit with news, the unit applies it once, in
order, and answers its notices (issue 15 item 5)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.domain.messages import Refusal
from app.models.answers import FeedbackIssued
from app.services.feedback import (
    import_feedback,
    open_responses,
    set_response,
    unit_answers,
    write_feedback,
)
from tests.kit.answers import (
    OFFICE_PASS,
    Pair,
    add_notice,
    decide,
    office_submission,
    publish_revision,
)


def _write(pair: Pair, name: str = "out") -> Path:
    folder = pair.tmp / name
    folder.mkdir(exist_ok=True)
    [written] = write_feedback(pair.office, "2016Q1", folder, OFFICE_PASS, actor="李四")
    assert written.unit_code == "zjj"
    return written.path


def test_nothing_to_say_writes_nothing(pair: Pair) -> None:
    folder = pair.tmp / "out"
    folder.mkdir()
    office_submission(pair)  # pending: not news
    assert write_feedback(pair.office, "2016Q1", folder, OFFICE_PASS) == []
    assert list(folder.iterdir()) == []


def test_a_returned_version_reaches_the_unit_with_its_task_comment(pair: Pair) -> None:
    sub = office_submission(pair)
    decide(pair, sub, "returned", "请补充数据", {4: "第4项请写明完成数量"})
    path = _write(pair)
    applied = import_feedback(pair.unit, path)
    assert (applied.sequence, applied.already_applied) == (1, False)
    answers = unit_answers(pair.unit, "2016Q1")
    assert answers.review is not None
    assert (answers.review.state, answers.review.version) == ("returned", 1)
    assert answers.review.comments == {"4": "第4项请写明完成数量"}
    assert import_feedback(pair.unit, path).already_applied  # the same file: nothing changes


def test_an_older_file_never_undoes_a_newer_one(pair: Pair) -> None:
    first = office_submission(pair)
    decide(pair, first, "returned", "请补充", {})
    old = _write(pair, "one")
    second = office_submission(pair, version=2, sequence=2)
    decide(pair, second, "accepted", "", {})
    new = _write(pair, "two")
    import_feedback(pair.unit, new)
    applied = import_feedback(pair.unit, old)
    assert applied.older and not applied.already_applied
    answers = unit_answers(pair.unit, "2016Q1")
    assert answers.review is not None and answers.review.state == "accepted"
    assert [r.version for r in answers.receipts] == [2]
    with pair.office.factory() as s:
        assert s.query(FeedbackIssued).count() == 2


def test_notices_arrive_and_the_clerk_answers_them(pair: Pair) -> None:
    notice = add_notice(pair, 4, "请于期限前报送第4项进展", "2016-05-01")
    import_feedback(pair.unit, _write(pair))
    [shown] = unit_answers(pair.unit, "2016Q1", today=date(2016, 5, 2)).notices
    assert (shown.id, shown.task, shown.state, shown.overdue) == (notice, "4", "open", True)
    set_response(pair.unit, notice, "已完成，数据见报表")
    assert open_responses(pair.unit) == ((notice, "已完成，数据见报表"),)
    with pytest.raises(Refusal) as exc:
        set_response(pair.unit, 999, "x")
    assert exc.value.code == "notice_unknown"
    with pytest.raises(Refusal) as exc:
        set_response(pair.unit, notice, "x" * 3000)
    assert exc.value.code == "response_too_long"


def test_a_file_for_another_unit_is_refused(pair: Pair, tmp_path: Path) -> None:
    add_notice(pair, 4, "督办", "2016-05-01")
    path = _write(pair)
    from app.models import Unit, UnitProfile

    with pair.unit.factory.begin() as s:  # this install now speaks for another unit
        other = s.query(Unit).filter(Unit.code == "fzb").one()
        s.query(UnitProfile).one().unit_id = other.id
    with pytest.raises(Refusal) as exc:
        import_feedback(pair.unit, path)
    assert exc.value.code == "feedback_other_unit"


def test_a_newer_plan_revision_is_news_the_unit_is_told(pair: Pair) -> None:
    office_submission(pair)  # made against revision 1
    publish_revision(pair.office, lambda p: p["periods"][1].update(due="2016-07-20"))
    folder = pair.tmp / "out"
    folder.mkdir()
    written_all = write_feedback(pair.office, "2016Q1", folder, OFFICE_PASS)
    assert {w.news for w in written_all} == {("plan",)}  # every unit: none has filed r2
    written = next(w for w in written_all if w.unit_code == "zjj")
    applied = import_feedback(pair.unit, written.path)
    assert (applied.plan_revision, applied.installed_revision) == (2, 1)


def test_a_new_install_exports_above_the_versions_the_office_names(pair: Pair) -> None:
    """A new PC set up afresh (its numbering at 1) learns from the office's feedback which
    versions the office holds, so its next export is current there, not superseded."""
    from app.services.catalog import default_catalog
    from app.services.entries import EntryService
    from app.services.export import export_period
    from app.services.unit_load import load_json
    from tests.kit.answers import UNIT, UNIT_PASS
    from tests.services.test_export import full_period

    office_submission(pair)  # versions 1-3 came from the old PC
    office_submission(pair, version=2, sequence=2)
    third = office_submission(pair, version=3, sequence=3)
    decide(pair, third, "returned", "请补充", {})
    import_feedback(pair.unit, _write(pair))
    catalog = default_catalog()
    load = pair.tmp / "load.json"
    load.write_text(json.dumps(full_period(catalog, UNIT, "2016Q1"), ensure_ascii=False))
    assert not load_json(EntryService(pair.unit, catalog, UNIT), load).errors
    out = pair.tmp / "new-pc.xlsx"
    result = export_period(pair.unit, catalog, "2016Q1", out, UNIT_PASS)
    assert result.version == 4
