"""``python -m app unit …``: init, load, pubkey, status, key care (docs/design.md §5)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.config import Settings
from app.io import key_backup, keys
from app.services.stores import open_unit_store
from app.services.unit_setup import get_profile
from tests.kit.paths import ROOT

PASS = "住建局 quality 2016"


@pytest.fixture(autouse=True)
def fast_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**12)
    monkeypatch.setenv("QR_PASS", PASS)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


class Cli:
    def __init__(self, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.data_dir = data_dir
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        code = main(["--data-dir", str(self.data_dir), *args])
        out, err = self.capsys.readouterr()
        return code, out, err

    def json(self, *args: str) -> tuple[int, Any]:
        code, out, _ = self(*args, "--json")
        return code, json.loads(out)

    def init(self, unit: str = "住建局") -> None:
        code, _, err = self("unit", "init", "--unit", unit, "--clerk", "张三",
                            "--passphrase-env", "QR_PASS")  # fmt: skip
        assert code == 0, err


@pytest.fixture
def cli(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(data_dir, capsys)


def write(path: Path, doc: Any) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False) if not isinstance(doc, str) else doc)
    return path


def entry_count(data_dir: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(Settings(data_dir).unit_store_path)
    try:
        return int(conn.execute("SELECT count(*) FROM entry").fetchone()[0])
    finally:
        conn.close()


# -- init ---------------------------------------------------------------------------------
def test_init_prints_the_unit_and_the_fingerprint_in_groups(cli: Cli, data_dir: Path) -> None:
    code, out, err = cli("unit", "init", "--unit", "市住建局", "--clerk", "张三",
                         "--contact", "0755-8888", "--passphrase-env", "QR_PASS")  # fmt: skip
    assert (code, err) == (0, "")
    store = open_unit_store(Settings(data_dir))
    try:
        profile = get_profile(store)
    finally:
        store.close()
    assert profile is not None and profile.unit_id == "zjj" and profile.contact == "0755-8888"
    assert "深圳市住房和建设局" in out
    groups = keys.format_fingerprint(profile.fingerprint).split(" ")
    assert " ".join(groups[:8]) in out and " ".join(groups[8:]) in out


def test_init_json(cli: Cli) -> None:
    code, data = cli.json("unit", "init", "--unit", "zjj", "--clerk", "张三",
                          "--passphrase-env", "QR_PASS")  # fmt: skip
    assert code == 0
    assert (data["unit"], data["clerk"], len(data["fingerprint"])) == ("zjj", "张三", 64)


def test_init_without_a_passphrase_source(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    code, _, err = cli("unit", "init", "--unit", "住建局", "--clerk", "张三")
    assert code == 2 and err == "error: 没有密码：请用 --passphrase-env VAR 给出\n"
    code, _, err = cli("--lang", "en", "unit", "init", "--unit", "住建局", "--clerk", "张三")
    assert code == 2 and err == "error: no passphrase: use --passphrase-env VAR\n"
    code, _, err = cli("unit", "init", "--unit", "住建局", "--clerk", "张三",
                       "--passphrase-env", "QR_NOT_SET")  # fmt: skip
    assert code == 2 and "QR_NOT_SET" in err


def test_init_prompts_twice_on_a_terminal(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import app.cli.unit_common as unit_common

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    typed = iter([PASS, PASS + "x"])
    monkeypatch.setattr(unit_common, "getpass", lambda prompt="": next(typed))
    code, _, err = cli("unit", "init", "--unit", "住建局", "--clerk", "张三")
    assert code == 1 and "不一致" in err
    typed = iter([PASS, PASS])
    code, _, _ = cli("unit", "init", "--unit", "住建局", "--clerk", "张三")
    assert code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--unit", "没有的局", "--clerk", "张三"], "没有单位"),
        (["--unit", "住建局", "--clerk", " "], "姓名"),
    ],
)
def test_init_refusals(cli: Cli, args: list[str], message: str) -> None:
    code, out, err = cli("unit", "init", *args, "--passphrase-env", "QR_PASS")
    assert code == 1 and message in err and "Traceback" not in out + err
    assert err.count("\n") == 1  # one line


def test_init_weak_passphrase_and_twice(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QR_WEAK", "short")
    code, _, err = cli("unit", "init", "--unit", "住建局", "--clerk", "张三",
                       "--passphrase-env", "QR_WEAK")  # fmt: skip
    assert code == 1 and "至少" in err
    cli.init()
    code, _, err = cli("unit", "init", "--unit", "水务局", "--clerk", "李四",
                       "--passphrase-env", "QR_PASS")  # fmt: skip
    assert code == 1 and "不能重复设置" in err


# -- load ---------------------------------------------------------------------------------
def test_load_before_init_is_refused(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("unit", "load", str(write(tmp_path / "l.json", {"entries": []})))
    assert code == 1 and "unit init" in err


def test_load_valid_file(cli: Cli, tmp_path: Path, catalog: Any) -> None:
    cli.init("市场监管委")
    names = [t.name for t in catalog.task(23).targets]
    doc = {
        "entries": [
            {"task": 23, "period": "2016Q1", "status": "in_progress", "percent": 40,
             "progress": "抽查820批次", "problems": "", "next_steps": "继续",
             "targets": {names[0]: 820, names[1]: 2.5}},
            {"task": 20, "period": "2016Q1", "status": "not_started", "next_steps": "二季度"},
        ],
        "indicators": [{"no": 1, "period": "2016", "value": 93.4}],
    }  # fmt: skip
    code, out, err = cli("unit", "load", str(write(tmp_path / "l.json", doc)))
    assert (code, err) == (0, "")
    assert "已保存 3 项" in out
    code, data = cli.json("unit", "status", "--period", "2016Q1")
    assert (data["filled"], data["total"], data["state"]) == (2, 22, "draft")
    # a second load of the same file changes nothing
    code, data = cli.json("unit", "load", str(tmp_path / "l.json"))
    assert (code, data["saved"], data["changed"], data["errors"]) == (0, 3, 0, [])
    # the numbers are kept as exact decimal text
    from app.services.entries import EntryService
    from app.services.stores import store_catalog

    store = open_unit_store(Settings(cli.data_dir))
    try:
        svc = EntryService(store, store_catalog(store), "scjg")
        saved = svc.load(23, "2016Q1").draft
        assert (saved.target(names[0]), saved.target(names[1])) == ("820", "2.5")
        assert svc.load_indicator(1, "2016").draft.value == "93.4"
    finally:
        store.close()


def test_load_keeps_fields_the_file_leaves_out(cli: Cli, tmp_path: Path) -> None:
    cli.init()
    full = {"entries": [{"task": 2, "period": "2016Q1", "status": "in_progress", "percent": 40,
                         "progress": "完成一半", "next_steps": "继续"}]}  # fmt: skip
    assert cli("unit", "load", str(write(tmp_path / "a.json", full)))[0] == 0
    only_percent = {"entries": [{"task": 2, "period": "2016Q1", "percent": 60}]}
    code, data = cli.json("unit", "load", str(write(tmp_path / "b.json", only_percent)))
    assert (code, data["changed"]) == (0, 1)
    from app.services.entries import EntryService
    from app.services.stores import store_catalog

    store = open_unit_store(Settings(cli.data_dir))
    try:
        d = EntryService(store, store_catalog(store), "zjj").load(2, "2016Q1").draft
    finally:
        store.close()
    assert (d.status, d.percent, d.progress, d.next_steps) == (
        "in_progress",
        60,
        "完成一半",
        "继续",
    )


def test_load_with_rule_errors_saves_drafts_and_exits_1(cli: Cli, tmp_path: Path) -> None:
    cli.init("市场监管委")
    doc = {
        "entries": [
            {"task": 23, "period": "2016Q1", "status": "in_progress", "percent": 140,
             "progress": "x"},
            {"task": 20, "period": "2016Q1", "status": "delayed", "percent": 20,
             "progress": "y"},
            {"task": 25, "period": "2016Q1", "status": "in_progress", "percent": "四十",
             "progress": "z"},
        ],
    }  # fmt: skip
    code, out, _ = cli("unit", "load", str(write(tmp_path / "l.json", doc)))
    assert code == 1
    lines = out.splitlines()
    assert "task 23 2016Q1 percent: 完成度必须是0-100的整数" in lines
    assert "task 20 2016Q1 problems: 状态为“滞后”时，请在“存在问题”中说明原因" in lines
    assert "task 25 2016Q1 percent: 完成度必须是0-100的整数" in lines
    assert len(lines) == 1 + 3  # the count line, then exactly one line per error
    assert entry_count(cli.data_dir) == 3  # stored as drafts all the same

    code, out, _ = cli("--lang", "en", "unit", "load", str(tmp_path / "l.json"))
    assert code == 1
    assert "task 23 2016Q1 percent: percent complete must be a whole number from 0 to 100" in out
    code, data = cli.json("unit", "load", str(tmp_path / "l.json"))
    assert code == 1
    assert {(e["task"], e["field"], e["code"]) for e in data["errors"]} == {
        (23, "percent", "percent_range"),
        (20, "problems", "delayed_needs_problems"),
        (25, "percent", "percent_integer"),
    }


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"entries": [{"task": 23, "period": "2016Q1"}]}, "entries[0]: 本单位没有任务 23"),
        ({"entries": [{"task": 2, "period": "2016Q1", "progress": "a"},
                      {"task": 26, "period": "2016Q9"}]}, "entries[1]: 没有报告期"),
        ({"entries": [{"task": 2, "period": "2016Q1", "targets": {"没有": 1}}]},
         "entries[0]: 任务 2 没有目标“没有”"),
        ({"entries": [{"task": 2, "period": "2016Q1", "status": "finished"}]}, "entries[0]"),
        ({"entries": [{"task": 2, "period": "2016Q1", "progess": "typo"}]}, "progess"),
        ({"entries": [{"task": 2, "period": "2016Q1", "progress": "a"},
                      {"task": 2, "period": "2016Q1"}]}, "entries[1]: 任务 2 2016Q1 重复"),
        ({"entries": [{"period": "2016Q1"}]}, "entries[0]: 缺少“task”"),
        ({"indicators": [{"no": 1, "period": "2016", "value": 90}]}, "indicators[0]"),
        ({"entries": {}}, "列表"),
        ("{\"entries\": [", "JSON"),
        ("{\"entries\": [{\"task\": 2, \"period\": \"2016Q1\", \"percent\": NaN}]}", "JSON"),
    ],
)  # fmt: skip
def test_load_refuses_the_whole_file(cli: Cli, tmp_path: Path, doc: Any, message: str) -> None:
    cli.init()  # 住建局: tasks 1, 2, 9, 21, 22, 26, 27, 46, 47
    code, out, err = cli("unit", "load", str(write(tmp_path / "bad.json", doc)))
    assert code == 1, out
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert entry_count(cli.data_dir) == 0  # nothing saved, not even the good entries


def test_load_missing_file(cli: Cli, tmp_path: Path) -> None:
    cli.init()
    code, _, err = cli("unit", "load", str(tmp_path / "nope.json"))
    assert code == 1 and "nope.json" in err


# -- pubkey and status --------------------------------------------------------------------
def test_pubkey_writes_the_registration_file(cli: Cli, tmp_path: Path) -> None:
    cli.init()
    out_file = tmp_path / "zjj-key.json"
    sheet = tmp_path / "sheet.html"
    code, out, _ = cli("unit", "pubkey", "--out", str(out_file), "--sheet", str(sheet))
    assert code == 0
    doc = json.loads(out_file.read_text("utf-8"))
    assert doc["format"] == "qualityreport.key-registration/1"
    assert (doc["unit"], doc["unit_name"], doc["clerk"]) == ("zjj", "深圳市住房和建设局", "张三")
    reg = keys.read_registration(out_file)
    assert keys.format_fingerprint(reg.fingerprint) in out
    assert "private" not in json.dumps(doc) and "sealed" not in json.dumps(doc)
    html = sheet.read_text("utf-8")
    groups = keys.format_fingerprint(reg.fingerprint).split(" ")
    assert all(f"<td>{g}</td>" in html for g in groups)
    assert "".join(f"<td>{g}</td>" for g in groups[:4]) in html
    assert "深圳市住房和建设局" in html and "盖章" in html and "size: A4" in html


def test_status(cli: Cli, tmp_path: Path) -> None:
    cli.init()
    doc = {"entries": [{"task": 2, "period": "2016Q1", "status": "completed", "percent": 90,
                        "progress": "完成"}]}  # fmt: skip
    cli("unit", "load", str(write(tmp_path / "l.json", doc)))
    code, out, _ = cli("unit", "status", "--period", "2016Q1")
    assert code == 0
    assert "任务已填写 1/9" in out and "错误 9 个" in out and "草稿" in out
    assert "task 2 2016Q1 percent: 状态为“已完成”时，完成度应为100" in out
    code, data = cli.json("unit", "status", "--period", "2016Q1")
    assert set(data) >= {"unit", "period", "filled", "total", "state", "version", "errors"}
    assert (data["filled"], data["total"], len(data["errors"])) == (1, 9, 9)
    code, _, err = cli("unit", "status", "--period", "2099Q1")
    assert code == 2 and "2099Q1" in err


# -- key care -----------------------------------------------------------------------------
def test_key_backup_rotate_restore(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.init()
    backup = tmp_path / "backup.json"
    assert cli("unit", "key", "backup", "--out", str(backup))[0] == 0
    old = key_backup.read_key_backup(backup.read_bytes())
    monkeypatch.setenv("QR_NEW", "new passphrase 2016!")
    code, _, err = cli("unit", "key", "rotate", "--out", str(tmp_path / "rot.json"),
                       "--old-passphrase-env", "QR_NEW",
                       "--new-passphrase-env", "QR_NEW")  # fmt: skip
    assert code == 1 and "密码不正确" in err
    code, out, _ = cli("unit", "key", "rotate", "--out", str(tmp_path / "rot.json"),
                       "--old-passphrase-env", "QR_PASS",
                       "--new-passphrase-env", "QR_NEW")  # fmt: skip
    assert code == 0
    statement = json.loads((tmp_path / "rot.json").read_text("utf-8"))
    new_public = keys.verify_rotation(statement, old.public_key)
    assert keys.format_fingerprint(keys.fingerprint(new_public)) in out

    other = tmp_path / "other-pc"
    code, out, _ = main_restore(other, backup, capsys=cli.capsys)
    assert code == 0 and keys.format_fingerprint(keys.fingerprint(old.public_key)) in out


def test_key_reset_then_pubkey_writes_the_new_key(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QR_NEW", "new passphrase 2016!")
    code, _, err = cli("unit", "key", "reset", "--passphrase-env", "QR_NEW")
    assert code == 1 and "unit init" in err  # nothing to reset before set-up
    cli.init()
    assert cli("unit", "pubkey", "--out", str(tmp_path / "old.json"))[0] == 0
    old = keys.read_registration(tmp_path / "old.json")
    monkeypatch.setenv("QR_WEAK", "short")
    code, _, err = cli("unit", "key", "reset", "--passphrase-env", "QR_WEAK")
    assert code == 1 and "至少" in err and err.count("\n") == 1

    code, out, err = cli("unit", "key", "reset", "--passphrase-env", "QR_NEW")
    assert (code, err) == (0, "")
    assert "unit pubkey" in out and "市质量强市办" in out and "电话" in out
    assert cli("unit", "pubkey", "--out", str(tmp_path / "new.json"))[0] == 0
    new = keys.read_registration(tmp_path / "new.json")
    assert new.fingerprint != old.fingerprint and new.unit == "zjj"
    groups = keys.format_fingerprint(new.fingerprint).split(" ")
    assert " ".join(groups[:8]) in out and " ".join(groups[8:]) in out
    code, _, err = cli("unit", "key", "passwd", "--old-passphrase-env", "QR_PASS",
                       "--new-passphrase-env", "QR_NEW")  # fmt: skip
    assert code == 1 and "密码不正确" in err  # the old passphrase opens nothing now
    code, _, _ = cli("unit", "key", "passwd", "--old-passphrase-env", "QR_NEW",
                     "--new-passphrase-env", "QR_PASS")  # fmt: skip
    assert code == 0


def test_key_restore_of_the_key_in_force_under_an_older_passphrase(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.init()
    backup = tmp_path / "backup.json"
    code, out, _ = cli("unit", "key", "backup", "--out", str(backup))
    assert code == 0 and "每次导出后请重新备份" in out
    monkeypatch.setenv("QR_NEW", "new passphrase 2016!")
    passwd = ("unit", "key", "passwd", "--old-passphrase-env", "QR_PASS",
              "--new-passphrase-env", "QR_NEW")  # fmt: skip
    assert cli(*passwd)[0] == 0

    code, out, err = cli("unit", "key", "restore", str(backup), "--passphrase-env", "QR_PASS")
    assert (code, err) == (0, "")
    assert "已恢复备份中的密码保护" in out and "做备份时的密码" in out and "已核对" in out
    assert cli(*passwd)[0] == 0  # the backup's passphrase opens the key again

    code, out, _ = cli("unit", "key", "restore", str(backup))
    assert code == 0 and "做备份时的密码" in out and "未核对" in out
    code, out, _ = cli("unit", "key", "restore", str(backup))
    assert code == 0 and "未改动" in out
    assert cli(*passwd)[0] == 0


def test_key_restore_of_another_key_needs_replace(
    cli: Cli, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = Cli(tmp_path / "other-pc", capsys)
    other.init()
    backup = tmp_path / "other.json"
    assert other("unit", "key", "backup", "--out", str(backup))[0] == 0
    theirs = key_backup.read_key_backup(backup.read_bytes())
    cli.init()
    assert cli("unit", "pubkey", "--out", str(tmp_path / "mine.json"))[0] == 0
    mine = keys.read_registration(tmp_path / "mine.json")

    code, out, err = cli("unit", "key", "restore", str(backup))
    assert code == 1 and "--replace" in err and err.count("\n") == 1 and out == ""
    code, out, err = cli("unit", "key", "restore", str(backup), "--replace")
    assert (code, err) == (0, "")
    assert "已改用备份中的密钥" in out
    assert keys.format_fingerprint(mine.fingerprint) in out and "已停用" in out
    assert cli("unit", "pubkey", "--out", str(tmp_path / "now.json"))[0] == 0
    assert keys.read_registration(tmp_path / "now.json").public_key == theirs.public_key


def test_key_restore_of_an_old_backup_and_earlier_exports(
    cli: Cli, tmp_path: Path, catalog: Any
) -> None:
    from tests.kit.keys import Key
    from tests.kit.submissions import make_payload
    from tests.kit.submissions import write as write_xlsx

    cli.init()
    backup = tmp_path / "backup.json"
    assert cli("unit", "key", "backup", "--out", str(backup))[0] == 0
    doc = json.loads(backup.read_text("utf-8"))
    assert doc["counters"] == {"next_sequence": 1, "versions": {}}
    del doc["counters"]  # as an older program wrote it
    old_style = write(tmp_path / "old-style.json", doc)

    fresh = Cli(tmp_path / "new-pc", cli.capsys)
    code, out, _ = fresh("unit", "key", "restore", str(old_style), "--passphrase-env", "QR_PASS")
    assert code == 0 and "--exports" in out and "报送序号：1" in out

    sent = tmp_path / "sent"
    sent.mkdir()
    write_xlsx(sent, catalog, Key(), make_payload(catalog, version=2, sequence=5), "v2.xlsx")
    again = Cli(tmp_path / "third-pc", cli.capsys)
    code, out, err = again("unit", "key", "restore", str(old_style), "--exports", str(sent))
    assert (code, err) == (0, "")
    assert "--exports" not in out and "报送序号：6" in out and "2016Q1 v2" in out
    (sent / "v2.xlsx").write_bytes(b"not a workbook")
    code, _, err = fresh("unit", "key", "restore", str(old_style), "--exports", str(sent))
    assert code == 1 and "密钥已恢复" in err and "v2.xlsx" in err and err.count("\n") == 1


def main_restore(
    data_dir: Path, backup: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), "unit", "key", "restore", str(backup),
                 "--passphrase-env", "QR_PASS"])  # fmt: skip
    out, err = capsys.readouterr()
    return code, out, err


def test_unit_without_subcommand_shows_help(cli: Cli) -> None:
    with pytest.raises(SystemExit) as info:
        cli("unit")
    assert info.value.code == 0


# -- a real process -----------------------------------------------------------------------
def test_real_process_full_cost_key_and_exit_codes(tmp_path: Path) -> None:
    env = {**os.environ, "QR_PASS": PASS, "QT_QPA_PLATFORM": "offscreen"}
    base = [sys.executable, "-m", "app", "--data-dir", str(tmp_path / "d"), "unit"]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*base, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )

    r = run("init", "--unit", "住建局", "--clerk", "张三", "--passphrase-env", "QR_PASS")
    assert r.returncode == 0, r.stderr
    stored = b"".join(p.read_bytes() for p in (tmp_path / "d").glob("unit.sqlite3*"))
    assert b'"n":131072' in stored  # the real scrypt cost outside the tests' monkeypatch
    bad = write(
        tmp_path / "bad.json", {"entries": [{"task": 2, "period": "2016Q1", "percent": 101}]}
    )
    r = run("load", str(bad))
    assert r.returncode == 1 and "task 2 2016Q1 percent: 完成度必须是0-100的整数" in r.stdout
    r = run("load", str(write(tmp_path / "broken.json", "{")))
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
