"""``python -m app office rules …``: the assessment's rules seen and changed without the window
(weights, on/off, parameters such as late_credit 逾期折算系数), and ``office assess`` uses them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.config import Settings
from app.domain.catalog import Catalog
from app.services.assessment import list_rules
from app.services.stores import open_office_store, store_catalog
from tests.kit.cli import Cli
from tests.kit.office import build_small_office

UNITS = ["zjj", "jtys"]


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    c = Cli(tmp_path / "data", capsys)
    code, _, err = c("office", "init")
    assert code == 0, err
    return c


def stored(cli: Cli) -> dict[str, Any]:
    store = open_office_store(Settings(cli.data_dir))
    try:
        return {r.key: r for r in list_rules(store, store_catalog(store))}
    finally:
        store.close()


def test_list_shows_every_rule_with_its_chinese_parameter_name(cli: Cli) -> None:
    rules = cli.json("office", "rules", "list")
    assert [(r["rule"], r["weight"], r["enabled"]) for r in rules] == [
        ("on_time", "30", True),
        ("completion", "40", True),
        ("targets", "20", True),
        ("indicators", "10", True),
    ]
    assert rules[0]["params"] == {"late_credit": "0"}
    code, out, _ = cli("office", "rules", "list")
    assert code == 0
    first = out.splitlines()[0]
    assert first.startswith("on_time") and "按时报送" in first
    assert "逾期折算系数 late_credit=0" in first


def test_set_weight_switch_and_parameter(cli: Cli) -> None:
    rule = cli.json(
        "office", "rules", "set", "on_time", "--weight", "25", "--param", "late_credit=0.5"
    )
    assert rule == [
        {
            "rule": "on_time",
            "name": "按时报送",
            "weight": "25",
            "enabled": True,
            "params": {"late_credit": "0.5"},
        }
    ]
    on_time = stored(cli)["on_time"]
    assert (str(on_time.weight), dict(on_time.params)) == ("25", {"late_credit": "0.5"})
    # the Chinese name works too; the weight set before stays
    code, out, err = cli("office", "rules", "set", "on_time", "--param", "逾期折算系数=0.8")
    assert code == 0, err
    assert "late_credit=0.8" in out and "25" in out
    assert stored(cli)["on_time"].weight == 25
    code, _, err = cli("office", "rules", "set", "indicators", "--disabled")
    assert code == 0, err
    assert stored(cli)["indicators"].enabled is False
    code, _, err = cli("office", "rules", "set", "indicators", "--enabled")
    assert code == 0, err
    assert stored(cli)["indicators"].enabled is True
    # reset: the defaults again
    reset = cli.json("office", "rules", "reset")
    assert reset[0]["weight"] == "30" and reset[0]["params"] == {"late_credit": "0"}


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("on_time", "--param", "late_credit=2"), 1, "逾期折算系数必须是 0 到 1"),
        (("on_time", "--param", "late_credit=abc"), 1, "逾期折算系数"),
        (("on_time", "--weight", "-5"), 1, "0 到 1000"),
        (("completion", "--param", "late_credit=0.5"), 1, "没有参数"),
        (("speed", "--weight", "5"), 2, "没有名为 speed"),
        (("on_time", "--param", "late_credit"), 2, "NAME=VALUE"),
        (("on_time",), 2, "没有要更改的内容"),
    ],
)
def test_refusals_are_one_line_and_change_nothing(
    cli: Cli, args: tuple[str, ...], code: int, words: str
) -> None:
    got, out, err = cli("office", "rules", "set", *args)
    assert got == code
    assert words in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert out == ""
    on_time = stored(cli)["on_time"]
    assert (str(on_time.weight), dict(on_time.params)) == ("30", {"late_credit": "0"})


def test_enabled_and_disabled_together_is_bad_usage(cli: Cli) -> None:
    with pytest.raises(SystemExit) as exc:
        cli("office", "rules", "set", "on_time", "--enabled", "--disabled")
    assert exc.value.code == 2


def test_assess_scores_with_the_late_credit_set_here(
    cli: Cli, catalog: Catalog, tmp_path: Path
) -> None:
    store = open_office_store(Settings(cli.data_dir))
    try:  # every report of both units late
        build_small_office(
            store,
            catalog,
            tmp_path / "files",
            periods=("2016Q1", "2016Q2"),
            units=UNITS,
            seed=7,
            missing=0.0,
            late=1.0,
            corrected=0.0,
        )
    finally:
        store.close()

    def on_time(report: dict[str, Any]) -> dict[str, str]:
        units = {u["unit"]: u for u in report["units"] if u["unit"] in UNITS}
        return {u: units[u]["parts"][0]["raw"] for u in UNITS}

    before = cli.json("office", "assess", "--as-of", "2016-07-31")
    assert on_time(before) == {"zjj": "0.0000", "jtys": "0.0000"}
    cli.json("office", "rules", "set", "on_time", "--param", "late_credit=0.5")
    after = cli.json("office", "assess", "--as-of", "2016-07-31")
    assert after["rules"][0]["params"] == {"late_credit": "0.5"}
    assert on_time(after) == {"zjj": "0.5000", "jtys": "0.5000"}
    totals = [{u["unit"]: Decimal(u["total"]) for u in r["units"]} for r in (before, after)]
    assert all(totals[1][u] > totals[0][u] for u in UNITS), totals
