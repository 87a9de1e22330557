#!/usr/bin/env python3
"""Screenshots of the office answering the units: review, 督办, feedback files, audit log.

    .venv/bin/python tools/office_answers_shots.py [--out docs/images] [--size 1600x900]

Builds a temporary office store as an office fills it in April 2016: the office key created in
January, genuine signed 2016Q1 submissions of every reporting unit (tools.demo.office_data)
imported after the due date, most units accepted by two staff members, 住房建设局 returned with
a general comment and one on a task, four 督办 notices (open, answered by the unit's next
submission, overdue, closed), and the period's feedback files written. Then saves

    office-review.png         报送情况 with the review column and its buttons
    office-review-matrix.png  汇总矩阵 with the review marks and the returned unit's comments
    office-review-return.png  the 退回修改 dialog over the window
    office-supervise.png      督办 with the answered notice chosen
    office-feedback.png       生成反馈文件 after writing, over the window
    office-audit.png          审计日志 after 校验日志
    office-settings-key.png   设置: staff name and the office key's fingerprint

The services' clock is set to those dates, so the pictures show 2016. Runs headless
(QT_QPA_PLATFORM=offscreen unless set); the user's settings are not touched.
"""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tools.shot_setup import shot_application, shot_options  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PERIOD = "2016Q1"
TODAY = date(2016, 4, 25)
PASSPHRASE = "质量强市办 2016 年度密钥!"
STAFF, OTHER = "李明", "王芳"
RETURNED = "zjj"
SHOWN_DATA = "C:\\Users\\zlqsb\\AppData\\Local\\QualityReport"  # instead of the temp folder
CLOCKED = (
    "app.services.audit",
    "app.services.review",
    "app.services.supervision",
    "app.services.feedback.office",
    "app.services.office_key",
    "app.services.office_trust",
    "app.services.office_import",
)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2016, 1, 4, 1, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def at(self, day: int, month: int, hour: int, minute: int = 0) -> None:
        self.now = datetime(2016, month, day, hour, minute, tzinfo=UTC)

    def install(self) -> None:
        for name in CLOCKED:
            setattr(importlib.import_module(name), "utcnow", self)  # noqa: B010  # the name they call


def settle(app: Any, rounds: int = 30) -> None:
    for _ in range(rounds):
        app.processEvents()


def save(widget: Any, path: Path) -> None:
    if not widget.grab().save(str(path)):
        raise SystemExit(f"error: could not write {path}")
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def build(store: Any, catalog: Any, root: Path, clock: Clock) -> None:
    """The office's first quarter of answers, through the services the window calls."""
    from app.io import keys
    from app.services.office_import import Importer
    from app.services.office_key import create_office_key
    from tools.demo.office_data import register_demo_keys, write_office_files

    keys.SCRYPT_N = 2**12  # a picture, not a key to keep: seal it quickly
    create_office_key(store, PASSPHRASE, STAFF)
    files = write_office_files(catalog, root / "sent", (PERIOD,), seed=2)
    clock.at(5, 1, 2)
    register_demo_keys(store, catalog, files)
    clock.at(15, 4, 1, 40)  # after the due date and the last signature
    paths = sorted(str(f.path) for f in files.files)
    Importer(store, catalog, clock=clock).run(paths, in_process=True)
    decide_some(store, catalog, clock)
    raise_notices(store, catalog, clock)


def decide_some(store: Any, catalog: Any, clock: Clock) -> None:
    from app.services.review import decide, review_states

    states = [s for s in review_states(store, PERIOD) if s.unit_code != RETURNED]
    task = str(catalog.tasks_for_unit(RETURNED)[1][0].no)
    clock.at(18, 4, 2, 10)
    seen = next(s for s in review_states(store, PERIOD) if s.unit_code == RETURNED)
    decide(
        store,
        unit_code=RETURNED,
        period_code=PERIOD,
        state="returned",
        comment="保障性住房开工数据与统计局口径不一致，请核实后重新报送。",
        task_comments={task: "请补充第一季度新开工套数和基本建成套数，并注明统计口径。"},
        actor=STAFF,
        seen=seen,
    )
    clean = [s for s in states if not s.has_errors]
    for i, state in enumerate(clean[: len(clean) - 4]):
        clock.now += timedelta(minutes=7)
        who = STAFF if i % 3 else OTHER
        decide(
            store,
            unit_code=state.unit_code,
            period_code=PERIOD,
            state="accepted",
            actor=who,
            seen=state,
        )


def raise_notices(store: Any, catalog: Any, clock: Clock) -> None:
    from sqlalchemy import select

    from app.models import Submission, Unit
    from app.services.supervision import add_notice, close_notice, record_responses

    def task_of(unit: str, index: int) -> str:
        return str(catalog.tasks_for_unit(unit)[index][0].no)

    clock.at(18, 4, 6)
    add_notice(
        store,
        unit_code=RETURNED,
        task=task_of(RETURNED, 1),
        due=date(2016, 4, 30),
        text="请于4月30日前报送保障性住房开工和竣工的分区数据，并说明进度滞后的原因。",
        actor=STAFF,
        period_code=PERIOD,
    )
    clock.now += timedelta(minutes=12)
    answered = add_notice(
        store,
        unit_code="jtys",
        task=task_of("jtys", 0),
        due=date(2016, 4, 28),
        text="请说明公交服务质量考核的整改措施和完成时限。",
        actor=OTHER,
        period_code=PERIOD,
    )
    clock.now += timedelta(minutes=9)
    add_notice(
        store,
        unit_code="scjg",
        task=task_of("scjg", 2),
        due=date(2016, 4, 22),
        text="请报送产品质量监督抽查不合格企业的后处理情况。",
        actor=STAFF,
        period_code=PERIOD,
    )
    clock.now += timedelta(minutes=15)
    closed = add_notice(
        store,
        unit_code="swj",
        task=task_of("swj", 0),
        due=date(2016, 4, 25),
        text="请补充水质检测报告。",
        actor=OTHER,
    )
    clock.at(21, 4, 6, 15)
    with store.factory.begin() as s:  # jtys's next signed submission carried its answer
        unit_id = s.scalar(select(Unit.id).where(Unit.code == "jtys"))
        sub = s.scalar(
            select(Submission.id).where(Submission.unit_id == unit_id, Submission.is_current)
        )
        record_responses(
            s,
            unit_id=unit_id,
            submission_id=sub,
            responses=[(answered.id, "已制定整改方案，4月底前完成全部线路的服务质量复查。")],
            actor="",
        )
    clock.at(22, 4, 2)
    close_notice(store, closed.id, STAFF)


