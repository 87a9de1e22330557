"""The import's order rules (docs/design.md §3): the same files in every order and any number
of times leave the same rows and the same current versions, conflicts and hijacked ids
included."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.domain.catalog import Catalog
from app.models import Submission, SubmissionEntry, Unit
from app.services.office_import import Importer
from app.services.office_status import period_status
from app.services.stores import Store
from tests.kit.keys import Key, trust
from tests.kit.submissions import make_payload, write


def unit_state(store: Store) -> set[tuple[str, str, int, int, bool]]:
    """(unit, submission id, version, sequence, current) of every row."""
    with store.factory() as s:
        rows = s.execute(
            select(
                Unit.code, Submission.uuid, Submission.version, Submission.sequence,
                Submission.is_current,
            ).join(Unit, Unit.id == Submission.unit_id)
        ).all()  # fmt: skip
    return {(n, u, v, q, c) for n, u, v, q, c in rows}


# (name, unit, version, sequence, text; "copy of NAME": a repack; "id of NAME": its id)
ORDER_SPECS = (
    ("zjj-1", "zjj", 1, 1, ""),
    ("zjj-2", "zjj", 2, 2, ""),
    ("zjj-3", "zjj", 3, 5, ""),
    ("zjj-3b", "zjj", 3, 3, "第三版的另一份文件"),  # a conflict, ranked below by sequence
    ("zjj-4", "zjj", 4, 4, ""),  # the highest version, with a lower sequence than zjj-3
    ("zjj-2-repacked", "zjj", 2, 2, "copy of zjj-2"),
    ("jtys-1", "jtys", 1, 1, ""),
    ("jtys-2", "jtys", 2, 4, "甲"),
    ("jtys-2b", "jtys", 2, 4, "乙"),  # same version and sequence: signed SHA-256 decides
    ("swj-hijack", "swj", 1, 1, "id of zjj-1"),  # another unit signs the victim's id
    ("swj-2", "swj", 2, 2, ""),
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    order=st.permutations(range(len(ORDER_SPECS))),
    repeats=st.lists(st.integers(0, len(ORDER_SPECS) - 1), max_size=4),
)
def test_order_and_repetition_do_not_matter(
    office_store: Store,
    catalog: Catalog,
    genuine_files: list[Path],
    order: list[int],
    repeats: list[int],
) -> None:
    """Every order of a history with every hard case in it ends in the same state: a
    replaced and an older version, a higher version with a lower sequence, two different
    files of one version (ranked by sequence, and by signed SHA-256 when even the sequence is
    equal), a repacked copy of a file (a duplicate by content, not by bytes) and another
    unit's file carrying a victim's submission id."""
    expected = genuine_files_state(catalog, genuine_files)
    with office_store.factory.begin() as s:  # each example starts from an empty history
        s.query(SubmissionEntry).delete()
        s.query(Submission).delete()
    files = [genuine_files[i] for i in order] + [genuine_files[i] for i in repeats]
    outcomes = Importer(office_store, catalog).run(files, in_process=True)
    assert "rejected" not in {o.outcome for o in outcomes}
    assert unit_state(office_store) == expected
    conflicts = {
        u.unit: u.conflict_versions for u in period_status(office_store, catalog, "2016Q1").units
    }
    assert conflicts["zjj"] == (3,) and conflicts["jtys"] == (2,) and conflicts["swj"] == ()


_EXPECTED: dict[str, set[tuple[str, str, int, int, bool]]] = {}


def genuine_files_state(
    catalog: Catalog, files: list[Path]
) -> set[tuple[str, str, int, int, bool]]:
    return _EXPECTED[str(files[0].parent)]


@pytest.fixture
def genuine_files(
    office_store: Store, catalog: Catalog, tmp_path_factory: pytest.TempPathFactory
) -> list[Path]:
    from app.io.submission_reader import verify_submission
    from tests.kit.submissions import repack

    folder = tmp_path_factory.mktemp("genuine")
    key = {u: Key() for u in ("zjj", "jtys", "swj")}
    for unit, k in key.items():
        trust(office_store, catalog, unit, k)
    files: dict[str, Path] = {}
    ids: dict[str, str] = {}
    for name, unit, version, seq, text in ORDER_SPECS:
        if text.startswith("copy of "):
            files[name] = folder / f"{name}.xlsx"
            files[name].write_bytes(repack(files[text[8:]].read_bytes()))
            continue
        p = make_payload(catalog, unit, version=version, sequence=seq, text=text or "按计划推进")
        if text.startswith("id of "):
            p = replace(p, submission_id=ids[text[6:]])
        ids[name] = p.submission_id
        files[name] = write(folder, catalog, key[unit], p, f"{name}.xlsx")
    # the rule, computed from the files themselves: one row per unit and signed content, the
    # highest (version, sequence, signed SHA-256) of each unit current
    rows = {}
    for path in files.values():
        v = verify_submission(path, catalog)
        p = v.payload
        rows[(p.unit_id, v.signed_sha256)] = (p.unit_id, p.submission_id, p.version, p.sequence,
                                              v.signed_sha256)  # fmt: skip
    top = {u: max((r[2], r[3], r[4]) for r in rows.values() if r[0] == u) for u in key}
    _EXPECTED[str(folder)] = {
        (unit, sid, version, seq, (version, seq, ssha) == top[unit])
        for unit, sid, version, seq, ssha in rows.values()
    }
    assert len(_EXPECTED[str(folder)]) == len(ORDER_SPECS) - 1  # the copy adds no row
    return list(files.values())
