#!/usr/bin/env python3
"""Screenshots of the office's key registry, tracker, indicator board and assessment pages.

    .venv/bin/python tools/office_admin_shots.py [--out docs/images] [--size 1600x900]

Builds a temporary office store the way an office fills it during 2016: genuine signed
submissions of every reporting unit for 2016Q1-Q4 and the annual summary
(tools.demo.office_data), each unit's key registered in January 2016, the 住房建设局 key
registered through the confirmation dialog, each period imported after its due date, then in
2017 one key rotated on a statement signed by the old key and one revoked. Then saves

    office-key-confirm.png  the fingerprint confirmation before 登记 (over the window)
    office-keys.png         the 密钥登记 page after the rotation
    office-tracker.png      报送情况 for 2016Q4 (on time, late, missing, only rejected)
    office-board.png        指标看板 for the annual summary
    office-assessment.png   年度考核 with one unit's breakdown

tools/office_screenshot.py makes the matrix, import and chart pictures. The clock is set to
the dates above (only the registry's and importer's "now"), so the pictures show 2016-2017.
Runs headless (QT_QPA_PLATFORM=offscreen unless set); the user's settings are not touched.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tools.shot_setup import shot_application, shot_options  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PERIODS = ("2016Q1", "2016Q2", "2016Q3", "2016Q4", "2016")
CONFIRM_UNIT = "zjj"  # registered through the dialog, as an office does it
ROTATED_UNIT, ROTATED_AT = "kcw", datetime(2017, 2, 20, 2, 30, tzinfo=UTC)
REVOKED_UNIT, REVOKED_FROM = "jcj", date(2017, 3, 1)
SCORED_UNIT = "zjj"
TODAY = date(2017, 3, 10)
SHOWN_DATA = "C:\\Users\\zlqsb\\AppData\\Local\\QualityReport"  # instead of the temp folder


class Clock:
    """The 'now' of the key registry and the importer (a picture of 2016, not of today)."""

    def __init__(self) -> None:
        self.now = datetime(2016, 1, 5, 1, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def install(self) -> None:
        import app.services.office_import as office_import
        import app.services.office_trust as office_trust

        for module in (office_import, office_trust):
            setattr(module, "utcnow", self)  # noqa: B010  # the module-level name they call


def register_keys(store: Any, catalog: Any, files: Any, clock: Clock) -> None:
    """Every unit's key but CONFIRM_UNIT's, in the first week of January 2016."""
    from app.io import keys
    from app.services.office_trust import add_trusted_key

    rng = random.Random(7)
    for i, (unit_id, private) in enumerate(sorted(files.private_keys.items())):
        if unit_id == CONFIRM_UNIT:
            continue
        clerk = first_clerk(files, unit_id)
        created = datetime(2015, 12, 28, 2, 0, tzinfo=UTC) + timedelta(hours=rng.randint(0, 90))
        hour, minute = 1 + rng.randint(0, 8), rng.randint(0, 59)
        clock.now = datetime(2016, 1, 4 + i // 6, hour, minute, tzinfo=UTC)
        doc = keys.registration_document(
            unit_id, catalog.unit(unit_id).name, keys.public_key_of(private), clerk, created
        )
        add_trusted_key(store, catalog, keys.registration_from_document(doc))


def first_clerk(files: Any, unit_id: str) -> str:
    for (unit, _period, _v), payload in files.payloads.items():
        if unit == unit_id:
            return str(payload.clerk)
    return ""


def import_periods(store: Any, catalog: Any, files: Any, clock: Clock) -> None:
    """Each period's files in a shuffled batch a week after its due date."""
    from app.services.office_import import Importer

    for code in PERIODS:
        due = catalog.period(code).due
        clock.now = datetime(due.year, due.month, due.day, 2, 0, tzinfo=UTC) + timedelta(days=7)
        paths = [str(f.path) for f in files.files if f.period == code]
        random.Random(code).shuffle(paths)
        Importer(store, catalog).run(paths, in_process=True)


