#!/usr/bin/env python3
"""Screenshots of the clerk's window for the README, rendered off-screen with Chinese fonts.

    .venv/bin/python tools/screenshots.py [--out docs/images] [--keep DIR]

Builds a realistic install in a temporary folder (深圳市住房和建设局, its 2016Q1 entries
filled), then writes:

    clerk-wizard.png      the set-up wizard's unit page after typing 住建
    clerk-wizard-key.png  the wizard's last page: the key fingerprint in readable groups
    clerk-main.png        the main window at 1366x768 with a filled form
    clerk-export.png      the export dialog (Ctrl+E) after signing version 1, over the window
    clerk-errors.png      the same window showing validation errors and the summary links
                          (and the period state "v1 后有修改", changed since the export)

Needs a CJK font (fonts-noto-cjk on Debian/Ubuntu; Microsoft YaHei on Windows).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPoint, QSettings, Qt, QThread, QTimer  # noqa: E402
from PySide6.QtGui import QColor, QPainter, QPen  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from tools.shot_setup import wait_for  # noqa: E402

TODAY = date(2016, 4, 6)  # four days before 2016Q1 is due
SIZE = (1366, 768)
PASSPHRASE = "青山绿水 quality 2016!"
SHOWN_FOLDER = "D:\\质量填报"  # the folder a clerk would pick, shown instead of the temp folder

# (task, status, percent, progress, problems, next steps, {target: actual})
Q1 = [
    (
        1,
        "in_progress",
        30,
        "配合市市场监管委提出建设工程质量条款修改意见3条，参加立法调研座谈会1次。",
        "",
        "继续配合做好条例审议阶段的意见反馈。",
        {},
    ),
    (
        2,
        "in_progress",
        40,
        "完成建设工程质量分指数指标体系初稿，明确工程验收合格率等6项指标的数据来源。",
        "部分指标历史数据口径不一致。",
        "5月底前完成分指数试算。",
        {"质量分指数个数": "2"},
    ),
    (
        9,
        "in_progress",
        20,
        "梳理省考核细则中涉及工程质量的考核项，落实责任处室。",
        "",
        "按省考核要求整理佐证材料。",
        {},
    ),
    (
        21,
        "in_progress",
        25,
        "在建筑工地开展“质量月”宣传准备，印制工程质量宣传手册5000份。",
        "",
        "结合质量月活动开展现场宣传。",
        {},
    ),
    (
        22,
        "in_progress",
        25,
        "参加市质量强市工作联席会议1次，报送工程质量工作信息4篇。",
        "",
        "继续参与大质量工作格局建设。",
        {},
    ),
    (
        26,
        "in_progress",
        35,
        "组织开展建设工程质量提升行动，一季度监督抽查在建工程412项，发出整改通知书37份；"
        "推荐鲁班奖申报项目2项、国家优质工程奖申报项目1项。",
        "部分项目申报资料准备滞后。",
        "4月底前完成申报材料审核，组织专家现场指导。",
        {"争创国家级优质工程奖项": "1"},
    ),
    (
        27,
        "in_progress",
        30,
        "一季度新增绿色建筑评价标识项目18个，面积约236万平方米；发布装配式建筑实施意见征求意见稿。",
        "",
        "推动保障性住房全面执行绿色建筑标准。",
        {"新增绿色建筑面积": "236"},
    ),
    (
        46,
        "in_progress",
        25,
        "制定2016年勘察设计质量抽查方案，首批抽查施工图12套。",
        "",
        "二季度完成首批抽查并通报结果。",
        {},
    ),
    (
        47,
        "in_progress",
        30,
        "在3个区开展质量安全“交警式”执法试点，立案查处违法行为9宗。",
        "",
        "总结试点经验，推广至全市。",
        {},
    ),
]


def build_install(data_dir: Path) -> None:
    from app.config import Settings
    from app.domain.entry_rules import EntryDraft, IndicatorDraft
    from app.services.entries import EntryService
    from app.services.stores import open_unit_store, store_catalog
    from app.services.unit_setup import init_unit

    store = open_unit_store(Settings.make(data_dir))
    try:
        catalog = store_catalog(store)
        init_unit(store, catalog, "住房建设局", "王晓明", "0755-83788888", PASSPHRASE)
        service = EntryService(store, catalog, "zjj")
        for no, status, percent, progress, problems, next_steps, targets in Q1:
            task = catalog.task(no)
            values = tuple((t.name, targets.get(t.name, "")) for t in task.targets)
            service.save(
                EntryDraft(no, "2016Q1", status, percent, progress, problems, next_steps, values)
            )
        service.save_indicator(IndicatorDraft(3, "2016Q1", "100", "一季度竣工验收项目58项"))
        service.save_indicator(IndicatorDraft(4, "2016Q1", "99.2"))
        service.set_state("ui.period", "2016Q1")
        service.set_state("ui.task", "26")
    finally:
        store.close()


def settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def save(widget: QWidget, path: Path) -> None:
    if not widget.grab().save(str(path)):
        raise SystemExit(f"error: could not write {path}")
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def save_over(window: QWidget, dialog: QWidget, path: Path) -> None:
    """The window with a dialog drawn centred on it, as the user sees a modal dialog.

    Off-screen, a grab holds one top-level widget and no window frame, so the two are
    composed here, with a plain title bar carrying the dialog's title."""
    picture = window.grab()
    shot = dialog.grab()
    bar = dialog.fontMetrics().height() + 12
    w, h = shot.width(), shot.height() + bar
    at = QPoint((picture.width() - w) // 2, max(0, (picture.height() - h) // 3))
    painter = QPainter(picture)
    painter.fillRect(picture.rect(), QColor(0, 0, 0, 40))  # the dimmed window behind
    painter.fillRect(at.x(), at.y(), w, bar, QColor("#dfe4ea"))
    painter.setPen(QColor("#1f2933"))
    painter.setFont(dialog.font())
    align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    painter.drawText(at.x() + 10, at.y(), w - 20, bar, int(align.value), dialog.windowTitle())
    painter.drawPixmap(at + QPoint(0, bar), shot)
    painter.setPen(QPen(QColor("#7a8594"), 1))
    painter.drawRect(at.x() - 1, at.y() - 1, w + 1, h + 1)
    painter.end()
    if not picture.save(str(path)):
        raise SystemExit(f"error: could not write {path}")
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def export_shot(
    app: QApplication, window: Any, store: Any, profile: Any, folder: Path, out: Path
) -> None:
    """Ctrl+E after a real export of 2016Q1 (signed, written, recorded as v1): the window's
    own check runs, then the dialog is driven as the clerk would and left open for the shot."""
    from app.ui.unit.export_dialog import ExportDialog

    folder.mkdir(parents=True, exist_ok=True)
    shown: list[ExportDialog] = []

    def handler(period: str) -> None:  # instead of make_export_handler's modal exec()
        catalog = window.service().catalog
        dialog = ExportDialog(store, catalog, period, profile.short_name, 1, window)
        real = folder / Path(dialog.path_edit.text()).name
        dialog.path_edit.setText(str(real))
        dialog.show()
        dialog.passphrase.setText(PASSPHRASE)
        dialog.export_button.click()
        for _ in range(600):  # signing unlocks the key (scrypt) on a pool thread
            if dialog.result_info is not None or dialog.export_button.isEnabled():
                break
            app.processEvents()
            QThread.msleep(50)
        if dialog.result_info is None:
            raise SystemExit(f"error: the export failed: {dialog.message.text()}")
        pretty = f"{SHOWN_FOLDER}\\{real.name}"
        dialog.path_edit.setText(pretty)
        dialog.message.setText(dialog.message.text().replace(str(real), pretty))
        shown.append(dialog)

    window.export_handler = handler
    window.acts.export.trigger()  # Ctrl+E: saves, checks the period, calls the handler
    if not shown:
        raise SystemExit("error: the window refused to export 2016Q1")
    settle(app)
    save_over(window, shown[0], out / "clerk-export.png")
    shown[0].close()


def wizard_shots(app: QApplication, data_dir: Path, out: Path) -> None:
    from app.config import Settings
    from app.io import keys
    from app.ui.common.launch import Launcher
    from app.ui.setup.wizard import PAGE_DONE, PAGE_TRUST_OFFICE

    keys.SCRYPT_N = 2**12  # a throw-away key for the picture; real installs use 2^17
    launcher = Launcher(app, Settings.make(data_dir), today=lambda: TODAY)
    wizard = launcher.start()
    wizard.resize(820, 600)
    wait_for(app, lambda: wizard.unit_page.units.count() > 0, "the list of units")
    wizard.next()
    wizard.unit_page.search.setText("住建")
    settle(app)
    save(wizard, out / "clerk-wizard.png")
    wizard.next()
    wizard.clerk_page.clerk.setText("王晓明")
    wizard.clerk_page.contact.setText("0755-83788888")
    wizard.next()
    wizard.key_page.first.setText(PASSPHRASE)
    wizard.key_page.second.setText(PASSPHRASE)
    wizard.next()  # the key is made off the thread; then the office's key, optional
    wait_for(app, lambda: wizard.currentId() == PAGE_TRUST_OFFICE, "the signing key")
    wizard.next()
    wait_for(app, lambda: wizard.currentId() == PAGE_DONE, "the last page")
    # 保存登记文件… for real (the file dialog answered), then shown in a clerk's folder.
    from PySide6.QtWidgets import QFileDialog

    target = data_dir.parent / "registration" / "密钥登记-zjj.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    original = QFileDialog.getSaveFileName
    QFileDialog.getSaveFileName = staticmethod(lambda *_a, **_k: (str(target), ""))  # type: ignore[method-assign]
    try:
        wizard.done_page.save_registration()
    finally:
        QFileDialog.getSaveFileName = original  # type: ignore[method-assign]
    if not target.exists():
        raise SystemExit(f"error: {wizard.done_page.saved.text()}")
    label = wizard.done_page.saved
    label.setText(label.text().replace(str(target), f"{SHOWN_FOLDER}\\{target.name}"))
    settle(app)
    save(wizard, out / "clerk-wizard-key.png")
    wizard.hide()
    launcher.window = None


def main_shots(app: QApplication, data_dir: Path, out: Path, exports: Path) -> None:
    from app.config import Settings
    from app.services.entries import EntryService
    from app.services.stores import open_unit_store, store_catalog
    from app.services.unit_setup import get_profile
    from app.ui.unit.window import MainWindow

    store = open_unit_store(Settings.make(data_dir))
    try:
        catalog = store_catalog(store)
        profile = get_profile(store)
        assert profile is not None
        window = MainWindow(today=lambda: TODAY, data_dir=str(data_dir))
        window.resize(*SIZE)
        window.show()
        settle(app)
        window.attach(EntryService(store, catalog, "zjj"), profile)
        window.save_now()
        settle(app)
        save(window, out / "clerk-main.png")
        export_shot(app, window, store, profile, exports, out)

        # The error state: task 46 marked delayed, without a reason, and 150 %.
        window.select_task(46)
        form = window.form
        form.status.setCurrentIndex(form.status.findData("delayed"))
        form.percent.setText("150")
        form.percent.textEdited.emit("150")
        form.texts["problems"].setPlainText("")
        window.save_now()
        form.focus_field("problems")
        # Room for both error links in the summary (a fresh install opens it five lines high).
        lines = window.fontMetrics().lineSpacing()
        window.resizeDocks([window.summary_dock], [lines * 7], Qt.Orientation.Vertical)
        settle(app)
        save(window, out / "clerk-errors.png")
        window.close()
    finally:
        store.close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("--keep", type=Path, help="build the install here and keep it")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "qs"))
        app = QApplication(sys.argv[:1])
        from app.ui.common.application import prepare_application

        prepare_application(app, "zh_CN")
        app.setQuitOnLastWindowClosed(False)
        wizard_shots(app, work / "fresh", args.out)
        data_dir = args.keep or work / "zjj"
        build_install(data_dir)
        main_shots(app, data_dir, args.out, work / "exports")
        QTimer.singleShot(0, app.quit)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
