"""Every file a unit receives goes through the one guard (issue 15 item 8): crafted attacker
files — another key, another unit's feedback, a tampered part, an older revision, a forged
rotation, a hand-made cell, a wrong hash, junk — are each refused through the command line
with a clear code, exit 1, no traceback, and leave the unit's store exactly as it was."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from app.io import keys
from app.io.feedback_package import read_feedback_package
from app.io.plan_package import read_plan_package
from app.services.feedback import write_feedback
from app.services.office_key import office_signer, rotate_office_key
from app.services.plans.package import import_plan_package, write_plan_package
from tests.kit.answers import (
    OFFICE_PASS,
    SZ16,
    Pair,
    Roles,
    add_notice,
    make_pair,
    publish_revision,
)
from tests.kit.keys import Key
from tests.kit.submissions import entries, resigned, rezip

TABLES = ("plan", "plan_revision", "task", "period", "office_trust", "feedback_received",
          "received_review", "received_comment", "receipt", "received_notice")  # fmt: skip


class _Signer(Key):
    """The office's real key in the shape tests/kit/submissions' ``resigned`` takes."""

    def __init__(self, pair: Pair, passphrase: str = OFFICE_PASS) -> None:
        self.office = office_signer(pair.office, passphrase)
        self.public = self.office.public_key

    def sign(self, data: bytes) -> bytes:
        return self.office.sign(data)


def unit_state(pair: Pair) -> dict[str, list[Any]]:
    with pair.unit.factory() as s:
        return {t: [tuple(r) for r in s.execute(text(f"SELECT * FROM {t} ORDER BY id"))]
                for t in TABLES}  # fmt: skip


def _plan(pair: Pair, name: str = "plan.xlsx", passphrase: str = OFFICE_PASS) -> Path:
    out = pair.tmp / name
    write_plan_package(pair.office, SZ16, out, passphrase)
    return out


def _feedback(pair: Pair) -> Path:
    add_notice(pair, 1, "请报送进展", "2016-05-01")
    folder = pair.tmp / "fb"
    folder.mkdir(exist_ok=True)
    [written] = write_feedback(pair.office, "2016Q1", folder, OFFICE_PASS)
    return written.path


def _write(pair: Pair, name: str, data: bytes) -> Path:
    path = pair.tmp / name
    path.write_bytes(data)
    return path


def other_key(pair: Pair) -> Path:
    theirs = make_pair(pair.tmp / "theirs", trust=False)
    return _plan(theirs)


def tampered_part(pair: Pair) -> Path:
    data = _plan(pair).read_bytes()
    sheet = "xl/worksheets/sheet2.xml"
    edited = entries(data)[sheet].replace("推进质量条例立法".encode(), "取消质量条例立法".encode())
    return _write(pair, "tampered.xlsx", rezip(data, replace={sheet: edited}))


def hand_made_cell(pair: Pair) -> Path:
    """Validly signed by the office key itself, but a cell says other than the payload."""
    data = _feedback(pair).read_bytes()
    sheet = "xl/worksheets/sheet4.xml"
    edited = entries(data)[sheet].replace("请报送进展".encode(), "无需报送".encode())
    signed = read_feedback_package(data).payload_bytes
    made = resigned(data, _Signer(pair), replace={sheet: edited}, payload=signed, kind="feedback")
    return _write(pair, "cell.xlsx", made)


def wrong_hash(pair: Pair) -> Path:
    data = _plan(pair).read_bytes()
    payload = read_plan_package(data).payload.to_json()
    payload["content_hash"] = "0" * 64
    from app.io.canonical import canonical_bytes

    made = resigned(data, _Signer(pair), payload=canonical_bytes(payload), kind="plan")
    return _write(pair, "hash.xlsx", made)


def forged_rotation(pair: Pair) -> Path:
    """An attacker's key with a 'rotation statement' it signed itself."""
    theirs = make_pair(pair.tmp / "theirs", trust=False)
    rotate_office_key(theirs.office, OFFICE_PASS, OFFICE_PASS + "2")
    return _plan(theirs, passphrase=OFFICE_PASS + "2")


def another_units_feedback(pair: Pair) -> Path:
    path = _feedback(pair)
    from app.models import Unit, UnitProfile

    with pair.unit.factory.begin() as s:
        s.query(UnitProfile).one().unit_id = s.query(Unit).filter(Unit.code == "fzb").one().id
    return path


