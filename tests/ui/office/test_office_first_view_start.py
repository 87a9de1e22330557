"""The office's start through the first view (docs/design.md §6): the matrix read with sqlite3
is painted before the store opens, the toolbar still off; the store then binds, keeping the
matrices read, and everything else follows. A real office store, the real launcher."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage

from app.config import Settings
from app.domain.catalog import Catalog
from app.services import office_first_view
from app.services.consolidation import load_matrix
from app.ui.common.launch import Launcher
from tools.bench.startup_bench import office_data_dir


@pytest.fixture(scope="module")
def office_dir(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> Path:
    return office_data_dir(catalog, tmp_path_factory.mktemp("office"), 8)


class Seen:
    """The first view the launcher read, and the window as painted at data shown."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.firsts: list[Any] = []
        self.matrix: list[QImage] = []
        self.enabled: list[bool] = []
        opened = office_first_view.open_office_first_view
        shown = Launcher._data_shown

        def open_first(path: Path) -> Any:
            first = opened(path)
            self.firsts.append(first)
            return first

        def data_shown(launcher: Launcher, window: Any) -> None:
            shown(launcher, window)
            assert window.store is None  # painted before the store opened
            self.enabled.append(window.import_action.isEnabled())
            self.matrix.append(window.pages.matrix.view.grab().toImage())

        monkeypatch.setattr(office_first_view, "open_office_first_view", open_first)
        monkeypatch.setattr(Launcher, "_data_shown", data_shown)


def copy_store(folder: Path, to: Path) -> Path:
    """``folder``'s office store copied into ``to`` (made), through SQLite's backup API."""
    to.mkdir()
    source, target = (sqlite3.connect(f / "office.sqlite3") for f in (folder, to))
    source.backup(target)
    source.close()
    target.close()
    return to


def start(qapp: Any, qtbot: Any, folder: Path, tmp_path: Path) -> Any:
    data = copy_store(folder, tmp_path / "data")
    launcher = Launcher(qapp, Settings(data), today=lambda: date(2017, 3, 1))
    window = launcher.start()
    qtbot.addWidget(window)
    window.resize(1300, 800)
    qtbot.waitUntil(lambda: window.store is not None, timeout=20000)
    return window


def test_the_matrix_is_painted_before_the_store_then_bound(
    qapp: Any, qtbot: Any, office_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = Seen(monkeypatch)
    window = start(qapp, qtbot, office_dir, tmp_path)
    first = seen.firsts[0]
    assert first is not None and len(seen.matrix) == 1
    assert seen.enabled == [False]  # no action before the store is there
    assert window.import_action.isEnabled() and "个单位中" in window.status_label.text()
    # the matrices read are the window's now, as the store has them; the first view's
    # connection is closed: whatever is read from now on comes from the store
    matrices = window.matrices
    assert window.period in matrices.loaded()
    assert window.pages.matrix.model.matrix is matrices[window.period]
    for code in matrices.loaded():
        assert matrices[code] == load_matrix(window.store, window.catalog, code), code
    with pytest.raises(sqlite3.ProgrammingError):
        first.matrix(window.period)
    # the matrix did not move when the store came: the same picture, review marks included
    window.period_combo.setCurrentIndex(window.period_combo.findData(window.period))
    assert seen.matrix[0] == window.pages.matrix.view.grab().toImage()
    window.close()
    window.store.close()


def test_a_store_the_first_view_leaves_opens_the_stores_way(
    qapp: Any, qtbot: Any, office_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # which stores the reader leaves is tests/services/test_office_first_view.py's; here the
    # launcher's other way: no first view, the store opened and shown as before
    monkeypatch.setattr(office_first_view, "open_office_first_view", lambda _path: None)
    seen = Seen(monkeypatch)
    window = start(qapp, qtbot, office_dir, tmp_path)
    assert seen.firsts == [None] and seen.matrix == []
    assert window.import_action.isEnabled()
    assert any(c.status for c in window.matrices[window.period].cells.values())
    window.close()
    window.store.close()


def test_the_periods_not_read_yet_are_read_with_the_new_loader() -> None:
    from app.ui.office.period_matrices import PeriodMatrices

    calls: list[tuple[str, str]] = []

    def loader(name: str) -> Any:
        return lambda code: calls.append((name, code)) or f"{name}:{code}"

    matrices: Any = PeriodMatrices(["2016Q1", "2016Q2"], loader("first view"))
    assert matrices["2016Q2"] == "first view:2016Q2"
    matrices.read_with(loader("store"))
    assert (matrices["2016Q2"], matrices["2016Q1"]) == ("first view:2016Q2", "store:2016Q1")
    assert calls == [("first view", "2016Q2"), ("store", "2016Q1")]


def test_the_matrix_answers_while_the_store_loads(
    qapp: Any, qtbot: Any, office_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import Qt

    from tests.kit.preload_gate import gate_module

    gate = gate_module(tmp_path, monkeypatch)
    seen = Seen(monkeypatch)
    data = tmp_path / "data"
    data.mkdir()
    source, target = (
        sqlite3.connect(office_dir / "office.sqlite3"),
        sqlite3.connect(data / "office.sqlite3"),
    )
    source.backup(target)
    source.close()
    target.close()
    launcher = Launcher(qapp, Settings(data), today=lambda: date(2017, 3, 1))
    window = launcher.start()
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: len(seen.matrix) == 1, timeout=20000)
    qtbot.wait(50)  # the event loop runs while the store's modules load
    assert window.store is None and launcher.preload.pending()
    assert not window.import_action.isEnabled() and not window.period_combo.isEnabled()
    page = window.pages.matrix
    rows = page.model.rowCount()
    qtbot.mouseClick(page.missing, Qt.MouseButton.LeftButton)  # a filter: the model alone
    assert page.missing.isChecked() and page.model.rowCount() < rows
    gate.set()
    qtbot.waitUntil(lambda: window.store is not None, timeout=20000)
    assert window.import_action.isEnabled() and page.missing.isChecked()
    assert page.model.rowCount() < rows  # the filter chosen before the binding stays
    window.close()
    window.store.close()
