"""The office window over a realistic store: paint first, matrix and detail, pages, import."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.config import Settings
from app.domain.catalog import Catalog
from app.services.consolidation import indicator_board, tracker
from app.services.office_import import Importer
from app.services.stores import Store, open_office_store
from app.ui.office.board_page import COL_STATE as BOARD_STATE
from app.ui.office.tracker_page import COL_STATE, COL_UNIT
from app.ui.office.window import (
    PAGE_BOARD,
    PAGE_CHARTS,
    PAGE_MATRIX,
    PAGE_TRACKER,
    OfficeWindow,
    open_office_window,
)
from tests.kit.paths import ROOT
from tools.demo.office_data import (
    SUPERSEDED_MARKER,
    OfficeData,
    register_demo_keys,
    write_office_files,
)

PERIODS = ("2016Q1", "2016Q2")
LATER = "2016Q3"  # written, not imported: the import test brings it in


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> tuple[Path, OfficeData]:
    """Genuine files for 2016Q1-Q3 from every unit; Q1 and Q2 imported. Built once, copied
    for each test (each test gets its own store)."""
    root = tmp_path_factory.mktemp("office-template")
    store = open_office_store(Settings(root / "data"))
    files = write_office_files(catalog, root / "files", (*PERIODS, LATER), seed=2)
    register_demo_keys(store, catalog, files)
    first = [str(f.path) for f in files.files if f.period in PERIODS]
    outcomes = Importer(store, catalog).run(first, in_process=True)
    store.close()
    return root / "data", OfficeData(files, tuple(outcomes))


@pytest.fixture
def office(
    template: tuple[Path, OfficeData], settings: Settings
) -> Iterator[tuple[Store, OfficeData]]:
    source, data = template
    shutil.copytree(source, settings.data_dir)
    store = open_office_store(settings)
    yield store, data
    store.close()


@pytest.fixture
def window(qtbot, settings: Settings, office: tuple[Store, OfficeData], catalog: Catalog):  # type: ignore[no-untyped-def]
    store, _ = office
    w = OfficeWindow(settings, store, catalog)
    qtbot.addWidget(w)
    w.resize(1400, 850)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_the_window_paints_before_it_opens_the_store(
    qtbot, settings: Settings, office: tuple[Store, OfficeData], catalog: Catalog
) -> None:
    w = open_office_window(settings)
    qtbot.addWidget(w)
    assert w.store is None and not w.import_action.isEnabled()
    assert w.status_label.text() == "正在打开数据…"
    w.show()
    qtbot.waitUntil(lambda: w.store is not None, timeout=20_000)
    assert w.import_action.isEnabled()
    # The latest period anyone reported for is shown first.
    assert w.period == PERIODS[-1]
    assert w.period_combo.currentData() == PERIODS[-1]
    assert w.pages.matrix.model.rowCount() == len(catalog.sections) + len(catalog.tasks)
    assert "个单位中" in w.status_label.text()
    w.close()
    w.store.close()  # type: ignore[union-attr]


def test_a_store_that_cannot_open_is_one_line_in_the_window(
    qtbot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    w = open_office_window(Settings(blocker / "data"))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: "无法打开数据" in w.status_label.text(), timeout=20_000)
    assert "Traceback" not in capsys.readouterr().err
    assert w.store is None


def test_start_up_imports_neither_the_database_nor_qt_charts() -> None:
    code = (
        "import sys; import app.ui.office.window, app.ui.office.import_dialog; "
        "bad = [m for m in ('sqlalchemy', 'PySide6.QtCharts', 'openpyxl', 'cryptography')"
        " if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr


def click_cell(qtbot, view, row: int, col: int) -> None:  # type: ignore[no-untyped-def]
    index = view.model().index(row, col)
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_clicking_a_cell_shows_every_units_text_targets_and_history(
    qtbot, window: OfficeWindow, office: tuple[Store, OfficeData], catalog: Catalog
) -> None:
    _, data = office
    period = window.period
    assert period is not None
    # A unit that sent a corrected version this period, on one of its tasks.
    unit = next(u for (u, p), v in data.current.items() if p == period and v >= 2)
    task = catalog.tasks_for_unit(unit)[0][0]
    page = window.pages.matrix
    model = page.model
    row, col = model.row_of_task(task.no), model.visible_units().index(unit) + 1
    click_cell(qtbot, page.view, row, col)
    detail = page.detail.toPlainText()
    payload = data.current_payload(unit, period)
    assert payload is not None
    entry = next(e for e in payload.entries if e.task == task.no)
    assert entry.progress[:30] in detail
    assert f"{task.no}. {task.title}" in detail
    assert "版本历史" in detail and "（当前）" in detail and "（已被替换）" in detail
    # The first draft's text shows only as the crossed-out old value of a difference.
    assert SUPERSEDED_MARKER in detail
    before_history = detail.split("版本历史")[0]
    assert SUPERSEDED_MARKER not in before_history
    if task.targets:
        assert task.targets[0].name in detail and "达标" in detail
    # Every unit with a role on the task has its block (reported or not).
    for cell in model.matrix.task_cells(task.no):
        name = catalog.unit(cell.unit_id).short_name
        assert name in detail


def test_filters_from_the_bar_and_the_period_from_the_toolbar(
    qtbot, window: OfficeWindow, office: tuple[Store, OfficeData], catalog: Catalog
) -> None:
    _, data = office
    page = window.pages.matrix
    qtbot.mouseClick(page.missing, Qt.MouseButton.LeftButton)
    missing = {
        u
        for (u, p), s in data.states.items()
        if p == window.period and s != "submitted" and s != "late"
    }
    assert set(page.model.visible_units()) >= missing
    assert "个单位" in page.count.text()
    qtbot.mouseClick(page.missing, Qt.MouseButton.LeftButton)
    page.section.setCurrentIndex(page.section.findData(2))
    assert page.model.task_rows() == [t.no for t in catalog.tasks if t.section == 2]
    qtbot.mouseClick(page.reset, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == len(catalog.sections) + len(catalog.tasks)
    window.period_combo.setCurrentIndex(window.period_combo.findData("2016Q1"))
    assert window.period == "2016Q1" and page.model.matrix.period == "2016Q1"


def test_each_periods_matrix_is_read_once_when_asked_for(
    qtbot, window: OfficeWindow, office: tuple[Store, OfficeData], catalog: Catalog
) -> None:
    from app.services.consolidation import load_matrix
    from app.ui.office.period_matrices import PeriodMatrices

    store, _ = office
    matrices = window.matrices
    assert isinstance(matrices, PeriodMatrices)
    codes = [p.code for p in catalog.periods]
    assert list(matrices) == codes
    assert window.period == "2016Q2"  # the latest period with data
    # Read: the periods searched back from the last for data, none for the plan's rows.
    assert matrices.loaded() == codes[1:]
    window.period_combo.setCurrentIndex(window.period_combo.findData("2016Q4"))
    assert matrices["2016Q4"] == load_matrix(store, catalog, "2016Q4")
    assert window.pages.matrix.model.matrix is matrices["2016Q4"]
    assert "2017" not in matrices and matrices.get("2017") is None


def test_the_default_period_reads_from_the_last_period_back(catalog: Catalog) -> None:
    from datetime import date
    from types import SimpleNamespace

    from app.ui.office.period_matrices import PeriodMatrices, default_period

    periods = list(catalog.periods)
    codes = [p.code for p in periods]

    def matrices(with_data: set[str]) -> PeriodMatrices:
        def load(code: str) -> SimpleNamespace:
            status = "in_progress" if code in with_data else None
            return SimpleNamespace(cells={(1, "u"): SimpleNamespace(status=status)})

        return PeriodMatrices(codes, load)  # type: ignore[arg-type]

    year = matrices(set(codes))  # a year of data: only the last period is read
    assert default_period(year, periods, date(2017, 3, 1)) == codes[-1]
    assert year.loaded() == [codes[-1]]
    half = matrices({codes[0], codes[1]})
    assert default_period(half, periods, date(2017, 3, 1)) == codes[1]
    assert half.loaded() == codes[1:]
    none = matrices(set())
    assert default_period(none, periods, date(2016, 5, 2)) == default_period(
        {}, periods, date(2016, 5, 2)
    )


def test_tracker_board_and_charts_load_when_shown(
    qtbot, window: OfficeWindow, office: tuple[Store, OfficeData], catalog: Catalog
) -> None:
    store, data = office
    period = window.period
    assert window.pages.tracker.tracker is None  # nothing loaded before it is shown
    window.tabs.setCurrentIndex(PAGE_TRACKER)
    expected = tracker(store, catalog, period)
    model = window.pages.tracker.model
    assert model.rowCount() == expected.expected
    shown = {
        model.index(i, COL_UNIT).data(): model.index(i, COL_STATE).data()
        for i in range(model.rowCount())
    }
    labels = {
        "submitted": "按时报送",
        "late": "逾期报送",
        "missing": "未报送",
        "rejected": "仅有被拒收的文件",
    }
    for r in expected.rows:
        assert shown[r.unit_name] == labels[data.states[(r.unit_id, period)]]
    assert f"按时 {expected.count('submitted')}" in window.pages.tracker.summary.text()

    window.tabs.setCurrentIndex(PAGE_BOARD)
    board = indicator_board(store, catalog, period)
    board_model = window.pages.board.model
    assert board_model.rowCount() == len(board)
    window.pages.board.state.setCurrentIndex(window.pages.board.state.findData("met"))
    assert board_model.rowCount() == sum(1 for r in board if r.state == "met")
    shown_states = {board_model.index(i, BOARD_STATE).data() for i in range(board_model.rowCount())}
    assert shown_states == {"达标"}

    assert window.pages.charts.views == {}
    window.tabs.setCurrentIndex(PAGE_CHARTS)
    assert set(window.pages.charts.views) == {"sections", "status", "time", "units"}
    units_chart = window.pages.charts.views["units"].chart()
    bars = units_chart.series()[0].barSets()[0]
    assert bars.count() == len(catalog.reporting_units())


def test_ctrl_i_imports_and_the_views_refresh(
    qtbot, window: OfficeWindow, office: tuple[Store, OfficeData], catalog: Catalog, tmp_path: Path
) -> None:
    _, data = office
    q3 = [f.path for f in data.files.files if f.period == LATER]
    window.tabs.setCurrentIndex(PAGE_MATRIX)
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = window.import_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.in_process = True
    with qtbot.waitSignal(dialog.phase_finished, timeout=60_000):
        dialog.add_paths(q3)
    with qtbot.waitSignal(dialog.imported, timeout=60_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert any(c.status is not None for c in window.matrices["2016Q3"].cells.values())
    window.period_combo.setCurrentIndex(window.period_combo.findData("2016Q3"))
    page = window.pages.matrix
    assert any(
        page.model.index(r, c).data() not in (None, "未报", "·")
        for r in range(page.model.rowCount())
        for c in range(1, page.model.columnCount())
    )


def test_the_report_is_written_off_the_ui_thread(
    qtbot, window: OfficeWindow, tmp_path: Path
) -> None:
    done: list[object] = []
    window.write_report(tmp_path / "汇总表", done.append)
    assert not window.report_action.isEnabled()  # one report at a time
    qtbot.waitUntil(lambda: bool(done), timeout=120_000)
    out = tmp_path / "汇总表.xlsx"
    assert out.exists() and out.stat().st_size > 10_000
    assert window.report_action.isEnabled()
    assert "汇总表已导出" in window.statusBar().currentMessage()
    QApplication.processEvents()


def test_smoke_test_of_an_office_install_paints_and_opens_this_window(
    template: tuple[Path, OfficeData], tmp_path: Path
) -> None:
    data_dir = tmp_path / "office-install"
    shutil.copytree(template[0], data_dir)
    (data_dir / "role.json").write_text('{"role": "office"}', encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), "--smoke-test"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "first paint after" in done.stdout and "window: officeWindow" in done.stdout
    assert "Traceback" not in done.stderr


def test_the_window_switches_to_english_at_once(
    qtbot, window: OfficeWindow, catalog: Catalog
) -> None:
    from app.ui.common.i18n import EN, ZH, apply_language

    try:
        apply_language(EN)
        QApplication.processEvents()
        assert window.tabs.tabText(PAGE_MATRIX) == "Matrix"
        assert window.import_action.text() == "Import submissions…"
        assert window.pages.matrix.late.text() == "Late only"
        assert "units shown" in window.pages.matrix.count.text()
        header = window.pages.matrix.model.headerData(0, Qt.Orientation.Horizontal)
        assert header == "Task"
    finally:
        apply_language(ZH)
        QApplication.processEvents()
    assert window.tabs.tabText(PAGE_MATRIX) == "汇总矩阵"
