"""Signed plan packages: the office key, publishing to a file, the unit's import and its
refusals (issue 15 items 1, 2, 8)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.domain.messages import Refusal
from app.io.office_key_file import read_office_key_file
from app.io.package_errors import PackageRejected
from app.io.plan_package import read_plan_package as read_file
from app.services.catalog import store_catalogs
from app.services.office_key import (
    create_office_key,
    office_key,
    rotate_office_key,
    unlock_office_key,
)
from app.services.plans.package import import_plan_package, write_plan_package
from app.services.unit_office_key import trust_office_key, trusted_office_key
from tests.kit.answers import (
    OFFICE_PASS,
    SZ16,
    Pair,
    fast_scrypt,
    make_pair,
    publish_revision,
)


def _move_due(plan: dict[str, Any]) -> None:
    plan["periods"][1]["due"] = "2016-07-15"
    plan["tasks"][0]["title"] = "推进质量条例立法（修订）"


def _revision_in_unit(unit: Any) -> int:
    return next(c.revision for c in store_catalogs(unit) if c.code == SZ16)


def test_office_key_is_created_once_and_unlocks(pair: Pair) -> None:
    info = office_key(pair.office)
    assert info is not None and info.status == "active"
    assert len(unlock_office_key(pair.office, OFFICE_PASS)) == 32
    with pytest.raises(Refusal) as exc:
        create_office_key(pair.office, OFFICE_PASS)
    assert exc.value.code == "office_key_exists"
    registration = read_office_key_file(pair.office_key_file())
    assert registration.fingerprint == info.fingerprint


def test_a_new_revision_reaches_the_unit_with_what_changed(pair: Pair) -> None:
    revision = publish_revision(pair.office, _move_due)
    out = pair.tmp / "plan-r2.xlsx"
    written = write_plan_package(pair.office, SZ16, out, OFFICE_PASS, actor="李四")
    assert (written.revision, written.code) == (2, SZ16)
    preview = import_plan_package(pair.unit, out, dry_run=True)
    assert preview.moved_due_dates == ("2016Q2",) and _revision_in_unit(pair.unit) == 1
    result = import_plan_package(pair.unit, out)
    assert (result.revision, result.previous, result.already_installed) == (revision, 1, False)
    assert result.moved_due_dates == ("2016Q2",)
    assert {c.kind for c in result.changes} >= {"period_due", "task_title"}
    assert _revision_in_unit(pair.unit) == 2
    catalog = next(c for c in store_catalogs(pair.unit) if c.code == SZ16)
    assert str(catalog.period("2016Q2").due) == "2016-07-15"
    again = import_plan_package(pair.unit, out)  # the same revision: nothing changes
    assert again.already_installed and again.changes == ()


def test_an_older_revision_is_refused(pair: Pair) -> None:
    old = pair.tmp / "plan-r1.xlsx"
    write_plan_package(pair.office, SZ16, old, OFFICE_PASS)
    publish_revision(pair.office, _move_due)
    new = pair.tmp / "plan-r2.xlsx"
    write_plan_package(pair.office, SZ16, new, OFFICE_PASS)
    import_plan_package(pair.unit, new)
    with pytest.raises(Refusal) as exc:
        import_plan_package(pair.unit, old)
    assert exc.value.code == "plan_package_older"
    assert _revision_in_unit(pair.unit) == 2


def test_another_key_is_refused_and_nothing_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast_scrypt(monkeypatch)
    ours = make_pair(tmp_path / "ours")
    theirs = make_pair(tmp_path / "theirs", trust=False)
    publish_revision(theirs.office, _move_due)
    out = tmp_path / "forged.xlsx"
    write_plan_package(theirs.office, SZ16, out, OFFICE_PASS)
    with pytest.raises(Refusal) as exc:
        import_plan_package(ours.unit, out)
    assert exc.value.code == "office_key_untrusted"
    assert _revision_in_unit(ours.unit) == 1


def test_no_trusted_office_key_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast_scrypt(monkeypatch)
    p = make_pair(tmp_path, trust=False)
    out = tmp_path / "plan.xlsx"
    write_plan_package(p.office, SZ16, out, OFFICE_PASS)
    with pytest.raises(Refusal) as exc:
        import_plan_package(p.unit, out)
    assert exc.value.code == "office_key_not_trusted"
    assert trusted_office_key(p.unit) is None


def test_a_plan_not_asking_this_unit_is_refused(pair: Pair) -> None:
    def drop_zjj(plan: dict[str, Any]) -> None:
        for unit in plan["units"]:
            if unit["id"] == "zjj":
                unit["reports"] = False

    publish_revision(pair.office, drop_zjj)
    out = pair.tmp / "plan.xlsx"
    write_plan_package(pair.office, SZ16, out, OFFICE_PASS)
    with pytest.raises(Refusal) as exc:
        import_plan_package(pair.unit, out)
    assert exc.value.code == "plan_package_not_for_unit"
    assert _revision_in_unit(pair.unit) == 1


def test_a_rotated_office_key_is_followed_through_the_package(pair: Pair) -> None:
    old_fp = office_key(pair.office).fingerprint  # type: ignore[union-attr]
    new = rotate_office_key(pair.office, OFFICE_PASS, OFFICE_PASS + "2")
    publish_revision(pair.office, _move_due)
    out = pair.tmp / "plan.xlsx"
    write_plan_package(pair.office, SZ16, out, OFFICE_PASS + "2")
    assert import_plan_package(pair.unit, out).revision == 2
    trusted = trusted_office_key(pair.unit)
    assert trusted is not None and trusted.fingerprint == new.fingerprint != old_fp


def test_a_rotation_statement_signed_by_another_key_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast_scrypt(monkeypatch)
    ours = make_pair(tmp_path / "ours")
    theirs = make_pair(tmp_path / "theirs", trust=False)
    rotate_office_key(theirs.office, OFFICE_PASS, OFFICE_PASS + "2")
    out = tmp_path / "plan.xlsx"
    write_plan_package(theirs.office, SZ16, out, OFFICE_PASS + "2")
    with pytest.raises(Refusal) as exc:
        import_plan_package(ours.unit, out)
    assert exc.value.code == "office_key_untrusted"


def test_the_package_is_a_printable_workbook_checked_cell_by_cell(pair: Pair) -> None:
    out = pair.tmp / "plan.xlsx"
    write_plan_package(pair.office, SZ16, out, OFFICE_PASS)
    import openpyxl

    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["封面", "任务", "报告期", "工作目标指标"]
    assert wb["封面"]["A1"].value == "深圳市2016年质量工作方案"
    assert wb["任务"]["C3"].value == "推进质量条例立法"
    package = read_file(out)
    assert package.payload.revision == 1 and package.kind == "plan"


def test_a_submission_is_not_a_plan_package(pair: Pair, tmp_path: Path) -> None:
    from app.services.catalog import default_catalog
    from tests.kit.keys import Key
    from tests.kit.submissions import sample_submission

    sub = tmp_path / "sub.xlsx"
    sub.write_bytes(sample_submission(tmp_path, default_catalog(), Key()))
    with pytest.raises(PackageRejected) as exc:
        import_plan_package(pair.unit, sub)
    assert exc.value.code == "wrong_kind"


def test_trusting_a_second_office_key_is_refused(pair: Pair, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    doc = json.loads(pair.office_key_file().read_text())
    from app.io import keys
    from app.io.office_key_file import office_key_document, office_key_from_document

    public = keys.public_key_of(keys.generate_private_key())
    made = keys.parse_iso_utc(doc["created_at"])
    other.write_text(json.dumps(office_key_document("x", public, made)))
    with pytest.raises(Refusal) as exc:
        trust_office_key(pair.unit, read_office_key_file(other))
    assert exc.value.code == "office_key_other_trusted"
    doc["fingerprint"] = "0" * 64
    with pytest.raises(Refusal) as exc:
        office_key_from_document(doc)
    assert exc.value.code == "office_key_file_bad"
