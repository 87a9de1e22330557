"""Office import: the outcome rules, order independence, bad files, cancel, status."""

from __future__ import annotations

import json
import random
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.domain.catalog import Catalog
from app.io import keys
from app.models import ImportLog, Submission, SubmissionEntry
from app.services import office_import as oi
from app.services.office_import import Importer
from app.services.office_status import period_status
from app.services.office_trust import revoke_key
from app.services.stores import Store
from tests.kit.keys import Key, trust
from tests.kit.submissions import make_payload, write


def state(store: Store) -> set[tuple[str, int, int, bool]]:
    with store.factory() as s:
        rows = s.execute(
            select(Submission.uuid, Submission.version, Submission.sequence, Submission.is_current)
        ).all()
    return {(u, v, q, c) for u, v, q, c in rows}


def counts(store: Store) -> tuple[int, int]:
    with store.factory() as s:
        return (
            s.scalar(select(func.count(Submission.id))) or 0,
            s.scalar(select(func.count(SubmissionEntry.id))) or 0,
        )


@pytest.fixture
def zjj_key(office_store: Store, catalog: Catalog) -> Key:
    key = Key()
    trust(office_store, catalog, "zjj", key)
    return key


def test_accepted_duplicate_superseded(
    office_store: Store, catalog: Catalog, zjj_key: Key, tmp_path: Path
) -> None:
    v1 = write(tmp_path, catalog, zjj_key, make_payload(catalog, version=1, sequence=1), "v1.xlsx")
    v2 = write(
        tmp_path,
        catalog,
        zjj_key,
        make_payload(catalog, version=2, sequence=2, text="第二版：已全部完成。"),
        "v2.xlsx",
    )
    imp = Importer(office_store, catalog)
    [o] = imp.run([v2], in_process=True)
    assert (o.outcome, o.unit, o.period, o.version) == ("accepted", "zjj", "2016Q1", 2)
    [o] = imp.run([v1], in_process=True)
    assert o.outcome == "superseded" and o.code == "import_older"
    assert o.message.param_dict == {"version": "2"} and "v2" in o.reason
    [o] = imp.run([v2], in_process=True)
    assert o.outcome == "duplicate"
    with office_store.factory() as s:
        current = s.scalars(select(Submission).where(Submission.is_current.is_(True))).all()
        assert [c.version for c in current] == [2]
        assert s.scalar(select(func.count(Submission.id))) == 2  # every version queryable
        logged = s.scalars(select(ImportLog.outcome).order_by(ImportLog.id)).all()
        assert logged == ["accepted", "superseded", "duplicate"]


def test_newer_version_replaces_current(
    office_store: Store, catalog: Catalog, zjj_key: Key, tmp_path: Path
) -> None:
    v1 = write(tmp_path, catalog, zjj_key, make_payload(catalog, version=1, sequence=3), "a.xlsx")
    v2 = write(tmp_path, catalog, zjj_key, make_payload(catalog, version=2, sequence=7), "b.xlsx")
    imp = Importer(office_store, catalog)
    assert [o.outcome for o in imp.run([v1], in_process=True)] == ["accepted"]
    [o] = imp.run([v2], in_process=True)
    assert o.outcome == "accepted" and o.code == "import_replaces" and o.reason == "替换 v1"
    assert o.message.render("en") == "Replaces v1"
    assert {(v, c) for _, v, _, c in state(office_store)} == {(1, False), (2, True)}


