"""The office key and plan packages through the command line (docs/design.md §5)."""

from __future__ import annotations

import json

import pytest

from app.domain.messages import Refusal
from tests.kit.answers import SZ16, Roles


def test_office_init_creates_the_key_and_export_writes_its_file(roles: Roles) -> None:
    roles.set_up(trust=False)
    shown = roles.json("office", "key", "show")
    doc = json.loads((roles.tmp / "office-key.json").read_text())
    assert doc["fingerprint"] == shown["fingerprint"] and shown["status"] == "active"
    code, _out, err = roles.office("key", "create", "--passphrase-env", "QR_OFFICE")
    assert code == 1 and "已有签名密钥" in err
    trusted = roles.json("unit", "office-key", "show")
    assert trusted is None


def test_publish_writes_a_package_the_unit_imports(roles: Roles) -> None:
    roles.set_up()
    out = roles.tmp / "plan.xlsx"
    shown = roles.json("office", "plan", "publish", SZ16, "--out", str(out),
                     "--passphrase-env", "QR_OFFICE")  # fmt: skip
    assert shown["published_now"] is False and shown["package"]["file"] == str(out)
    imported = roles.json("unit", "plan", "import", str(out))
    assert imported["already_installed"] is True and imported["revision"] == 1
    listed = roles.json("unit", "plan", "list")
    assert [p["code"] for p in listed] == [SZ16]


def test_refusals_exit_1_with_a_code_and_no_traceback(roles: Roles) -> None:
    roles.set_up(trust=False)
    out = roles.tmp / "plan.xlsx"
    assert roles.office("plan", "publish", SZ16, "--out", str(out),
                      "--passphrase-env", "QR_OFFICE")[0] == 0  # fmt: skip
    code, text, err = roles.unit("plan", "import", str(out), "--json")
    assert code == 1 and json.loads(text)["code"] == "office_key_not_trusted"
    assert "Traceback" not in err and err.startswith("error: ")
    junk = roles.tmp / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not a zip at all")
    code, text, err = roles.unit("plan", "import", str(junk), "--json")
    assert code == 1 and "Traceback" not in err
    code, text, err = roles.unit("office-key", "add", str(junk), "--yes", "--json")
    assert code == 1 and json.loads(text)["code"] == "office_key_file_bad"


def test_unit_load_refuses_an_unknown_notice_and_stores_nothing(roles: Roles) -> None:
    roles.set_up()
    load = roles.tmp / "load.json"
    doc = {"entries": [{"task": 1, "period": "2016Q1", "progress": "进展"}],
           "responses": [{"notice": 42, "text": "已整改"}]}  # fmt: skip
    load.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, out, err = roles.unit("load", str(load), "--json")
    assert code == 1 and json.loads(out)["code"] == "notice_unknown", err
    status = roles.json("unit", "status", "--period", "2016Q1")
    assert status["filled"] == 0 and status["review"] is None and status["notices"] == []


def test_office_feedback_with_no_news_writes_nothing(roles: Roles) -> None:
    roles.set_up()
    folder = roles.tmp / "out"
    folder.mkdir()
    written = roles.json("office", "feedback", "--period", "2016Q1", "--out", str(folder),
                       "--passphrase-env", "QR_OFFICE")  # fmt: skip
    assert written == [] and list(folder.iterdir()) == []
    code, _, err = roles.office("feedback", "--period", "2016Q1", "--out", str(roles.tmp / "none"),
                              "--passphrase-env", "QR_OFFICE")  # fmt: skip
    assert code == 2 and "Traceback" not in err


def test_office_key_rotation_through_the_command_line(roles: Roles) -> None:
    roles.set_up()
    statement = roles.tmp / "rotation.json"
    envs = ["--old-passphrase-env", "QR_OFFICE", "--new-passphrase-env", "QR_UNIT"]
    rotated = roles.json("office", "key", "rotate", "--out", str(statement), *envs)
    followed = roles.json("unit", "office-key", "rotate", str(statement))
    assert followed["fingerprint"] == rotated["fingerprint"]
    audit = roles.json("office", "audit", "--action", "office_key_rotate")
    assert audit and audit[0]["action"] == "office_key_rotate"


def test_a_lost_office_key_is_replaced_and_each_unit_trusts_the_new_one(roles: Roles) -> None:
    """The office forgot its passphrase: no statement can vouch for a new key. It makes one
    anyway; its files are refused until the unit, having checked the new fingerprint by
    phone, trusts the new registration file in place of the old key."""
    roles.set_up()
    old = roles.json("office", "key", "show")
    replaced = roles.json("office", "key", "replace", "--new-passphrase-env", "QR_UNIT")
    assert replaced["old_fingerprint"] == old["fingerprint"] != replaced["fingerprint"]
    assert roles.json("office", "key", "show")["fingerprint"] == replaced["fingerprint"]
    code, text, _err = roles.office("key", "rotate", "--out", str(roles.tmp / "s.json"),
                                    "--old-passphrase-env", "QR_OFFICE",
                                    "--new-passphrase-env", "QR_UNIT", "--json")  # fmt: skip
    assert code == 1 and json.loads(text)["code"] == "passphrase_wrong"  # the old one is gone
    [audit] = roles.json("office", "audit", "--action", "office_key_replace")
    assert audit["subject"] == replaced["fingerprint"]

    package = roles.tmp / "plan.xlsx"
    assert roles.office("plan", "publish", SZ16, "--out", str(package),
                        "--passphrase-env", "QR_UNIT")[0] == 0  # fmt: skip
    code, text, _err = roles.unit("plan", "import", str(package), "--json")
    assert code == 1 and json.loads(text)["code"] == "office_key_untrusted"

    new_file = roles.tmp / "office-key-new.json"
    assert roles.office("key", "export", "--out", str(new_file))[0] == 0
    code, text, _err = roles.unit("office-key", "add", str(new_file), "--yes", "--json")
    assert code == 1 and json.loads(text)["code"] == "office_key_other_trusted"
    code, text, _err = roles.unit("office-key", "replace", str(new_file), "--json")
    assert code == 1 and json.loads(text)["code"] == "office_key_not_confirmed"  # no --yes
    trusted = roles.json("unit", "office-key", "replace", str(new_file), "--yes")
    assert trusted["fingerprint"] == replaced["fingerprint"] and trusted["status"] == "active"
    assert roles.json("unit", "plan", "import", str(package))["revision"] == 1

    code, text, _err = roles.unit("office-key", "replace", str(roles.tmp / "office-key.json"),
                                  "--yes", "--json")  # fmt: skip
    assert code == 1 and json.loads(text)["code"] == "office_key_trusted_before"
    assert roles.json("unit", "office-key", "show")["fingerprint"] == replaced["fingerprint"]


def test_a_replaced_key_has_no_statement_to_export(roles: Roles) -> None:
    roles.set_up()
    assert roles.office("key", "replace", "--new-passphrase-env", "QR_UNIT")[0] == 0
    from app.config import Settings
    from app.services.office_key import write_rotation_file
    from app.services.stores import open_office_store

    store = open_office_store(Settings(roles.tmp / "office"))
    try:
        with pytest.raises(Refusal) as info:
            write_rotation_file(store, roles.tmp / "statement.json")
    finally:
        store.close()
    assert info.value.code == "office_key_no_statement"
    assert not (roles.tmp / "statement.json").exists()
