"""The plans window's actions, menus and toolbar, and when each is possible."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

translate = QCoreApplication.translate  # lupdate reads translate("Context", "…")

if TYPE_CHECKING:
    from app.ui.office.plans.window import PlansWindow


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
    package: QAction
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
            (
                self.new,
                translate("PlanActions", "新建方案(&N)…"),
                translate("PlanActions", "新建一个空白的工作方案（Ctrl+N）"),
            ),
            (
                self.copy,
                translate("PlanActions", "复制上一年度方案(&C)…"),
                translate("PlanActions", "以已有方案为底稿建立新年度的方案"),
            ),
            (
                self.import_file,
                translate("PlanActions", "从方案文件导入(&I)…"),
                translate("PlanActions", "导入方案文件：.txt、.docx、.xlsx 或 .json（Ctrl+I）"),
            ),
            (
                self.export,
                translate("PlanActions", "导出 Excel 模板(&E)…"),
                translate("PlanActions", "把所选方案导出为 Excel 模板（Ctrl+E）"),
            ),
            (
                self.package,
                translate("PlanActions", "生成方案包(&K)…"),
                translate("PlanActions", "写出带本办签名的方案包，发给各单位导入"),
            ),
            (
                self.revise,
                translate("PlanActions", "修订(&R)"),
                translate("PlanActions", "以已发布的方案为底稿开始新的版本（Ctrl+R）"),
            ),
            (
                self.publish,
                translate("PlanActions", "发布(&P)…"),
                translate("PlanActions", "检查并发布所选方案的草稿（Ctrl+Shift+P）"),
            ),
            (
                self.discard,
                translate("PlanActions", "放弃草稿(&D)…"),
                translate("PlanActions", "删除草稿，回到已发布的版本"),
            ),
            (
                self.next_issue,
                translate("PlanActions", "下一个问题(&X)"),
                translate("PlanActions", "转到下一个问题或待确认项（F8）"),
            ),
            (
                self.close,
                translate("PlanActions", "关闭(&W)"),
                translate("PlanActions", "关闭工作方案窗口"),
            ),
        )
        for action, text, tip in texts:
            action.setText(text)
            action.setToolTip(tip)
        self._retranslate_menus()

    def _retranslate_menus(self) -> None:
        self.undo.setText(translate("PlanActions", "撤销(&U)"))
        self.redo.setText(translate("PlanActions", "重做(&R)"))
        self.menu_plan.setTitle(translate("PlanActions", "方案(&P)"))
        self.menu_edit.setTitle(translate("PlanActions", "编辑(&E)"))
        self.toolbar.setWindowTitle(translate("PlanActions", "工作方案"))

    def update(self, window: PlansWindow) -> None:
        """Enable what the chosen plan allows: a draft is edited and published, a published
        plan revised."""
        summary = window.summary()
        draft = window.draft
        editing = draft is not None and not draft.read_only
        self.export.setEnabled(summary is not None)
        self.package.setEnabled(summary is not None and summary.published)
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
        package=_action(window, window.write_package, "Ctrl+Shift+K"),
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
    plan_items: list[QAction | None] = [actions.new, actions.copy, actions.import_file]
    plan_items += [actions.export, actions.package, None, actions.revise, actions.publish]
    plan_items += [actions.discard, None, actions.close]
    for entry in plan_items:
        actions.menu_plan.addAction(entry) if entry else actions.menu_plan.addSeparator()
    actions.menu_edit.addActions([undo, redo])
    actions.menu_edit.addSeparator()
    actions.menu_edit.addAction(actions.next_issue)
    tool_items = [actions.new, actions.copy, actions.import_file, actions.export, None]
    tool_items += [actions.revise, actions.publish, None, undo, redo]
    for item in tool_items:
        actions.toolbar.addAction(item) if item else actions.toolbar.addSeparator()
    return actions
