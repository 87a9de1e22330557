"""Signing keys: sealing at rest, registration, rotation (app/io/keys.py), backup
(app/io/key_backup.py) and the unit services that keep them (app/services/unit_setup.py,
unit_keys.py)."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import time
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import select

from app.config import Settings
from app.domain.catalog import Catalog
from app.io import key_backup, keys
from app.io.registration_sheet import registration_sheet_html
from app.models import SigningKey, UnitProfile
from app.services import unit_keys, unit_setup
from app.services.stores import Store, open_unit_store
from app.services.unit_setup import UnitSetupError

PASS = "福田 quality 2016!"


@pytest.fixture
def fast_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """scrypt at 2^17 costs ~0.4 s; most tests only need the envelope's logic."""
    monkeypatch.setattr(keys, "SCRYPT_N", 2**12)


def forms_of(secret: bytes) -> list[bytes]:
    """The private key as it could leak: raw, hex, base64."""
    return [secret, secret.hex().encode(), base64.b64encode(secret)]


# -- the key ------------------------------------------------------------------------------
def test_fingerprint_and_its_readable_form() -> None:
    private = keys.generate_private_key()
    public = keys.public_key_of(private)
    assert len(private) == 32 and len(public) == 32
    fp = keys.fingerprint(public)
    assert fp == hashlib.sha256(public).hexdigest() and fp == fp.lower()
    groups = keys.format_fingerprint(fp).split(" ")
    assert len(groups) == 16 and all(len(g) == 4 and g == g.upper() for g in groups)
    assert "".join(groups).lower() == fp


def test_sign_and_verify() -> None:
    private = keys.generate_private_key()
    public = keys.public_key_of(private)
    sig = keys.sign(private, b"payload")
    assert keys.verify(public, b"payload", sig)
    assert not keys.verify(public, b"payloaD", sig)
    assert not keys.verify(keys.public_key_of(keys.generate_private_key()), b"payload", sig)
    assert not keys.verify(public, b"payload", bytes([sig[0] ^ 1]) + sig[1:])
    assert not keys.verify(public, b"payload", b"short")


# -- sealing ------------------------------------------------------------------------------
def test_seal_at_full_cost_round_trips_and_hides_the_key() -> None:
    private = keys.generate_private_key()
    start = time.perf_counter()
    sealed = keys.seal_private_key(private, PASS)
    seal_seconds = time.perf_counter() - start
    env = json.loads(sealed)
    assert env["kdf"] == "scrypt" and env["n"] >= 2**17 and env["r"] == 8 and env["p"] == 1
    assert env["alg"] == "AES-256-GCM" and env["v"] == 1
    assert env["fingerprint"] == keys.fingerprint(keys.public_key_of(private))
    assert len(base64.b64decode(env["salt"])) == 16 and len(base64.b64decode(env["nonce"])) == 12
    assert all(form not in sealed for form in forms_of(private))
    assert keys.open_private_key(sealed, PASS) == private
    assert seal_seconds > 0.05  # a real memory-hard derivation ran, not a shortcut


def test_wrong_passphrase(fast_scrypt: None) -> None:
    sealed = keys.seal_private_key(keys.generate_private_key(), PASS)
    with pytest.raises(keys.WrongPassphrase, match="密码不正确"):
        keys.open_private_key(sealed, PASS + "x")


def test_the_passphrase_is_compared_in_nfc(fast_scrypt: None) -> None:
    private = keys.generate_private_key()
    sealed = keys.seal_private_key(private, unicodedata.normalize("NFC", "Café 密码 quality"))
    assert keys.open_private_key(sealed, unicodedata.normalize("NFD", "Café 密码 quality")) == (
        private
    )


def test_two_seals_differ(fast_scrypt: None) -> None:
    private = keys.generate_private_key()
    a, b = keys.seal_private_key(private, PASS), keys.seal_private_key(private, PASS)
    assert json.loads(a)["salt"] != json.loads(b)["salt"]
    assert json.loads(a)["ct"] != json.loads(b)["ct"]


