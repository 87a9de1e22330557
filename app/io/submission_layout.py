"""What a submission workbook shows, cell by cell, computed from the signed payload.

The writer paints this layout and the reader compares every visible cell with it, so the two
can never disagree about what a cell should say. The layout is part of the file format: a
change to any label or position needs a new ``app.io.package_props.FORMAT`` (and the old
layout kept for reading old files).

Cells that come from the plan (task titles, roles, target values) are ``UNKNOWN`` when no
catalog is at hand; a reader without the plan skips them and checks everything else.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta, timezone
from decimal import Decimal
from typing import Final, NamedTuple

from app.domain.catalog import ROLE_LABELS, Catalog, TaskInfo
from app.domain.payload import PayloadEntry, SubmissionPayload
from app.io.keys import format_fingerprint

SHEET_COVER = "封面"
SHEET_TASKS = "任务进展"
SHEET_INDICATORS = "工作目标指标"
SHEET_RESPONSES = "督办答复"  # only in a /3 file that carries responses
SHEET_NAMES = (SHEET_COVER, SHEET_TASKS, SHEET_INDICATORS)
NOTICE = "本文件含数字签名，任何修改都会使签名失效。"
NOTICE_FIX = "如需更正，请在填报程序中修改后重新导出（版本号会加一）。"

# Frozen with the format: entry_rules may reword its labels, old files must still verify.
STATUS_LABELS: Final = {
    "not_started": "未启动",
    "in_progress": "推进中",
    "completed": "已完成",
    "delayed": "滞后",
}
TASK_HEADERS = (
    "序号",
    "任务",
    "角色",
    "状态",
    "完成度(%)",
    "工作进展",
    "存在问题",
    "下一步计划",
    "目标",
    "目标值",
    "实际值",
    "单位",
)
TASK_WIDTHS = (6.0, 16.0, 6.0, 7.5, 7.5, 38.0, 26.0, 26.0, 20.0, 13.0, 10.0, 9.0)
INDICATOR_HEADERS = ("序号", "指标", "目标值", "实际值", "单位", "说明")
INDICATOR_WIDTHS = (6.0, 34.0, 16.0, 11.0, 12.0, 60.0)
COVER_WIDTHS = (20.0, 80.0)
BEIJING = timezone(timedelta(hours=8), "北京时间")


class Unknown:
    """A plan-derived cell the reader cannot rebuild without the catalog."""

    _instance: Unknown | None = None

    def __new__(cls) -> Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = Unknown()
CellValue = str | int | Decimal | None | Unknown


class Cell(NamedTuple):  # a tuple: built a few hundred times per verified file
    value: CellValue
    # title, subtitle, label, value, header, text, center, number, notice, note
    style: str = "text"


@dataclass(frozen=True)
class SheetLayout:
    name: str
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]
    merges: tuple[tuple[int, int, int, int], ...]  # first row, first col, last row, last col
    header_rows: int  # frozen on screen and repeated on every printed page


def submission_footer(p: SubmissionPayload) -> str:
    """The words at the foot of every printed page (the page numbers follow)."""
    return f"{p.unit_name} {p.period} 第 {p.version} 版"


def fingerprint_lines(fingerprint: str) -> str:
    """The 16 groups of 4 in two lines of 8, as read aloud over the phone."""
    groups = format_fingerprint(fingerprint).split()
    return " ".join(groups[:8]) + "\n" + " ".join(groups[8:])


def beijing_time(p: SubmissionPayload) -> str:
    return p.created_at.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S（北京时间）")


def status_summary(p: SubmissionPayload) -> str:
    counts = Counter(e.status for e in p.entries)
    parts = "，".join(f"{label} {counts[s]} 项" for s, label in STATUS_LABELS.items())
    return f"共 {len(p.entries)} 项：{parts}"


def _period_title(p: SubmissionPayload, catalog: Catalog | None) -> str | Unknown:
    if catalog is None:
        return UNKNOWN
    try:
        return f"{catalog.period(p.period).title}（{p.period}）"
    except KeyError:
        return p.period


def _cover(p: SubmissionPayload, catalog: Catalog | None, fingerprint: str) -> SheetLayout:
    plan: str | Unknown = UNKNOWN if catalog is None else f"{catalog.title}（{p.plan_code}）"
    fields: list[tuple[str, CellValue]] = [
        ("工作方案", plan),
        ("报送单位", p.unit_name),
        ("报告期", _period_title(p, catalog)),
        ("版本", f"第 {p.version} 版"),
        ("报送序号", str(p.sequence)),
        ("填报人", p.clerk),
        ("联系电话", p.contact),
        ("生成时间", beijing_time(p)),
        ("任务填报", status_summary(p)),
        ("工作目标指标", f"共 {len(p.indicators)} 项"),
        ("报送编号", p.submission_id),
        ("签名密钥指纹", fingerprint_lines(fingerprint)),
        ("签名算法", "Ed25519"),
        ("程序版本", p.app_version),
    ]
    title: CellValue = UNKNOWN if catalog is None else catalog.title
    rows: list[tuple[Cell, ...]] = [
        (Cell(title, "title"), Cell(None, "title")),
        (Cell("工作任务进展报送表", "subtitle"), Cell(None, "subtitle")),
        (Cell(None, "note"), Cell(None, "note")),
    ]
    rows += [(Cell(label, "label"), Cell(value, "value")) for label, value in fields]
    rows.append((Cell(None, "note"), Cell(None, "note")))
    rows.append((Cell(NOTICE, "notice"), Cell(None, "notice")))
    rows.append((Cell(NOTICE_FIX, "note"), Cell(None, "note")))
    n = len(rows)
    merges = ((1, 1, 1, 2), (2, 1, 2, 2), (n - 1, 1, n - 1, 2), (n, 1, n, 2))
    return SheetLayout(SHEET_COVER, tuple(rows), COVER_WIDTHS, merges, 0)


def _entry_rows(
    e: PayloadEntry, task: TaskInfo | None, role: str | None, known: bool
) -> list[tuple[Cell, ...]]:
    def plan(value: CellValue) -> CellValue:
        return value if known else UNKNOWN

    first = [
        Cell(e.task, "center"),
        Cell(plan(task.title if task else ""), "text"),
        Cell(plan(ROLE_LABELS.get(role or "", "")), "center"),
        Cell(STATUS_LABELS[e.status], "center"),
        Cell(e.percent, "number"),
        Cell(e.progress or None, "text"),
        Cell(e.problems or None, "text"),
        Cell(e.next_steps or None, "text"),
    ]
    spec = {unicodedata.normalize("NFC", x.name): x for x in task.targets} if task else {}
    target_cells: list[tuple[Cell, ...]] = []
    for name, actual in e.targets:
        info = spec.get(name)
        target_cells.append(
            (
                Cell(name, "text"),
                Cell(plan(info.describe() if info else ""), "text"),
                Cell(actual, "number"),
                Cell(plan(info.unit if info else ""), "center"),
            )
        )
    if not target_cells:
        target_cells.append(tuple(Cell(None, "text") for _ in range(4)))
    rows = [(*first, *target_cells[0])]
    blank = tuple(Cell(None, c.style) for c in first)
    rows += [(*blank, *cells) for cells in target_cells[1:]]
    return rows


def _tasks(p: SubmissionPayload, catalog: Catalog | None) -> SheetLayout:
    ncol = len(TASK_HEADERS)
    period = _period_title(p, catalog)
    title: CellValue = (
        UNKNOWN
        if isinstance(period, Unknown)
        else f"{p.unit_name}　{period}　工作任务进展（第 {p.version} 版）"
    )
    rows: list[tuple[Cell, ...]] = [
        (Cell(title, "title"), *(Cell(None, "title") for _ in range(ncol - 1))),
        tuple(Cell(h, "header") for h in TASK_HEADERS),
    ]
    merges = [(1, 1, 1, ncol)]
    roles = {t.no: (t, r) for t, r in catalog.tasks_for_unit(p.unit_id)} if catalog else {}
    for e in p.entries:
        task, role = roles.get(e.task, (None, None))
        block = _entry_rows(e, task, role, catalog is not None)
        first = len(rows) + 1
        rows += block
        if len(block) > 1:
            merges += [(first, c, first + len(block) - 1, c) for c in range(1, 9)]
    if not p.entries:
        rows.append((Cell(None, "text"), Cell("（本期未填报任务）", "text")))
    return SheetLayout(SHEET_TASKS, tuple(rows), TASK_WIDTHS, tuple(merges), 2)


def _indicators(p: SubmissionPayload, catalog: Catalog | None) -> SheetLayout:
    ncol = len(INDICATOR_HEADERS)
    period = _period_title(p, catalog)
    title: CellValue = (
        UNKNOWN if isinstance(period, Unknown) else f"{p.unit_name}　{period}　工作目标指标"
    )
    rows: list[tuple[Cell, ...]] = [
        (Cell(title, "title"), *(Cell(None, "title") for _ in range(ncol - 1))),
        tuple(Cell(h, "header") for h in INDICATOR_HEADERS),
    ]
    info = {i.no: i for i in catalog.indicators} if catalog else {}
    for ind in p.indicators:
        spec = info.get(ind.no)
        known = catalog is not None

        def plan(value: str, known: bool = known) -> CellValue:
            return value if known else UNKNOWN

        rows.append(
            (
                Cell(ind.no, "center"),
                Cell(plan(spec.name if spec else ""), "text"),
                Cell(plan(spec.as_target().describe() if spec else ""), "text"),
                Cell(ind.value, "number"),
                Cell(plan(spec.unit if spec else ""), "center"),
                Cell(ind.note or None, "text"),
            )
        )
    if not p.indicators:
        rows.append((Cell(None, "text"), Cell("（本期未填报工作目标指标）", "text")))
    return SheetLayout(SHEET_INDICATORS, tuple(rows), INDICATOR_WIDTHS, ((1, 1, 1, ncol),), 2)


def _responses(p: SubmissionPayload) -> SheetLayout:
    headers = ("督办编号", "本单位答复")
    rows: list[tuple[Cell, ...]] = [
        (Cell(f"{p.unit_name}　{p.period}　督办事项答复", "title"), Cell(None, "title")),
        tuple(Cell(h, "header") for h in headers),
    ]
    rows += [(Cell(r.notice, "center"), Cell(r.text, "text")) for r in p.responses]
    return SheetLayout(SHEET_RESPONSES, tuple(rows), (12.0, 90.0), ((1, 1, 1, 2),), 2)


def submission_layout(
    payload: SubmissionPayload, catalog: Catalog | None, fingerprint: str
) -> tuple[SheetLayout, ...]:
    """The sheets, in order, as the writer paints them and the reader checks them: cover,
    tasks, indicators, and the responses to 督办 notices when the file carries any."""
    sheets = (
        _cover(payload, catalog, fingerprint),
        _tasks(payload, catalog),
        _indicators(payload, catalog),
    )
    return (*sheets, _responses(payload)) if payload.responses else sheets


def column_letter(col: int) -> str:
    """1 -> "A", 28 -> "AB" (without importing openpyxl in the reader)."""
    out = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out
