"""The plans window's actions, menus and toolbar, and when each is possible."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

if TYPE_CHECKING:
    from app.ui.office.plans.window import PlansWindow


def _t(text: str) -> str:
    return QCoreApplication.translate("PlanActions", text)


def _action(window: PlansWindow, slot: Callable[[], Any], *keys: str) -> QAction:
    action = QAction(window)
    action.setShortcuts([QKeySequence(k) for k in keys])
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


@dataclass
class PlanActions:
    new: QAction
    copy: QAction
    import_file: QAction
    export: QAction
    revise: QAction
    publish: QAction
    discard: QAction
    undo: QAction
    redo: QAction
    next_issue: QAction
    close: QAction
    menu_plan: QMenu
    menu_edit: QMenu
    toolbar: QToolBar

    def retranslate(self) -> None:
        texts = (
            (self.new, _t("新建方案(&N)…"), _t("新建一个空白的工作方案（Ctrl+N）")),
            (self.copy, _t("复制上一年度方案(&C)…"), _t("以已有方案为底稿建立新年度的方案")),
            (
                self.import_file,
                _t("从方案文件导入(&I)…"),
                _t("导入方案文件：.txt、.docx、.xlsx 或 .json（Ctrl+I）"),
            ),
            (self.export, _t("导出 Excel 模板(&E)…"), _t("把所选方案导出为 Excel 模板（Ctrl+E）")),
            (self.revise, _t("修订(&R)"), _t("以已发布的方案为底稿开始新的版本（Ctrl+R）")),
            (self.publish, _t("发布(&P)…"), _t("检查并发布所选方案的草稿（Ctrl+Shift+P）")),
            (self.discard, _t("放弃草稿(&D)…"), _t("删除草稿，回到已发布的版本")),
            (self.next_issue, _t("下一个问题(&X)"), _t("转到下一个问题或待确认项（F8）")),
            (self.close, _t("关闭(&W)"), _t("关闭工作方案窗口")),
        )
        for action, text, tip in texts:
            action.setText(text)
            action.setToolTip(tip)
        self.undo.setText(_t("撤销(&U)"))
        self.redo.setText(_t("重做(&R)"))
        self.menu_plan.setTitle(_t("方案(&P)"))
        self.menu_edit.setTitle(_t("编辑(&E)"))
        self.toolbar.setWindowTitle(_t("工作方案"))

    def update(self, window: PlansWindow) -> None:
        """Enable what the chosen plan allows: a draft is edited and published, a published
        plan revised."""
        summary = window.summary()
        draft = window.draft
        editing = draft is not None and not draft.read_only
        self.export.setEnabled(summary is not None)
        self.revise.setEnabled(draft is not None and draft.read_only)
        self.publish.setEnabled(editing)
        self.discard.setEnabled(editing)
        self.copy.setEnabled(bool(window.list_model.rows))


def create_actions(window: PlansWindow) -> PlanActions:
    # One stack for the whole plan: Ctrl+Z undoes the last change in whichever table it was.
    stack = window.editor.doc.undo_stack
    undo = _action(window, stack.undo, "Ctrl+Z")
    redo = _action(window, stack.redo, "Ctrl+Y", "Ctrl+Shift+Z")
    undo.setEnabled(False)
    redo.setEnabled(False)
    stack.canUndoChanged.connect(undo.setEnabled)
    stack.canRedoChanged.connect(redo.setEnabled)
    bar = window.menuBar()
    actions = PlanActions(
        new=_action(window, window.new_plan, "Ctrl+N"),
        copy=_action(window, window.copy_plan),
        import_file=_action(window, window.import_file, "Ctrl+I"),
        export=_action(window, window.export_template, "Ctrl+E"),
        revise=_action(window, window.revise, "Ctrl+R"),
        publish=_action(window, window.publish, "Ctrl+Shift+P"),
        discard=_action(window, window.discard_draft),
        undo=undo,
        redo=redo,
        next_issue=_action(window, window.next_issue, "F8"),
        close=_action(window, window.close, "Ctrl+W"),
        menu_plan=bar.addMenu(""),
        menu_edit=bar.addMenu(""),
        toolbar=window.addToolBar(""),
    )
    actions.toolbar.setObjectName("plansToolbar")
    actions.toolbar.setMovable(False)
    actions.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    plan_items = [actions.new, actions.copy, actions.import_file, actions.export, None]
    plan_items += [actions.revise, actions.publish, actions.discard, None, actions.close]
    for item in plan_items:
        actions.menu_plan.addAction(item) if item else actions.menu_plan.addSeparator()
    actions.menu_edit.addActions([undo, redo])
    actions.menu_edit.addSeparator()
    actions.menu_edit.addAction(actions.next_issue)
    tool_items = [actions.new, actions.copy, actions.import_file, actions.export, None]
    tool_items += [actions.revise, actions.publish, None, undo, redo]
    for item in tool_items:
        actions.toolbar.addAction(item) if item else actions.toolbar.addSeparator()
    return actions
