"""A key on a new PC and a forgotten passphrase, end to end through the office importer.

The office refuses a file whose sequence number this unit already used, and keeps the highest
version current; so a restored or reset key must continue the numbering (app/services/
unit_keys.py: restore_key, reset_key; export_numbering.py: catch_up_counters; the backup
format in app/io/key_backup.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.config import Settings
from app.domain.catalog import Catalog
from app.io import key_backup, keys
from app.io.key_backup import ExportCounters
from app.models import Entry, Setting, SigningKey, Submission
from app.services import export_numbering, unit_keys, unit_setup
from app.services.entries import EntryService
from app.services.export import export_period
from app.services.office_import import Importer
from app.services.office_trust import add_trusted_key
from app.services.stores import Store, open_unit_store
from app.services.unit_keys import KeyMismatch
from app.services.unit_load import load_json
from app.services.unit_setup import UnitSetupError
from tests.kit.keys import Key
from tests.kit.paths import FIXTURES
from tests.kit.submissions import make_payload, write

PASS = "住建局 quality 2016"
NEW = "新的密码 quality 2017"


@pytest.fixture(autouse=True)
def fast_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**12)


class Pcs:
    """Unit installs, each in its own data folder, closed at the end of the test."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.stores: list[Store] = []

    def new(self, name: str) -> Store:
        store = open_unit_store(Settings(self.root / name))
        self.stores.append(store)
        return store


@pytest.fixture
def pcs(tmp_path: Path) -> Iterator[Pcs]:
    made = Pcs(tmp_path)
    yield made
    for store in made.stores:
        store.close()


def fill(store: Store, catalog: Catalog, period: str, note: str = "") -> None:
    """Every task and indicator of zjj filled validly for ``period`` (the form's rules)."""
    entries = [
        {
            "task": task.no,
            "period": period,
            "status": "in_progress",
            "percent": 60,
            "progress": f"任务{task.no}：按计划推进。{note}",
            "problems": "无",
            "next_steps": "继续推进。",
            "targets": {x.name: float(x.value) for x in task.targets},
        }
        for task, _role in catalog.tasks_for_unit("zjj")
    ]
    indicators = [
        {"no": i.no, "period": period, "value": float(i.value)}
        for i in catalog.indicators_for_unit("zjj")
    ]
    doc = store.engine.url.database
    assert doc is not None
    path = Path(doc).with_name(f"load-{period}.json")
    path.write_text(json.dumps({"entries": entries, "indicators": indicators}, ensure_ascii=False))
    result = load_json(EntryService(store, catalog, "zjj"), path)
    assert not result.errors


def trust_install(office: Store, catalog: Catalog, store: Store, tmp_path: Path) -> str:
    """The office registers the install's current key from its registration file."""
    path = unit_setup.write_registration_file(store, catalog, tmp_path / "reg.json")
    reg = keys.read_registration(path)
    add_trusted_key(office, catalog, reg)
    return reg.fingerprint


def office_import(office: Store, catalog: Catalog, path: Path) -> tuple[str, str, int | None]:
    [o] = Importer(office, catalog).run([path], in_process=True)
    return o.outcome, o.code, o.version


def current_versions(office: Store) -> list[int]:
    with office.factory() as s:
        return list(
            s.scalars(select(Submission.version).where(Submission.is_current.is_(True))).all()
        )


def strip_counters(backup: Path, out: Path) -> Path:
    """The same backup as an older program wrote it (no ``counters`` field)."""
    doc = json.loads(backup.read_text("utf-8"))
    del doc["counters"]
    out.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return out


