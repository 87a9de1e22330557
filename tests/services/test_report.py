"""The consolidated report, written from a real office store and read back with openpyxl."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from app.cli import main
from app.config import Settings
from app.domain.catalog import Catalog
from app.domain.entry_rules import STATUS_LABELS
from app.models import Period, Submission
from app.services.assessment import score_units
from app.services.consolidation import section_label
from app.services.report import ReportSummary, write_report
from app.services.stores import Store, open_office_store
from tests.kit.office import SUPERSEDED_MARKER, TRICKY_TEXT, OfficeData, build_office

PERIODS = ("2016Q1", "2016Q2")
PERIOD = "2016Q2"


@pytest.fixture(scope="module")
def office(
    tmp_path_factory: pytest.TempPathFactory, catalog: Catalog
) -> Iterator[tuple[Store, OfficeData, Path]]:
    root = tmp_path_factory.mktemp("report")
    store = open_office_store(Settings(root / "data"))
    data = build_office(store, catalog, root, PERIODS)
    yield store, data, root
    store.close()


@pytest.fixture(scope="module")
def report(office: tuple[Store, OfficeData, Path], catalog: Catalog) -> tuple[ReportSummary, Any]:
    store, _, root = office
    summary = write_report(store, catalog, PERIOD, root / "汇总表.xlsx")
    return summary, openpyxl.load_workbook(summary.path)


def all_cells(wb: Any) -> Iterator[tuple[str, Any]]:
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    yield ws.title, cell


def current_rows(store: Store, period: str, current: bool) -> list[Submission]:
    with store.factory() as s:
        return list(
            s.scalars(
                select(Submission)
                .join(Period, Period.id == Submission.period_id)
                .where(Period.code == period, Submission.is_current.is_(current))
            )
        )


def test_the_workbook_has_its_sheets_and_native_charts(
    report: tuple[ReportSummary, Any], catalog: Catalog
) -> None:
    summary, wb = report
    sections = [section_label(s.no, s.title) for s in catalog.sections]
    expected = ["汇总", *sections, "工作目标指标", "报送情况", "年度考核", "数据来源"]
    assert wb.sheetnames == expected == list(summary.sheets)
    with zipfile.ZipFile(summary.path) as z:
        names = z.namelist()
        charts = sorted(n for n in names if n.startswith("xl/charts/chart"))
        assert charts == [f"xl/charts/chart{i}.xml" for i in (1, 2, 3)]
        kinds = [z.read(n).decode("utf-8") for n in charts]
    assert "<c:pieChart>" in kinds[0] and "<c:barChart>" in kinds[1]
    assert "汇总!$B$" in kinds[1]  # drawn from the summary's own cells


def test_every_current_entry_is_in_its_section_sheet_and_nothing_else(
    office: tuple[Store, OfficeData, Path], report: tuple[ReportSummary, Any], catalog: Catalog
) -> None:
    _, data, _ = office
    summary, wb = report
    expected: dict[str, set[str]] = {}
    count = 0
    for (unit, period), version in data.current.items():
        if period != PERIOD:
            continue
        for e in data.payloads[(unit, period, version)].entries:
            section = section_label(
                *next(
                    (s.no, s.title)
                    for s in catalog.sections
                    if s.no == catalog.task(e.task).section
                )
            )
            expected.setdefault(section, set()).add(e.progress)
            count += 1
    assert summary.entries_written == count > 100
    statuses = set(STATUS_LABELS.values())
    written = 0
    for section, texts in expected.items():
        ws = wb[section]
        values = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
        assert texts <= values
        written += sum(1 for row in ws.iter_rows(min_col=3, max_col=3) if row[0].value in statuses)
    assert written == count


def test_no_superseded_version_appears_anywhere(
    office: tuple[Store, OfficeData, Path], report: tuple[ReportSummary, Any]
) -> None:
    store, data, _ = office
    summary, wb = report
    assert any(SUPERSEDED_MARKER in p.entries[0].progress for p in data.payloads.values())
    texts = [str(c.value) for _, c in all_cells(wb)]
    assert not any(SUPERSEDED_MARKER in t for t in texts)
    with zipfile.ZipFile(summary.path) as z:
        raw = b"".join(z.read(n) for n in z.namelist())
    assert SUPERSEDED_MARKER.encode("utf-8") not in raw
    old = [s.file_sha256 for p in PERIODS for s in current_rows(store, p, current=False)]
    assert old  # there are superseded files, and none of them is cited
    flat = "\n".join(texts).replace(" ", "")
    assert not any(sha in flat or sha[:8] in flat for sha in old)


def test_user_text_that_looks_like_a_formula_stays_text(report: tuple[ReportSummary, Any]) -> None:
    summary, wb = report
    cells = list(all_cells(wb))
    assert not [(s, c.coordinate) for s, c in cells if c.data_type == "f"]
    tricky = [c for _, c in cells if c.value == TRICKY_TEXT]
    assert tricky and all(c.data_type == "s" for c in tricky)
    with zipfile.ZipFile(summary.path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in z.read(n) for n in sheets)


def test_every_figure_names_its_source(
    office: tuple[Store, OfficeData, Path], report: tuple[ReportSummary, Any], catalog: Catalog
) -> None:
    store, data, _ = office
    _, wb = report
    sources = wb["数据来源"]
    listed = {
        (row[0].value, row[2].value, str(row[7].value).replace(" ", ""))
        for row in sources.iter_rows(min_row=5)
        if row[7].value
    }
    unit_of = {p.submission_id: u for (u, _, _), p in data.payloads.items()}
    current = [s for p in PERIODS for s in current_rows(store, p, current=True)]
    expected = {
        (catalog.unit(unit_of[s.uuid]).short_name, f"v{s.version}", s.file_sha256) for s in current
    }
    assert listed == expected
    assert len(listed) == sum(1 for (_, p) in data.current if p in PERIODS)
    # each section row cites the unit, its current version and its file's SHA-256 prefix
    unit, version = next((u, v) for (u, p), v in data.current.items() if p == PERIOD and v >= 2)
    uuid = data.payloads[(unit, PERIOD, version)].submission_id
    digest = next(s.file_sha256 for s in current if s.uuid == uuid)
    name = catalog.unit(unit).short_name
    cited = {
        str(c.value).split("\n")[0]
        for _, c in all_cells(wb)
        if isinstance(c.value, str) and c.value.startswith(f"{name} v")
    }
    assert cited == {f"{name} v{version} · {digest[:8]}"}


def test_tracker_board_and_assessment_sheets_agree_with_the_store(
    office: tuple[Store, OfficeData, Path], report: tuple[ReportSummary, Any], catalog: Catalog
) -> None:
    store, data, _ = office
    _, wb = report
    labels = {
        "submitted": "按时报送",
        "late": "逾期报送",
        "missing": "未报送",
        "rejected": "被拒收",
    }
    tracker = {
        row[0].value: row[1].value
        for row in wb["报送情况"].iter_rows(min_row=5)
        if row[1].value in labels.values()
    }
    assert tracker == {
        u.short_name: labels[data.states[(u.id, PERIOD)]] for u in catalog.reporting_units()
    }
    board = [r for r in wb["工作目标指标"].iter_rows(min_row=5, values_only=True) if r[0]]
    keys = [r[0] for r in board if str(r[0])[:1] in "IT"]
    assert len(keys) == len(catalog.indicators) + sum(len(t.targets) for t in catalog.tasks)
    scores = score_units(store, catalog, "2016", as_of=catalog.period(PERIOD).due)
    shown = {
        r[1]: (r[0], float(r[2]))
        for r in wb["年度考核"].iter_rows(min_row=5, values_only=True)
        if isinstance(r[0], int)
    }
    assert shown == {s.unit_name: (s.rank, float(s.total)) for s in scores}


def test_the_summary_counts_units(report: tuple[ReportSummary, Any]) -> None:
    summary, wb = report
    ws = wb["汇总"]
    figures: dict[str, Any] = {}
    for r in ws.iter_rows(values_only=True):
        if r[0] and r[1] is not None:
            figures.setdefault(r[0], r[1])  # the first block: 报送情况
    assert figures["应报送单位"] == summary.units_expected == 20
    assert figures["按时报送"] == summary.units_on_time == 14
    assert figures["逾期报送"] == summary.units_late == 3
    assert figures["未报送"] + figures["仅有被拒收的文件"] == summary.units_missing == 3


def test_sheets_are_set_up_to_print(report: tuple[ReportSummary, Any]) -> None:
    _, wb = report
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth in (1, None) and ws.page_setup.fitToHeight == 0
    section = wb.worksheets[1]
    assert section.print_title_rows and section.freeze_panes
    header_row = int(section.freeze_panes[1:]) - 1
    assert section.cell(header_row, 5).value == "工作进展"
    assert section.column_dimensions["E"].width > 30
    assert any(
        section.cell(r, 5).alignment.wrap_text for r in range(header_row + 1, header_row + 6)
    )


def test_a_period_without_submissions_still_gives_a_report(
    office: tuple[Store, OfficeData, Path], catalog: Catalog, tmp_path: Path
) -> None:
    store, _, _ = office
    summary = write_report(store, catalog, "2016Q4", tmp_path / "q4.xlsx")
    assert summary.entries_written == 0 and summary.units_missing == 20
    wb = openpyxl.load_workbook(summary.path)
    assert "数据来源" in wb.sheetnames


def test_an_unknown_period_is_refused(
    office: tuple[Store, OfficeData, Path], catalog: Catalog, tmp_path: Path
) -> None:
    store, _, _ = office
    with pytest.raises(KeyError):
        write_report(store, catalog, "2099Q1", tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


# -- the command line ---------------------------------------------------------------------
def test_office_report_command(
    office: tuple[Store, OfficeData, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, root = office
    data_dir = str(root / "data")
    out = tmp_path / "report.xlsx"
    assert (
        main(["--data-dir", data_dir, "office", "report", "--period", PERIOD, "--out", str(out)])
        == 0
    )
    printed = capsys.readouterr().out
    assert str(out) in printed and "20 expected" in printed and "3 late" in printed
    assert openpyxl.load_workbook(out).sheetnames[0] == "汇总"
    code = main(
        ["--data-dir", data_dir, "office", "report", "--period", "2099Q9", "--out", str(out)]
    )
    assert code == 2
    assert "没有报告期 2099Q9" in capsys.readouterr().err
    code = main(["--data-dir", data_dir, "office", "report", "--period", PERIOD, "--out", "x.txt"])
    assert code == 2
    js = tmp_path / "j.xlsx"
    assert (
        main(
            [
                "--data-dir",
                data_dir,
                "office",
                "report",
                "--period",
                PERIOD,
                "--out",
                str(js),
                "--json",
            ]
        )
        == 0
    )
    doc = json.loads(capsys.readouterr().out)
    assert doc["units"] == {"expected": 20, "on_time": 14, "late": 3, "missing": 3}
    assert len(doc["sha256"]) == 64 and doc["entries"] > 100


def test_office_assess_command(
    office: tuple[Store, OfficeData, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, root = office
    data_dir = str(root / "data")
    assert (
        main(["--data-dir", data_dir, "office", "assess", "--json", "--as-of", "2016-07-10"]) == 0
    )
    doc = json.loads(capsys.readouterr().out)
    assert doc["period"] == "2016" and len(doc["units"]) == 20
    assert [r["rule"] for r in doc["rules"]] == ["on_time", "completion", "targets", "indicators"]
    first = doc["units"][0]
    assert first["rank"] == 1 and len(first["parts"]) == 4
    assert "个报告期中" in first["parts"][0]["explanation"]
    assert main(["--data-dir", data_dir, "office", "assess", "--as-of", "2016-07-10"]) == 0
    assert "个按时报送" in capsys.readouterr().out
    assert main(["--data-dir", data_dir, "office", "assess", "--period", "2016Q1"]) == 2
    assert "2016Q1 不是年度报告期" in capsys.readouterr().err
