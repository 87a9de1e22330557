"""A small office with genuine signed submissions, for the review, 督办, audit and feedback
pages: 住房建设局, 交通运输委 and 水务局 report 2016Q1 in full; 市场监管委 leaves tasks out (its
review shows errors, so "accept all without errors" leaves it pending)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.config import Settings
from app.domain.catalog import Catalog
from app.io.submission_writer import write_submission
from app.models.store import Store
from app.services.office_import import Importer
from app.ui.office.window import OfficeWindow
from tests.kit.keys import trust
from tests.kit.office import OfficeKit, build_small_office, unit_payload

UNITS = ("zjj", "jtys", "swj")
PARTIAL = "scjg"  # reports only one task: has_errors
PERIOD = "2016Q1"
TODAY = date(2016, 4, 20)
STAFF = "李明"


def build_answers_office(store: Store, catalog: Catalog, folder: Path) -> OfficeKit:
    kit = build_small_office(
        store,
        catalog,
        folder,
        periods=(PERIOD,),
        units=UNITS,
        seed=4,
        missing=0.0,
        late=0.0,
        corrected=0.0,
    )
    trust(store, catalog, PARTIAL, kit.key(PARTIAL))
    rng = random.Random(9)
    payload = unit_payload(
        catalog,
        PARTIAL,
        PERIOD,
        version=1,
        sequence=1,
        rng=rng,
        created_at=kit_time(catalog),
    )
    payload = replace(payload, entries=payload.entries[:1])
    key = kit.key(PARTIAL)
    path = folder / f"{PARTIAL}-{PERIOD}-v1.xlsx"
    write_submission(path, payload, catalog, key.public, key.sign)
    Importer(store, catalog).run([str(path)], in_process=True)
    return kit


def kit_time(catalog: Catalog) -> Any:
    from datetime import UTC, datetime, time

    return datetime.combine(catalog.period(PERIOD).due, time(2, 0), tzinfo=UTC)


def make_window(qtbot: Any, settings: Settings, store: Store, catalog: Catalog) -> OfficeWindow:
    from app.ui.office.actor import set_actor

    set_actor(store, STAFF)
    window = OfficeWindow(settings, store, catalog, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.resize(1400, 850)
    window.show()
    qtbot.waitExposed(window)
    return window


def on_modal(act: Callable[[Any], None]) -> list[Any]:
    """Run ``act`` on the next modal dialog (opened by what the caller does next)."""
    seen: list[Any] = []

    def interact() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(dialog)
        if dialog is None:
            return
        try:
            act(dialog)
        finally:  # a failed check must not leave the test waiting on an open dialog
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, interact)
    return seen


class Boxes:
    """Message boxes replaced: questions answered, warnings and information collected."""

    def __init__(self, monkeypatch: Any, answer: Any = None) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.warnings: list[str] = []
        self.infos: list[str] = []
        self.questions: list[str] = []
        yes = QMessageBox.StandardButton.Yes if answer is None else answer

        def question(_parent: Any, _title: str, text: str, *a: Any, **k: Any) -> Any:
            self.questions.append(text)
            return yes

        def warning(_parent: Any, _title: str, text: str, *a: Any, **k: Any) -> Any:
            self.warnings.append(text)
            return QMessageBox.StandardButton.Ok

        def information(_parent: Any, _title: str, text: str, *a: Any, **k: Any) -> Any:
            self.infos.append(text)
            return QMessageBox.StandardButton.Ok

        monkeypatch.setattr(QMessageBox, "question", question)
        monkeypatch.setattr(QMessageBox, "warning", warning)
        monkeypatch.setattr(QMessageBox, "information", information)
