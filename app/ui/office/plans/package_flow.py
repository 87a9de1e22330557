"""生成方案包: the chosen plan's newest published revision as a signed, printable workbook for
the units (``app.services.plans.package.write_plan_package``, ``office plan publish --out``).

Signing needs the office key's passphrase; the package is written on the thread pool behind the
plans window's progress dialog, and the status bar says where it went.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from app.ui.office.actor import current_actor

if TYPE_CHECKING:
    from app.ui.office.plans.window import PlansWindow

translate = QCoreApplication.translate
STATUS_MS = 20000


def write_package(
    window: PlansWindow, path: Path | None = None, passphrase: str | None = None
) -> None:
    """Ask where and the passphrase (unless given), then write the package."""
    from app.ui.common import passphrase_dialog
    from app.ui.office.plans.plan_flows import in_background

    summary = window.summary()
    if summary is None or not summary.published:
        return
    code, revision = summary.code, summary.revision
    if path is None:
        name, _ = QFileDialog.getSaveFileName(
            window,
            translate("PlanPackage", "生成方案包"),
            translate("PlanPackage", "工作方案包_{0}_第{1}版.xlsx").format(code, revision),
            translate("PlanPackage", "Excel 工作簿 (*.xlsx)"),
        )
        if not name:
            return
        path = Path(name)
    out = path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")
    if passphrase is None:
        purpose = translate(
            "PlanPackage",
            "方案包用本办的签名密钥签名，单位据此确认方案来自市质量强市办。请输入密钥密码。",
        )
        passphrase = passphrase_dialog.ask_passphrase(window, purpose)
        if passphrase is None:
            return
    store, actor, secret = window.store, current_actor(window.store), passphrase

    def work() -> Any:
        from app.services.plans.package import write_plan_package

        return write_plan_package(store, code, out, secret, actor)

    def done(written: Any) -> None:
        window.statusBar().showMessage(
            translate("PlanPackage", "方案包已生成：{0}（第 {1} 版）").format(
                written.path, written.revision
            ),
            STATUS_MS,
        )

    label = translate("PlanPackage", "正在生成方案包 {0} …").format(out.name)
    failure = translate("PlanPackage", "无法生成方案包")
    in_background(window, label, work, done, failure)
