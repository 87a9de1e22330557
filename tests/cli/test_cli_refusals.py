"""Every refusal of the command line is a Message: a stable code, its parameters, Chinese words
by default and English with ``--lang en``; with ``--json`` the code and the reason also go to
stdout. The exit status stays what it was (1 refused, 2 bad usage)."""

from __future__ import annotations

import errno
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from app.cli import main
from app.cli.common import describe_failure
from app.domain.messages import MESSAGES
from app.io import keys


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def refusal_json(out: str) -> dict[str, Any]:
    data = json.loads(out)
    assert set(data) == {"code", "params", "reason"}
    assert data["code"] in MESSAGES
    return dict(data)


def test_json_refusal_carries_code_params_and_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = str(tmp_path / "data")
    code, out, err = run(capsys, "--data-dir", data_dir, "office", "status", "--period", "2099Q9",
                         "--json")  # fmt: skip
    assert code == 2  # bad usage, as before
    got = refusal_json(out)
    assert got["code"] == "period_unknown"
    assert got["params"]["period"] == "2099Q9" and "2016Q1" in got["params"]["periods"]
    assert got["reason"].startswith("没有报告期 2099Q9")
    assert err == f"error: {got['reason']}\n"


def test_english_with_lang_en(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = str(tmp_path / "data")
    code, out, err = run(capsys, "--data-dir", data_dir, "--lang", "en", "office", "status",
                         "--period", "2099Q9", "--json")  # fmt: skip
    assert code == 2
    assert refusal_json(out)["reason"].startswith("unknown period 2099Q9 (plan periods: 2016Q1")
    assert err.startswith("error: unknown period 2099Q9")


def test_without_json_nothing_goes_to_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--data-dir", str(tmp_path), "unit", "status", "--period",
                         "2016Q1")  # fmt: skip
    assert (code, out) == (1, "")
    assert err == "error: 本机尚未设置填报单位，请先运行 unit init\n"


def test_a_service_refusal_keeps_its_words_under_a_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    data_dir = str(tmp_path / "data")
    monkeypatch.setenv("QR_PASS", "correct horse battery")
    monkeypatch.setattr(keys, "SCRYPT_N", 2**12)
    assert run(capsys, "--data-dir", data_dir, "unit", "init", "--unit", "住建局", "--clerk",
               "张三", "--passphrase-env", "QR_PASS")[0] == 0  # fmt: skip
    code, out, _ = run(capsys, "--data-dir", data_dir, "unit", "load", str(bad), "--json")
    assert code == 1
    got = refusal_json(out)
    assert got["code"] == "load_not_json" and got["reason"].startswith("不是有效的JSON")
    code, out, _ = run(capsys, "--data-dir", data_dir, "--lang", "en", "unit", "load", str(bad),
                       "--json")  # fmt: skip
    assert refusal_json(out)["reason"].startswith("not valid JSON")
    code, out, _ = run(capsys, "--data-dir", data_dir, "unit", "init", "--unit", "水务局",
                       "--clerk", "李四", "--passphrase-env", "QR_UNSET", "--json")  # fmt: skip
    assert code == 2 and refusal_json(out)["code"] == "passphrase_env_unset"


@pytest.mark.parametrize(
    ("fault", "code", "words"),
    [
        ("database or disk is full", "storage_disk_full", "磁盘已满"),
        ("attempt to write a readonly database", "storage_read_only", "只读"),
        ("unable to open database file", "storage_cannot_open", "无法打开数据文件"),
        ("database is locked", "storage_locked", "另一个程序"),
        ("disk I/O error", "storage_io_error", "读写磁盘出错"),
    ],
)
def test_storage_faults_are_codes(fault: str, code: str, words: str) -> None:
    exc = OperationalError("INSERT …", {}, sqlite3.OperationalError(fault))
    message = describe_failure(exc)
    assert message.code == code
    assert words in message.render("zh")
    phrase = fault.lower().removeprefix("attempt to write a ")  # SQLite's words, for support
    assert phrase in message.render("zh") and phrase in message.render("en")


def test_other_failures_name_their_kind() -> None:
    oserror = OSError(errno.EACCES, "Permission denied", "/x/report.xlsx")
    assert describe_failure(oserror).code == "file_io_failed"
    assert describe_failure(oserror).render() == "无法读写文件 /x/report.xlsx：Permission denied"
    other = describe_failure(RuntimeError("first line\nsecond"))
    assert (other.code, other.render("en")) == ("failure", "RuntimeError: first line")
