"""The import dialog driven with qtbot: preview, import, drop, cancel, registering a key."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from app.domain.catalog import Catalog
from app.models import ImportLog, Period, Submission, SubmissionEntry, TrustedKey, Unit
from app.services.audit import list_audit
from app.services.office_import import Importer
from app.services.stores import Store
from app.ui.office.actor import set_actor
from app.ui.office.change_list import COL_NEW
from app.ui.office.import_dialog import IMPORT, PREVIEW, ImportDialog
from app.ui.office.import_table import FileRow
from tests.kit.keys import trust
from tests.kit.office import OfficeKit, build_small_office, write_unit_file


def submissions(store: Store) -> set[tuple[str, str, int, bool]]:
    with store.factory() as s:
        rows = s.execute(
            select(Unit.code, Period.code, Submission.version, Submission.is_current)
            .join(Unit, Unit.id == Submission.unit_id)
            .join(Period, Period.id == Submission.period_id)
        ).all()
    return {(u, p, v, c) for u, p, v, c in rows}


def count(store: Store, model: type) -> int:
    with store.factory() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def office(office_store: Store, catalog: Catalog, tmp_path: Path) -> OfficeKit:
    """zjj and jtys have v1 of 2016Q1 in the store; swj's key is registered, nothing sent."""
    kit = build_small_office(
        office_store,
        catalog,
        tmp_path / "sent",
        units=["zjj", "jtys", "swj"],
        missing=0,
        late=0,
        corrected=0,
    )
    # swj's first file is kept out of the store: it arrives through the dialog as "new".
    return kit


def run_phase(qtbot, dialog: ImportDialog, phase: str, action) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(dialog.phase_finished, timeout=60_000) as blocker:
        action()
    assert blocker.args == [phase]


def make_incoming(office: OfficeKit, catalog: Catalog, folder: Path) -> dict[str, Path]:
    rng = random.Random(7)
    office.folder = folder
    files = {
        "replace": write_unit_file(
            office, catalog, "zjj", "2016Q1", version=2, rng=rng, note="（更正）"
        ),
        "new": write_unit_file(office, catalog, "swj", "2016Q2", rng=rng),
        "same": folder / "jtys-again.xlsx",
    }
    files["same"].write_bytes(office.files[("jtys", "2016Q1", 1)].read_bytes())
    files["junk"] = folder / "junk.xlsx"
    files["junk"].write_bytes(bytes(random.Random(3).getrandbits(8) for _ in range(4000)))
    return files


