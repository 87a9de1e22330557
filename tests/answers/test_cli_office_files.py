"""The office key and plan packages through the command line (docs/design.md §5)."""

from __future__ import annotations

import json

from tests.answers.kit import SZ16, Cli


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
