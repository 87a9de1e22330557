"""The tamper matrix: every way of passing off a changed or replayed file, through the office
import, each with its outcome and its reason code, and the store unchanged where it must be.
(The attacks on the package itself, one class each, are in test_signed_attacks.py.)"""

from __future__ import annotations

import base64
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.catalog import Catalog
from app.io import keys
from app.io.canonical import payload_bytes
from app.io.submission_reader import SubmissionRejected, read_submission, verify_submission
from app.models import Submission
from app.services.office_import import FileOutcome, Importer
from app.services.office_trust import revoke_key
from app.services.stores import Store
from tests.kit.keys import Key, trust
from tests.kit.submissions import (
    custom_xml,
    entries,
    make_payload,
    resigned,
    rezip,
    sheet_part,
    signed_properties,
    write,
)
from tests.kit.world import office_state


@dataclass
class World:
    tmp: Path
    catalog: Catalog
    store: Store
    zjj: Key  # registered for zjj
    jtys: Key  # registered for jtys

    def file(self, name: str, key: Key | None = None, **kw: object) -> Path:
        unit = str(kw.pop("unit", "zjj"))
        p = make_payload(self.catalog, unit, **kw)  # type: ignore[arg-type]
        return write(self.tmp, self.catalog, key or self.zjj, p, name)

    def patched(self, name: str, source: Path, data: bytes) -> Path:
        out = self.tmp / name
        out.write_bytes(data)
        return out


def _with_props(data: bytes, change: Callable[[dict[str, str]], None]) -> bytes:
    props = signed_properties(data)
    change(props)
    return rezip(data, {"docProps/custom.xml": custom_xml(dict(props))})


def edited_cell(w: World) -> list[Path]:
    f = w.file("cell.xlsx")
    data = f.read_bytes()
    part = sheet_part(data, "任务进展")
    xml = entries(data)[part]
    edited = xml.replace(b"<t>", b"<t>\xe5\x85\xa8", 1)  # a visible text (any spelling)
    assert edited != xml
    return [w.patched("cell-edited.xlsx", f, rezip(data, {part: edited}))]


def removed_signature(w: World) -> list[Path]:
    f = w.file("s.xlsx")
    data = _with_props(f.read_bytes(), lambda p: p.pop("qr.signature"))
    return [w.patched("no-signature.xlsx", f, data)]


def swapped_signature(w: World) -> list[Path]:
    other = signed_properties(w.file("other.xlsx", text="另一份文件").read_bytes())
    f = w.file("s.xlsx")
    data = _with_props(f.read_bytes(), lambda p: p.update({"qr.signature": other["qr.signature"]}))
    return [w.patched("swapped-signature.xlsx", f, data)]


def resigned_by_stranger(w: World) -> list[Path]:
    """Payload kept, signature, key and fingerprint replaced by an unregistered key's."""
    stranger = Key()
    f = w.file("s.xlsx")
    data = f.read_bytes()
    signed = read_submission(data).signed  # the manifest and payload, as they were
    fp = keys.fingerprint(stranger.public)

    def resign(p: dict[str, str]) -> None:
        p["qr.signature"] = base64.b64encode(stranger.sign(signed)).decode()
        p["qr.public_key"] = base64.b64encode(stranger.public).decode()
        p["qr.fingerprint"] = fp

    return [w.patched("resigned.xlsx", f, _with_props(data, resign))]


def unregistered_key(w: World) -> list[Path]:
    return [w.file("stranger.xlsx", Key())]


def another_units_key(w: World) -> list[Path]:
    return [w.file("jtys-by-zjj.xlsx", w.zjj, unit="jtys")]


def revoked_key(w: World) -> list[Path]:
    revoke_key(w.store, keys.fingerprint(w.zjj.public), datetime(2016, 4, 1, tzinfo=UTC))
    return [w.file("after-revocation.xlsx")]  # signed 2016-04-08


def replayed_older_version(w: World) -> list[Path]:
    v2 = w.file("v2.xlsx", version=2, sequence=2)
    v1 = w.file("v1.xlsx", version=1, sequence=1)
    return [v2, v1]


def older_sequence_higher_version(w: World) -> list[Path]:
    v2 = w.file("v2.xlsx", version=2, sequence=9)
    v3 = w.file("v3.xlsx", version=3, sequence=4)
    return [v2, v3]


def same_file_again(w: World) -> list[Path]:
    f = w.file("once.xlsx")
    return [f, f]


def same_file_renamed(w: World) -> list[Path]:
    f = w.file("once.xlsx")
    copy = w.tmp / "copy-of-once.xlsx"
    copy.write_bytes(f.read_bytes())
    return [f, copy]


def other_plan_signed(w: World) -> list[Path]:
    p = replace(make_payload(w.catalog), plan_hash="0" * 64)
    good = w.file("good.xlsx").read_bytes()  # the writer refuses it: the signer makes it
    path = w.tmp / "other-plan.xlsx"
    path.write_bytes(resigned(good, w.zjj, payload=payload_bytes(p)))
    return [path]


