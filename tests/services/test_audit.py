"""The audit log: appended in the caller's transaction, hash-chained, and every edit, deletion
or insertion made behind the program's back (straight into the SQLite file) detected."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from app.domain.messages import Refusal
from app.domain.plan_time import PLAN_TZ
from app.services import audit
from app.services.stores import Store


def add(store: Store, n: int, action: str = "notice_add", actor: str = "李四") -> None:
    for i in range(n):
        with store.factory.begin() as s:
            audit.record(s, actor=actor, action=action, subject=f"row {i}", details={"i": i})


def db(store: Store) -> sqlite3.Connection:
    assert store.path is not None
    store.engine.dispose()  # nothing of ours holds the file while the test edits it
    return sqlite3.connect(store.path, isolation_level=None)


def test_rows_chain_and_verify(office_store: Store) -> None:
    assert audit.verify_audit(office_store).ok  # an empty log is intact
    add(office_store, 3)
    rows = audit.list_audit(office_store)
    assert [r.subject for r in rows] == ["row 2", "row 1", "row 0"]  # newest first
    assert rows[0].details == {"i": 2} and rows[0].actor == "李四"
    verdict = audit.verify_audit(office_store)
    assert (verdict.ok, verdict.rows, verdict.first_bad_id, verdict.problem) == (
        True,
        3,
        None,
        None,
    )
    assert verdict.head == rows[0].sha256
    first = rows[-1]
    assert audit.row_hash(audit.GENESIS, first.at, "李四", "notice_add", "row 0", {"i": 0}) == (
        first.sha256
    )


def test_record_commits_with_the_change_or_not_at_all(office_store: Store) -> None:
    with pytest.raises(RuntimeError), office_store.factory.begin() as s:
        audit.record(s, actor="a", action="rules_change", subject="x", details={})
        raise RuntimeError("the change fails")
    assert audit.list_audit(office_store) == []
    with pytest.raises(ValueError), office_store.factory.begin() as s:
        audit.record(s, actor="a", action="no_such_action", subject="x", details={})


def test_an_edited_row_is_detected(office_store: Store) -> None:
    add(office_store, 4)
    ids = [r.id for r in reversed(audit.list_audit(office_store))]
    with db(office_store) as conn:
        conn.execute("UPDATE audit_log SET details = '{\"i\":99}' WHERE id = ?", (ids[1],))
    v = audit.verify_audit(office_store)
    assert not v.ok and v.first_bad_id == ids[1] and v.problem is not None
    assert v.problem.code == "audit_row_altered" and v.rows == 1


@pytest.mark.parametrize("column", ["actor", "subject", "at", "action"])
def test_every_column_is_covered(office_store: Store, column: str) -> None:
    add(office_store, 2)
    value = {"actor": "王五", "subject": "y", "at": "2016-01-01 00:00:00.000000"}.get(
        column, "review_accept"
    )
    with db(office_store) as conn:
        conn.execute(
            f"UPDATE audit_log SET {column} = ? WHERE id = (SELECT MIN(id) FROM audit_log)",
            (value,),
        )
    v = audit.verify_audit(office_store)
    assert not v.ok and v.problem is not None and v.problem.code == "audit_row_altered"


def test_a_deleted_row_is_detected(office_store: Store) -> None:
    add(office_store, 4)
    ids = [r.id for r in reversed(audit.list_audit(office_store))]
    with db(office_store) as conn:
        conn.execute("DELETE FROM audit_log WHERE id = ?", (ids[1],))
    v = audit.verify_audit(office_store)
    assert not v.ok and v.first_bad_id == ids[2]
    assert v.problem is not None and v.problem.code == "audit_chain_broken"


def test_a_deleted_first_or_last_row_is_detected(office_store: Store) -> None:
    add(office_store, 3)
    with db(office_store) as conn:
        conn.execute("DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)")
    v = audit.verify_audit(office_store)
    assert not v.ok and v.problem is not None and v.problem.code == "audit_head_mismatch"
    with db(office_store) as conn:
        conn.execute("DELETE FROM audit_log WHERE id = (SELECT MIN(id) FROM audit_log)")
    v = audit.verify_audit(office_store)
    assert not v.ok and v.problem is not None and v.problem.code == "audit_chain_broken"


def test_an_inserted_row_is_detected(office_store: Store) -> None:
    add(office_store, 3)
    rows = list(reversed(audit.list_audit(office_store)))
    # a forged row with a correct hash over its predecessor, slipped in before the last row
    forged_at = rows[1].at + timedelta(seconds=1)
    sha = audit.row_hash(rows[1].sha256, forged_at, "x", "rules_change", "forged", {})
    with db(office_store) as conn:
        conn.execute("UPDATE audit_log SET id = id + 100 WHERE id = ?", (rows[2].id,))
        conn.execute(
            "INSERT INTO audit_log (id, at, actor, action, subject, details, prev_sha256, sha256)"
            " VALUES (?, ?, 'x', 'rules_change', 'forged', '{}', ?, ?)",
            (rows[2].id, forged_at.strftime("%Y-%m-%d %H:%M:%S.000000"), rows[1].sha256, sha),
        )
    v = audit.verify_audit(office_store)
    assert not v.ok and v.first_bad_id == rows[2].id + 100
    assert v.problem is not None and v.problem.code == "audit_chain_broken"


def test_a_row_appended_behind_the_programs_back_is_detected(office_store: Store) -> None:
    add(office_store, 2)
    last = audit.list_audit(office_store)[0]
    at = last.at + timedelta(seconds=5)
    sha = audit.row_hash(last.sha256, at, "x", "rules_change", "forged", {})
    with db(office_store) as conn:
        conn.execute(
            "INSERT INTO audit_log (at, actor, action, subject, details, prev_sha256, sha256)"
            " VALUES (?, 'x', 'rules_change', 'forged', '{}', ?, ?)",
            (at.strftime("%Y-%m-%d %H:%M:%S.000000"), last.sha256, sha),
        )
    v = audit.verify_audit(office_store)
    assert not v.ok and v.problem is not None and v.problem.code == "audit_head_mismatch"


def test_filters(office_store: Store) -> None:
    add(office_store, 2, action="notice_add", actor="李四")
    add(office_store, 1, action="notice_close", actor="王五")
    assert len(audit.list_audit(office_store, action="notice_add")) == 2
    assert [r.actor for r in audit.list_audit(office_store, actor="王五")] == ["王五"]
    assert len(audit.list_audit(office_store, text="row 1")) == 1
    assert len(audit.list_audit(office_store, limit=2)) == 2
    today = audit.list_audit(office_store)[0].at.astimezone(PLAN_TZ).date()
    assert len(audit.list_audit(office_store, since=today, until=today)) == 3
    assert audit.list_audit(office_store, since=today + timedelta(days=1)) == []
    assert audit.list_audit(office_store, until=today - timedelta(days=1)) == []
    with pytest.raises(Refusal) as caught:
        audit.list_audit(office_store, action="nonsense")
    assert caught.value.code == "audit_action_unknown"


def test_actor_defaults(office_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit, "os_user", lambda: "oswho")
    assert audit.resolve_actor(office_store, None) == "oswho"
    audit.set_office_actor(office_store, "  陈  六 ")
    assert audit.resolve_actor(office_store, "") == "陈 六"
    assert audit.resolve_actor(office_store, "赵七") == "赵七"


def test_texts_are_stored_as_hashed(office_store: Store) -> None:
    """Decomposed text, dates and decimals go in in their canonical form (NFC, ISO, plain)."""
    from datetime import UTC, date, datetime
    from decimal import Decimal

    with office_store.factory.begin() as s:
        audit.record(
            s,
            actor="Jose\u0301",
            action="trust_revoke",
            subject="e\u0301",
            details={"at": datetime(2016, 4, 1, 8, tzinfo=UTC), "due": date(2016, 4, 30),
                     "n": Decimal("1.50"), "t": "A\u030a"},
        )  # fmt: skip
    [row] = audit.list_audit(office_store)
    assert (row.actor, row.subject) == ("José", "é")
    assert row.details == {"at": "2016-04-01T08:00:00Z", "due": "2016-04-30", "n": "1.5", "t": "Å"}
    assert audit.verify_audit(office_store).ok
    with pytest.raises(ValueError), office_store.factory.begin() as s:  # no JSON for it
        audit.record(s, actor="a", action="import", subject="x", details={"f": object()})


def test_record_hash_is_row_hash(office_store: Store) -> None:
    """``record`` hashes the details as stored (one serialisation, issue 17): the very hash
    ``row_hash`` gives (and ``verify_audit`` recomputes), for texts JSON must escape too."""
    tricky = {
        "text": 'quote " backslash \\ 中文 \u2028 \x00 \t',
        "nested": {"z": [1, -2, None, True], "a": {}},
        "sha256": None,
    }
    for actor, subject in (("李四", 's "q" 中'), ("x\\y", "\u00e9 e\u0301")):
        with office_store.factory.begin() as s:
            audit.record(s, actor=actor, action="import", subject=subject, details=tricky)
    rows = audit.list_audit(office_store)
    with office_store.factory() as s:
        q = audit.select(audit.AuditEntry.id, audit.AuditEntry.prev_sha256)
        prevs = dict(s.execute(q).tuples().all())
    for r in rows:
        again = audit.row_hash(prevs[r.id], r.at, r.actor, r.action, r.subject, r.details)
        assert again == r.sha256
    assert audit.verify_audit(office_store).ok