def test_envelope_bound_to_its_fingerprint(fast_scrypt: None) -> None:
    sealed = keys.seal_private_key(keys.generate_private_key(), PASS)
    env = json.loads(sealed)
    env["fingerprint"] = keys.fingerprint(keys.public_key_of(keys.generate_private_key()))
    with pytest.raises(keys.WrongPassphrase):
        keys.open_private_key(json.dumps(env).encode(), PASS)


@pytest.mark.parametrize(
    ("change", "value"),
    [("n", 2**30), ("n", 3000), ("r", 64), ("kdf", "pbkdf2"), ("alg", "AES-128-CBC"), ("v", 2)],
)
def test_hostile_or_unknown_envelopes_are_refused_before_deriving(
    fast_scrypt: None, change: str, value: object
) -> None:
    env = json.loads(keys.seal_private_key(keys.generate_private_key(), PASS))
    env[change] = value
    start = time.perf_counter()
    with pytest.raises(keys.KeyFileError) as info:
        keys.open_private_key(json.dumps(env).encode(), PASS)
    assert not isinstance(info.value, keys.WrongPassphrase)
    assert time.perf_counter() - start < 0.5


def test_garbage_envelope() -> None:
    with pytest.raises(keys.KeyFileError, match="损坏"):
        keys.open_private_key(b"\x00not json", PASS)


# -- registration file --------------------------------------------------------------------
def registration(tmp_path: Path) -> tuple[Path, bytes]:
    from datetime import UTC, datetime

    public = keys.public_key_of(keys.generate_private_key())
    doc = keys.registration_document(
        "zjj", "深圳市住房和建设局", public, "张三", datetime(2016, 3, 1, 8, 0, tzinfo=UTC)
    )
    return keys.write_registration(tmp_path / "zjj.json", doc), public


def test_registration_round_trip(tmp_path: Path) -> None:
    path, public = registration(tmp_path)
    doc = json.loads(path.read_text("utf-8"))
    assert doc["format"] == "qualityreport.key-registration/1"
    assert base64.b64decode(doc["public_key"]) == public
    assert doc["fingerprint"] == hashlib.sha256(public).hexdigest()
    assert doc["created_at"] == "2016-03-01T08:00:00Z" and doc["clerk"] == "张三"
    reg = keys.read_registration(path)
    assert (reg.unit, reg.unit_name, reg.public_key, reg.clerk) == (
        "zjj",
        "深圳市住房和建设局",
        public,
        "张三",
    )
    assert reg.fingerprint == keys.fingerprint(public)
    assert reg.created_at.isoformat() == "2016-03-01T08:00:00+00:00"


@pytest.mark.parametrize("field", ["public_key", "fingerprint"])
def test_registration_tampering_is_refused(tmp_path: Path, field: str) -> None:
    path, _ = registration(tmp_path)
    doc = json.loads(path.read_text("utf-8"))
    other = keys.public_key_of(keys.generate_private_key())
    doc[field] = base64.b64encode(other).decode() if field == "public_key" else "0" * 64
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(keys.RegistrationError, match="指纹"):
        keys.read_registration(path)


