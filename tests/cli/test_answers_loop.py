"""Issue 15's full loop through the command line: publish → the unit imports the plan →
exports → the office imports → review returns with a task comment → feedback → the unit
imports it and sees the comment → a new version → accepted → the receipt reaches the unit.
A 督办 notice rides along: raised, answered in ``unit load``, carried by the signed file,
answered at the office."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.config import Settings
from app.models.answers import Notice
from app.services.catalog import default_catalog
from app.services.stores import open_office_store
from tests.kit.answers import SZ16, Roles

TASKS = [t.no for t, _role in default_catalog().tasks_for_unit("zjj")]
TASK = str(TASKS[0])  # the task the office comments on and raises a notice on


def _load(roles: Roles, doc: dict[str, Any]) -> Any:
    path = roles.tmp / "load.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, out, err = roles.unit("load", str(path), "--json")
    assert code == 0, (out, err)
    return json.loads(out)


def _fill(roles: Roles, text: str) -> None:
    """Every task of the unit filled for 2016Q1 (and its indicators)."""
    status = roles.json("unit", "status", "--period", "2016Q1")
    tasks = {e["task"] for e in status["errors"] if e["task"] is not None} or set(TASKS)
    entries = [{"task": t, "period": "2016Q1", "status": "in_progress", "percent": 50,
                "progress": text} for t in sorted(tasks)]  # fmt: skip
    indicators = [{"no": e["indicator"], "period": "2016Q1", "value": 95}
                  for e in status["errors"] if e["indicator"] is not None]  # fmt: skip
    _load(roles, {"entries": entries, "indicators": indicators})
    left = roles.json("unit", "status", "--period", "2016Q1")["errors"]
    assert left == [], left


def _export(roles: Roles, name: str) -> Path:
    out = roles.tmp / name
    code, _, err = roles.unit("export", "--period", "2016Q1", "--out", str(out),
                            "--passphrase-env", "QR_UNIT")  # fmt: skip
    assert code == 0, err
    return out


def _office_import(roles: Roles, path: Path) -> None:
    [done] = roles.json("office", "import", str(path))
    assert done["outcome"] == "accepted", done


def _feedback(roles: Roles, name: str) -> Path:
    folder = roles.tmp / name
    folder.mkdir()
    [written] = roles.json("office", "feedback", "--period", "2016Q1", "--out", str(folder),
                         "--passphrase-env", "QR_OFFICE")  # fmt: skip
    assert written["unit"] == "zjj"
    return Path(written["file"])


def _review(roles: Roles, *args: str) -> None:
    code, out, err = roles.office("review", "--period", "2016Q1", "--unit", "zjj", *args)
    assert code == 0, (out, err)


def test_the_whole_loop_through_the_command_line(roles: Roles) -> None:
    roles.set_up()
    # the office publishes; the unit installs the package (same revision: nothing to change)
    package = roles.tmp / "plan.xlsx"
    assert roles.office("plan", "publish", SZ16, "--out", str(package),
                      "--passphrase-env", "QR_OFFICE")[0] == 0  # fmt: skip
    assert roles.json("unit", "plan", "import", str(package))["revision"] == 1
    # the unit registers its key at the office
    reg = roles.tmp / "unit-key.json"
    assert roles.unit("pubkey", "--out", str(reg))[0] == 0
    assert roles.office("trust", "add", str(reg), "--yes")[0] == 0
    # v1: exported, imported, returned with a comment on a task, plus a notice on it
    _fill(roles, "第一版进展")
    _office_import(roles, _export(roles, "v1.xlsx"))
    _review(roles, "--return", "--comment", "请补充", "--task", TASK, "--comment", "写明完成数量")
    notice = roles.json("office", "supervise", "add", "--unit", "zjj", "--task", TASK,
                      "--due", "2016-05-01", "--text", "请报送该项整改情况")  # fmt: skip
    # feedback: the unit sees the decision, the comment beside the task and the notice
    first = _feedback(roles, "fb1")
    applied = roles.json("unit", "feedback", "import", str(first))
    assert (applied["sequence"], applied["already_applied"]) == (1, False)
    assert applied["plan"] == {"code": SZ16, "revision": 1, "installed": 1}
    status = roles.json("unit", "status", "--period", "2016Q1")
    assert status["review"]["state"] == "returned"
    assert status["review"]["comments"] == [{"task": TASK, "text": "写明完成数量"}]
    [shown] = status["notices"]
    assert (shown["id"], shown["state"]) == (notice["id"], "open")
    assert roles.json("unit", "feedback", "import", str(first))["already_applied"] is True
    # v2 answers the notice; the office accepts it; the answer is beside the notice
    _load(roles, {"responses": [{"notice": notice["id"], "text": "已整改，完成 12 项"}]})
    _fill(roles, "第二版进展：已补充完成数量")
    _office_import(roles, _export(roles, "v2.xlsx"))
    _review(roles, "--accept")
    office = open_office_store(Settings(roles.tmp / "office"))
    with office.factory() as s:
        row = s.scalar(select(Notice).where(Notice.id == notice["id"]))
        assert row is not None and (row.state, row.response) == ("answered", "已整改，完成 12 项")
    office.close()
    # feedback again: the receipt of v2 reaches the unit
    second = _feedback(roles, "fb2")
    assert roles.json("unit", "feedback", "import", str(second))["sequence"] == 2
    status = roles.json("unit", "status", "--period", "2016Q1")
    assert (status["review"]["state"], status["review"]["version"]) == ("accepted", 2)
    [receipt] = status["receipts"]
    assert receipt["version"] == 2
    assert receipt["sha256"] == _sha(roles.tmp / "v2.xlsx")
    assert status["notices"][0]["state"] == "answered"
    # the older feedback file changes nothing now
    older = roles.json("unit", "feedback", "import", str(first))
    assert older["already_applied"] is True
    assert roles.json("unit", "status", "--period", "2016Q1")["review"]["state"] == "accepted"
    assert date.today()  # the clock is only used for "overdue"


def _sha(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()
