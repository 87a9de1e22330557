#!/usr/bin/env python3
"""Screenshots for the user guide's "制定新年度工作方案": from the 2017 plan's text to a
published plan, then what both windows show afterwards.

    .venv/bin/python tools/plan_shots.py [--out docs/images] [--size 1600x900]

Builds a temporary office store (the shipped 2016 plan), imports the 2017 plan document of the
test fixtures (tests/fixtures/plans/sz-2017-fullwidth.txt) through the plans window as the
office does, and saves

    plan-window.png          the plans window: the 2016 plan, published, read-only
    plan-import-code.png     after reading the file: under which code it becomes a draft
    plan-guesses.png         the draft: tasks with their guesses marked, the 待确认 list
    plan-units.png           proposed units (amber); one given a readable code
    plan-error.png           a value typed wrong: red beside the field and in the 问题 list
    plan-publish-refused.png 发布 while guesses are open: refused, with the list
    plan-publish.png         发布 once everything is confirmed
    plan-periods.png         the office window's period selector, grouped by plan
    plan-clerk-banner.png    the clerk's window after a revision: the banner and its changes

Runs headless (QT_QPA_PLATFORM=offscreen unless set); the user's settings are not touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tools.shot_setup import shot_application, shot_options  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DOCUMENT = ROOT / "tests" / "fixtures" / "plans" / "sz-2017-fullwidth.txt"
NEXT = "SZ-QUALITY-2017"
SHOWN_STORE = "C:\\Users\\zlqsb\\AppData\\Local\\QualityReport\\office.sqlite3"


def settle(app: Any, window: Any = None, seconds: float = 20.0) -> None:
    """Events until the window's pool job (if any) has come back."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if window is None or window.busy is None:
            break
        time.sleep(0.02)
    for _ in range(10):
        app.processEvents()


def save(widget: Any, path: Path) -> None:
    if not widget.grab().save(str(path)):
        raise SystemExit(f"error: could not write {path}")
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def plans_shots(app: Any, store: Any, out: Path, size: tuple[int, int]) -> None:
    from app.ui.office.plans.editor import TAB_TASKS, TAB_UNITS
    from app.ui.office.plans.window import PlansWindow
    from tools.screenshots import save_over

    window = PlansWindow(store)
    window.resize(*size)
    window.show()
    settle(app)
    save(window, out / "plan-window.png")

    window.import_file(DOCUMENT)
    settle(app, window)
    dialog = window.plan_dialog
    save_over(window, dialog, out / "plan-import-code.png")
    dialog.accept()
    settle(app, window)
    editor = window.editor
    editor.tabs.setCurrentIndex(TAB_TASKS)
    editor.tasks.tasks.select(4)
    editor.issues.setCurrentIndex(1)
    settle(app)
    save(window, out / "plan-guesses.png")

    units(app, window, out)
    error_shot(app, window, out)

    refused = window.publish()
    settle(app)
    save_over(window, refused, out / "plan-publish-refused.png")
    refused.reject()
    editor.issues.confirm_all()
    editor.tabs.setCurrentIndex(TAB_UNITS)
    settle(app)
    dialog = window.publish()
    settle(app)
    save_over(window, dialog, out / "plan-publish.png")
    dialog.accept()
    settle(app)
    window.close()


def units(app: Any, window: Any, out: Path) -> None:
    """The proposed units: one given a readable code (its tasks follow), one confirmed."""
    from app.ui.office.plans.editor import TAB_UNITS

    editor = window.editor
    doc = editor.doc
    editor.tabs.setCurrentIndex(TAB_UNITS)
    for i, unit in enumerate(doc.rows("/units")):
        if unit["id"].startswith("new_") and unit["short_name"] == "市统计局":
            editor.units.model.setData(editor.units.model.index(i, 0), "tjj")
            editor.units.select(i, 0)
    settle(app)
    save(window, out / "plan-units.png")


def error_shot(app: Any, window: Any, out: Path) -> None:
    """A target value typed as words: red in the cell, one line in 问题, then undone."""
    editor = window.editor
    pointer = "/tasks/4/targets/0/value"
    editor.go_to(pointer)
    view = editor.tasks.targets.view
    view.model().setData(view.currentIndex(), "一千")
    editor.checks.run()
    editor.issues.setCurrentIndex(0)
    settle(app)
    save(window, out / "plan-error.png")
    editor.doc.undo_stack.undo()
    editor.checks.run()


def periods_shot(app: Any, settings: Any, store: Any, out: Path, size: tuple[int, int]) -> None:
    """The office window with its period list open: each plan's periods under its title."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QPainter

    from app.services.stores import store_catalog
    from app.ui.office.window import OfficeWindow

    window = OfficeWindow(settings, store, store_catalog(store, NEXT))
    window.resize(*size)
    window.show()
    settle(app)
    label = window.status_label  # the temporary folder would show; an office's folder instead
    label.setText(label.text().replace(str(store.path), SHOWN_STORE))
    combo = window.period_combo
    combo.showPopup()
    settle(app)
    popup = combo.view().window()
    picture = window.grab()
    at = combo.mapTo(window, QPoint(0, combo.height()))
    painter = QPainter(picture)
    painter.drawPixmap(at, popup.grab())
    painter.end()
    path = out / "plan-periods.png"
    if not picture.save(str(path)):
        raise SystemExit(f"error: could not write {path}")
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    combo.hidePopup()
    window.close()


def clerk_shot(app: Any, root: Path, out: Path, size: tuple[int, int]) -> None:
    """A unit's window after the office revised the 2016 plan (task 23's target raised)."""
    from datetime import date

    from app.config import Settings
    from app.services import plans as svc
    from app.services.entries import EntryService
    from app.services.stores import open_unit_store, store_catalog
    from app.services.unit_setup import init_unit
    from app.ui.unit.window import MainWindow

    store = open_unit_store(Settings(root / "unit"))
    catalog = store_catalog(store)
    profile = init_unit(store, catalog, "住房建设局", "张三", "0755-88886666", "截图用的口令 2016!")
    draft = svc.start_revision(store, catalog.code)
    draft.plan["tasks"][22]["targets"][0]["value"] = 1800
    draft.plan["periods"][1]["due"] = "2016-07-15"
    svc.save_draft(store, catalog.code, draft.plan, draft.guesses)
    svc.publish_plan(store, catalog.code, "质量强市办")
    window = MainWindow(today=lambda: date(2016, 6, 20), data_dir="C:\\QualityReport")
    window.resize(*size)
    window.show()
    settle(app)
    window.attach(EntryService(store, store_catalog(store), profile.unit_id), profile)
    settle(app)
    dialog = window.plan_banner.open_changes()
    window.plan_banner.show()  # the picture shows both: the banner, then what it opens
    settle(app)
    from tools.screenshots import save_over

    save_over(window, dialog, out / "plan-clerk-banner.png")
    dialog.close()
    window.close()
    store.close()


def main(argv: list[str]) -> int:
    out, (width, height) = shot_options(argv, __doc__)

    from app.config import Settings
    from app.services.stores import open_office_store

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        app = shot_application(root)
        settings = Settings(root / "data")
        store = open_office_store(settings)
        plans_shots(app, store, out, (width, height))
        periods_shot(app, settings, store, out, (width, height))
        store.close()
        clerk_shot(app, root, out, (width, height))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
