"""The unit window's commands: one QAction each with its shortcut, the menus and the toolbar
that show them, and their words (as MusicBrainz Picard's ``ui/mainwindow/actions.py``).

The words keep the translation context ``MainWindow``: they are the window's words, and the
shipped translations are filed under that context.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from app.ui.common.help_menu import HelpMenu

if TYPE_CHECKING:
    from app.ui.unit.window import MainWindow


@dataclass(frozen=True)
class UnitActions:
    save: QAction
    export: QAction
    copy: QAction
    import_plan: QAction
    import_feedback: QAction
    office_key: QAction
    key_care: QAction
    settings: QAction
    quit: QAction
    find: QAction
    prev: QAction
    next: QAction
    undo: QAction
    redo: QAction
    summary: QAction
    notices: QAction
    menu_file: QMenu
    menu_edit: QMenu
    menu_go: QMenu
    menu_help: HelpMenu
    toolbar: QToolBar

    def retranslate(self) -> None:
        translate = QCoreApplication.translate
        self.menu_file.setTitle(translate("MainWindow", "文件(&F)"))
        self.menu_edit.setTitle(translate("MainWindow", "编辑(&E)"))
        self.menu_go.setTitle(translate("MainWindow", "转到(&G)"))
        self.toolbar.setWindowTitle(translate("MainWindow", "工具栏"))
        for action, text, tip in self._texts():
            action.setText(text)
            action.setToolTip(tip or text.replace("(&", "(").replace("&", ""))
        self.summary.setText(translate("MainWindow", "显示本期汇总"))
        self.notices.setText(translate("MainWindow", "督办事项(&D)"))
        self.notices.setToolTip(translate("MainWindow", "显示督办事项列表（Ctrl+Shift+D）"))

    def _texts(self) -> tuple[tuple[QAction, str, str], ...]:
        """Each action's words and tooltip ("": its words without the accelerator)."""
        translate = QCoreApplication.translate
        return (
            (
                self.save,
                translate("MainWindow", "立即保存(&S)"),
                translate("MainWindow", "填写内容会自动保存；Ctrl+S 立即保存"),
            ),
            (
                self.export,
                translate("MainWindow", "导出报送文件(&E)…"),
                translate("MainWindow", "检查本期内容并导出报送文件"),
            ),
            (
                self.copy,
                translate("MainWindow", "从上期复制(&P)…"),
                translate("MainWindow", "用上一报告期的内容预填本期"),
            ),
            (
                self.import_plan,
                translate("MainWindow", "导入工作方案(&L)…"),
                translate("MainWindow", "导入市质量强市办发来的工作方案（也可把文件拖到窗口上）"),
            ),
            (
                self.import_feedback,
                translate("MainWindow", "导入反馈(&B)…"),
                translate("MainWindow", "导入市质量强市办的反馈：回执、审核意见、督办事项"),
            ),
            (
                self.office_key,
                translate("MainWindow", "市质量强市办密钥(&K)…"),
                translate("MainWindow", "信任或更换市质量强市办的签名密钥"),
            ),
            (
                self.key_care,
                translate("MainWindow", "本单位签名密钥(&Y)…"),
                translate("MainWindow", "修改密码、备份、更换密钥、忘记密码、导出登记文件"),
            ),
            (
                self.settings,
                translate("MainWindow", "设置(&O)…"),
                translate("MainWindow", "界面语言、填报人"),
            ),
            (self.quit, translate("MainWindow", "退出(&X)"), ""),
            (self.find, translate("MainWindow", "查找任务(&F)"), ""),
            (
                self.prev,
                translate("MainWindow", "上一项任务"),
                translate("MainWindow", "Ctrl+PgUp"),
            ),
            (
                self.next,
                translate("MainWindow", "下一项任务"),
                translate("MainWindow", "Ctrl+PgDn"),
            ),
        )


def _action(
    window: MainWindow,
    slot: Callable[[], Any],
    *keys: QKeySequence | QKeySequence.StandardKey | str,
) -> QAction:
    action = QAction(window)
    action.setShortcuts([k if isinstance(k, QKeySequence) else QKeySequence(k) for k in keys])
    action.triggered.connect(lambda _checked=False: slot())
    return action


