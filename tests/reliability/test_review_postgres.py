"""Several staff at once on a PostgreSQL office store (issue 15, item 7): two staff deciding
the same submission cannot overwrite each other silently, and the audit chain never forks."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import Settings
from app.domain.catalog import Catalog
from app.services import audit
from app.services.review import ReviewConflict, ReviewState, decide, review_state
from app.services.stores import Store, open_office_store
from tests.kit.review import submit, trusted_key


@pytest.fixture
def two_stores(pg_url: str, tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    """Two office PCs: two engines (own connections) on one database."""
    a = open_office_store(Settings(tmp_path / "a", pg_url))
    b = open_office_store(Settings(tmp_path / "b", pg_url))
    yield a, b
    a.close()
    b.close()


def test_the_second_staff_member_is_told_and_sees_the_first_decision(
    two_stores: tuple[Store, Store], catalog: Catalog, tmp_path: Path
) -> None:
    a, b = two_stores
    assert a.engine.dialect.name == "postgresql"
    submit(a, catalog, tmp_path, trusted_key(a, catalog, "zjj"))
    seen_a = review_state(a, "zjj", "2016Q1")
    seen_b = review_state(b, "zjj", "2016Q1")
    assert seen_a == seen_b and seen_a is not None and seen_a.state == "pending"
    decide(a, unit_code="zjj", period_code="2016Q1", state="accepted", actor="甲", seen=seen_a)
    with pytest.raises(ReviewConflict) as caught:
        decide(b, unit_code="zjj", period_code="2016Q1", state="returned", comment="退回",
               actor="乙", seen=seen_b)  # fmt: skip
    now = caught.value.current
    assert (now.state, now.actor, now.row_version) == ("accepted", "甲", 1)
    after = review_state(b, "zjj", "2016Q1")
    assert after is not None and (after.state, after.actor) == ("accepted", "甲")
    assert [r.actor for r in audit.list_audit(b, action="review_accept")] == ["甲"]
    assert audit.list_audit(b, action="review_return") == []


@pytest.mark.parametrize("first_decision", [True, False])
def test_at_the_same_moment_exactly_one_wins(
    two_stores: tuple[Store, Store], catalog: Catalog, tmp_path: Path, first_decision: bool
) -> None:
    """Both decide from the same view at once (the first decision of the version, or a
    change of an existing one): one is stored, the other told, in every interleaving."""
    a, b = two_stores
    submit(a, catalog, tmp_path, trusted_key(a, catalog, "zjj"))
    if not first_decision:
        decide(a, unit_code="zjj", period_code="2016Q1", state="accepted", actor="丙")
    seen = review_state(a, "zjj", "2016Q1")
    assert seen is not None
    results: dict[str, ReviewState | ReviewConflict] = {}
    start = threading.Barrier(2)

    def staff(store: Store, name: str, state: str) -> None:
        start.wait()
        try:
            results[name] = decide(store, unit_code="zjj", period_code="2016Q1", state=state,
                                   comment="意见", actor=name, seen=seen)  # fmt: skip
        except ReviewConflict as exc:
            results[name] = exc

    threads = [
        threading.Thread(target=staff, args=(a, "甲", "accepted")),
        threading.Thread(target=staff, args=(b, "乙", "returned")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    won = [n for n, r in results.items() if isinstance(r, ReviewState)]
    lost = [r for r in results.values() if isinstance(r, ReviewConflict)]
    assert len(won) == 1 and len(lost) == 1
    assert lost[0].current.actor == won[0]  # the loser sees the winner's decision
    final = review_state(a, "zjj", "2016Q1")
    assert final is not None and final.actor == won[0]
    assert final.row_version == seen.row_version + 1
    assert audit.verify_audit(a).ok


def test_the_audit_chain_never_forks_under_concurrent_appenders(
    two_stores: tuple[Store, Store],
) -> None:
    start = threading.Barrier(4)

    def append(store: Store, who: str) -> None:
        start.wait()
        for i in range(15):
            with store.factory.begin() as s:
                audit.record(s, actor=who, action="notice_add", subject=f"{who} {i}", details={})

    stores = [*two_stores, *two_stores]
    threads = [threading.Thread(target=append, args=(s, f"w{i}")) for i, s in enumerate(stores)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    verdict = audit.verify_audit(two_stores[1])
    assert verdict.ok and verdict.rows == 60
