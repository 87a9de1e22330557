"""An import that dies with a BaseException (a Rust panic in python-calamine arrives as one)
ends the dialog's phase with one line, and the traceback is in the log."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from app.domain.catalog import Catalog
from app.services.stores import Store
from app.ui.office.import_dialog import PREVIEW, ImportDialog
from app.ui.office.import_worker import ImportJob
from tests.kit.office import build_small_office


class Panic(BaseException):
    """Like pyo3's PanicException: a BaseException, not an Exception."""


def test_a_panicking_import_ends_the_phase_and_is_logged(
    qtbot: Any,
    office_store: Store,
    catalog: Catalog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    kit = build_small_office(office_store, catalog, tmp_path / "sent", units=["zjj"], missing=0)

    def panic(self: ImportJob, outcome: Any, done: int, total: int) -> None:
        raise Panic("panicked at calamine/src/xlsx.rs")

    monkeypatch.setattr(ImportJob, "_on_result", panic)
    dialog = ImportDialog(office_store, catalog, in_process=True)
    qtbot.addWidget(dialog)
    dialog.show()
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(dialog.phase_finished) as phase:
        dialog.add_paths(list(kit.files.values()))
    assert phase.args == [PREVIEW]
    assert not dialog.busy and dialog.job is None
    assert dialog.summary.text() == "无法完成：panicked at calamine/src/xlsx.rs"
    [record] = [r for r in caplog.records if r.name == "app.ui.office.import_worker"]
    assert record.exc_info is not None and record.exc_info[0] is Panic