def create_actions(window: MainWindow) -> UnitActions:
    """The actions, in the window's menus and toolbar (the window is built: form, list, dock)."""
    undo = window.form.undo_group.createUndoAction(window)
    undo.setShortcuts([QKeySequence("Ctrl+Z")])
    redo = window.form.undo_group.createRedoAction(window)
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    undo.triggered.connect(window.after_undo)
    redo.triggered.connect(window.after_undo)
    bar = window.menuBar()
    actions = UnitActions(
        save=_action(window, window.save_now, "Ctrl+S"),
        export=_action(window, window.request_export, "Ctrl+E"),
        copy=_action(window, lambda: _copy(window)),
        import_plan=_action(window, lambda: _import(window, "plan"), "Ctrl+Shift+L"),
        import_feedback=_action(window, lambda: _import(window, "feedback"), "Ctrl+Shift+B"),
        office_key=_action(window, lambda: _office_key(window)),
        key_care=_action(window, lambda: _key_care(window)),
        settings=_action(window, lambda: _settings(window)),
        quit=_action(window, window.close, "Ctrl+Q"),
        find=_action(window, window.task_panel.focus_search, "Ctrl+F"),
        prev=_action(window, lambda: window.step_task(-1), "Ctrl+PgUp"),
        next=_action(window, lambda: window.step_task(1), "Ctrl+PgDown"),
        undo=undo,
        redo=redo,
        summary=window.summary_dock.toggleViewAction(),
        notices=_action(window, window.answers.focus_notices, "Ctrl+Shift+D"),
        menu_file=bar.addMenu(""),
        menu_edit=bar.addMenu(""),
        menu_go=bar.addMenu(""),
        menu_help=HelpMenu(window.log_dir, window),
        toolbar=window.addToolBar(""),
    )
    bar.addMenu(actions.menu_help)
    _fill_menus(actions)
    _fill_toolbar(actions)
    for a in (undo, redo):
        window.addAction(a)  # active even with the menu bar hidden
    return actions


def _fill_menus(a: UnitActions) -> None:
    a.menu_file.addActions([a.save, a.export, a.copy])
    a.menu_file.addSeparator()
    a.menu_file.addActions([a.import_plan, a.import_feedback, a.office_key])
    a.menu_file.addSeparator()
    a.menu_file.addActions([a.key_care, a.settings])
    a.menu_file.addSeparator()
    a.menu_file.addAction(a.quit)
    a.menu_edit.addActions([a.undo, a.redo, a.find])
    a.menu_go.addActions([a.prev, a.next])
    a.menu_go.addSeparator()
    a.menu_go.addActions([a.summary, a.notices])


def _settings(window: MainWindow) -> None:
    from app.ui.unit.settings_dialog import open_settings

    open_settings(window)


def _copy(window: MainWindow) -> None:
    from app.ui.unit.copy_dialog import copy_from_previous

    if window.profile() is not None:
        copy_from_previous(window)


def _import(window: MainWindow, kind: str) -> None:
    from app.ui.unit.office_files import choose_and_import

    if window.profile() is not None:
        choose_and_import(window, kind)


def _office_key(window: MainWindow) -> None:
    from app.ui.unit.office_key_dialog import OfficeKeyDialog

    if window.profile() is not None:
        OfficeKeyDialog(window.service().store, window).exec()


def _key_care(window: MainWindow) -> None:
    from app.ui.unit.key_care_dialog import KeyCareDialog

    profile = window.profile()
    if profile is None:
        return
    service = window.service()
    dialog = KeyCareDialog(service.store, service.catalog, profile, window)
    dialog.exec()
    if dialog.key_changed:
        window.key_replaced(dialog.profile)


def _fill_toolbar(a: UnitActions) -> None:
    a.toolbar.setObjectName("mainToolbar")
    a.toolbar.setMovable(False)
    a.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    a.toolbar.addActions([a.save, a.copy, a.export])
    a.toolbar.addSeparator()
    a.toolbar.addActions([a.prev, a.next])
    a.toolbar.addSeparator()
    a.toolbar.addAction(a.settings)