def shots(app: Any, window: Any, out: Path, root: Path, clock: Clock) -> None:
    from app.ui.office.window import PAGE_AUDIT, PAGE_MATRIX, PAGE_SUPERVISE, PAGE_TRACKER
    from tools.screenshots import save_over

    window.tabs.setCurrentIndex(PAGE_TRACKER)
    tracker = window.pages.tracker
    row = next(i for i, r in enumerate(tracker.model.rows) if r.unit_id == RETURNED)
    tracker.table.selectRow(row)
    settle(app)
    save(window, out / "office-review.png")

    window.tabs.setCurrentIndex(PAGE_MATRIX)
    matrix = window.pages.matrix
    task = window.catalog.tasks_for_unit(RETURNED)[1][0].no
    matrix.view.select_task(task, RETURNED)
    settle(app)
    save(window, out / "office-review-matrix.png")

    return_shot(app, window, out)

    window.tabs.setCurrentIndex(PAGE_SUPERVISE)
    page = window.pages.supervise
    answered = next(n for n in page.model.rows if n.state == "answered")
    page.select_notice(answered.id)
    settle(app)
    save(window, out / "office-supervise.png")

    feedback_shot(app, window, out, root, clock)

    window.tabs.setCurrentIndex(PAGE_AUDIT)
    window.pages.audit.verify()
    settle(app)
    save(window, out / "office-audit.png")

    from app.ui.office.settings_dialog import OfficeSettingsDialog

    dialog = OfficeSettingsDialog(
        language="zh_CN", data_location=SHOWN_DATA, store=window.store, actor=STAFF, parent=window
    )
    dialog.show()
    settle(app)
    save_over(window, dialog, out / "office-settings-key.png")
    dialog.close()


def return_shot(app: Any, window: Any, out: Path) -> None:
    from app.ui.office.review_dialog import ReturnDialog
    from tools.screenshots import save_over

    catalog = window.catalog
    tasks = [(str(t.no), t.title) for t, _role in catalog.tasks_for_unit("jtys")]
    dialog = ReturnDialog(
        "退回 深圳市交通运输委员会 2016Q1 报告期的第 1 版，请写明需要修改的地方。",
        tasks,
        comment="第6项任务的目标完成情况与附表不一致，请核对后重新报送。",
        task_comments={tasks[2][0]: "“公交准点率”实际值缺失，请补填。"},
        parent=window,
    )
    dialog.show()
    dialog.table.setCurrentCell(2, 1)
    settle(app)
    save_over(window, dialog, out / "office-review-return.png")
    dialog.close()


def feedback_shot(app: Any, window: Any, out: Path, root: Path, clock: Clock) -> None:
    from app.ui.office.feedback_dialog import FeedbackDialog
    from tools.screenshots import save_over

    folder = root / "反馈文件"
    folder.mkdir()
    clock.at(23, 4, 7, 30)
    dialog = FeedbackDialog(window.store, window.catalog, PERIOD, window)
    dialog.folder.setText("D:\\质量强市办\\2016Q1 反馈文件")
    dialog.show()
    dialog.run_job(folder, PASSPHRASE)
    while dialog.busy:
        app.processEvents()
    settle(app)
    dialog.folder.setText("D:\\质量强市办\\2016Q1 反馈文件")
    text = dialog.status.text().replace(str(folder), "D:\\质量强市办\\2016Q1 反馈文件")
    dialog.status.setText(text)
    save_over(window, dialog, out / "office-feedback.png")
    dialog.close()


def main(argv: list[str]) -> int:
    out, (width, height) = shot_options(argv, __doc__)

    with tempfile.TemporaryDirectory(prefix="office-answers-shot-") as tmp:
        root = Path(tmp)
        app = shot_application(root)
        clock = Clock()
        clock.install()

        from app.config import Settings
        from app.services.stores import open_office_store, store_catalog
        from app.ui.office.actor import set_actor
        from app.ui.office.window import OfficeWindow

        print("building the office data set (genuine signed files)…", flush=True)
        data_dir = root / "data"
        store = open_office_store(Settings(data_dir))
        catalog = store_catalog(store)
        build(store, catalog, root, clock)
        set_actor(store, STAFF)
        window = OfficeWindow(Settings(data_dir), store, catalog, today=lambda: TODAY)
        window.resize(width, height)
        window.show()
        settle(app)
        label = window.status_label
        label.setText(label.text().replace(str(data_dir), SHOWN_DATA).replace("/", "\\"))
        shots(app, window, out, root, clock)
        window.close()
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
