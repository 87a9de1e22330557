"""``verify FILE [--pubkey F] [--integrity-only] [--json]``: one line or one JSON object on
every outcome, the right exit status, no store touched."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from app.cli import main
from app.domain.catalog import Catalog
from app.io import keys
from app.io.canonical import payload_bytes
from app.io.submission_layout import SHEET_TASKS
from tests.kit.keys import Key
from tests.kit.paths import ROOT
from tests.kit.submissions import entries, make_payload, resigned, rezip, sheet_part, write


@pytest.fixture(scope="module")
def key() -> Key:
    return Key()


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog, key: Key) -> Path:
    payload = make_payload(catalog, "zjj", version=2)
    return write(tmp_path_factory.mktemp("cli"), catalog, key, payload, "住建局-2016Q1-v2.xlsx")


@pytest.fixture(scope="module")
def tampered(signed: Path) -> Path:
    data = signed.read_bytes()
    part = sheet_part(data, SHEET_TASKS)
    xml = entries(data)[part].replace(b"<t>", b"<t>\xe6\x94\xb9", 1)  # a visible text edited
    path = signed.with_name("tampered.xlsx")
    path.write_bytes(rezip(data, {part: xml}))
    return path


@pytest.fixture(scope="module")
def registration(tmp_path_factory: pytest.TempPathFactory, key: Key) -> Path:
    at = datetime(2016, 3, 1, tzinfo=UTC)
    doc = keys.registration_document("zjj", "深圳市住房和建设局", key.public, "张三", at)
    return keys.write_registration(tmp_path_factory.mktemp("reg") / "zjj.json", doc)


def run(capsys: pytest.CaptureFixture[str], tmp_path: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(tmp_path / "data"), "verify", *args])
    out, err = capsys.readouterr()
    return code, out, err


def groups(key: Key) -> str:
    return keys.format_fingerprint(keys.fingerprint(key.public))


def test_valid_file_with_its_key_prints_ok_and_touches_no_store(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, signed: Path, key: Key, registration: Path
) -> None:
    code, out, err = run(capsys, tmp_path, str(signed), "--pubkey", str(registration))
    assert code == 0, err
    assert out == f"OK: 深圳市住房和建设局 2016Q1 v2 signed by {groups(key)} (signer verified)\n"
    made = {p.relative_to(tmp_path / "data").parts[0] for p in (tmp_path / "data").rglob("*")}
    assert made <= {"logs"}  # no store, no backup: only the log file


def test_without_a_key_the_signer_is_unverified_and_the_exit_status_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, signed: Path, key: Key
) -> None:
    code, out, _ = run(capsys, tmp_path, str(signed))
    assert code == 1
    assert out.startswith("UNVERIFIED: 深圳市住房和建设局 2016Q1 v2: ") and out.count("\n") == 1
    assert groups(key) in out and "--pubkey" in out
    code, out, _ = run(capsys, tmp_path, str(signed), "--json")
    doc = json.loads(out)
    assert code == 1 and doc["valid"] is True and doc["signer_verified"] is False
    assert doc["code"] == "signer_unverified" and doc["reason"]
    code, out, _ = run(capsys, tmp_path, str(signed), "--integrity-only")
    assert code == 0 and out.startswith("OK (integrity only): ") and "not verified" in out
    code, out, _ = run(capsys, tmp_path, str(signed), "--integrity-only", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["valid"] is True and doc["signer_verified"] is False


def test_json_output(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    signed: Path,
    tampered: Path,
    key: Key,
    registration: Path,
) -> None:
    code, out, _ = run(capsys, tmp_path, str(signed), "--pubkey", str(registration), "--json")
    doc = json.loads(out)
    assert code == 0
    shown = ("file", "valid", "signer_verified", "code", "reason", "unit", "period", "version")
    assert {k: doc[k] for k in shown} == {
        "file": str(signed),
        "valid": True,
        "signer_verified": True,
        "code": "ok",
        "reason": "通过",
        "unit": "zjj",
        "period": "2016Q1",
        "version": 2,
    }
    assert doc["fingerprint"] == keys.fingerprint(key.public)
    code, out, _ = run(capsys, tmp_path, str(tampered), "--json")
    doc = json.loads(out)
    assert code == 1
    assert doc["valid"] is False and doc["signer_verified"] is False
    assert doc["code"] == "manifest_digest"
    assert doc["params"] == {"name": "xl/worksheets/sheet2.xml"}
    assert doc["unit"] == "zjj" and doc["version"] == 2  # the genuine payload, for the log


def test_every_outcome_prints_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, signed: Path, key: Key, catalog: Catalog
) -> None:
    """Bad usage, a refusal deep in the payload (a 5,000-digit number, which Python's own
    int() refuses with a ValueError of its own) and a cell edited by the signer: one JSON
    object each, with its code, and the exit status of the outcome."""
    payload = make_payload(catalog, "zjj")
    data = write(tmp_path, catalog, key, payload, "base.xlsx").read_bytes()
    raw = payload_bytes(payload).replace(b'"version":1', b'"version":' + b"7" * 5000)
    huge = tmp_path / "huge.xlsx"
    huge.write_bytes(resigned(data, key, payload=raw))
    cases = [
        ((str(tmp_path / "nope.xlsx"),), 2, "file_missing"),
        ((str(signed), "--pubkey", str(tmp_path / "nope.key")), 2, "pubkey_unreadable"),
        ((str(huge),), 1, "bad_payload"),
    ]
    for args, status, code in cases:
        got, out, err = run(capsys, tmp_path, *args, "--json")
        doc = json.loads(out)
        assert (got, doc["code"]) == (status, code), doc
        assert doc["reason"] and "\n" not in doc["reason"] and err == ""
        assert doc["valid"] is False and doc["signer_verified"] is False


def test_tampered_file_is_refused_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tampered: Path
) -> None:
    code, out, err = run(capsys, tmp_path, str(tampered))
    assert code == 1
    assert out.startswith("REFUSED: 部件 xl/worksheets/sheet2.xml") and out.count("\n") == 1
    assert err == ""


def test_missing_file_is_bad_usage(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, tmp_path, str(tmp_path / "nope.xlsx"))
    assert code == 2 and out == ""
    assert "nope.xlsx" in err and err.count("\n") == 1


def test_pubkey_from_a_registration_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, signed: Path, key: Key, registration: Path
) -> None:
    assert run(capsys, tmp_path, str(signed), "--pubkey", str(registration))[0] == 0
    other = Key()
    at = datetime(2016, 3, 1, tzinfo=UTC)
    theirs = keys.registration_document("zjj", "深圳市住房和建设局", other.public, "李四", at)
    reg2 = keys.write_registration(tmp_path / "other.json", theirs)
    code, out, _ = run(capsys, tmp_path, str(signed), "--pubkey", str(reg2))
    assert code == 1 and out.startswith("REFUSED: 签名密钥与指定的公钥不符")
    assert groups(key) in out


def test_on_an_office_computer_the_registry_is_the_key(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, signed: Path, key: Key, registration: Path
) -> None:
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "office", "init"]) == 0
    capsys.readouterr()
    code, out, _ = run(capsys, tmp_path, str(signed), "--json")
    assert code == 1 and json.loads(out)["code"] == "unregistered_key"
    assert main(["--data-dir", data, "office", "trust", "add", str(registration), "--yes"]) == 0
    capsys.readouterr()
    code, out, _ = run(capsys, tmp_path, str(signed), "--json")
    doc = json.loads(out)
    assert code == 0 and doc["signer_verified"] is True
    fp = keys.fingerprint(key.public)
    assert main(["--data-dir", data, "office", "trust", "revoke", fp]) == 0
    capsys.readouterr()
    code, out, _ = run(capsys, tmp_path, str(signed), "--json")
    assert code == 1 and json.loads(out)["code"] == "key_revoked"


def test_pubkey_in_other_forms(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, signed: Path, key: Key
) -> None:
    raw = tmp_path / "k.bin"
    raw.write_bytes(key.public)
    text = tmp_path / "k.txt"
    text.write_text(base64.b64encode(key.public).decode() + "\n")
    pem = tmp_path / "k.pem"
    pem.write_bytes(
        key.private.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    )
    minimal = tmp_path / "k.json"
    minimal.write_text(json.dumps({"public_key": base64.b64encode(key.public).decode()}))
    for f in (raw, text, pem, minimal):
        code, out, err = run(capsys, tmp_path, str(signed), "--pubkey", str(f))
        assert code == 0, (f.name, out, err)
        assert "(signer verified)" in out


@pytest.mark.parametrize(
    "content",
    [
        b"not a key",
        json.dumps({"public_key": base64.b64encode(b"x" * 32).decode(), "fingerprint": "00"}),
        json.dumps({"key": "missing"}),
        base64.b64encode(b"short"),
    ],
    ids=["garbage", "fingerprint-mismatch", "no-public-key", "short-key"],
)
def test_bad_pubkey_file_is_bad_usage(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, signed: Path, content: bytes | str
) -> None:
    f = tmp_path / "bad.key"
    f.write_bytes(content if isinstance(content, bytes) else content.encode())
    code, out, err = run(capsys, tmp_path, str(signed), "--pubkey", str(f))
    assert code == 2 and out == "" and err.count("\n") == 1


def test_real_process_exit_status(tmp_path: Path, signed: Path, tampered: Path) -> None:
    def app(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app", "--data-dir", str(tmp_path / "d"), "verify", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )

    ok = app(str(signed), "--integrity-only")
    assert ok.returncode == 0 and ok.stdout.startswith("OK (integrity only): "), ok.stderr
    bad = app(str(tampered))
    assert bad.returncode == 1 and bad.stdout.startswith("REFUSED: ")
    assert "Traceback" not in bad.stderr + ok.stderr