# (row, builder, outcome of the last file, its code, words its reason must contain,
#  what the store gains: nothing, a version in the history, or the new current version)
MATRIX = [
    ("edited visible cell", edited_cell, "rejected", "manifest_digest", ["与签名时的内容不一致"],
     "none"),
    ("removed signature", removed_signature, "rejected", "bad_properties", ["qr.signature"],
     "none"),
    ("swapped signature", swapped_signature, "rejected", "bad_signature", ["签名无效"], "none"),
    # the cover sheet shows the signing key's fingerprint: a re-signed file contradicts it
    ("re-signed by a stranger", resigned_by_stranger, "rejected", "visible_cell",
     ["封面", "与签名数据不一致"], "none"),
    ("unregistered key", unregistered_key, "rejected", "unregistered_key", ["未登记"], "none"),
    ("another unit's key", another_units_key, "rejected", "key_other_unit", ["其他单位"],
     "none"),
    ("revoked key", revoked_key, "rejected", "key_revoked", ["吊销", "2016-04-01"], "none"),
    ("replayed older version", replayed_older_version, "superseded", "import_older", ["v2"],
     "history"),
    # a clerk on a new PC that had not caught up: ranked by its version, the newest
    ("older sequence, higher version", older_sequence_higher_version, "accepted",
     "import_replaces", ["v2"], "current"),
    ("same file again", same_file_again, "duplicate", "import_duplicate", ["导入过"], "none"),
    ("same file renamed", same_file_renamed, "duplicate", "import_duplicate", ["导入过"],
     "none"),
    ("signed for another plan", other_plan_signed, "rejected", "plan_hash", ["工作方案"],
     "none"),
]  # fmt: skip


@pytest.fixture
def world(tmp_path: Path, catalog: Catalog, office_store: Store) -> World:
    w = World(tmp_path, catalog, office_store, Key(), Key())
    trust(office_store, catalog, "zjj", w.zjj)
    trust(office_store, catalog, "jtys", w.jtys)
    return w


@pytest.mark.parametrize(
    ("builder", "outcome", "code", "words", "adds"),
    [row[1:] for row in MATRIX],
    ids=[row[0] for row in MATRIX],
)
def test_tamper_matrix(
    world: World,
    builder: Callable[[World], list[Path]],
    outcome: str,
    code: str,
    words: list[str],
    adds: str,
) -> None:
    files = builder(world)
    importer = Importer(world.store, world.catalog)
    for f in files[:-1]:  # the history the attack meets
        [o] = importer.run([f], in_process=True)
        assert o.outcome == "accepted", o
    before = office_state(world.store)
    [last] = importer.run([files[-1]], in_process=True)
    assert (last.outcome, last.code) == (outcome, code), last
    for word in words:
        assert word in last.reason, (word, last.reason)
    assert "\n" not in last.reason
    after = office_state(world.store)
    if adds == "none":
        assert after == before
    else:  # one version more: kept in the history, or the new current one
        assert before < after or {(u, v) for u, v, _c in before} < {(u, v) for u, v, _c in after}
        new = {(u, v, c) for u, v, c in after if (u, v) not in {(x, y) for x, y, _ in before}}
        assert {c for _u, _v, c in new} == {adds == "current"}
    _assert_one_current(world.store)


def _assert_one_current(store: Store) -> None:
    with store.factory() as s:
        rows = s.execute(
            select(Submission.unit_id, Submission.period_id).where(Submission.is_current)
        ).all()
    assert len(rows) == len(set(rows))


def test_every_single_byte_flip_of_the_signed_document_is_refused_with_its_reason(
    world: World,
) -> None:
    """Every byte of the signed document flipped in turn: refused as a bad signature (or,
    where the flip breaks the UTF-8 of the XML around it, as a damaged part); a sample of
    them also through the office import, which then records nothing but the log line."""
    f = world.file("jyj.xlsx", world.zjj)
    data = f.read_bytes()
    parts = entries(data)
    props = signed_properties(data)
    signed = read_submission(data).signed

    def with_document(raw: bytes) -> bytes:
        mine: dict[str, bytes | str] = {
            k: v for k, v in props.items() if not k.startswith("qr.signed.")
        }
        mine.update({"qr.signed.count": "1", "qr.signed.0001": raw})
        return rezip(parts, {"docProps/custom.xml": custom_xml(mine)}, None, zipfile.ZIP_STORED)

    reasons = {"bad_signature": "签名无效", "xml_malformed": "文件部件损坏"}
    sample: list[bytes] = []
    for i in range(len(signed)):
        flipped = bytearray(signed)
        flipped[i] ^= 0x01
        tampered = with_document(bytes(flipped))
        with pytest.raises(SubmissionRejected) as exc:
            verify_submission(tampered, world.catalog)
        assert exc.value.code in reasons, (i, exc.value.code, exc.value.reason)
        assert reasons[exc.value.code] in exc.value.reason
        if i % max(1, len(signed) // 12) == 0:
            sample.append(tampered)
    before = office_state(world.store)
    for k, tampered in enumerate(sample):
        path = world.tmp / f"flip-{k}.xlsx"
        path.write_bytes(tampered)
        [o] = Importer(world.store, world.catalog).run([path], in_process=True)
        assert isinstance(o, FileOutcome) and o.outcome == "rejected"
        assert o.code in reasons, o.reason
    assert office_state(world.store) == before
