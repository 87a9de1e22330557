"""What the audit log records of the office's other work: every imported file with its
outcome, key registrations, revocations and rotations, rule changes, plan publications."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from app.domain.catalog import Catalog
from app.io import keys
from app.services import audit, plans
from app.services.assessment import reset_rules, update_rule
from app.services.assessment.grades import update_grades
from app.services.office_import import Importer
from app.services.office_trust import revoke_key, rotate_key
from app.services.stores import Store
from tests.kit.keys import Key
from tests.kit.review import trusted_key
from tests.kit.submissions import make_payload, write


def test_one_row_per_imported_file_with_its_outcome(
    office_store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    key = trusted_key(office_store, catalog, "zjj")
    good = write(tmp_path, catalog, key, make_payload(catalog), "good.xlsx")
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a workbook")
    imp = Importer(office_store, catalog, actor="李四")
    imp.run([good, junk, good], in_process=True)
    Importer(office_store, catalog, actor="李四").run([good], dry_run=True, in_process=True)
    rows = list(reversed(audit.list_audit(office_store, action="import")))
    assert [r.details["outcome"] for r in rows] == ["accepted", "rejected", "duplicate"]
    assert {r.actor for r in rows} == {"李四"}
    first = rows[0]
    assert first.subject == "zjj 2016Q1 v1" and first.details["file"] == "good.xlsx"
    assert first.details["submission_id"] and len(first.details["sha256"]) == 64
    assert rows[1].details["code"] and rows[1].details["unit"] is None
    assert audit.verify_audit(office_store).ok


def test_key_registry_changes(office_store: Store, catalog: Catalog) -> None:
    key = trusted_key(office_store, catalog, "zjj")
    trusted_key_again = keys.registration_document(
        "zjj", catalog.unit("zjj").name, key.public, "张三", datetime(2016, 3, 1, tzinfo=UTC)
    )
    from app.services.office_trust import add_trusted_key

    add_trusted_key(  # the same registration again: nothing changes, nothing recorded
        office_store, catalog, keys.registration_from_document(trusted_key_again), actor="x"
    )
    new = Key()
    statement = keys.rotation_statement(
        key.private.private_bytes_raw(), new.public, "zjj", datetime.now(UTC)
    )
    rotate_key(office_store, catalog, statement, actor="王五")
    revoke_key(office_store, keys.fingerprint(new.public), actor="王五")
    rows = list(reversed(audit.list_audit(office_store)))
    assert [r.action for r in rows] == ["trust_add", "trust_rotate", "trust_revoke"]
    assert rows[1].details["old_fingerprint"] == keys.fingerprint(key.public)
    assert rows[2].details["fingerprint"] == keys.fingerprint(new.public)
    assert rows[2].actor == "王五"


def test_rule_changes_and_plan_publication(office_store: Store, catalog: Catalog) -> None:
    update_rule(office_store, "on_time", weight=Decimal(35), plan_code=catalog.code, actor="甲")
    update_rule(office_store, "on_time", weight=Decimal(35), plan_code=catalog.code, actor="甲")
    update_grades(office_store, catalog, {"excellent": "92"}, actor="甲")
    reset_rules(office_store, catalog, actor="乙")
    rows = list(reversed(audit.list_audit(office_store, action="rules_change")))
    assert [(r.details["rule"], r.actor) for r in rows] == [
        ("on_time", "甲"),  # the second, unchanged, is not a change
        ("grades", "甲"),
        ("on_time", "乙"),  # the reset changed only what differed
    ]
    assert rows[0].details["before"]["weight"] == "30"
    assert rows[0].details["after"]["weight"] == "35"
    draft = plans.copy_plan(office_store, catalog.code, "SZ-QUALITY-2017", 2017)
    assert draft.plan["plan"]["year"] == 2017
    plans.publish_plan(office_store, "SZ-QUALITY-2017", actor="丙")
    [row] = audit.list_audit(office_store, action="plan_publish")
    assert (row.actor, row.details["plan"], row.details["revision"]) == ("丙", "SZ-QUALITY-2017", 1)
    assert audit.verify_audit(office_store).ok
