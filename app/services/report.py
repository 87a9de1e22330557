"""The consolidated report (汇总表) of one period: gather the figures, lay out the workbook.

``build_report`` reads the store (current versions only: a superseded version never appears)
into ``ReportData``; ``report_book`` lays it out as the sheets of ``app.io.report_writer``:

  汇总          headline figures and native charts (status mix, completion by section / unit)
  一、… 五、    one sheet per plan section: every task, every unit with a role, its current
                entry, its targets' actuals against target, and the source (unit, version,
                file SHA-256 prefix)
  工作目标指标  the nine goal indicators and every task target, actual against target
  报送情况      the tracker: on time, late, missing, rejected attempts, last import
  年度考核      the annual assessment of the year so far (periods due by this period's due
                date), with every part of every score explained
  数据来源      every current submission the report rests on, with its full SHA-256 and key

Times are shown in Beijing time, as the due dates are.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from app.domain.catalog import ROLE_LABELS, Catalog, PeriodInfo, TaskInfo
from app.domain.payload import plain_decimal
from app.io.keys import format_fingerprint
from app.io.report_writer import Block, Book, Chart, Column, Row, Sheet, Value, write_book
from app.models.base import utcnow
from app.models.store import Store
from app.services.assessment import (
    PARAMS,
    RuleInfo,
    UnitScore,
    annual_period,
    list_rules,
    score_units,
    year_periods,
)
from app.services.consolidation import (
    NOT_REPORTED,
    STATE_LABELS,
    BoardRow,
    Matrix,
    SourceInfo,
    TargetActual,
    Tracker,
    UnitEntryDetail,
    completion_by_section,
    completion_by_unit,
    current_sources,
    indicator_board,
    load_matrix,
    period_details,
    section_label,
    status_counts,
    status_label,
    tracker,
)
from app.services.office_status import PLAN_TZ

STATUS_MARKS = {
    "completed": "good",
    "in_progress": "info",
    "delayed": "bad",
    "not_started": "warn",
    None: "none",
}
STATE_MARKS = {"submitted": "good", "late": "warn", "missing": "bad", "rejected": "bad"}
BOARD_MARKS = {"met": "good", "not_met": "bad", "no_data": "none"}
BOARD_LABELS = {"met": "达标", "not_met": "未达标", "no_data": "无数据"}


@dataclass(frozen=True)
class ReportData:
    plan_title: str
    period: PeriodInfo
    generated_at: datetime
    matrix: Matrix
    details: Mapping[int, tuple[UnitEntryDetail, ...]]
    board: tuple[BoardRow, ...]
    tracker: Tracker
    annual: PeriodInfo | None  # the year assessed (None: the plan has no annual period)
    assessed_periods: tuple[str, ...]  # periods counted: due by this period's due date
    rules: tuple[RuleInfo, ...]
    scores: tuple[UnitScore, ...]
    sources: tuple[SourceInfo, ...]
    period_titles: Mapping[str, str] = field(default_factory=dict)

    @property
    def entries(self) -> int:
        """Entries reported in the current versions of this period."""
        return sum(1 for rows in self.details.values() for r in rows if r.status is not None)


@dataclass(frozen=True)
class ReportSummary:
    path: Path
    sheets: tuple[str, ...]
    entries_written: int
    file_sha256: str
    units_expected: int = 0
    units_on_time: int = 0
    units_late: int = 0
    units_missing: int = 0  # missing or only rejected attempts


def build_report(
    store: Store, catalog: Catalog, period: str, *, now: datetime | None = None
) -> ReportData:
    """Everything the report shows (KeyError for a period not in the plan)."""
    info = catalog.period(period)
    matrix = load_matrix(store, catalog, period)
    annual = _annual_of(catalog, info)
    assessed: list[str] = []
    scores: list[UnitScore] = []
    rules: list[RuleInfo] = []
    if annual is not None:
        assessed = [p.code for p in year_periods(catalog, annual) if p.due <= info.due]
        rules = list_rules(store, catalog)
        scores = score_units(store, catalog, annual.code, as_of=info.due)
    periods = [p.code for p in catalog.periods if p.code in assessed or p.code == period]
    return ReportData(
        plan_title=catalog.title,
        period=info,
        generated_at=now or utcnow(),
        matrix=matrix,
        details=period_details(store, catalog, period),
        board=tuple(indicator_board(store, catalog, period)),
        tracker=tracker(store, catalog, period),
        annual=annual,
        assessed_periods=tuple(assessed),
        rules=tuple(rules),
        scores=tuple(scores),
        sources=tuple(current_sources(store, catalog, periods)),
        period_titles={p.code: p.title for p in catalog.periods},
    )


def _annual_of(catalog: Catalog, period: PeriodInfo) -> PeriodInfo | None:
    for p in catalog.periods:
        if p.kind == "annual" and p.start <= period.start and period.end <= p.end:
            return p
    try:
        return annual_period(catalog)
    except KeyError:
        return None


def write_report(
    store: Store, catalog: Catalog, period: str, out: Path, *, now: datetime | None = None
) -> ReportSummary:
    data = build_report(store, catalog, period, now=now)
    result = write_book(Path(out), report_book(data, catalog))
    t = data.tracker
    return ReportSummary(
        path=result.path,
        sheets=result.sheets,
        entries_written=data.entries,
        file_sha256=result.sha256,
        units_expected=t.expected,
        units_on_time=t.count("submitted"),
        units_late=t.count("late"),
        units_missing=t.count("missing") + t.count("rejected"),
    )


# -- layout -------------------------------------------------------------------------------
def beijing(at: datetime | None) -> str:
    return "" if at is None else at.astimezone(PLAN_TZ).strftime("%Y-%m-%d %H:%M")


def report_book(data: ReportData, catalog: Catalog) -> Book:
    title = f"{data.plan_title}落实情况汇总表"
    head = f"{title}（{data.period.title}）"
    sheets = [
        _summary_sheet(data, title),
        *_section_sheets(data, catalog, head),
        _board_sheet(data, head),
        _tracker_sheet(data, head),
    ]
    if data.annual is not None:
        sheets.append(_assessment_sheet(data, head))
    sheets.append(_sources_sheet(data, head))
    return Book(
        sheets=tuple(sheets),
        title=head,
        subject=f"{data.plan_title} {data.period.code}",
        comments=f"生成于 {beijing(data.generated_at)}（北京时间），仅依据各单位现行版本",
    )


def _subtitle(data: ReportData) -> str:
    return (
        f"报告期：{data.period.title}（报送截止 {data.period.due:%Y-%m-%d}）　"
        f"生成时间：{beijing(data.generated_at)}（北京时间）　"
        f"依据：{sum(1 for s in data.sources if s.period == data.period.code)} 份现行报送文件"
        "（已更正的旧版本不计入）"
    )


def _summary_sheet(data: ReportData, title: str) -> Sheet:
    t = data.tracker
    expected = t.expected or 1
    tracker_rows = [
        ("应报送单位", t.expected, ""),
        ("按时报送", t.count("submitted"), "good"),
        ("逾期报送", t.count("late"), "warn"),
        ("未报送", t.count("missing"), "bad"),
        ("仅有被拒收的文件", t.count("rejected"), "bad"),
    ]
    counts = status_counts(data.matrix)
    total = sum(n for _, n in counts) or 1
    marks = ["good", "info", "bad", "warn", "none"]
    board = {k: sum(1 for b in data.board if b.state == k) for k in BOARD_LABELS}
    states = {r.unit_id: r.state for r in t.rows}

    def sent(unit_id: str) -> bool:  # a unit that sent nothing has no average, not 0 %
        return states.get(unit_id) in ("submitted", "late")

    by_unit = completion_by_unit(data.matrix)
    reporting = [u for u in data.matrix.units if u.reports]
    blocks = (
        Block(
            "一、报送情况",
            (
                Column("项目", 30),
                Column("单位数", 12, "center"),
                Column("占应报单位", 12, "percent"),
            ),
            [
                Row((name, n, round(100 * n / expected, 1)), marks=("", "", m))
                for name, n, m in tracker_rows
            ],
        ),
        Block(
            "二、任务填报状态分布",
            (Column("状态", 30), Column("条目数", 12, "center"), Column("占比", 12, "percent")),
            [
                Row((label, n, round(100 * n / total, 1)), marks=(mark,))
                for (label, n), mark in zip(counts, marks, strict=True)
            ],
            Chart("pie", "任务填报状态分布", point_marks=tuple(marks)),
            note="条目：每个单位对其承担的每项任务的一条进展；“未报送”为应报而未收到的条目。",
        ),
        Block(
            "三、各部分平均完成度",
            (Column("工作方案部分", 30), Column("平均完成度", 12, "percent")),
            [Row((label, value)) for label, value in completion_by_section(data.matrix)],
            Chart("bar", "各部分平均完成度（%）", max_value=100),
            note="平均完成度：已报送条目完成度的平均值（已完成计 100%，未启动计 0%）。",
        ),
        Block(
            "四、工作目标指标与任务目标值",
            (Column("达标情况", 30), Column("项数", 12, "center")),
            [Row((BOARD_LABELS[k], n), marks=("", BOARD_MARKS[k])) for k, n in board.items()],
            note="详见“工作目标指标”表。",
            page_break=True,
        ),
        Block(
            "五、各单位平均完成度",
            (Column("单位", 30), Column("平均完成度", 12, "percent"), Column("报送状态", 12)),
            [
                Row(
                    (
                        name,
                        value if sent(u.id) else None,
                        STATE_LABELS.get(states.get(u.id, ""), ""),
                    ),
                    marks=("", "", STATE_MARKS.get(states.get(u.id, ""), "")),
                )
                for u, (name, value) in zip(reporting, by_unit, strict=True)
            ],
            Chart("bar", "各单位平均完成度（%）", max_value=100),
        ),
    )
    return Sheet("汇总", f"{title}", _subtitle(data), blocks, repeat_header=False)


def _roles_text(task: TaskInfo, catalog: Catalog) -> str:
    by_role: dict[str, list[str]] = {}
    for a in task.units:
        name = a.unit if a.is_group else catalog.unit(a.unit).short_name
        by_role.setdefault(a.role, []).append(name)
    return "；".join(f"{ROLE_LABELS[r]}：{'、'.join(n)}" for r, n in by_role.items())


def _targets_text(targets: tuple[TargetActual, ...]) -> str:
    lines = []
    for t in targets:
        if t.actual is None:
            verdict, actual = "未填报", "—"
        else:
            verdict = "达标" if t.met else "未达标"
            actual = f"{plain_decimal(t.actual)} {t.target.unit}".strip()
        lines.append(f"{t.target.name}：{actual}（目标 {t.target.describe()}，{verdict}）")
    return "\n".join(lines)


SECTION_COLUMNS = (
    Column("单位", 12),
    Column("角色", 5, "center"),
    Column("状态", 7, "center"),
    Column("完成度", 7, "number", '0"%"'),
    Column("工作进展", 46),
    Column("存在问题", 24),
    Column("下一步计划", 24),
    Column("目标值完成情况", 24),
    Column("来源（单位 版本 · 文件SHA-256前8位）", 15),
)


def _entry_row(d: UnitEntryDetail, reports: bool) -> Row:
    if d.status is None:
        state = NOT_REPORTED if reports else "无需报送"
        if d.version is not None:
            state = "未填此项"
        return Row(
            (d.unit_name, ROLE_LABELS[d.role], state, None, "", "", "", "", d.source),
            marks=("", "", "none" if reports else ""),
        )
    source = d.source + ("\n逾期报送" if d.late else "")
    return Row(
        (
            d.unit_name,
            ROLE_LABELS[d.role],
            status_label(d.status),
            d.percent,
            d.progress,
            d.problems,
            d.next_steps,
            _targets_text(d.targets),
            source,
        ),
        marks=(
            "",
            "",
            STATUS_MARKS.get(d.status, ""),
            "",
            "",
            "",
            "",
            "",
            "warn" if d.late else "",
        ),
    )


def _section_sheets(data: ReportData, catalog: Catalog, head: str) -> list[Sheet]:
    reports = {u.id: u.reports for u in catalog.units}
    sheets = []
    for section in catalog.sections:
        rows: list[Row] = []
        tasks = [t for t in catalog.tasks if t.section == section.no]
        for task in tasks:
            rows.append(Row((f"{task.no}．{task.title}　（{_roles_text(task, catalog)}）",), True))
            rows.append(Row((f"任务内容：{task.text}",), True, note=True))
            details = data.details.get(task.no, ())
            if not details:
                groups = "、".join(a.unit for a in task.units if a.is_group)
                rows.append(
                    Row(
                        (groups or "—", "", "无报送单位", None, "", "", "", "", ""),
                        marks=("", "", "none"),
                    )
                )
            rows.extend(_entry_row(d, reports.get(d.unit_id, True)) for d in details)
        label = section_label(section.no, section.title)
        sheets.append(
            Sheet(
                label[:31],
                label,
                _subtitle(data),
                (Block("", SECTION_COLUMNS, rows),),
                header_text=head,
            )
        )
    return sheets


def _board_sheet(data: ReportData, head: str) -> Sheet:
    columns = (
        Column("编号", 7, "center"),
        Column("类别", 10, "center"),
        Column("名称", 30),
        Column("责任单位 / 所属任务", 26),
        Column("目标", 16, "center"),
        Column("实际值", 11, "number"),
        Column("达标情况", 9, "center"),
        Column("来源", 20),
        Column("说明", 24),
    )
    rows = [
        Row(
            (
                b.key,
                "工作目标指标" if b.kind == "indicator" else "任务目标值",
                b.name,
                b.owner_or_task,
                b.target.describe(),
                b.actual,
                BOARD_LABELS[b.state],
                b.source,
                b.note,
            ),
            marks=("", "", "", "", "", "", BOARD_MARKS[b.state]),
        )
        for b in data.board
    ]
    note = (
        "任务目标值取该任务牵头（或首个负责）单位填报的实际值，多个单位的数值不相加；"
        "各单位各自填报的数值见对应部分的工作表。"
    )
    return Sheet(
        "工作目标指标",
        "工作目标指标与任务目标值完成情况",
        _subtitle(data),
        (Block("", columns, rows, note=note),),
        header_text=head,
    )


def _tracker_sheet(data: ReportData, head: str) -> Sheet:
    t = data.tracker
    columns = (
        Column("单位", 22),
        Column("报送状态", 10, "center"),
        Column("现行版本", 8, "center"),
        Column("签署时间", 16, "center"),
        Column("导入时间", 16, "center"),
        Column("已收版本数", 9, "center"),
        Column("被拒收次数", 9, "center"),
        Column("最近一次拒收原因", 36),
        Column("最近导入", 16, "center"),
    )
    rows = [
        Row(
            (
                r.unit_name,
                STATE_LABELS[r.state],
                None if r.version is None else f"v{r.version}",
                beijing(r.submitted_at),
                beijing(r.imported_at),
                r.versions,
                r.rejected_attempts,
                "" if r.last_reason is None else r.last_reason.render("zh"),
                beijing(r.last_import),
            ),
            marks=("", STATE_MARKS[r.state]),
        )
        for r in t.rows
    ]
    subtitle = (
        f"报告期：{data.period.title}　报送截止：{t.due:%Y-%m-%d}（北京时间当日签署即为按时）　"
        f"应报 {t.expected}，按时 {t.count('submitted')}，逾期 {t.count('late')}，"
        f"未报送 {t.count('missing')}，仅被拒收 {t.count('rejected')}"
    )
    return Sheet(
        "报送情况", "各单位报送情况", subtitle, (Block("", columns, rows),), header_text=head
    )


def _assessment_sheet(data: ReportData, head: str) -> Sheet:
    assert data.annual is not None
    rules = [r for r in data.rules if r.enabled]
    columns = (
        Column("排名", 6, "center"),
        Column("单位", 18),
        Column("总分", 9, "number", "0.00"),
        *(Column(f"{r.name}\n（权重 {_num(r.weight)}）", 11, "number", "0.00") for r in rules),
        Column("评分说明", 60),
    )
    rows = []
    for s in data.scores:
        parts = {p.rule_key: p for p in s.parts}
        cells: list[Value] = [s.rank, s.unit_name, s.total]
        lines = []
        for r in rules:
            p = parts.get(r.key)
            cells.append(None if p is None else (p.points if p.applicable else "不计"))
            if p is not None:
                lines.append(f"{p.rule_name}：{p.explanation}")
        rows.append(Row((*cells, "\n".join(lines))))
    scope = "、".join(data.period_titles.get(c, c) for c in data.assessed_periods) or "无"
    rule_lines = "\n".join(
        f"{r.name}（权重 {_num(r.weight)}{'' if r.enabled else '，未启用'}）：{r.description}"
        + (f"　参数：{_params(r)}" if r.params else "")
        for r in data.rules
    )
    note = (
        "计分方法：各项得分 = 达成比例 × 权重 × 100 ÷ 适用于该单位的各项权重之和；"
        "不适用的项目不计分，总分按适用项目折算为百分制。\n" + rule_lines
    )
    year = f"{data.annual.start.year}年度"
    subtitle = (
        f"考核年度：{year}　计入的报告期：{scope}"
        f"（截至 {data.period.due:%Y-%m-%d} 已到报送截止日）　依据：各单位现行版本"
    )
    return Sheet(
        "年度考核",
        f"{year}成员单位考核评分（截至{data.period.title}）",
        subtitle,
        (Block("", columns, rows, note=note),),
        header_text=head,
    )


def _num(d: object) -> str:
    text = str(d)
    return text.rstrip("0").rstrip(".") if "." in text else text


def _params(r: RuleInfo) -> str:
    def label(name: str) -> str:
        spec = PARAMS.get(name)
        return spec.label if spec is not None else name

    return "，".join(f"{label(k)} {v}" for k, v in r.params.items())


def grouped_sha256(digest: str) -> str:
    """'fad8ae07 c3a1d9ee …': wraps cleanly in a printed column; the first group is the prefix
    the section sheets cite."""
    return " ".join(digest[i : i + 8] for i in range(0, len(digest), 8))


def _sources_sheet(data: ReportData, head: str) -> Sheet:
    titles = {data.period.code: data.period.title, **data.period_titles}
    columns = (
        Column("单位", 18),
        Column("报告期", 11, "center"),
        Column("版本", 6, "center"),
        Column("序号", 6, "center"),
        Column("签署时间", 16, "center"),
        Column("导入时间", 16, "center"),
        Column("文件名", 24),
        Column("文件 SHA-256（每 8 位一组）", 36),
        Column("签名密钥指纹", 42),
    )
    rows = [
        Row(
            (
                s.unit_name,
                titles.get(s.period, s.period),
                f"v{s.version}",
                s.sequence,
                beijing(s.submitted_at),
                beijing(s.imported_at),
                s.file_name,
                grouped_sha256(s.file_sha256),
                format_fingerprint(s.fingerprint),
            ),
            marks=("", "", "", "", "warn" if s.late else ""),
        )
        for s in data.sources
    ]
    subtitle = (
        "本报告所依据的每一份现行报送文件（已被更正的旧版本不列入）；"
        "用 SHA-256 可核对原始文件，用密钥指纹可核对报送单位。签署时间标黄的为逾期报送。"
    )
    return Sheet("数据来源", "数据来源", subtitle, (Block("", columns, rows),), header_text=head)


__all__ = [
    "ReportData",
    "ReportSummary",
    "build_report",
    "report_book",
    "write_report",
]
