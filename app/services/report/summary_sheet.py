"""The report's first sheet (汇总): headline figures and native charts."""

from __future__ import annotations

from app.io.report_writer import Block, Chart, Column, Row, Sheet
from app.services.consolidation import (
    STATE_LABELS,
    completion_by_section,
    completion_by_unit,
    status_counts,
)
from app.services.report.cells import BOARD_LABELS, BOARD_MARKS, STATE_MARKS, subtitle
from app.services.report.data import ReportData


def summary_sheet(data: ReportData, title: str) -> Sheet:
    blocks = (
        _tracker_block(data),
        _status_block(data),
        Block(
            "三、各部分平均完成度",
            (Column("工作方案部分", 30), Column("平均完成度", 12, "percent")),
            [Row((label, value)) for label, value in completion_by_section(data.matrix)],
            Chart("bar", "各部分平均完成度（%）", max_value=100),
            note="平均完成度：已报送条目完成度的平均值（已完成计 100%，未启动计 0%）。",
        ),
        _board_block(data),
        _unit_block(data),
    )
    return Sheet("汇总", f"{title}", subtitle(data), blocks, repeat_header=False)


def _tracker_block(data: ReportData) -> Block:
    t = data.tracker
    expected = t.expected or 1
    tracker_rows = [
        ("应报送单位", t.expected, ""),
        ("按时报送", t.count("submitted"), "good"),
        ("逾期报送", t.count("late"), "warn"),
        ("未报送", t.count("missing"), "bad"),
        ("仅有被拒收的文件", t.count("rejected"), "bad"),
    ]
    return Block(
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
    )


def _status_block(data: ReportData) -> Block:
    counts = status_counts(data.matrix)
    total = sum(n for _, n in counts) or 1
    marks = ["good", "info", "bad", "warn", "none"]
    return Block(
        "二、任务填报状态分布",
        (Column("状态", 30), Column("条目数", 12, "center"), Column("占比", 12, "percent")),
        [
            Row((label, n, round(100 * n / total, 1)), marks=(mark,))
            for (label, n), mark in zip(counts, marks, strict=True)
        ],
        Chart("pie", "任务填报状态分布", point_marks=tuple(marks)),
        note="条目：每个单位对其承担的每项任务的一条进展；“未报送”为应报而未收到的条目。",
    )


def _board_block(data: ReportData) -> Block:
    board = {k: sum(1 for b in data.board if b.state == k) for k in BOARD_LABELS}
    return Block(
        "四、工作目标指标与任务目标值",
        (Column("达标情况", 30), Column("项数", 12, "center")),
        [Row((BOARD_LABELS[k], n), marks=("", BOARD_MARKS[k])) for k, n in board.items()],
        note="详见“工作目标指标”表。",
        page_break=True,
    )


def _unit_block(data: ReportData) -> Block:
    states = {r.unit_id: r.state for r in data.tracker.rows}

    def sent(unit_id: str) -> bool:  # a unit that sent nothing has no average, not 0 %
        return states.get(unit_id) in ("submitted", "late")

    by_unit = completion_by_unit(data.matrix)
    reporting = [u for u in data.matrix.units if u.reports]
    return Block(
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
    )
