"""The report's detail sheets: one per plan section, the indicator board, the tracker, the
annual assessment and the sources the report rests on."""

from __future__ import annotations

from app.domain.catalog import ROLE_LABELS, Catalog, TaskInfo
from app.domain.payload import plain_decimal
from app.io.keys import format_fingerprint
from app.io.report_writer import Block, Column, Row, Sheet, Value
from app.services.consolidation import (
    NOT_REPORTED,
    STATE_LABELS,
    TargetActual,
    UnitEntryDetail,
    section_label,
    status_label,
)
from app.services.report.cells import (
    BOARD_LABELS,
    BOARD_MARKS,
    STATE_MARKS,
    STATUS_MARKS,
    beijing,
    grouped_sha256,
    num,
    params_text,
    subtitle,
)
from app.services.report.data import ReportData
from app.services.review import STATE_ZH as REVIEW_ZH


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


def section_sheets(data: ReportData, catalog: Catalog, head: str) -> list[Sheet]:
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
                subtitle(data),
                (Block("", SECTION_COLUMNS, rows),),
                header_text=head,
            )
        )
    return sheets


def board_sheet(data: ReportData, head: str) -> Sheet:
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
        subtitle(data),
        (Block("", columns, rows, note=note),),
        header_text=head,
    )


def tracker_sheet(data: ReportData, head: str) -> Sheet:
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
        Column("审核", 10, "center"),
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
                "" if r.review is None else REVIEW_ZH[r.review],
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


def assessment_sheet(data: ReportData, head: str) -> Sheet:
    assert data.annual is not None
    rules = [r for r in data.rules if r.enabled]
    columns = (
        Column("排名", 6, "center"),
        Column("单位", 18),
        Column("总分", 9, "number", "0.00"),
        *(Column(f"{r.name}\n（权重 {num(r.weight)}）", 11, "number", "0.00") for r in rules),
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
        f"{r.name}（权重 {num(r.weight)}{'' if r.enabled else '，未启用'}）：{r.description}"
        + (f"　参数：{params_text(r)}" if r.params else "")
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


def sources_sheet(data: ReportData, head: str) -> Sheet:
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
