"""The assessment bulletin of a year (关于2016年度成员单位质量工作考核结果的通报).

一、考核办法 (the rules, their weights and parameters, the grade thresholds), 二、考核结果 (the
grades with their units and the ranking table), 三、扣分情况 (every point a unit lost and why,
in the words the assessment page uses), 四、有关要求. The scores are ``score_units`` as of the
bulletin's date: the periods of the year whose due date has passed by then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from app.domain.catalog import Catalog, PeriodInfo
from app.io.bulletin_model import (
    Block,
    Column,
    OfficialDocument,
    Paragraph,
    Table,
    chinese_date,
)
from app.io.gongwen_format import text_units
from app.models.store import Store
from app.services.assessment import (
    PARAMS,
    RuleInfo,
    ScorePart,
    UnitScore,
    annual_period,
    list_rules,
    score_units,
    year_periods,
)
from app.services.assessment.grades import (
    GRADE_ORDER,
    Grades,
    grades_description,
    load_grades,
)
from app.services.bulletin.common import Frame, Office, body_of, bulletin_document
from app.services.bulletin.wording import (
    chinese_numeral,
    clause,
    names,
    number,
    points,
    tight,
)
from app.services.consolidation import SourceInfo, current_sources

PARTS = ("考核办法", "考核结果", "扣分情况", "有关要求")


@dataclass(frozen=True)
class AssessmentFacts:
    annual: PeriodInfo
    as_of: date
    counted: tuple[PeriodInfo, ...]  # the year's periods due by ``as_of``
    rules: tuple[RuleInfo, ...]
    scores: tuple[UnitScore, ...]
    grades: Grades
    sources: tuple[SourceInfo, ...]

    def grade(self, score: UnitScore) -> str:
        return self.grades.grade(score.total)

    @property
    def year(self) -> int:
        return self.annual.start.year


def gather(store: Store, catalog: Catalog, period: str, as_of: date) -> AssessmentFacts:
    """KeyError when ``period`` is not an annual period of the plan."""
    annual = annual_period(catalog, period)
    counted = tuple(p for p in year_periods(catalog, annual) if p.due <= as_of)
    return AssessmentFacts(
        annual=annual,
        as_of=as_of,
        counted=counted,
        rules=tuple(list_rules(store, catalog)),
        scores=tuple(score_units(store, catalog, annual.code, as_of=as_of)),
        grades=load_grades(store, catalog),
        sources=tuple(current_sources(store, catalog, [p.code for p in counted])),
    )


def deduction(score: UnitScore, part: ScorePart) -> Decimal:
    """Points lost on a part: its full share of 100 less the points it scored."""
    if not part.applicable:
        return Decimal(0)
    weights = sum((p.weight for p in score.parts if p.applicable), Decimal(0))
    if not weights:
        return Decimal(0)
    full = (part.weight * 100 / weights).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return max(Decimal(0), full - part.points)


def assessment_bulletin(facts: AssessmentFacts, frame: Frame) -> OfficialDocument:
    catalog, office = frame.catalog, frame.office
    year = facts.year
    title_lines = (f"关于{year}年度成员单位", "质量工作考核结果的通报")
    parts = [_method(facts), _results(facts), _deductions(facts)]
    parts.append(_requests(facts, catalog, office))
    body = body_of(_opening(facts, catalog, office), PARTS, parts)
    subject = f"{catalog.title} {year}年度成员单位考核"
    sources = facts.sources
    return bulletin_document(frame, "assessment", facts.annual, title_lines, subject, body, sources)


def _opening(facts: AssessmentFacts, catalog: Catalog, office: Office) -> str:
    n = len(facts.scores)
    text = f"根据《{catalog.title}》关于每年组织对成员单位的质量工作进行考核并通报相关情况的要求，"
    if not facts.counted:
        return text + (
            f"{office.short_name}对{n}个成员单位{facts.year}年度的质量工作进行了考核。"
            f"截至{chinese_date(facts.as_of)}，本年度尚无已到报送截止日的报告期，"
            "各单位得分仅依据现有情况计算。现将考核结果通报如下："
        )
    first, last = facts.counted[0], facts.counted[-1]
    span = first.title if first == last else f"{first.title}至{last.title}共{len(facts.counted)}期"
    return text + (
        f"{office.short_name}依据各成员单位报送的{span}工作进展情况，"
        f"对{n}个成员单位{facts.year}年度的质量工作进行了考核。现将考核结果通报如下："
    )


def _method(facts: AssessmentFacts) -> list[Block]:
    enabled = [r for r in facts.rules if r.enabled]
    if len(enabled) == 1:
        first = f"考核实行百分制，考核内容为{enabled[0].name}（权重{number(enabled[0].weight)}）。"
    else:
        weights = "、".join(number(r.weight) for r in enabled)
        first = (
            f"考核实行百分制，设{names([r.name for r in enabled], '项')}考核内容，"
            f"权重分别为{weights}。"
        )
    out: list[Block] = [Paragraph(first)]
    for i, rule in enumerate(enabled, 1):
        text = tight(rule.description).rstrip("。") + "。"
        for key, value in rule.params.items():
            spec = PARAMS.get(key)
            label = spec.label if spec is not None else key
            text += f"本次考核{label}为{value}。"
        lead = f"（{chinese_numeral(i)}）{rule.name}（权重{number(rule.weight)}）。"
        out.append(Paragraph(text, lead=lead))
    disabled = [r.name for r in facts.rules if not r.enabled]
    closing = (
        "各项得分按该项达成比例乘以权重折算；某项内容对某单位不适用的（如该单位不负责"
        "全市工作目标指标），该项不计分，其权重也不计入该单位的权重之和，总分仍按百分制折算。"
    )
    if disabled:
        closing += f"{names(disabled, '项')}本次未纳入考核。"
    closing += f"考核结果分为优秀、良好、一般、较差四个等次：{grades_description(facts.grades)}。"
    out.append(Paragraph(closing))
    return out


def _results(facts: AssessmentFacts) -> list[Block]:
    if not facts.scores:
        return [Paragraph("本年度没有应参加考核的成员单位。")]
    by_grade: dict[str, list[str]] = {g: [] for g in GRADE_ORDER}
    for s in facts.scores:
        by_grade[facts.grade(s)].append(s.unit_name)
    parts = [
        f"评为{g}的有{names(units)}" if units else f"没有单位被评为{g}"
        for g, units in by_grade.items()
    ]
    text = f"{len(facts.scores)}个成员单位中，{'；'.join(parts)}。各单位得分和排名见表1。"
    return [Paragraph(text), _ranking_table(facts)]


def _fit(*texts: str) -> float:
    """A column's share: the widest of its texts, in characters, plus the cell's padding."""
    return max(text_units(t) for t in texts) + 0.7


def _ranking_table(facts: AssessmentFacts) -> Table:
    enabled = [r for r in facts.rules if r.enabled]
    names_ = [s.unit_name for s in facts.scores] or ["单位"]
    columns = (
        Column("排名", _fit("排名")),
        Column("单位", _fit(*names_), "left"),
        *(Column(f"{r.name}\n（{number(r.weight)}）", _fit(r.name)) for r in enabled),
        Column("总分", _fit("100.00")),
        Column("等次", _fit("等次")),
    )
    rows = []
    blank = False
    for s in facts.scores:
        cells = [str(s.rank), s.unit_name]
        for r in enabled:
            p = s.part(r.key)
            shown = "—" if p is None or not p.applicable else points(p.points)
            blank = blank or shown == "—"
            cells.append(shown)
        rows.append((*cells, points(s.total), facts.grade(s)))
    note = "注：括号内为权重。"
    if blank:
        note = "注：括号内为权重；“—”表示该项对该单位不适用，不计分。"
    caption = f"表1　{facts.year}年度成员单位考核得分及等次"
    return Table(caption, columns, tuple(rows), note, compact=True)


def _deductions(facts: AssessmentFacts) -> list[Block]:
    if not facts.scores:
        return [Paragraph("本年度没有应参加考核的成员单位。")]
    full: list[str] = []
    out: list[Block] = []
    for s in facts.scores:
        lost = [(p, deduction(s, p)) for p in s.parts if deduction(s, p) > 0]
        if not lost:
            full.append(s.unit_name)
            continue
        reasons = "；".join(
            f"{p.rule_name}扣{points(d)}分，{clause(p.explanation)}" for p, d in lost
        )
        who = f"{len(out) + 1}.{s.unit_name}（{points(s.total)}分，{facts.grade(s)}）"
        out.append(Paragraph(f"{who}：{reasons}。"))
    if not out:
        return [Paragraph(f"{len(full)}个成员单位各项均得满分，没有扣分。")]
    intro = "各单位扣分的原因如下（按排名顺序）："
    if full:
        intro = f"{names(full)}各项均得满分。其余单位扣分的原因如下（按排名顺序）："
    return [Paragraph(intro), *out]


def _requests(facts: AssessmentFacts, catalog: Catalog, office: Office) -> list[Block]:
    asks = []
    weak = [s.unit_name for s in facts.scores if facts.grade(s) in ("一般", "较差")]
    if weak:
        asks.append(f"请{names(weak)}对照扣分原因认真查找差距，制定整改措施，切实改进工作。")
    late = [
        s.unit_name
        for s in facts.scores
        if (p := s.part("on_time")) is not None and p.applicable and p.raw < 1
    ]
    if late:
        asks.append(f"请{names(late)}严格按照规定的时间节点向{office.short_name}报送工作进展情况。")
    asks.append(
        f"请各成员单位认真总结{facts.year}年度质量工作，对照《{catalog.title}》的目标任务，"
        "巩固成绩、补齐短板。"
    )
    return [Paragraph(a) for a in asks]