def older_revision(pair: Pair) -> Path:
    old = _plan(pair, "old.xlsx")
    publish_revision(pair.office, lambda p: p["periods"][1].update(due="2016-07-20"))
    import_plan_package(pair.unit, _plan(pair, "new.xlsx"))
    return old


def a_submission(pair: Pair) -> Path:
    from app.services.catalog import default_catalog
    from tests.kit.keys import Key
    from tests.kit.submissions import sample_submission

    return _write(pair, "sub.xlsx", sample_submission(pair.tmp, default_catalog(), Key()))


def junk(pair: Pair) -> Path:
    return _write(pair, "junk.xlsx", b"PK\x03\x04" + bytes(range(256)) * 4)


def json_bomb(pair: Pair) -> Path:
    return _write(pair, "deep.xlsx", b"[" * 100_000)


CASES: list[tuple[str, Callable[[Pair], Path], str, str]] = [
    ("plan", other_key, "office_key_untrusted", "not signed by the trusted key"),
    ("plan", tampered_part, "manifest_digest", "a part edited after signing"),
    ("plan", wrong_hash, "bad_payload", "the plan's hash is not the signed one"),
    ("plan", forged_rotation, "office_key_untrusted", "a rotation the attacker signed"),
    ("plan", older_revision, "plan_package_older", "older than installed"),
    ("plan", a_submission, "wrong_kind", "a submission is not a plan package"),
    ("plan", junk, "not_xlsx", "junk"),
    ("feedback", hand_made_cell, "visible_cell", "a cell the payload does not say"),
    ("feedback", another_units_feedback, "feedback_other_unit", "for another unit"),
    ("feedback", a_submission, "wrong_kind", "a submission is not feedback"),
    ("feedback", json_bomb, "not_xlsx", "not a zip at all"),
]


@pytest.mark.parametrize(
    ("command", "craft", "code", "why"), CASES, ids=[f"{c[0]}-{c[1].__name__}" for c in CASES]
)
def test_a_hostile_file_is_refused_and_changes_nothing(
    pair: Pair,
    capsys: pytest.CaptureFixture[str],
    command: str,
    craft: Callable[[Pair], Path],
    code: str,
    why: str,
) -> None:
    path = craft(pair)
    before = unit_state(pair)
    status, out, err = Roles(pair.tmp, capsys).unit(command, "import", str(path), "--json")
    assert status == 1, (why, out, err)
    assert json.loads(out)["code"] == code, why
    assert err.startswith("error: ") and "Traceback" not in err and len(err.splitlines()) == 1
    assert unit_state(pair) == before, why


def test_a_rotation_statement_file_signed_by_another_key_is_refused(pair: Pair) -> None:
    theirs = make_pair(pair.tmp / "theirs", trust=False)
    rotate_office_key(theirs.office, OFFICE_PASS, OFFICE_PASS + "2")
    from app.services.office_key import write_rotation_file
    from app.services.unit_office_key import follow_rotation

    statement = write_rotation_file(theirs.office, pair.tmp / "rotation.json")
    before = unit_state(pair)
    from app.domain.messages import Refusal

    with pytest.raises(Refusal) as exc:
        follow_rotation(pair.unit, statement)
    assert exc.value.code == "office_rotation_bad"
    assert unit_state(pair) == before
    doc = json.loads(statement.read_text())
    doc["signature"] = keys.b64(b"\0" * 64)
    statement.write_text(json.dumps(doc))
    with pytest.raises(Refusal):
        follow_rotation(pair.unit, statement)


def test_a_genuine_rotation_statement_file_is_followed(pair: Pair) -> None:
    from app.services.office_key import write_rotation_file
    from app.services.unit_office_key import follow_rotation, trusted_office_key

    new = rotate_office_key(pair.office, OFFICE_PASS, OFFICE_PASS + "2")
    statement = write_rotation_file(pair.office, pair.tmp / "rotation.json")
    assert follow_rotation(pair.unit, statement).fingerprint == new.fingerprint
    trusted = trusted_office_key(pair.unit)
    assert trusted is not None and trusted.fingerprint == new.fingerprint
