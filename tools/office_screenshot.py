#!/usr/bin/env python3
"""Screenshots of the office window over a realistic data set, for the docs.

    .venv/bin/python tools/office_screenshot.py [--out docs/images] [--size 1600x900]

Builds a temporary office store from genuine signed submissions (tools.demo.office_data:
every reporting unit, 2016Q1-Q3 imported, Q4 partly imported), then saves
  office-main.png    the matrix with a task's detail pane
  office-import.png  the import dialog after a preview of the Q4 folder
  office-charts.png  the charts page
Runs headless (QT_QPA_PLATFORM=offscreen unless set); the user's settings are not touched.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PERIODS = ("2016Q1", "2016Q2", "2016Q3", "2016Q4")
SHOW_TASK, SHOW_UNIT = 2, "scjg"  # a task with a target and several units


def build_data(root: Path) -> tuple[object, object, Path]:
    """(store, catalog, folder of incoming files to preview)."""
    from app.config import Settings
    from app.services.office_import import Importer
    from app.services.stores import open_office_store, store_catalog
    from tools.demo.office_data import register_demo_keys, write_office_files

    store = open_office_store(Settings(root / "data"))
    catalog = store_catalog(store)
    files = write_office_files(catalog, root / "sent", PERIODS, seed=1)
    register_demo_keys(store, catalog, files)
    last = PERIODS[-1]
    held_units = {f.unit_id for f in files.files if f.period == last and f.version == 1}
    held_new = set(sorted(held_units)[:3])  # these units' Q4 arrive as new in the preview
    incoming = root / "incoming"
    incoming.mkdir()
    first: list[str] = []
    for f in files.files:
        late_version = f.period == last and (f.version > 1 or f.unit_id in held_new or f.rogue)
        if late_version:
            (incoming / f.path.name).write_bytes(f.path.read_bytes())
        else:
            first.append(str(f.path))
    random.Random(1).shuffle(first)
    Importer(store, catalog).run(first, in_process=True)
    # One file already imported (unchanged), one that is not a submission at all.
    q3 = next(f for f in files.files if f.period == PERIODS[-2] and not f.rogue)
    (incoming / f"重复发送_{q3.path.name}").write_bytes(q3.path.read_bytes())
    (incoming / "会议纪要.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    return store, catalog, incoming


def wait_for(signal: object, timeout_ms: int = 120_000) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def settle(app: object, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()  # type: ignore[attr-defined]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("--size", default="1600x900")
    args = parser.parse_args(argv)
    width, height = (int(x) for x in args.size.lower().split("x"))
    args.out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.ui.common.application import prepare_application

    with tempfile.TemporaryDirectory(prefix="office-shot-") as tmp:
        root = Path(tmp)
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(root / "ini"))
        app = QApplication.instance() or QApplication(sys.argv[:1])
        prepare_application(app, "zh_CN")
        print("building the office data set (genuine signed files)…", flush=True)
        store, catalog, incoming = build_data(root)

        from app.config import Settings
        from app.ui.office.window import PAGE_CHARTS, PAGE_MATRIX, OfficeWindow

        window = OfficeWindow(Settings(root / "data"), store, catalog)  # type: ignore[arg-type]
        window.resize(width, height)
        window.show()
        period = PERIODS[-2]
        window.period_combo.setCurrentIndex(window.period_combo.findData(period))
        window.tabs.setCurrentIndex(PAGE_MATRIX)
        settle(app)
        window.pages.matrix.splitter.setSizes([int(width * 0.69), int(width * 0.31)])
        window.pages.matrix.view.select_task(SHOW_TASK, SHOW_UNIT)
        window.pages.matrix.view.scrollToTop()
        settle(app)
        window.grab().save(str(args.out / "office-main.png"))
        print(f"wrote {args.out / 'office-main.png'}")

        window.tabs.setCurrentIndex(PAGE_CHARTS)
        settle(app, 40)
        window.grab().save(str(args.out / "office-charts.png"))
        print(f"wrote {args.out / 'office-charts.png'}")

        window.tabs.setCurrentIndex(PAGE_MATRIX)
        dialog = window.open_import_dialog()
        assert dialog is not None
        dialog.resize(min(width, 1280), min(height, 760))
        dialog.add_paths([incoming])
        wait_for(dialog.phase_finished)
        replaced = next(
            (
                r.path
                for r in dialog.model.rows
                if r.preview
                and r.preview.reason.startswith("replaces")
                and dialog.model.outranked_by(r) is None
            ),
            None,
        )
        if replaced:
            dialog.select_file(replaced)
        settle(app)
        dialog.grab().save(str(args.out / "office-import.png"))
        print(f"wrote {args.out / 'office-import.png'}")
        dialog.close()
        window.close()
        store.close()  # type: ignore[attr-defined]
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