def test_folder_import_through_worker_processes(
    office_store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    units = ["zjj", "jtys", "swj"]
    for i, unit in enumerate(units):
        key = Key()
        trust(office_store, catalog, unit, key)
        write(
            folder / ("sub" if i else ""), catalog, key, make_payload(catalog, unit), f"{unit}.xlsx"
        )
    (folder / "~$zjj.xlsx").write_bytes(b"excel lock file")
    (folder / "notes.txt").write_text("ignored")
    outcomes = Importer(office_store, catalog, workers=2).run([folder])
    assert sorted(o.unit for o in outcomes if o.outcome == "accepted") == sorted(units)
    assert len(outcomes) == 3


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork: Linux only")
def test_a_process_that_can_fork_verifies_a_quarters_inbox_in_workers(
    office_store: Store, catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line on Linux (one thread) forks its workers, which start in a few ms: a
    batch from 16 files on is verified in them, each file bounded in time and memory. This
    test process may run Qt's threads, so the choice is made for it."""
    pools: list[oi.ParsePool] = []

    class Recorded(oi.ParsePool):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            pools.append(self)

    monkeypatch.setattr(oi, "ParsePool", Recorded)
    monkeypatch.setattr(oi, "start_method", lambda: "fork")
    units = ["zjj", "jtys", "swj", "jyj"]
    folder = tmp_path / "in"
    folder.mkdir()
    for unit in units:
        key = Key()
        trust(office_store, catalog, unit, key)
        for period in ("2016Q1", "2016Q2", "2016Q3", "2016Q4"):
            payload = make_payload(catalog, unit, period=period)
            write(folder, catalog, key, payload, f"{unit}-{period}.xlsx")
    assert oi.POOL_FROM["fork"] == 16 < oi.POOL_FROM["spawn"]
    outcomes = Importer(office_store, catalog).run([folder])
    assert [p.start for p in pools] == ["fork"]
    assert [o.outcome for o in outcomes] == ["accepted"] * 16
    few = Importer(office_store, catalog).run(sorted(folder.iterdir())[:15])
    assert len(pools) == 1 and {o.outcome for o in few} == {"duplicate"}  # verified inline


def test_unregistered_key_is_refused_with_its_fingerprint(
    office_store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    stranger = Key()
    f = write(tmp_path, catalog, stranger, make_payload(catalog))
    [o] = Importer(office_store, catalog).run([f], in_process=True)
    assert o.outcome == "rejected" and o.code == "unregistered_key"
    assert keys.format_fingerprint(keys.fingerprint(stranger.public)) in o.reason
    assert counts(office_store) == (0, 0)


def test_another_units_key_is_refused(
    office_store: Store, catalog: Catalog, zjj_key: Key, tmp_path: Path
) -> None:
    f = write(tmp_path, catalog, zjj_key, make_payload(catalog, "jtys"))
    [o] = Importer(office_store, catalog).run([f], in_process=True)
    assert o.outcome == "rejected" and o.code == "key_other_unit"


def test_revocation_counts_from_arrival_whatever_the_signing_time(
    office_store: Store, catalog: Catalog, zjj_key: Key, tmp_path: Path
) -> None:
    """Revoked on 2016-05-01: a file imported before stays; one arriving afterwards is refused
    even though it claims to be signed long before the revocation (design §3)."""
    early = make_payload(catalog, version=1, sequence=1)
    backdated = replace(
        make_payload(catalog, version=2, sequence=2), created_at=datetime(2016, 1, 2, tzinfo=UTC)
    )
    f1 = write(tmp_path, catalog, zjj_key, early, "early.xlsx")
    f2 = write(tmp_path, catalog, zjj_key, backdated, "backdated.xlsx")
    [o1] = Importer(office_store, catalog).run([f1], in_process=True)
    revoke_key(office_store, keys.fingerprint(zjj_key.public), datetime(2016, 5, 1, tzinfo=UTC))
    before = state(office_store)
    [o2] = Importer(office_store, catalog).run([f2], in_process=True)
    assert (o1.outcome, o2.outcome, o2.code) == ("accepted", "rejected", "key_revoked")
    assert "2016-05-01" in o2.reason
    assert state(office_store) == before  # the earlier import is kept
    [o3] = Importer(office_store, catalog).run([f1], in_process=True)
    assert o3.outcome == "duplicate"  # the very file imported before


def test_a_rotated_key_ends_when_the_office_registers_the_rotation(
    office_store: Store, catalog: Catalog, zjj_key: Key, tmp_path: Path
) -> None:
    """A file still in transit, signed with the old key before the rotation, is refused with
    a reason asking the unit to export again (design §3); one signed by the new key goes in,
    and what was imported before stays."""
    from app.services.office_trust import rotate_key

    before = write(tmp_path, catalog, zjj_key, make_payload(catalog, version=1), "v1.xlsx")
    in_transit = write(
        tmp_path, catalog, zjj_key, make_payload(catalog, version=2, sequence=2), "v2.xlsx"
    )
    assert [o.outcome for o in Importer(office_store, catalog).run([before], in_process=True)]
    new = Key()
    old_private = zjj_key.private.private_bytes_raw()
    statement = keys.rotation_statement(old_private, new.public, "zjj", datetime.now(UTC))
    rotate_key(office_store, catalog, statement)
    [o] = Importer(office_store, catalog).run([in_transit], in_process=True)
    assert (o.outcome, o.code) == ("rejected", "key_rotated") and "重新导出" in o.reason
    again = write(tmp_path, catalog, new, make_payload(catalog, version=3, sequence=3), "v3.xlsx")
    [o] = Importer(office_store, catalog).run([again], in_process=True)
    assert (o.outcome, o.code) == ("accepted", "import_replaces")


def test_a_revocation_set_for_later_still_admits_files_arriving_before_it(
    office_store: Store, catalog: Catalog, zjj_key: Key, tmp_path: Path
) -> None:
    f = write(tmp_path, catalog, zjj_key, make_payload(catalog), "f.xlsx")
    revoke_key(office_store, keys.fingerprint(zjj_key.public), datetime(2016, 5, 1, tzinfo=UTC))
    april = Importer(office_store, catalog, clock=lambda: datetime(2016, 4, 20, tzinfo=UTC))
    [o] = april.run([f], in_process=True)
    assert o.outcome == "accepted"


def test_a_signing_time_more_than_a_day_ahead_is_refused(
    office_store: Store, catalog: Catalog, zjj_key: Key, tmp_path: Path
) -> None:
    p = make_payload(catalog)  # signed 2016-04-08 07:30:15 UTC
    f = write(tmp_path, catalog, zjj_key, p, "f.xlsx")
    now = datetime(2016, 4, 7, 7, 30, 14, tzinfo=UTC)  # a day and a second before it
    [o] = Importer(office_store, catalog, clock=lambda: now).run([f], in_process=True)
    assert (o.outcome, o.code) == ("rejected", "signed_in_future")
    assert counts(office_store) == (0, 0)
    just = datetime(2016, 4, 7, 7, 30, 15, tzinfo=UTC)  # exactly a day: the clocks may differ
    [o] = Importer(office_store, catalog, clock=lambda: just).run([f], in_process=True)
    assert o.outcome == "accepted"


def test_versions_rank_by_version_then_sequence(
    office_store: Store, catalog: Catalog, zjj_key: Key, tmp_path: Path
) -> None:
    """A higher version with a lower sequence (a clerk on a new PC that had not caught up) is
    kept and ranks by its version, in either order of import."""
    v2 = write(tmp_path, catalog, zjj_key, make_payload(catalog, version=2, sequence=9), "2.xlsx")
    v3 = write(tmp_path, catalog, zjj_key, make_payload(catalog, version=3, sequence=4), "3.xlsx")
    outcomes = Importer(office_store, catalog).run([v2, v3], in_process=True)
    assert [o.outcome for o in outcomes] == ["accepted", "accepted"]
    assert {(v, c) for _u, v, _q, c in state(office_store)} == {(2, False), (3, True)}


def test_same_version_different_file_is_a_conflict_kept_in_any_order(
    office_store: Store, catalog: Catalog, zjj_key: Key, tmp_path: Path
) -> None:
    a = write(tmp_path, catalog, zjj_key, make_payload(catalog, version=1, sequence=1), "a.xlsx")
    b = write(tmp_path, catalog, zjj_key, make_payload(catalog, version=1, sequence=2), "b.xlsx")
    first = Importer(office_store, catalog).run([a, b], in_process=True)
    assert [o.outcome for o in first] == ["accepted", "accepted"]  # b ranks higher (sequence)
    assert [o.code for o in first] == ["import_new", "import_conflict_current"]
    assert [o.conflict for o in first] == [False, True]
    one_order = state(office_store)
    with office_store.factory.begin() as s:
        s.query(SubmissionEntry).delete()
        s.query(Submission).delete()
    second = Importer(office_store, catalog).run([b, a], in_process=True)
    assert [o.code for o in second] == ["import_new", "import_conflict_kept"]
    assert state(office_store) == one_order
    zjj = next(u for u in period_status(office_store, catalog, "2016Q1").units if u.unit == "zjj")
    assert zjj.conflict and zjj.conflict_versions == (1,) and zjj.version == 1


BAD_FILES = {
    "empty.xlsx": b"",
    "random.xlsx": bytes(random.Random(1).randrange(256) for _ in range(5000)),
    "text.xlsx": "这不是Excel文件".encode(),
}


def test_bad_files_are_refused_and_change_nothing(
    office_store: Store, catalog: Catalog, zjj_key: Key, tmp_path: Path
) -> None:
    good = write(tmp_path, catalog, zjj_key, make_payload(catalog), "good.xlsx").read_bytes()
    files = dict(BAD_FILES)
    files["truncated.xlsx"] = good[: len(good) // 2]
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "plain workbook"
    wb.save(tmp_path / "plain.xlsx")
    folder = tmp_path / "bad"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "plain.xlsx").write_bytes((tmp_path / "plain.xlsx").read_bytes())
    outcomes = Importer(office_store, catalog, workers=2).run([folder])
    assert len(outcomes) == len(files) + 1
    assert all(o.outcome == "rejected" and o.reason for o in outcomes), outcomes
    assert all("\n" not in o.reason for o in outcomes)
    assert counts(office_store) == (0, 0)


def test_a_slow_file_is_cut_off_and_the_batch_goes_on(
    office_store: Store, catalog: Catalog, zjj_key: Key, tmp_path: Path
) -> None:
    f = write(tmp_path, catalog, zjj_key, make_payload(catalog))
    outcomes = Importer(office_store, catalog, workers=1, timeout_s=0.0).run(
        [f, tmp_path / "missing.xlsx"], in_process=False
    )
    assert outcomes[0].outcome == "rejected" and outcomes[0].code == "reader_timeout"
    assert outcomes[1].outcome == "rejected"
    assert counts(office_store) == (0, 0)


def test_cancel_keeps_finished_files_and_applies_no_more(
    office_store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    files = []
    for unit in ["zjj", "jtys", "swj", "jyj"]:
        key = Key()
        trust(office_store, catalog, unit, key)
        files.append(write(tmp_path, catalog, key, make_payload(catalog, unit), f"{unit}.xlsx"))
    done: list[str] = []
    asked: list[int] = []  # asked before each file: the user cancels during the first

    def cancelled() -> bool:
        asked.append(len(done))
        return len(asked) > 1

    outcomes = Importer(office_store, catalog).run(
        files,
        in_process=True,
        on_result=lambda o, n, total: done.append(o.outcome),
        cancelled=cancelled,
    )
    assert [o.outcome for o in outcomes] == ["accepted"]
    assert done == ["accepted"]  # reported once committed
    assert counts(office_store)[0] == 1


def test_dry_run_changes_nothing_and_lists_differences(
    office_store: Store, catalog: Catalog, zjj_key: Key, tmp_path: Path
) -> None:
    v1 = write(tmp_path, catalog, zjj_key, make_payload(catalog, version=1, sequence=1), "1.xlsx")
    Importer(office_store, catalog).run([v1], in_process=True)
    before = state(office_store)
    v2 = write(
        tmp_path,
        catalog,
        zjj_key,
        make_payload(catalog, version=2, sequence=2, text="新的进展说明"),
        "2.xlsx",
    )
    [o] = Importer(office_store, catalog).run([v2], dry_run=True, in_process=True)
    assert o.outcome == "accepted" and o.code == "import_replaces"
    assert any(c.field == "progress" and c.new == "新的进展说明" for c in o.changes)
    assert state(office_store) == before


def test_status_submitted_late_missing_rejected(
    office_store: Store, catalog: Catalog, zjj_key: Key, tmp_path: Path
) -> None:
    on_time = write(tmp_path, catalog, zjj_key, make_payload(catalog), "zjj.xlsx")
    k = Key()
    trust(office_store, catalog, "jtys", k)
    late = replace(make_payload(catalog, "jtys"), created_at=datetime(2016, 4, 11, 2, tzinfo=UTC))
    late_file = write(tmp_path, catalog, k, late, "jtys.xlsx")
    stranger = write(tmp_path, catalog, Key(), make_payload(catalog, "swj"), "swj.xlsx")
    Importer(office_store, catalog).run([on_time, late_file, stranger], in_process=True)
    st_ = {u.unit: u for u in period_status(office_store, catalog, "2016Q1").units}
    assert st_["zjj"].state == "submitted" and st_["zjj"].version == 1
    assert st_["jtys"].state == "late"
    assert st_["swj"].state == "rejected"
    last = st_["swj"].last_reason
    assert last is not None and last.code == "unregistered_key"
    assert st_["jyj"].state == "missing"
    assert "zlqsb" not in st_  # the office does not report to itself


def test_cli_import_and_status_json(
    tmp_path: Path, catalog: Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "data")
    key = Key()
    reg = tmp_path / "zjj.json"
    keys.write_registration(
        reg,
        keys.registration_document(
            "zjj", "深圳市住房和建设局", key.public, "张三", datetime(2016, 3, 1, tzinfo=UTC)
        ),
    )
    assert main(["--data-dir", data, "office", "init"]) == 0
    assert main(["--data-dir", data, "office", "trust", "add", str(reg), "--yes"]) == 0
    f = write(tmp_path, catalog, key, make_payload(catalog))
    (tmp_path / "junk.xlsx").write_bytes(b"junk")
    capsys.readouterr()
    code = main(
        ["--data-dir", data, "office", "import", str(f), str(tmp_path / "junk.xlsx"), "--json"]
    )
    out = json.loads(capsys.readouterr().out)
    assert code == 1  # something was refused
    fields = {"file", "outcome", "reason", "code", "params", "unit", "period", "version",
              "conflict", "plan", "plan_revision", "older_revision"}  # fmt: skip
    assert [set(o) for o in out] == [fields] * 2
    assert [o["outcome"] for o in out] == ["accepted", "rejected"]
    assert [o["code"] for o in out] == ["import_new", "not_xlsx"]
    assert main(["--data-dir", data, "office", "import", str(f), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["outcome"] == "duplicate"
    assert main(["--data-dir", data, "office", "status", "--period", "2016Q1", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["period"] == "2016Q1"
    zjj = next(u for u in status["units"] if u["unit"] == "zjj")
    review = zjj.pop("review")  # the office's review (tests/cli/test_review_cli.py)
    assert (review["state"], review["version"], review["comments"]) == ("pending", 1, [])
    assert zjj == {
        "unit": "zjj",
        "state": "submitted",
        "version": 1,
        "submitted_at": "2016-04-08T07:30:15Z",
        "conflict": False,
        "conflict_versions": [],
        "plan_revision": 1,
        "older_revision": False,
    }
    assert main(["--data-dir", data, "office", "status", "--period", "2099Q1"]) == 2
    assert main(["--data-dir", data, "office", "import", str(tmp_path / "nope.xlsx")]) == 2


def test_hand_edited_cell_is_refused_and_counted_for_its_unit(
    office_store: Store, catalog: Catalog, zjj_key: Key, tmp_path: Path
) -> None:
    import openpyxl

    f = write(tmp_path, catalog, zjj_key, make_payload(catalog))
    wb = openpyxl.load_workbook(f)
    ws = wb.worksheets[1]
    ws.protection.sheet = False
    ws["F2"] = "改过的进展"
    wb.save(f)
    [o] = Importer(office_store, catalog).run([f], in_process=True)
    assert o.outcome == "rejected" and o.unit == "zjj" and o.period == "2016Q1"
    assert counts(office_store) == (0, 0)
    zjj = next(u for u in period_status(office_store, catalog, "2016Q1").units if u.unit == "zjj")
    assert zjj.state == "rejected" and zjj.rejected_attempts == 1
