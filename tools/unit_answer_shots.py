#!/usr/bin/env python3
"""Screenshots for the user guide's "市质量强市办的反馈与督办" (the clerk's side of issue 15).

    .venv/bin/python tools/unit_answer_shots.py [--out docs/images] [--size 1600x900]

Builds a temporary office store and a unit store (住房建设局) side by side and runs the loop with
the real services: the office's key trusted by the clerk, a signed plan package (revision 2)
imported through the window, the clerk's signed export imported by the office, returned with
comments, a 督办 notice, the signed feedback file dropped on the window. Saves

    unit-office-key.png     文件 → 市质量强市办密钥…: the office's fingerprint to confirm
    unit-plan-import.png    导入工作方案: revision 2 installed, what changed
    unit-feedback-import.png 导入反馈: receipts, decision, comments, notices
    unit-feedback.png       the window afterwards: 退回修改 in the period bar, marks in the task
                            list, the comment and the notice beside the task, the 督办 dock
    unit-notice.png         the notice's response field, filled in

Runs headless (QT_QPA_PLATFORM=offscreen unless set); the user's settings are not touched.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tools.shot_setup import shot_application, shot_options  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

OFFICE_PASS = "截图用的办公室口令 2016!"
UNIT_PASS = "截图用的单位口令 2016!"
TODAY = date(2016, 4, 15)
PLAN = "SZ-QUALITY-2016"
ACTOR = "王科长"


def settle(app: Any, until: Any = None, seconds: float = 30.0) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if until is None or until():
            break
        time.sleep(0.02)
    for _ in range(10):
        app.processEvents()


def office_side(root: Path) -> Any:
    from app.config import Settings
    from app.services.office_key import create_office_key
    from app.services.stores import open_office_store

    store = open_office_store(Settings(root / "office"))
    create_office_key(store, OFFICE_PASS, actor=ACTOR)
    return store


def unit_side(root: Path) -> tuple[Any, Any]:
    from app.config import Settings
    from app.domain.entry_rules import EntryDraft, IndicatorDraft
    from app.services.entries import EntryService
    from app.services.stores import open_unit_store, store_catalog
    from app.services.unit_setup import init_unit

    store = open_unit_store(Settings(root / "unit"))
    catalog = store_catalog(store)
    profile = init_unit(store, catalog, "住房建设局", "张三", "0755-88886666", UNIT_PASS)
    service = EntryService(store, catalog, profile.unit_id)
    for task, _role in catalog.tasks_for_unit(profile.unit_id):
        text = f"一季度按计划推进“{task.title}”，已完成阶段性工作。"
        targets = tuple((t.name, str(t.value)) for t in task.targets)
        draft = EntryDraft(task.no, "2016Q1", "in_progress", 30, text, "无", "继续推进", targets)
        service.save(draft)
    for ind in catalog.indicators_for_unit(profile.unit_id):
        service.save_indicator(IndicatorDraft(ind.no, "2016Q1", value=str(ind.value)))
    return store, profile


def revision_2(office: Any, out: Path) -> Path:
    from app.services.plans import publish_plan, save_draft, start_revision
    from app.services.plans.package import write_plan_package

    draft = start_revision(office, PLAN)
    plan = json.loads(json.dumps(draft.plan))
    plan["periods"][1]["due"] = "2016-07-15"
    plan["tasks"][26]["targets"][0]["value"] = 900
    save_draft(office, PLAN, plan, ())
    publish_plan(office, PLAN, ACTOR)
    return Path(write_plan_package(office, PLAN, out, OFFICE_PASS, ACTOR).path)


def returned(office: Any, unit: Any, root: Path) -> Path:
    """v1 exported, registered and imported, returned with comments; a notice; feedback."""
    from app.services.export import export_period
    from app.services.feedback import write_feedback
    from app.services.office_import import Importer
    from app.services.office_trust import add_trusted_key, read_registration_file
    from app.services.review import decide
    from app.services.stores import store_catalog
    from app.services.supervision import add_notice
    from app.services.unit_setup import write_registration_file

    sub = export_period(unit, store_catalog(unit), "2016Q1", root / "v1.xlsx", UNIT_PASS)
    reg = write_registration_file(unit, None, root / "zjj-key.json")
    add_trusted_key(office, store_catalog(office), read_registration_file(reg))
    Importer(office).run([Path(sub.path)])
    decide(
        office,
        unit_code="zjj",
        period_code="2016Q1",
        state="returned",
        comment="任务 2、26 的进展过于笼统，请补充后重新报送。",
        task_comments={
            "2": "请写明一季度发布的质量分指数个数及发布时间。",
            "26": "请补充申报国家级优质工程奖项的项目名称和进度。",
        },
        actor=ACTOR,
    )
    add_notice(
        office,
        unit_code="zjj",
        task="26",
        due=date(2016, 4, 20),
        text="市人大执法检查发现部分在建工程质量问题，请于4月20日前报送整改落实情况。",
        actor=ACTOR,
        period_code="2016Q1",
    )
    folder = root / "feedback"
    folder.mkdir()
    written = write_feedback(office, "2016Q1", folder, OFFICE_PASS, ACTOR)
    return Path(next(w.path for w in written if w.unit_code == "zjj"))


def shots(app: Any, root: Path, out: Path, size: tuple[int, int]) -> None:
    from app.services.entries import EntryService
    from app.services.stores import store_catalog
    from app.services.unit_office_key import read_office_key_file, trust_office_key
    from app.ui.unit.office_files import import_office_file
    from app.ui.unit.office_key_dialog import OfficeKeyDialog
    from app.ui.unit.window import MainWindow
    from tools.screenshots import save_over

    office = office_side(root)
    unit, profile = unit_side(root)
    window = MainWindow(today=lambda: TODAY, data_dir="C:\\QualityReport")
    window.resize(*size)
    window.show()
    settle(app)
    window.attach(EntryService(unit, store_catalog(unit), profile.unit_id), profile)
    settle(app)

    from app.services.office_key import export_office_key

    key_file = export_office_key(office, root / "市质量强市办密钥.json")
    dialog = OfficeKeyDialog(unit, window)
    dialog.chooser.load(key_file)
    dialog.chooser.path = Path("D:\\市质量强市办\\市质量强市办密钥.json")  # as on the clerk's PC
    dialog.chooser.retranslate()
    dialog.chooser.confirm.setChecked(True)
    dialog.show()
    settle(app)
    save_over(window, dialog, out / "unit-office-key.png")
    dialog.close()
    trust_office_key(unit, read_office_key_file(key_file))

    package = revision_2(office, root / "深圳市2016年质量工作方案-第2版.xlsx")
    result = import_office_file(window, package)
    settle(app, lambda: result.finished_work)
    save_over(window, result, out / "unit-plan-import.png")
    result.accept()

    feedback = returned(office, unit, root)
    result = import_office_file(window, feedback)
    settle(app, lambda: result.finished_work)
    save_over(window, result, out / "unit-feedback-import.png")
    result.accept()
    settle(app)
    window.select_task(26)
    window.answers.show_dock()
    edit = window.form.answers.widgets[0].edit
    edit.setPlainText("已约谈施工单位并责令整改，4月18日完成复查，整改报告见附件。")
    window.save_now()
    settle(app)
    window.form.scroll_area.ensureWidgetVisible(window.form.answers)
    grab(window, out / "unit-feedback.png")
    grab(window.tabs, out / "unit-notice.png")
    window.close()
    unit.close()
    office.close()


def grab(widget: Any, path: Path) -> None:
    if not widget.grab().save(str(path)):
        raise SystemExit(f"error: could not write {path}")
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def main(argv: list[str]) -> int:
    out, (width, height) = shot_options(argv, __doc__)

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        app = shot_application(root)
        shots(app, root, out, (width, height))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
