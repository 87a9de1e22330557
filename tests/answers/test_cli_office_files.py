"""The office key and plan packages through the command line (docs/design.md §5)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.io import keys

OFFICE_PASS = "office quality 2016"
UNIT_PASS = "住建局 quality 2016"
SZ16 = "SZ-QUALITY-2016"


class Cli:
    """One data folder per role; ``office`` and ``unit`` run commands in their folder."""

    def __init__(self, tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.tmp, self.capsys = tmp, capsys

    def run(self, role: str, *args: str) -> tuple[int, str, str]:
        code = main(["--data-dir", str(self.tmp / role), role, *args])
        out, err = self.capsys.readouterr()
        return code, out, err

    def office(self, *args: str) -> tuple[int, str, str]:
        return self.run("office", *args)

    def unit(self, *args: str) -> tuple[int, str, str]:
        return self.run("unit", *args)

    def json(self, role: str, *args: str) -> Any:
        code, out, err = self.run(role, *args, "--json")
        assert code == 0, (out, err)
        return json.loads(out)

    def set_up(self, trust: bool = True) -> None:
        code, _, err = self.office("init", "--passphrase-env", "QR_OFFICE")
        assert code == 0, err
        code, _, err = self.unit("init", "--unit", "住建局", "--clerk", "张三",
                                 "--passphrase-env", "QR_UNIT")  # fmt: skip
        assert code == 0, err
        key_file = self.tmp / "office-key.json"
        assert self.office("key", "export", "--out", str(key_file))[0] == 0
        if trust:
            code, _, err = self.unit("office-key", "add", str(key_file), "--yes")
            assert code == 0, err


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)
    monkeypatch.setenv("QR_OFFICE", OFFICE_PASS)
    monkeypatch.setenv("QR_UNIT", UNIT_PASS)
    return Cli(tmp_path, capsys)


def test_office_init_creates_the_key_and_export_writes_its_file(cli: Cli) -> None:
    cli.set_up(trust=False)
    shown = cli.json("office", "key", "show")
    doc = json.loads((cli.tmp / "office-key.json").read_text())
    assert doc["fingerprint"] == shown["fingerprint"] and shown["status"] == "active"
    code, _out, err = cli.office("key", "create", "--passphrase-env", "QR_OFFICE")
    assert code == 1 and "已有签名密钥" in err
    trusted = cli.json("unit", "office-key", "show")
    assert trusted is None


def test_publish_writes_a_package_the_unit_imports(cli: Cli) -> None:
    cli.set_up()
    out = cli.tmp / "plan.xlsx"
    shown = cli.json("office", "plan", "publish", SZ16, "--out", str(out),
                     "--passphrase-env", "QR_OFFICE")  # fmt: skip
    assert shown["published_now"] is False and shown["package"]["file"] == str(out)
    imported = cli.json("unit", "plan", "import", str(out))
    assert imported["already_installed"] is True and imported["revision"] == 1
    listed = cli.json("unit", "plan", "list")
    assert [p["code"] for p in listed] == [SZ16]


def test_refusals_exit_1_with_a_code_and_no_traceback(cli: Cli) -> None:
    cli.set_up(trust=False)
    out = cli.tmp / "plan.xlsx"
    assert cli.office("plan", "publish", SZ16, "--out", str(out),
                      "--passphrase-env", "QR_OFFICE")[0] == 0  # fmt: skip
    code, text, err = cli.unit("plan", "import", str(out), "--json")
    assert code == 1 and json.loads(text)["code"] == "office_key_not_trusted"
    assert "Traceback" not in err and err.startswith("error: ")
    junk = cli.tmp / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not a zip at all")
    code, text, err = cli.unit("plan", "import", str(junk), "--json")
    assert code == 1 and "Traceback" not in err
    code, text, err = cli.unit("office-key", "add", str(junk), "--yes", "--json")
    assert code == 1 and json.loads(text)["code"] == "office_key_file_bad"
