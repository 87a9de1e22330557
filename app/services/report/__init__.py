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

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.domain.catalog import Catalog
from app.io.report_writer import Book, write_book
from app.models.store import Store
from app.services.report.cells import beijing
from app.services.report.data import ReportData, build_report
from app.services.report.detail_sheets import (
    assessment_sheet,
    board_sheet,
    section_sheets,
    sources_sheet,
    tracker_sheet,
)
from app.services.report.summary_sheet import summary_sheet

__all__ = [
    "ReportData",
    "ReportSummary",
    "build_report",
    "report_book",
    "write_report",
]


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


def report_book(data: ReportData, catalog: Catalog) -> Book:
    title = f"{data.plan_title}落实情况汇总表"
    head = f"{title}（{data.period.title}）"
    sheets = [
        summary_sheet(data, title),
        *section_sheets(data, catalog, head),
        board_sheet(data, head),
        tracker_sheet(data, head),
    ]
    if data.annual is not None:
        sheets.append(assessment_sheet(data, head))
    sheets.append(sources_sheet(data, head))
    return Book(
        sheets=tuple(sheets),
        title=head,
        subject=f"{data.plan_title} {data.period.code}",
        comments=f"生成于 {beijing(data.generated_at)}（北京时间），仅依据各单位现行版本",
    )
