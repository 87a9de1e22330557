"""``office bulletin`` and ``office rules set grades`` from the command line: exit codes, the
JSON shape with its stable codes, one line on stderr, files written atomically."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import docx
import pytest

from app.config import Settings
from app.domain.catalog import Catalog
from app.services.stores import open_office_store, store_catalog
from tests.kit.bulletin import Kit, unreadable_docx_templates
from tests.kit.cli import Cli


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], catalog: Catalog) -> Cli:
    c = Cli(tmp_path / "data", capsys)
    assert c("office", "init")[0] == 0
    store = open_office_store(Settings(c.data_dir))
    try:
        kit = Kit(store, store_catalog(store), tmp_path / "files")
        kit.report("scjg", "2016Q1", {3: "delayed"})
        kit.report("zjj", "2016Q1", late=True)
    finally:
        store.close()
    return c


def test_progress_bulletin_written_and_described(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "通报.docx"
    args = ("office", "bulletin", "--period", "2016Q1", "--kind", "progress")
    code, stdout, err = cli(*args, "--out", str(out), "--date", "2016-04-20", "--json")
    assert code == 0, err
    doc: Any = json.loads(stdout)
    assert doc["ok"] is True and doc["code"] == "ok"
    assert doc["title"] == "关于2016年第一季度质量强市工作进展情况的通报"
    assert (doc["kind"], doc["period"], doc["issued_on"], doc["sources"]) == (
        "progress", "2016Q1", "2016-04-20", 2,
    )  # fmt: skip
    assert doc["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "2016年4月20日" in texts
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left
    code, stdout, _ = cli(*args, "--out", str(out))  # plain output, and overwriting is fine
    assert code == 0 and stdout.splitlines()[0] == str(out)


def test_assessment_bulletin(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "考核.docx"
    code, _, err = cli(
        "office", "bulletin", "--period", "2016", "--kind", "assessment", "--out", str(out),
        "--date", "2017-02-10", "--fonts", "system",
    )  # fmt: skip
    assert code == 0, err
    d = docx.Document(str(out))
    assert d.core_properties.title == "关于2016年度成员单位质量工作考核结果的通报"
    assert d.tables[0].rows[0].cells[0].text == "排名"


@pytest.mark.parametrize(
    ("args", "code", "exit_code"),
    [
        (("--period", "2016Q9", "--kind", "progress"), "bulletin_unknown_period", 2),
        (("--period", "2016Q1", "--kind", "assessment"), "bulletin_not_annual", 2),
        (("--period", "2016", "--kind", "assessment", "--date", "2-30"), "bulletin_bad_date", 2),
    ],
)
def test_refusals_carry_a_code(
    cli: Cli, tmp_path: Path, args: tuple[str, ...], code: str, exit_code: int
) -> None:
    out = tmp_path / "x.docx"
    status, stdout, err = cli("office", "bulletin", *args, "--out", str(out), "--json")
    assert status == exit_code
    doc = json.loads(stdout)
    assert set(doc) == {"code", "params", "reason"}  # every command's JSON refusal
    assert doc["code"] == code and doc["reason"] == err.strip().removeprefix("error: ")
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not out.exists()


def test_bad_destinations(cli: Cli, tmp_path: Path) -> None:
    base = ("office", "bulletin", "--period", "2016Q1", "--kind", "progress", "--json")
    status, stdout, _ = cli(*base, "--out", str(tmp_path / "x.xlsx"))
    assert (status, json.loads(stdout)["code"]) == (2, "bulletin_out_not_docx")
    status, stdout, _ = cli(*base, "--out", str(tmp_path / "no" / "x.docx"))
    assert (status, json.loads(stdout)["code"]) == (2, "bulletin_folder_missing")
    folder = tmp_path / "taken.docx"
    folder.mkdir()  # a folder where the file should go: the write is refused, nothing left
    status, stdout, err = cli(*base, "--out", str(folder))
    assert (status, json.loads(stdout)["code"]) == (1, "bulletin_write_failed")
    assert "Traceback" not in err and list(folder.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_python_docx_without_its_templates_is_not_called_a_write_failure(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unreadable_docx_templates(monkeypatch, tmp_path / "bundle")
    out = tmp_path / "x.docx"
    args = ("office", "bulletin", "--period", "2016Q1", "--kind", "progress", "--out", str(out))
    status, stdout, err = cli(*args, "--json")
    assert (status, json.loads(stdout)["code"]) == (1, "docx_build_failed")
    assert "Traceback" not in err and "重新安装" in err and not out.exists()


def test_grades_through_office_rules(cli: Cli) -> None:
    code, out, err = cli("office", "rules", "set", "grades", "--param", "excellent=95", "--json")
    assert code == 0, err
    params = {"excellent": "95", "good": "80", "fair": "60"}
    assert json.loads(out) == [{"rule": "grades", "name": "考核等次", "params": params}]
    code, out, _ = cli("office", "rules", "list")
    assert "grades" in out.splitlines()[-1] and "优秀分数线 excellent=95" in out
    assert len(json.loads(cli("office", "rules", "list", "--json")[1])) == 4  # scoring rules
    code, _, err = cli("office", "rules", "set", "grades", "--param", "good=97")
    assert code == 1 and "依次降低" in err
    code, _, err = cli("office", "rules", "set", "grades", "--weight", "5")
    assert code == 2 and "没有权重" in err
    code, out, _ = cli("office", "assess", "--period", "2016", "--as-of", "2016-04-20", "--json")
    doc = json.loads(out)
    assert doc["grades"]["excellent"] == "95"
    assert {u["grade"] for u in doc["units"]} <= {"优秀", "良好", "一般", "较差"}
    assert cli("office", "rules", "reset")[0] == 0
    assert "excellent=90" in cli("office", "rules", "list")[1]


def test_the_plan_of_the_period_with_several_plans(cli: Cli, tmp_path: Path) -> None:
    """Next year's plan published: a 2016 bulletin still reads the 2016 plan; a district plan
    of the same year makes the period ambiguous until --plan names one."""
    from app.services import plans

    store = open_office_store(Settings(cli.data_dir))
    sz16 = store_catalog(store).code
    plans.publish_plan(store, plans.copy_plan(store, sz16, "SZ-QUALITY-2017", 2017).code)
    assert store_catalog(store).code == "SZ-QUALITY-2017"  # the newest plan is next year's
    store.close()
    out = tmp_path / "x.docx"
    base = ("office", "bulletin", "--kind", "progress", "--out", str(out), "--json")
    code, stdout, err = cli(*base, "--period", "2016Q1")
    assert code == 0, err
    assert json.loads(stdout)["sources"] == 2  # the 2016 plan's two current files
    store = open_office_store(Settings(cli.data_dir))
    plans.publish_plan(store, plans.copy_plan(store, sz16, "LG-2016", 2016).code)
    store.close()
    code, stdout, _ = cli(*base, "--period", "2016Q1")
    assert (code, json.loads(stdout)["code"]) == (2, "period_ambiguous")
    code, stdout, err = cli(*base, "--period", "2016Q1", "--plan", sz16)
    assert code == 0 and json.loads(stdout)["sources"] == 2, err
    code, stdout, _ = cli(*base, "--period", "2016Q1", "--plan", "NOPE")
    assert (code, json.loads(stdout)["code"]) == (2, "plan_unknown_code")
    code, stdout, _ = cli(*base, "--period", "2017Q3", "--plan", sz16)
    assert (code, json.loads(stdout)["code"]) == (2, "bulletin_unknown_period")


def test_grades_belong_to_their_plan(cli: Cli) -> None:
    from app.services import plans

    store = open_office_store(Settings(cli.data_dir))
    sz16 = store_catalog(store).code
    plans.publish_plan(store, plans.copy_plan(store, sz16, "SZ-QUALITY-2017", 2017).code)
    store.close()
    set_grades = ("office", "rules", "set", "grades", "--param", "excellent=95", "--plan", sz16)
    assert cli(*set_grades)[0] == 0
    assert "excellent=95" in cli("office", "rules", "list", "--plan", sz16)[1]
    assert "excellent=90" in cli("office", "rules", "list")[1]  # the newest plan's own
