"""The office key and plan packages through the command line (docs/design.md §5)."""

from __future__ import annotations

import json

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