def settle(app: Any, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def tidy_status(window: Any, data_dir: Path) -> None:
    label = window.status_label
    label.setText(label.text().replace(str(data_dir), SHOWN_DATA).replace("/", "\\"))


def save(widget: Any, path: Path) -> None:
    if not widget.grab().save(str(path)):
        raise SystemExit(f"error: could not write {path}")
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def confirm_shot(
    app: Any, window: Any, files: Any, root: Path, out: Path, clock: Clock, tidy: Callable[[], None]
) -> None:
    """The registration of CONFIRM_UNIT's key: the dialog with the box ticked, then 登记."""
    from app.io import keys
    from app.ui.office.window import PAGE_KEYS
    from tools.screenshots import save_over

    private = files.private_keys[CONFIRM_UNIT]
    created = datetime(2016, 1, 6, 3, 12, tzinfo=UTC)
    doc = keys.registration_document(
        CONFIRM_UNIT,
        window.catalog.unit(CONFIRM_UNIT).name,
        keys.public_key_of(private),
        first_clerk(files, CONFIRM_UNIT),
        created,
    )
    path = keys.write_registration(root / f"密钥登记-{CONFIRM_UNIT}.json", doc)
    window.period_combo.setCurrentIndex(window.period_combo.findData("2016Q1"))
    window.tabs.setCurrentIndex(PAGE_KEYS)
    clock.now = datetime(2016, 1, 8, 7, 40, tzinfo=UTC)
    dialog = window.pages.trust.register_file(path)
    if dialog is None:
        raise SystemExit(f"error: {window.pages.trust.message.text()}")
    dialog.confirm.setChecked(True)
    settle(app)
    tidy()
    save_over(window, dialog, out / "office-key-confirm.png")
    dialog.register_button.click()
    settle(app)
    if dialog.registered is None:
        raise SystemExit("error: the key was not registered")


def rotate_and_revoke(window: Any, files: Any, root: Path, clock: Clock) -> None:
    """A unit's new key on a statement signed by its old one; another unit's key revoked."""
    from PySide6.QtCore import QDate

    from app.io import keys
    from tools.demo.office_data import demo_private_key

    page = window.pages.trust
    revoked = next(k for k in page.keys if k.unit_id == REVOKED_UNIT and k.status == "active")
    clock.now = datetime(2017, 3, 1, 1, 20, tzinfo=UTC)
    page.select_key(revoked.fingerprint)

    def confirm(dialog: Any) -> None:
        dialog.date.setDate(QDate(REVOKED_FROM.year, REVOKED_FROM.month, REVOKED_FROM.day))
        dialog.accept()

    page.revoke_selected(on_open=confirm)
    new_private = demo_private_key(2017, ROTATED_UNIT)
    statement = keys.rotation_statement(
        files.private_keys[ROTATED_UNIT], keys.public_key_of(new_private), ROTATED_UNIT, ROTATED_AT
    )
    path = keys.write_json_atomic(root / f"密钥更换-{ROTATED_UNIT}.json", statement)
    clock.now = datetime(2017, 3, 2, 6, 5, tzinfo=UTC)
    if page.rotate_file(path) is None:
        raise SystemExit(f"error: {page.message.text()}")


def main(argv: list[str]) -> int:
    out, (width, height) = shot_options(argv, __doc__)

    with tempfile.TemporaryDirectory(prefix="office-admin-shot-") as tmp:
        root = Path(tmp)
        app = shot_application(root)
        clock = Clock()
        clock.install()

        from app.config import Settings
        from app.services.stores import open_office_store, store_catalog
        from app.ui.office.window import (
            PAGE_BOARD,
            PAGE_KEYS,
            PAGE_SCORES,
            PAGE_TRACKER,
            OfficeWindow,
        )
        from tools.demo.office_data import write_office_files

        print("building the office data set (genuine signed files)…", flush=True)
        data_dir = root / "data"
        store = open_office_store(Settings(data_dir))
        catalog = store_catalog(store)
        files = write_office_files(catalog, root / "sent", PERIODS, seed=1)
        register_keys(store, catalog, files, clock)

        window = OfficeWindow(Settings(data_dir), store, catalog, today=lambda: TODAY)
        window.resize(width, height)
        window.show()
        settle(app)

        def tidy() -> None:
            tidy_status(window, data_dir)

        confirm_shot(app, window, files, root, out, clock, tidy)
        import_periods(store, catalog, files, clock)
        window.refresh()
        rotate_and_revoke(window, files, root, clock)
        window.tabs.setCurrentIndex(PAGE_KEYS)
        settle(app)
        tidy()
        save(window, out / "office-keys.png")

        window.period_combo.setCurrentIndex(window.period_combo.findData("2016Q4"))
        window.tabs.setCurrentIndex(PAGE_TRACKER)
        settle(app)
        tidy()
        save(window, out / "office-tracker.png")

        window.period_combo.setCurrentIndex(window.period_combo.findData("2016"))
        window.tabs.setCurrentIndex(PAGE_BOARD)
        settle(app)
        tidy()
        save(window, out / "office-board.png")

        window.tabs.setCurrentIndex(PAGE_SCORES)
        settle(app)
        window.pages.assessment.select_unit(SCORED_UNIT)
        settle(app)
        tidy()
        save(window, out / "office-assessment.png")

        window.close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