# -- bug 1 (a): the backup carries the numbering -------------------------------------------
def test_new_pc_restore_continues_the_numbering_and_the_office_accepts(
    pcs: Pcs, office_store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    old_pc = pcs.new("old-pc")
    unit_setup.init_unit(old_pc, catalog, "zjj", "李四", "0755-1", PASS)
    trust_install(office_store, catalog, old_pc, tmp_path)
    fill(old_pc, catalog, "2016Q1")
    a = export_period(old_pc, catalog, "2016Q1", tmp_path / "v1.xlsx", PASS)
    b = export_period(old_pc, catalog, "2016Q1", tmp_path / "v2.xlsx", PASS)
    assert [(a.version, a.sequence), (b.version, b.sequence)] == [(1, 1), (2, 2)]
    assert office_import(office_store, catalog, a.path)[0] == "accepted"
    assert office_import(office_store, catalog, b.path)[0] == "accepted"
    backup = unit_keys.backup_key(old_pc, tmp_path / "key-backup.json")
    carried = key_backup.read_key_backup(backup.read_bytes()).counters
    assert carried == ExportCounters(3, {"2016Q1": 2})

    new_pc = pcs.new("new-pc")
    result = unit_keys.restore_key(new_pc, backup, passphrase=PASS)
    assert (result.action, result.backup_had_counters) == ("installed", True)
    assert result.counters == ExportCounters(3, {"2016Q1": 2})
    fill(new_pc, catalog, "2016Q1", "换电脑后补充。")
    c = export_period(new_pc, catalog, "2016Q1", tmp_path / "v3.xlsx", PASS)
    assert (c.version, c.sequence) == (3, 3)
    assert office_import(office_store, catalog, c.path)[:1] == ("accepted",)
    assert current_versions(office_store) == [3]

    # The bug this fixes: a backup without the numbering restarts at 1, a second, different
    # version 1: the office keeps it as a conflict below the current version (design §3).
    old_style = strip_counters(backup, tmp_path / "old-style-backup.json")
    bare_pc = pcs.new("bare-pc")
    bare = unit_keys.restore_key(bare_pc, old_style, passphrase=PASS)
    assert (bare.action, bare.backup_had_counters) == ("installed", False)
    assert bare.counters == ExportCounters(1, {})
    fill(bare_pc, catalog, "2016Q1")
    d = export_period(bare_pc, catalog, "2016Q1", tmp_path / "bare.xlsx", PASS)
    assert (d.version, d.sequence) == (1, 1)
    outcome, code, _ = office_import(office_store, catalog, d.path)
    assert (outcome, code) == ("superseded", "import_conflict_kept")  # v1 was, long ago
    assert current_versions(office_store) == [3]


def test_the_reserved_version_travels_and_counters_never_go_backwards(
    pcs: Pcs, catalog: Catalog, tmp_path: Path
) -> None:
    pc = pcs.new("pc")
    unit_setup.init_unit(pc, catalog, "zjj", "李四", "", PASS)
    fill(pc, catalog, "2016Q1")
    early = unit_keys.backup_key(pc, tmp_path / "early.json")  # before any export
    export_period(pc, catalog, "2016Q1", tmp_path / "v1.xlsx", PASS)
    # export keeps its reservation under this very key (the crash case relies on it)
    with pc.factory() as s:
        reserved = s.get(Setting, export_numbering.reserved_version_key("zjj", "2016Q1"))
        assert reserved is not None and reserved.value == "1"
    # a version reserved by an export that crashed after writing its file (export's own state)
    with pc.factory.begin() as s:
        s.add(Setting(key=export_numbering.reserved_version_key("zjj", "2016Q2"), value="4"))
    assert export_numbering.export_counters(pc) == ExportCounters(2, {"2016Q1": 1, "2016Q2": 4})
    late = unit_keys.backup_key(pc, tmp_path / "late.json")

    again = unit_keys.restore_key(pc, early)  # an older backup of the same key, same install
    assert again.action == "unchanged"
    assert again.counters == ExportCounters(2, {"2016Q1": 1, "2016Q2": 4})

    other = pcs.new("other")
    unit_keys.restore_key(other, late, passphrase=PASS)
    fill(other, catalog, "2016Q2")
    q2 = export_period(other, catalog, "2016Q2", tmp_path / "q2.xlsx", PASS)
    assert (q2.version, q2.sequence) == (5, 2)
    unit_keys.restore_key(other, early)
    assert export_numbering.export_counters(other) == ExportCounters(3, {"2016Q1": 1, "2016Q2": 5})


def test_a_stale_backup_catches_up_from_the_exported_files(
    pcs: Pcs, office_store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    old_pc = pcs.new("old-pc")
    unit_setup.init_unit(old_pc, catalog, "zjj", "李四", "", PASS)
    trust_install(office_store, catalog, old_pc, tmp_path)
    backup = unit_keys.backup_key(old_pc, tmp_path / "made-at-setup.json")
    sent = tmp_path / "sent"
    sent.mkdir()
    fill(old_pc, catalog, "2016Q1")
    fill(old_pc, catalog, "2016Q2")
    for name, period in (("a.xlsx", "2016Q1"), ("b.xlsx", "2016Q2"), ("c.xlsx", "2016Q1")):
        done = export_period(old_pc, catalog, period, sent / name, PASS)
        assert office_import(office_store, catalog, done.path)[0] == "accepted"

    new_pc = pcs.new("new-pc")
    assert unit_keys.restore_key(new_pc, backup, passphrase=PASS).counters.next_sequence == 1
    stranger = Key()  # another unit's file among them is refused, naming the file
    write(tmp_path, catalog, stranger, make_payload(catalog, "swj"), "swj.xlsx")
    with pytest.raises(UnitSetupError, match=r"swj\.xlsx.*另一个单位"):
        export_numbering.catch_up_counters(new_pc, [sent, tmp_path / "swj.xlsx"])
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes((sent / "a.xlsx").read_bytes()[:-200])
    with pytest.raises(UnitSetupError, match=r"broken\.xlsx"):
        export_numbering.catch_up_counters(new_pc, [broken])
    assert export_numbering.export_counters(new_pc) == ExportCounters(1, {})  # nothing taken

    caught = export_numbering.catch_up_counters(new_pc, [sent])
    assert caught == ExportCounters(4, {"2016Q1": 2, "2016Q2": 1})
    fill(new_pc, catalog, "2016Q1", "换电脑后补充。")
    d = export_period(new_pc, catalog, "2016Q1", tmp_path / "d.xlsx", PASS)
    assert (d.version, d.sequence) == (3, 4)
    assert office_import(office_store, catalog, d.path)[0] == "accepted"


# -- bug 1 (b): a forgotten passphrase --------------------------------------------------------
def test_reset_keeps_entries_and_numbering_and_the_office_accepts_the_new_key(
    pcs: Pcs, office_store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    pc = pcs.new("pc")
    with pytest.raises(UnitSetupError, match="unit init"):
        unit_keys.reset_key(pc, NEW)
    before = unit_setup.init_unit(pc, catalog, "zjj", "李四", "", PASS)
    old_fp = trust_install(office_store, catalog, pc, tmp_path)
    fill(pc, catalog, "2016Q1")
    v1 = export_period(pc, catalog, "2016Q1", tmp_path / "v1.xlsx", PASS)
    assert office_import(office_store, catalog, v1.path)[0] == "accepted"
    with pc.factory() as s:
        entries = s.scalar(select(func.count(Entry.id)))

    with pytest.raises(UnitSetupError, match="至少"):
        unit_keys.reset_key(pc, "short")
    after = unit_keys.reset_key(pc, NEW)
    assert after.fingerprint not in ("", before.fingerprint, old_fp)
    assert (after.unit_id, after.clerk) == ("zjj", "李四")
    with pc.factory() as s:
        statuses = {k.fingerprint: k.status for k in s.scalars(select(SigningKey))}
        assert s.scalar(select(func.count(Entry.id))) == entries
    assert statuses == {before.fingerprint: "retired", after.fingerprint: "active"}
    with pytest.raises(keys.WrongPassphrase):
        unit_keys.unlock_key(pc, PASS)
    assert unit_keys.latest_rotation_statement(pc) is None  # nothing vouches: register anew

    v2 = export_period(pc, catalog, "2016Q1", tmp_path / "v2.xlsx", NEW)
    assert (v2.version, v2.sequence, v2.fingerprint) == (2, 2, after.fingerprint)
    outcome, code, _ = office_import(office_store, catalog, v2.path)
    assert (outcome, code) == ("rejected", "unregistered_key")
    assert trust_install(office_store, catalog, pc, tmp_path) == after.fingerprint
    assert office_import(office_store, catalog, v2.path)[:1] == ("accepted",)
    assert current_versions(office_store) == [2]


# -- bug 2: restoring onto an install that has a key ------------------------------------------
def test_restore_of_the_key_in_force_under_an_older_passphrase(
    pcs: Pcs, catalog: Catalog, tmp_path: Path
) -> None:
    pc = pcs.new("pc")
    info = unit_setup.init_unit(pc, catalog, "zjj", "李四", "", PASS)
    private = unit_keys.unlock_key(pc, PASS)
    backup = unit_keys.backup_key(pc, tmp_path / "backup.json")
    unit_keys.change_passphrase(pc, PASS, NEW)  # ... and later forgotten

    with pytest.raises(keys.WrongPassphrase):
        unit_keys.restore_key(pc, backup, passphrase="not the one of the backup")
    assert unit_keys.unlock_key(pc, NEW) == private  # a refused restore changed nothing

    result = unit_keys.restore_key(pc, backup, passphrase=PASS)
    assert (result.action, result.passphrase_checked, result.retired_fingerprint) == (
        "resealed",
        True,
        "",
    )
    assert result.profile.fingerprint == info.fingerprint  # same key: no new registration
    assert unit_keys.unlock_key(pc, PASS) == private
    with pytest.raises(keys.WrongPassphrase):
        unit_keys.unlock_key(pc, NEW)
    assert unit_keys.restore_key(pc, backup).action == "unchanged"

    unit_keys.change_passphrase(pc, PASS, NEW)
    unchecked = unit_keys.restore_key(pc, backup)  # no passphrase given: it still applies
    assert (unchecked.action, unchecked.passphrase_checked) == ("resealed", False)
    assert unit_keys.unlock_key(pc, PASS) == private


def test_restore_of_another_key_of_the_unit_needs_replace(
    pcs: Pcs, catalog: Catalog, tmp_path: Path
) -> None:
    first = pcs.new("first")
    a = unit_setup.init_unit(first, catalog, "zjj", "李四", "", PASS)
    backup_a = unit_keys.backup_key(first, tmp_path / "a.json")
    second = pcs.new("second")
    b = unit_setup.init_unit(second, catalog, "zjj", "王五", "", NEW)
    backup_b = unit_keys.backup_key(second, tmp_path / "b.json")

    with pytest.raises(KeyMismatch, match="不是本机正在使用的密钥") as info:
        unit_keys.restore_key(second, backup_a, passphrase=PASS)
    assert (info.value.backup_fingerprint, info.value.active_fingerprint) == (
        a.fingerprint,
        b.fingerprint,
    )
    assert unit_setup.active_key(second).fingerprint == b.fingerprint  # nothing changed

    result = unit_keys.restore_key(second, backup_a, passphrase=PASS, replace=True)
    assert (result.action, result.retired_fingerprint) == ("replaced", b.fingerprint)
    assert result.profile.fingerprint == a.fingerprint and result.profile.clerk == "王五"
    with second.factory() as s:
        statuses = {k.fingerprint: k.status for k in s.scalars(select(SigningKey))}
    assert statuses == {a.fingerprint: "active", b.fingerprint: "retired"}
    unit_keys.unlock_key(second, PASS)

    with pytest.raises(UnitSetupError, match="已经停用"):  # a retired key never comes back
        unit_keys.restore_key(second, backup_b, replace=True)
    assert unit_setup.active_key(second).fingerprint == a.fingerprint


def test_files_of_the_first_format_still_carry_their_numbering(
    pcs: Pcs, catalog: Catalog, tmp_path: Path
) -> None:
    """The office refuses files exported before every part was signed (old_format), but a
    clerk catching up on a new PC may still count them: their signature and payload are
    checked, their sheets are not (nothing is imported)."""
    import shutil

    old = FIXTURES / "old-format-submission.xlsx"
    pc = pcs.new("pc")
    unit_setup.init_unit(pc, catalog, "zjj", "李四", "", PASS)
    caught = export_numbering.catch_up_counters(pc, [old])
    assert caught == ExportCounters(2, {"2016Q1": 1})
    broken = tmp_path / "broken.xlsx"
    shutil.copy(old, broken)
    data = bytearray(broken.read_bytes())
    at = data.find(b"qr.signature")
    data[at + 200] ^= 1  # somewhere in the signature's text
    broken.write_bytes(bytes(data))
    with pytest.raises(unit_setup.UnitSetupError, match=r"broken\.xlsx"):
        export_numbering.catch_up_counters(pc, [broken])