def test_preview_changes_nothing_then_import_applies(
    qtbot, office_store: Store, catalog: Catalog, office: OfficeKit, tmp_path: Path
) -> None:
    files = make_incoming(office, catalog, tmp_path / "incoming")
    before = submissions(office_store)
    logs_before = count(office_store, ImportLog)
    dialog = ImportDialog(office_store, catalog)  # a batch: worker processes, as in use
    qtbot.addWidget(dialog)
    dialog.show()
    run_phase(qtbot, dialog, PREVIEW, lambda: dialog.add_paths([tmp_path / "incoming"]))

    rows = {Path(r.path).name: r for r in dialog.model.rows}
    assert len(rows) == 4
    assert rows[files["replace"].name].preview.outcome == "accepted"
    assert rows[files["replace"].name].preview.code == "import_replaces"
    assert rows[files["new"].name].preview.code == "import_new"
    assert rows[files["same"].name].preview.outcome == "duplicate"
    assert rows[files["junk"].name].preview.outcome == "rejected"
    texts = {
        name: dialog.model.index(i, 4).data()
        for i, name in enumerate(Path(r.path).name for r in dialog.model.rows)
    }
    assert texts[files["replace"].name].startswith("替换 v1 · ")
    assert texts[files["new"].name] == "新增"
    assert texts[files["same"].name].startswith("无变化")
    assert texts[files["junk"].name].startswith("拒收：")
    assert submissions(office_store) == before  # a dry run touches nothing
    assert count(office_store, ImportLog) == logs_before

    # The replacement's field-by-field differences show when its row is selected.
    dialog.select_file(str(files["replace"]))
    changes = dialog.changes.model()
    assert changes.rowCount() > 0
    progress_col = [changes.index(i, COL_NEW).data() for i in range(changes.rowCount())]
    assert any("（更正）" in t for t in progress_col)
    assert "替换 v1" in dialog.summary.text() or "替换 1" in dialog.summary.text()

    set_actor(office_store, "李明")  # the staff name of this account (设置)
    audited = len(list_audit(office_store, action="import"))
    with qtbot.waitSignal(dialog.imported, timeout=60_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    imports = list_audit(office_store, action="import")  # newest first
    assert len(imports) == audited + 4 and {row.actor for row in imports[:4]} == {"李明"}
    after = submissions(office_store)
    assert ("zjj", "2016Q1", 2, True) in after and ("zjj", "2016Q1", 1, False) in after
    assert ("swj", "2016Q2", 1, True) in after
    assert len(after) == len(before) + 2
    results = {Path(r.path).name: r.result.outcome for r in dialog.model.rows}
    assert results == {
        files["replace"].name: "accepted",
        files["new"].name: "accepted",
        files["same"].name: "duplicate",
        files["junk"].name: "rejected",
    }
    assert count(office_store, ImportLog) == logs_before + 4
    assert not dialog.import_button.isEnabled()  # everything listed is imported


def test_a_real_drop_event_adds_files_and_folders(
    qtbot, office_store: Store, catalog: Catalog, office: OfficeKit, tmp_path: Path
) -> None:
    files = make_incoming(office, catalog, tmp_path / "incoming")
    dialog = ImportDialog(office_store, catalog, in_process=True)
    qtbot.addWidget(dialog)
    dialog.show()
    mime = QMimeData()
    mime.setUrls(
        [QUrl.fromLocalFile(str(files["new"])), QUrl.fromLocalFile(str(tmp_path / "incoming"))]
    )
    web = QMimeData()
    web.setUrls([QUrl("https://example.com/a.xlsx")])
    refused = QDragEnterEvent(
        QPoint(20, 20),
        Qt.DropAction.CopyAction,
        web,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(dialog, refused)
    assert not refused.isAccepted()  # only local files and folders
    enter = QDragEnterEvent(
        QPoint(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(dialog, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(dialog.phase_finished, timeout=30_000):
        QApplication.sendEvent(dialog, drop)
    assert drop.isAccepted()
    # The file and the folder holding it: listed once.
    assert sorted(Path(r.path).name for r in dialog.model.rows) == sorted(
        p.name for p in files.values()
    )
    assert all(r.preview is not None for r in dialog.model.rows)


@pytest.fixture
def twelve(qtbot, office_store: Store, catalog: Catalog, tmp_path: Path) -> ImportDialog:  # type: ignore[no-untyped-def]
    """A dialog with twelve units' genuine 2016Q2 files, previewed."""
    kit = OfficeKit(tmp_path / "q2")
    rng = random.Random(5)
    for unit in [u.id for u in catalog.reporting_units()][:12]:
        trust(office_store, catalog, unit, kit.key(unit))
        write_unit_file(kit, catalog, unit, "2016Q2", rng=rng)
    dialog = ImportDialog(office_store, catalog, in_process=True)
    qtbot.addWidget(dialog)
    dialog.show()
    run_phase(qtbot, dialog, PREVIEW, lambda: dialog.add_paths([kit.folder]))
    assert len(dialog.model.rows) == 12
    return dialog


def check_cancelled(dialog: ImportDialog, store: Store) -> tuple[list[FileRow], list[FileRow]]:
    """Finished files applied in full, the others not at all and marked as cancelled."""
    done = [r for r in dialog.model.rows if r.result is not None]
    cancelled = [r for r in dialog.model.rows if r.cancelled]
    stored = submissions(store)
    assert len(done) + len(cancelled) == 12
    assert len(stored) == len(done)  # every finished file applied, no other
    assert {u for u, _, _, _ in stored} == {r.result.unit for r in done}
    with store.factory() as s:  # each applied file brought all its entries, none half
        per_sub = s.execute(
            select(Submission.id, func.count(SubmissionEntry.id))
            .join(SubmissionEntry, SubmissionEntry.submission_id == Submission.id)
            .group_by(Submission.id)
        ).all()
    assert len(per_sub) == len(done) and all(n > 0 for _, n in per_sub)
    texts = [dialog.model.index(i, 5).data() for i in range(12)]
    assert texts.count("已取消，未导入") == len(cancelled)
    assert sorted(dialog.model.pending()) == sorted(r.path for r in cancelled)
    return done, cancelled


def test_cancel_after_the_first_file_leaves_the_rest_unapplied(
    qtbot, twelve: ImportDialog, office_store: Store, monkeypatch
) -> None:
    # The worker itself cancels right after applying its first file (as a click would, but
    # without racing the UI thread), so exactly one file may be applied.
    original = Importer.apply

    def first_then_cancel(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        outcome = original(self, *args, **kwargs)
        assert twelve.job is not None
        twelve.job.cancel()
        return outcome

    monkeypatch.setattr(Importer, "apply", first_then_cancel)
    run_phase(qtbot, twelve, IMPORT, twelve.start_import)
    done, cancelled = check_cancelled(twelve, office_store)
    assert len(done) == 1 and len(cancelled) == 11
    assert "已取消：11 个文件未处理" in twelve.summary.text()
    monkeypatch.undo()
    # 导入 again takes exactly the files left over.
    run_phase(qtbot, twelve, IMPORT, twelve.start_import)
    assert len(submissions(office_store)) == 12
    assert twelve.model.pending() == []


def test_the_cancel_button_stops_a_running_import(
    qtbot, twelve: ImportDialog, office_store: Store
) -> None:
    clicked: list[bool] = []

    def cancel_at_first(_outcome, done, _total) -> None:  # type: ignore[no-untyped-def]
        if done == 1 and twelve.cancel_button.isEnabled():
            qtbot.mouseClick(twelve.cancel_button, Qt.MouseButton.LeftButton)
            clicked.append(twelve.cancel_button.isEnabled())

    def start() -> None:
        qtbot.mouseClick(twelve.import_button, Qt.MouseButton.LeftButton)
        assert twelve.job is not None and twelve.cancel_button.isEnabled()
        twelve.job.signals.result.connect(cancel_at_first)

    run_phase(qtbot, twelve, IMPORT, start)
    assert clicked == [False]  # one click; the button then waits for the run to stop
    done, _ = check_cancelled(twelve, office_store)
    assert done  # the first file finished before the click


def test_register_the_key_of_a_rejected_file_then_preview_again(
    qtbot, office_store: Store, catalog: Catalog, tmp_path: Path, monkeypatch
) -> None:
    kit = OfficeKit(tmp_path / "unknown")
    rng = random.Random(9)
    a = write_unit_file(kit, catalog, "swj", "2016Q1", rng=rng)
    b = write_unit_file(kit, catalog, "swj", "2016Q2", rng=rng)
    dialog = ImportDialog(office_store, catalog, in_process=True)
    qtbot.addWidget(dialog)
    dialog.show()
    run_phase(qtbot, dialog, PREVIEW, lambda: dialog.add_paths([a, b]))
    row = dialog.model.row_of(str(a))
    assert row is not None and row.needs_key
    assert dialog.model.index(0, 4).data().startswith("拒收：签名密钥未登记")

    dialog.select_file(str(a))
    assert dialog.register_button.isVisible()
    qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
    confirm = dialog.key_dialog
    assert confirm is not None and confirm.isVisible()
    assert confirm.registration.unit == "swj"
    assert confirm.fingerprint.text().replace(" ", "").lower() == row.preview.fingerprint
    assert not confirm.register_button.isEnabled()  # not before the office confirms
    qtbot.mouseClick(confirm.register_button, Qt.MouseButton.LeftButton)
    assert count(office_store, TrustedKey) == 0

    asked: list[str] = []

    def yes(*args, **kw):  # type: ignore[no-untyped-def]
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    qtbot.mouseClick(
        confirm.confirm, Qt.MouseButton.LeftButton, pos=QPoint(8, confirm.confirm.height() // 2)
    )
    assert confirm.register_button.isEnabled()
    with qtbot.waitSignal(dialog.phase_finished, timeout=30_000) as blocker:
        qtbot.mouseClick(confirm.register_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [PREVIEW]
    assert count(office_store, TrustedKey) == 1
    assert "2 个文件" in asked[0]  # both files signed by that key are offered
    assert [r.preview.code for r in dialog.model.rows] == ["import_new", "import_new"]
    assert not dialog.register_button.isVisible()
