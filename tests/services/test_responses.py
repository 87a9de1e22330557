"""Responses to 督办 notices travel in the signed submission (payload /3): shown on a visible
sheet compared cell by cell, recorded at the office for the unit's own open notices only."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import openpyxl
import pytest
from sqlalchemy import select

from app.domain.payload import PayloadResponse
from app.io.package_errors import PackageRejected
from app.io.submission_reader import verify_submission
from app.models import Unit
from app.models.answers import Notice
from app.services.catalog import default_catalog
from app.services.office_import import Importer
from tests.kit.answers import Pair, add_notice, office_submission
from tests.kit.keys import Key
from tests.kit.submissions import entries, make_payload, resigned, write


def _notice_of_other_unit(pair: Pair) -> int:
    with pair.office.factory.begin() as s:
        other = s.scalar(select(Unit.id).where(Unit.code == "fzb"))
        due = date(2016, 5, 1)
        theirs = Notice(
            unit_id=other, task_id=1, text="x", due=due, state="open", created_by="李四"
        )
        s.add(theirs)
        s.flush()
        return int(theirs.id)


def test_responses_are_shown_signed_and_answer_the_units_own_notices(pair: Pair) -> None:
    office_submission(pair)  # registers the test key (v1)
    ours = add_notice(pair, 1, "请报送进展", "2016-05-01")
    theirs = _notice_of_other_unit(pair)
    catalog = default_catalog()
    payload = replace(
        make_payload(catalog, version=2, sequence=2),
        responses=(PayloadResponse(ours, "已整改"), PayloadResponse(theirs, "冒答")),
    )
    path = write(pair.tmp, catalog, pair.key, payload, "v2.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[-1] == "督办答复" and book["督办答复"]["B3"].value == "已整改"
    [done] = Importer(pair.office, catalog).run([path], in_process=True)
    assert done.outcome == "accepted"
    with pair.office.factory() as s:
        states = {i: st for i, st in s.execute(select(Notice.id, Notice.state))}
        assert states == {ours: "answered", theirs: "open"}


def test_a_responses_sheet_the_payload_does_not_say_is_refused(pair: Pair) -> None:
    catalog, key = default_catalog(), Key()
    payload = replace(make_payload(catalog), responses=(PayloadResponse(7, "已整改"),))
    data = write(pair.tmp, catalog, key, payload).read_bytes()
    sheet = "xl/worksheets/sheet4.xml"
    edited = entries(data)[sheet].replace("已整改".encode(), "未整改".encode())
    from app.io.submission_reader import read_submission

    signed = read_submission(data).payload_bytes
    forged = resigned(data, key, replace={sheet: edited}, payload=signed)
    with pytest.raises(PackageRejected) as exc:
        verify_submission(forged, catalog)
    assert exc.value.code == "visible_cell"
    dropped = resigned(data, key, replace={sheet: None}, payload=signed)
    with pytest.raises(PackageRejected):
        verify_submission(dropped, catalog)
