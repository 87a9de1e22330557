"""``office review``, ``office supervise`` and ``office audit`` through the command line: JSON
shapes, --actor, refusals as codes with words, exit statuses 0/1/2."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.config import Settings
from app.domain.catalog import Catalog
from app.services.stores import Store
from tests.kit.review import submit, trusted_key

P = "2016Q1"


@pytest.fixture
def data(office_store: Store, catalog: Catalog, tmp_path: Path) -> str:
    """An office data folder where zjj and one more unit have reported for 2016Q1."""
    other = next(u.id for u in catalog.reporting_units() if u.id != "zjj")
    for unit in ("zjj", other):
        submit(office_store, catalog, tmp_path, trusted_key(office_store, catalog, unit), unit=unit)
    office_store.close()
    return str(tmp_path / "data")


def run(capsys: pytest.CaptureFixture[str], data: str, *args: str) -> tuple[int, Any, str]:
    capsys.readouterr()
    lang = list(args[:2]) if args[:1] == ("--lang",) else []  # a global option
    code = main(["--data-dir", data, *lang, "office", *args[len(lang) :]])
    out, err = capsys.readouterr()
    try:
        return code, json.loads(out), err
    except ValueError:
        return code, out, err


def task(catalog: Catalog) -> str:
    return str(catalog.tasks_for_unit("zjj")[0][0].no)


def test_review_return_with_task_comments_then_accept(
    data: str, catalog: Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    t = task(catalog)
    code, out, _ = run(capsys, data, "review", "--period", P, "--json")
    assert code == 0 and {u["state"] for u in out["units"]} == {"pending"}
    code, out, _ = run(capsys, data, "review", "--period", P, "--unit", "zjj", "--return",
                       "--comment", "请补充", "--task", t, "--comment", "数据有误",
                       "--actor", "李四", "--version", "1", "--json")  # fmt: skip
    assert code == 0
    [st] = out["units"]
    assert (st["unit"], st["state"], st["version"], st["actor"]) == ("zjj", "returned", 1, "李四")
    assert st["comment"] == "请补充" and st["comments"] == [{"task": t, "text": "数据有误"}]
    code, status, _ = run(capsys, data, "status", "--period", P, "--json")
    zjj = next(u for u in status["units"] if u["unit"] == "zjj")
    assert zjj["review"]["state"] == "returned"
    assert zjj["review"]["comments"] == [{"task": t, "text": "数据有误"}]
    code, text, _ = run(capsys, data, "status", "--period", P)
    assert "退回修改" in text
    # a stale --version is refused with the decision as it is now (exit 1, JSON with codes)
    code, out, err = run(capsys, data, "review", "--period", P, "--unit", "zjj", "--accept",
                         "--version", "2", "--json")  # fmt: skip
    assert code == 1 and out["code"] == "review_conflict" and out["current"]["actor"] == "李四"
    assert "error:" in err
    code, out, _ = run(capsys, data, "review", "--period", P, "--accept-all-clean", "--json",
                       "--actor", "王五")  # fmt: skip
    assert code == 0 and len(out["accepted"]) == 1 and out["accepted"][0]["actor"] == "王五"
    code, out, _ = run(capsys, data, "audit", "--action", "review_return", "--json")
    assert code == 0 and [r["actor"] for r in out] == ["李四"]
    assert out[0]["details"]["comments"] == {t: "数据有误"}


@pytest.mark.parametrize(
    ("args", "exit_code", "code"),
    [
        (["--unit", "zjj"], 2, "review_choose"),
        (["--accept"], 2, "review_needs_unit"),
        (["--unit", "zjj", "--return", "--task", "1"], 2, "review_task_comment_syntax"),
        (["--unit", "zjj", "--return", "--task", "1", "--task", "2", "--comment", "x"], 2,
         "review_task_comment_syntax"),
        (["--unit", "zjj", "--return"], 1, "review_return_needs_comment"),
        (["--unit", "nosuch", "--accept"], 1, "unit_unknown"),
        (["--unit", "zjj", "--return", "--task", "999", "--comment", "x"], 1,
         "review_task_unknown"),
    ],
)  # fmt: skip
def test_review_refusals(
    data: str, capsys: pytest.CaptureFixture[str], args: list[str], exit_code: int, code: str
) -> None:
    got, out, err = run(capsys, data, "review", "--period", P, *args, "--json")
    assert (got, out["code"]) == (exit_code, code)
    assert out["reason"] and "error:" in err and "Traceback" not in err
    got, _out, err = run(capsys, data, "--lang", "en", "review", "--period", P, *args)
    assert got == exit_code and err.startswith("error:")
    assert run(capsys, data, "review", "--period", "1999Q9", "--json")[0] == 2


def test_supervise_add_list_close_print(
    data: str, catalog: Catalog, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    t = task(catalog)
    code, n, _ = run(capsys, data, "supervise", "add", "--unit", "zjj", "--task", t,
                     "--due", "2016-04-30", "--text", "请报送整改方案", "--period", P,
                     "--actor", "李四", "--json")  # fmt: skip
    assert code == 0 and (n["state"], n["task"], n["due"], n["created_by"]) == (
        "open", t, "2016-04-30", "李四")  # fmt: skip
    code, listed, _ = run(capsys, data, "supervise", "list", "--as-of", "2016-05-01", "--json")
    assert code == 0 and [x["id"] for x in listed] == [n["id"]] and listed[0]["overdue"]
    code, listed, _ = run(capsys, data, "supervise", "list", "--state", "overdue",
                          "--as-of", "2016-04-30", "--json")  # fmt: skip
    assert listed == []
    out = tmp_path / "notice.docx"
    code, printed, _ = run(
        capsys, data, "supervise", "print", str(n["id"]), "--out", str(out), "--json"
    )
    assert code == 0 and out.stat().st_size > 5000 and printed["path"] == str(out)
    assert (
        run(capsys, data, "supervise", "print", str(n["id"]), "--out", str(tmp_path / "x.pdf"))[0]
        == 2
    )
    code, closed, _ = run(
        capsys, data, "supervise", "close", str(n["id"]), "--json", "--actor", "王五"
    )
    assert code == 0 and (closed["state"], closed["closed_by"]) == ("closed", "王五")
    code, out2, _ = run(capsys, data, "supervise", "close", str(n["id"]), "--json")
    assert (code, out2["code"]) == (1, "notice_closed_already")
    code, out2, _ = run(capsys, data, "supervise", "close", "777", "--json")
    assert (code, out2["code"]) == (1, "notice_unknown")
    code, out2, _ = run(capsys, data, "supervise", "add", "--unit", "zjj", "--task", t,
                        "--due", "30/4/2016", "--text", "x", "--json")  # fmt: skip
    assert (code, out2["code"]) == (2, "option_not_iso_date")
    code, text, _ = run(capsys, data, "--lang", "en", "supervise", "list")
    assert code == 0 and "closed" in text


def test_audit_list_and_verify(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, rows, _ = run(capsys, data, "audit", "--json")
    assert code == 0 and {r["action"] for r in rows} == {"trust_add", "import"}
    code, rows, _ = run(capsys, data, "audit", "--action", "import", "--limit", "1", "--json")
    assert code == 0 and len(rows) == 1 and rows[0]["details"]["outcome"] == "accepted"
    code, text, _ = run(capsys, data, "audit", "--since", "2000-01-01")
    assert code == 0 and "import" in text
    code, verdict, _ = run(capsys, data, "audit", "verify", "--json")
    assert code == 0 and verdict["ok"] and verdict["rows"] == 4 and verdict["first_bad_id"] is None
    with sqlite3.connect(Settings(Path(data)).office_store_path) as conn:
        conn.execute("UPDATE audit_log SET actor = 'someone else' WHERE id = 2")
    code, verdict, err = run(capsys, data, "audit", "verify", "--json")
    assert code == 1 and not verdict["ok"] and verdict["first_bad_id"] == 2
    assert verdict["code"] == "audit_row_altered" and "error:" in err
    code, _text, err = run(capsys, data, "--lang", "en", "audit", "verify")
    assert code == 1 and "changed" in err
    assert run(capsys, data, "audit", "--since", "yesterday")[0] == 2
    with pytest.raises(SystemExit) as bad:  # argparse's own refusal: bad usage
        run(capsys, data, "audit", "--action", "nonsense")
    assert bad.value.code == 2
