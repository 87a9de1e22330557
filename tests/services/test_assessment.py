"""The annual assessment over hand-made genuine submissions, against hand-computed scores."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from app.config import Settings
from app.domain.catalog import Catalog
from app.domain.payload import PayloadEntry, PayloadIndicator, SubmissionPayload
from app.io import keys
from app.io.submission_writer import write_submission
from app.services.assessment import (
    DEFAULT_RULES,
    PARAMS,
    AssessmentError,
    UnitScore,
    list_rules,
    param_spec,
    reset_rules,
    score_units,
    update_rule,
)
from app.services.office_import import Importer
from app.services.office_trust import add_trusted_key
from app.services.stores import Store, open_office_store
from tests.kit.keys import Key

D = Decimal
Entry = tuple[str, int | None, dict[str, Decimal | None]]


class Office:
    def __init__(self, store: Store, catalog: Catalog, folder: Path) -> None:
        self.store, self.catalog, self.folder = store, catalog, folder
        self.keys: dict[str, Key] = {}
        self.sequence = 0

    def key(self, unit: str) -> Key:
        if unit not in self.keys:
            k = self.keys[unit] = Key()
            doc = keys.registration_document(
                unit, self.catalog.unit(unit).name, k.public, "", datetime(2016, 1, 1, tzinfo=UTC)
            )
            add_trusted_key(self.store, self.catalog, keys.registration_from_document(doc))
        return self.keys[unit]

    def submit(
        self,
        unit: str,
        period: str,
        signed: datetime,
        entries: dict[int, Entry],
        indicators: dict[int, Decimal] | None = None,
        version: int = 1,
    ) -> None:
        self.sequence += 1
        task_targets = {t.no: t.targets for t in self.catalog.tasks}
        payload = SubmissionPayload(
            plan_code=self.catalog.code,
            plan_hash=self.catalog.content_hash,
            unit_id=unit,
            unit_name=self.catalog.unit(unit).name,
            period=period,
            version=version,
            sequence=self.sequence,
            submission_id=str(uuid.uuid4()),
            created_at=signed,
            app_version="0.1.0",
            clerk="测试",
            contact="",
            entries=tuple(
                PayloadEntry(
                    task=no,
                    status=status,
                    percent=percent,
                    progress="进展",
                    problems="",
                    next_steps="",
                    targets=tuple((t.name, values.get(t.name)) for t in task_targets[no]),
                )
                for no, (status, percent, values) in entries.items()
            ),
            indicators=tuple(PayloadIndicator(n, v) for n, v in (indicators or {}).items()),
        )
        key = self.key(unit)
        path = self.folder / f"{unit}_{period}_v{version}.xlsx"
        write_submission(path, payload, self.catalog, key.public, key.sign)
        [outcome] = Importer(self.store, self.catalog).run([path], in_process=True)
        assert outcome.outcome in ("accepted", "superseded"), outcome.reason


def at(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, 2, 0, tzinfo=UTC)  # 10:00 in Beijing


LANES = "新增公交专用道路"
LINES = "优化调整公交线路"
SUBINDICES = "质量分指数个数"


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> Iterator[Office]:
    """jtys: Q1 on time, Q2 late, Q3 missing, Q4 and the annual on time (annual v1 superseded
    by v2); czw: Q1 only; every other unit sends nothing."""
    root = tmp_path_factory.mktemp("assessment")
    store = open_office_store(Settings(root / "data"))
    o = Office(store, catalog, root)
    half: dict[int, Entry] = {no: ("in_progress", 50, {}) for no in (1, 2, 7, 9, 21, 22, 27, 35)}
    o.submit("jtys", "2016Q1", at(2016, 4, 8), half, {6: D("81")})
    half[35] = ("in_progress", 50, {LANES: D("40"), LINES: D("30")})
    o.submit("jtys", "2016Q2", at(2016, 7, 12), half, {6: D("80")})  # late: due 07-10
    o.submit("jtys", "2016Q4", at(2017, 1, 5), half, {6: D("82.5")})
    everything_done = {no: ("completed", 100, {}) for no in half}
    o.submit("jtys", "2016", at(2017, 1, 15), everything_done, {6: D("90")}, version=1)
    annual: dict[int, Entry] = {
        1: ("completed", 100, {}),
        2: ("in_progress", 80, {SUBINDICES: D("12")}),  # = 12: met
        7: ("in_progress", 60, {}),
        9: ("completed", None, {}),  # counts 100
        21: ("in_progress", 50, {}),
        22: ("in_progress", None, {}),  # no percent: counts 0
        # 27 not reported: counts 0 (jtys only supports task 27: its target is not judged)
        35: ("delayed", 30, {LANES: D("85"), LINES: D("55")}),  # >= 80 met, >= 60 not met
    }
    o.submit("jtys", "2016", at(2017, 1, 18), annual, {6: D("83")}, version=2)  # >= 82: met
    o.submit(
        "czw",
        "2016Q1",
        at(2016, 4, 9),
        {
            1: ("in_progress", 40, {}),
            9: ("in_progress", 20, {}),
            21: ("completed", None, {}),
            22: ("not_started", None, {}),
        },
    )
    yield o
    store.close()


@pytest.fixture
def rules(office: Office, catalog: Catalog) -> Iterator[None]:
    yield
    reset_rules(office.store, catalog)


def by_unit(scores: list[UnitScore]) -> dict[str, UnitScore]:
    return {s.unit_id: s for s in scores}


def points(score: UnitScore) -> dict[str, Decimal | None]:
    return {p.rule_key: (p.points if p.applicable else None) for p in score.parts}


YEAR_END = date(2017, 2, 1)  # every period of 2016 is due


def test_default_rules_are_installed_once(office: Office, catalog: Catalog) -> None:
    first = list_rules(office.store, catalog)
    assert [(r.key, r.weight, r.enabled) for r in first] == [
        ("on_time", D(30), True),
        ("completion", D(40), True),
        ("targets", D(20), True),
        ("indicators", D(10), True),
    ]
    assert first[0].params == {"late_credit": "0"}
    assert list_rules(office.store, catalog) == first


def test_scores_match_the_hand_computed_example(
    office: Office, catalog: Catalog, rules: None
) -> None:
    scores = score_units(office.store, catalog, "2016", as_of=YEAR_END)
    assert len(scores) == len(catalog.reporting_units())
    jtys, czw, wjw = (by_unit(scores)[u] for u in ("jtys", "czw", "wjw"))
    # jtys, all four rules apply (weights 100):
    #   on time 3 of 5 = 0.6 x 30 = 18; completion (100+80+60+100+50+0+0+30)/8 = 52.5% x 40 = 21;
    #   targets 2 of 3 = 0.6667 x 20 = 13.334; indicators 1 of 1 x 10 = 10  ->  62.334
    assert [p.raw for p in jtys.parts] == [D("0.6"), D("0.525"), D("0.6667"), D("1")]
    assert points(jtys) == {
        "on_time": D("18.00"),
        "completion": D("21.00"),
        "targets": D("13.33"),
        "indicators": D("10.00"),
    }
    assert jtys.total == D("62.33")
    # czw has no targets and no indicator: weights 30 + 40 = 70
    #   on time 1 of 5: 0.2 x 30 x 100/70 = 8.571; completion (40+20+100+0)/4 = 40%: 22.857
    assert points(czw) == {
        "on_time": D("8.57"),
        "completion": D("22.86"),
        "targets": None,
        "indicators": None,
    }
    assert czw.total == D("31.43")
    assert wjw.total == D("0.00")
    assert [s.unit_id for s in scores[:2]] == ["jtys", "czw"]
    assert [s.rank for s in scores[:3]] == [1, 2, 3]
    assert {s.rank for s in scores[2:]} == {3}  # equal totals share the rank


def test_every_part_is_explained_in_chinese(office: Office, catalog: Catalog, rules: None) -> None:
    scores = by_unit(score_units(office.store, catalog, "2016", as_of=YEAR_END))
    text = {p.rule_key: p.explanation for p in scores["jtys"].parts}
    assert text["on_time"] == "5 个报告期中 3 个按时报送，1 个逾期报送（按 0 计），1 个未报送"
    assert text["completion"] == (
        "据2016年度总结报送：8 项任务平均完成度 52.5%（其中 2 项未填报完成度，按 0 计）"
    )
    assert text["targets"] == "据2016年度总结报送：3 项目标值中 2 项达标"
    assert text["indicators"] == "据2016年度总结报送：负责的 1 项指标中 1 项达标"
    czw = {p.rule_key: p.explanation for p in scores["czw"].parts}
    assert czw["completion"] == "据2016年第一季度报送：4 项任务平均完成度 40.0%"
    assert "不计此项" in czw["targets"] and "不计此项" in czw["indicators"]
    wjw = {p.rule_key: p.explanation for p in scores["wjw"].parts}
    assert wjw["completion"] == "本年度尚无报送，6 项任务均按 0 计"


def test_the_office_changes_weights_parameters_and_switches_rules_off(
    office: Office, catalog: Catalog, rules: None
) -> None:
    update_rule(office.store, "on_time", weight=50, params={"late_credit": "0.5"})
    info = update_rule(office.store, "indicators", enabled=False)
    assert info.enabled is False
    changed = {r.key: r for r in list_rules(office.store, catalog)}
    assert (changed["on_time"].weight, changed["on_time"].params) == (D(50), {"late_credit": "0.5"})
    scores = by_unit(score_units(office.store, catalog, "2016", as_of=YEAR_END))
    # jtys: weights 50 + 40 + 20 = 110; on time (3 + 0.5 x 1)/5 = 0.7
    #   0.7 x 50 x 100/110 = 31.818; 0.525 x 40 x 100/110 = 19.091; 0.6667 x 20 x 100/110 = 12.122
    assert points(scores["jtys"]) == {
        "on_time": D("31.82"),
        "completion": D("19.09"),
        "targets": D("12.12"),
    }
    assert scores["jtys"].total == D("63.03")
    assert "1 个逾期报送（按 0.5 计）" in scores["jtys"].parts[0].explanation
    # czw: weights 50 + 40 = 90: 0.2 x 50 x 100/90 = 11.111; 0.4 x 40 x 100/90 = 17.778
    assert scores["czw"].total == D("28.89")


def test_the_year_so_far_counts_only_periods_already_due(
    office: Office, catalog: Catalog, rules: None
) -> None:
    scores = by_unit(score_units(office.store, catalog, "2016", as_of=date(2016, 7, 10)))
    jtys = scores["jtys"]
    # Q1 on time, Q2 late; the basis is Q2: every task 50 %, targets and indicator not met
    assert jtys.parts[0].explanation == "2 个报告期中 1 个按时报送，1 个逾期报送（按 0 计）"
    assert [p.raw for p in jtys.parts] == [D("0.5"), D("0.5"), D("0"), D("0")]
    assert jtys.total == D("35.00")
    nothing_due = score_units(office.store, catalog, "2016", as_of=date(2016, 3, 1))
    part = nothing_due[0].parts[0]
    assert part.applicable is False and "尚无已到截止日" in part.explanation


def test_rule_changes_are_checked(office: Office, catalog: Catalog, rules: None) -> None:
    for kwargs, message in (
        ({"key": "speed"}, "没有名为"),
        ({"key": "on_time", "weight": "abc"}, "权重必须是数字"),
        ({"key": "on_time", "weight": -1}, "0 到 1000"),
        ({"key": "on_time", "params": {"late_credit": "2"}}, "逾期折算系数必须是 0 到 1"),
        ({"key": "on_time", "params": {"late_credit": "-0.1"}}, "逾期折算系数"),
        ({"key": "on_time", "params": {"late_credit": "半"}}, "逾期折算系数"),
        ({"key": "on_time", "params": {"late_credit": "NaN"}}, "逾期折算系数"),
        ({"key": "on_time", "params": {"speed": "1"}}, "没有参数 speed"),
        ({"key": "completion", "params": {"late_credit": "0.5"}}, "没有参数"),
    ):
        with pytest.raises(AssessmentError, match=message):
            update_rule(office.store, **kwargs)  # type: ignore[arg-type]
    assert [r.weight for r in list_rules(office.store, catalog)] == [D(30), D(40), D(20), D(10)]
    assert list_rules(office.store, catalog)[0].params == {"late_credit": "0"}


def test_a_quarter_is_not_an_assessment_year(office: Office, catalog: Catalog) -> None:
    with pytest.raises(KeyError):
        score_units(office.store, catalog, "2016Q1")


def test_every_parameter_has_a_chinese_name_and_the_rule_text_uses_it(
    office: Office, catalog: Catalog, rules: None
) -> None:
    """The office reads 逾期折算系数, never the code name late_credit."""
    for spec in DEFAULT_RULES:
        for name in spec.params:
            p = param_spec(name)
            assert p is not None and p.name == name
            assert not p.label.isascii() and name not in p.label  # Chinese, not the code
            assert p.low <= Decimal(spec.params[name]) <= p.high
    for r in list_rules(office.store, catalog):
        assert not any(name in r.description for name in PARAMS), r.description
    assert "逾期折算系数" in list_rules(office.store, catalog)[0].description


def test_a_parameter_is_set_by_its_chinese_name_and_the_weight_stays(
    office: Office, catalog: Catalog, rules: None
) -> None:
    update_rule(office.store, "on_time", weight=25)
    info = update_rule(office.store, "on_time", params={"逾期折算系数": "0.50"})
    assert (info.weight, info.params) == (D(25), {"late_credit": "0.5"})
    # a change of weight alone keeps the parameter; -0 is stored as 0
    assert update_rule(office.store, "on_time", weight=30).params == {"late_credit": "0.5"}
    assert update_rule(office.store, "on_time", params={"late_credit": "-0"}).params == {
        "late_credit": "0"
    }
    assert update_rule(office.store, "on_time", params={"late_credit": 1}).params == {
        "late_credit": "1"
    }
    scores = by_unit(score_units(office.store, catalog, "2016", as_of=YEAR_END))
    # jtys: 3 on time + 1 late at full credit, of 5 due: 0.8 x 30 = 24
    assert scores["jtys"].parts[0].raw == D("0.8")
    assert "1 个逾期报送（按 1 计）" in scores["jtys"].parts[0].explanation