def test_registration_not_one(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{"format": "something/1"}', "utf-8")
    with pytest.raises(keys.RegistrationError, match="format"):
        keys.read_registration(bad)
    bad.write_text("[1,", "utf-8")
    with pytest.raises(keys.RegistrationError, match="JSON"):
        keys.read_registration(bad)
    with pytest.raises(keys.RegistrationError):
        keys.read_registration(tmp_path / "missing.json")


def test_registration_sheet_escapes_typed_text(tmp_path: Path) -> None:
    path, public = registration(tmp_path)
    reg = keys.read_registration(path)
    reg = dataclasses.replace(reg, unit_name="<b>局</b>", clerk="<script>x</script>")
    html = registration_sheet_html(reg, contact="0755 & 8888")
    assert "<script>" not in html and "&lt;script&gt;" in html and "0755 &amp; 8888" in html
    assert keys.format_fingerprint(keys.fingerprint(public)).split(" ")[0] in html


# -- rotation statement -------------------------------------------------------------------
def test_rotation_statement_signed_by_the_old_key() -> None:
    from datetime import UTC, datetime

    old = keys.generate_private_key()
    new_public = keys.public_key_of(keys.generate_private_key())
    doc = keys.rotation_statement(old, new_public, "zjj", datetime(2016, 6, 1, tzinfo=UTC))
    doc = json.loads(json.dumps(doc))  # as read back from a file
    assert keys.verify_rotation(doc, keys.public_key_of(old)) == new_public
    stranger = keys.public_key_of(keys.generate_private_key())
    with pytest.raises(keys.RotationError):
        keys.verify_rotation(doc, stranger)
    swapped = dict(doc, new_public_key=base64.b64encode(stranger).decode())
    swapped["new_fingerprint"] = keys.fingerprint(stranger)
    with pytest.raises(keys.RotationError, match="签名"):
        keys.verify_rotation(swapped, keys.public_key_of(old))
    with pytest.raises(keys.RotationError):
        keys.verify_rotation(dict(doc, unit="scjg"), keys.public_key_of(old))


# -- backup -------------------------------------------------------------------------------
def test_backup_round_trip_stays_sealed(fast_scrypt: None) -> None:
    private = keys.generate_private_key()
    public = keys.public_key_of(private)
    sealed = keys.seal_private_key(private, PASS)
    data = key_backup.export_key_backup(sealed, public, "zjj", "深圳市住房和建设局", "张三", "123")
    assert all(form not in data for form in forms_of(private))
    got = key_backup.read_key_backup(data)
    assert got.public_key == public
    assert keys.open_private_key(got.sealed, PASS) == private
    with pytest.raises(keys.KeyFileError):
        key_backup.export_key_backup(sealed, keys.public_key_of(keys.generate_private_key()))
    doc = json.loads(data)
    doc["public_key"] = base64.b64encode(keys.public_key_of(keys.generate_private_key())).decode()
    with pytest.raises(keys.KeyFileError, match="不符"):
        key_backup.read_key_backup(json.dumps(doc).encode())


def test_backup_carries_the_export_numbering(fast_scrypt: None) -> None:
    private = keys.generate_private_key()
    public = keys.public_key_of(private)
    sealed = keys.seal_private_key(private, PASS)
    counters = key_backup.ExportCounters(7, {"2016Q2": 1, "2016Q1": 3})
    data = key_backup.export_key_backup(sealed, public, "zjj", counters=counters)
    doc = json.loads(data)
    assert doc["counters"] == {"next_sequence": 7, "versions": {"2016Q1": 3, "2016Q2": 1}}
    assert key_backup.read_key_backup(data).counters == counters
    del doc["counters"]  # a backup written before backups carried the numbering
    assert key_backup.read_key_backup(json.dumps(doc).encode()).counters is None


@pytest.mark.parametrize(
    "bad",
    [
        [],
        {"versions": {}},
        {"next_sequence": 0},
        {"next_sequence": True},
        {"next_sequence": "3"},
        {"next_sequence": 10**10},
        {"next_sequence": 2, "versions": []},
        {"next_sequence": 2, "versions": {"2016Q1": -1}},
        {"next_sequence": 2, "versions": {"2016Q1": 1.5}},
        {"next_sequence": 2, "versions": {"../x": 1}},
        {"next_sequence": 2, "versions": {"": 1}},
        {"next_sequence": 2, "versions": {f"P{i}": 1 for i in range(101)}},
    ],
)
def test_malformed_counters_in_a_backup_are_refused(fast_scrypt: None, bad: object) -> None:
    private = keys.generate_private_key()
    data = key_backup.export_key_backup(
        keys.seal_private_key(private, PASS), keys.public_key_of(private), "zjj"
    )
    doc = dict(json.loads(data), counters=bad)
    with pytest.raises(keys.KeyFileError, match="报送编号"):
        key_backup.read_key_backup(json.dumps(doc).encode())


def test_counters_merge_never_goes_backwards() -> None:
    here = key_backup.ExportCounters(5, {"2016Q1": 2, "2016Q2": 4})
    there = key_backup.ExportCounters(3, {"2016Q1": 3, "2016": 1})
    merged = here.merged(there)
    assert merged == key_backup.ExportCounters(5, {"2016": 1, "2016Q1": 3, "2016Q2": 4})
    assert there.merged(here) == merged


# -- the unit set-up service --------------------------------------------------------------
def store_bytes(settings: Settings) -> bytes:
    """Every byte the install wrote: the SQLite file, its WAL and shared memory, backups."""
    return b"".join(p.read_bytes() for p in settings.data_dir.rglob("*") if p.is_file())


def test_init_unit_keeps_the_private_key_out_of_the_store_file(
    fast_scrypt: None, settings: Settings, unit_store: Store, catalog: Catalog
) -> None:
    info = unit_setup.init_unit(unit_store, catalog, "住建局", " 张三 ", "0755-1", PASS)
    assert (info.unit_id, info.unit_name, info.clerk, info.contact) == (
        "zjj",
        "深圳市住房和建设局",
        "张三",
        "0755-1",
    )
    private = unit_keys.unlock_key(unit_store, PASS)
    assert info.fingerprint == keys.fingerprint(keys.public_key_of(private))
    unit_store.close()  # checkpoint nothing by hand: the WAL is read as it is, too
    data = store_bytes(settings)
    assert keys.public_key_of(private) in data  # the grep itself can find 32 raw bytes
    assert all(form not in data for form in forms_of(private))


def test_profile_and_key_are_one_transaction_and_readable(
    fast_scrypt: None, unit_store: Store, catalog: Catalog
) -> None:
    assert unit_setup.get_profile(unit_store, catalog) is None
    info = unit_setup.init_unit(unit_store, catalog, "zjj", "张三", "", PASS)
    assert unit_setup.get_profile(unit_store, catalog) == info
    with unit_store.factory() as s:
        assert len(s.scalars(select(UnitProfile)).all()) == 1
        (key,) = s.scalars(select(SigningKey)).all()
        assert key.status == "active" and key.fingerprint == info.fingerprint
    active = unit_setup.active_key(unit_store)
    assert keys.fingerprint(active.public_key) == info.fingerprint


@pytest.mark.parametrize(
    ("unit", "clerk", "passphrase", "message"),
    [
        ("没有这个单位", "张三", PASS, "没有单位"),
        ("市质量强市办", "张三", PASS, "不需要填报"),
        ("住建局", "  ", PASS, "姓名"),
        ("住建局", "张三", "short", "至少"),
        ("住建局", "张三", "1234567890", "常见"),
    ],
)
def test_init_unit_refusals(
    unit_store: Store, catalog: Catalog, unit: str, clerk: str, passphrase: str, message: str
) -> None:
    with pytest.raises(UnitSetupError, match=message):
        unit_setup.init_unit(unit_store, catalog, unit, clerk, "", passphrase)
    assert unit_setup.get_profile(unit_store) is None  # nothing half-made


def test_init_twice_is_refused(fast_scrypt: None, unit_store: Store, catalog: Catalog) -> None:
    unit_setup.init_unit(unit_store, catalog, "住建局", "张三", "", PASS)
    with pytest.raises(UnitSetupError, match="已设置为深圳市住房和建设局"):
        unit_setup.init_unit(unit_store, catalog, "水务局", "李四", "", PASS)


def test_unlock_with_wrong_passphrase(
    fast_scrypt: None, unit_store: Store, catalog: Catalog
) -> None:
    unit_setup.init_unit(unit_store, catalog, "住建局", "张三", "", PASS)
    with pytest.raises(keys.WrongPassphrase, match="密码不正确"):
        unit_keys.unlock_key(unit_store, "not the passphrase")


def test_registration_file_of_the_install(
    fast_scrypt: None, tmp_path: Path, unit_store: Store, catalog: Catalog
) -> None:
    info = unit_setup.init_unit(unit_store, catalog, "住建局", "张三", "", PASS)
    path = unit_setup.write_registration_file(unit_store, catalog, tmp_path / "reg.json")
    reg = keys.read_registration(path)
    assert (reg.unit, reg.fingerprint, reg.clerk) == ("zjj", info.fingerprint, "张三")
    assert reg.created_at == info.key_created_at


def test_rotate_key(fast_scrypt: None, tmp_path: Path, unit_store: Store, catalog: Catalog) -> None:
    before = unit_setup.init_unit(unit_store, catalog, "住建局", "张三", "", PASS)
    old_public = unit_setup.active_key(unit_store).public_key
    with pytest.raises(keys.WrongPassphrase):
        unit_keys.rotate_key(unit_store, "wrong passphrase", "new passphrase 2016")
    after = unit_keys.rotate_key(unit_store, PASS, "new passphrase 2016")
    assert after.fingerprint != before.fingerprint
    with unit_store.factory() as s:
        rows = {k.fingerprint: k.status for k in s.scalars(select(SigningKey))}
    assert rows == {before.fingerprint: "retired", after.fingerprint: "active"}
    path = unit_keys.write_rotation_file(unit_store, tmp_path / "rotation.json")
    statement = json.loads(path.read_text("utf-8"))
    new_public = keys.verify_rotation(statement, old_public)
    assert keys.fingerprint(new_public) == after.fingerprint
    unit_keys.unlock_key(unit_store, "new passphrase 2016")
    with pytest.raises(keys.WrongPassphrase):
        unit_keys.unlock_key(unit_store, PASS)


def test_change_passphrase_keeps_the_key(
    fast_scrypt: None, unit_store: Store, catalog: Catalog
) -> None:
    info = unit_setup.init_unit(unit_store, catalog, "住建局", "张三", "", PASS)
    private = unit_keys.unlock_key(unit_store, PASS)
    unit_keys.change_passphrase(unit_store, PASS, "another passphrase!")
    assert unit_keys.unlock_key(unit_store, "another passphrase!") == private
    assert unit_setup.get_profile(unit_store) == info


def test_backup_and_restore_onto_a_new_install(
    fast_scrypt: None, tmp_path: Path, unit_store: Store, catalog: Catalog
) -> None:
    info = unit_setup.init_unit(unit_store, catalog, "住建局", "张三", "0755", PASS)
    private = unit_keys.unlock_key(unit_store, PASS)
    backup = unit_keys.backup_key(unit_store, tmp_path / "key-backup.json")
    assert all(form not in backup.read_bytes() for form in forms_of(private))

    fresh = open_unit_store(Settings(tmp_path / "new-pc"))
    try:
        with pytest.raises(keys.WrongPassphrase):
            unit_keys.restore_key(fresh, backup, passphrase="wrong passphrase")
        assert unit_setup.get_profile(fresh) is None
        result = unit_keys.restore_key(fresh, backup, passphrase=PASS)
        restored = result.profile
        assert (result.action, result.passphrase_checked, result.retired_fingerprint) == (
            "installed",
            True,
            "",
        )
        assert (restored.unit_id, restored.clerk, restored.contact, restored.fingerprint) == (
            "zjj",
            "张三",
            "0755",
            info.fingerprint,
        )
        assert unit_keys.unlock_key(fresh, PASS) == private
        again = unit_keys.restore_key(fresh, backup)  # again: nothing changes
        assert (again.action, again.profile) == ("unchanged", restored)
    finally:
        fresh.close()

    other = open_unit_store(Settings(tmp_path / "other-unit"))
    try:
        unit_setup.init_unit(other, catalog, "水务局", "李四", "", PASS)
        with pytest.raises(UnitSetupError, match="另一个单位"):
            unit_keys.restore_key(other, backup)
    finally:
        other.close()
