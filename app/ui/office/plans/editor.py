"""The plan editor: the plan's tabs above, its problems and guesses below.

It edits a ``PlanDocument``; who opens, saves and publishes it is the plans window's business.
A published plan is shown read-only with a banner and a 修订 button that asks for revision N+1.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.ui.common.retranslate import Retranslating
from app.ui.office.plans import pointers as jp
from app.ui.office.plans.document import PlanDocument
from app.ui.office.plans.issues_panel import IssuesPanel
from app.ui.office.plans.marks import PlanChecks
from app.ui.office.plans.table_panel import TablePanel
from app.ui.office.plans.tables import INDICATORS, PERIODS, SECTIONS, UNITS
from app.ui.office.plans.tabs import GroupsTab, HeaderTab, TasksTab
from app.ui.office.plans.texts import tab_name

TAB_KEYS = ("plan", "sections", "units", "groups", "tasks", "indicators", "periods")
(TAB_HEADER, TAB_SECTIONS, TAB_UNITS, TAB_GROUPS, TAB_TASKS, TAB_INDICATORS, TAB_PERIODS) = range(
    len(TAB_KEYS)
)
BANNER_STYLE = "#readOnlyBanner { background: #e8f0fb; border: 1px solid #9bb7e0; }"


class PlanEditor(Retranslating, QWidget):
    revise_requested = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("planEditor")
        self.doc = PlanDocument(self)
        self.checks = PlanChecks(self.doc, self)
        self.revision = 0
        self.banner = QFrame()
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner_label = QLabel()
        self.banner_label.setWordWrap(True)
        self.revise_button = QPushButton()
        self.revise_button.setObjectName("reviseButton")
        self.revise_button.clicked.connect(self.revise_requested)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.addWidget(self.banner_label, 1)
        banner_layout.addWidget(self.revise_button)
        self.header = HeaderTab(self.doc, self.checks)
        self.sections = TablePanel(self.doc, self.checks, SECTIONS, "/sections")
        self.units = TablePanel(self.doc, self.checks, UNITS, "/units")
        self.groups = GroupsTab(self.doc, self.checks)
        self.tasks = TasksTab(self.doc, self.checks)
        self.indicators = TablePanel(self.doc, self.checks, INDICATORS, "/indicators")
        self.periods = TablePanel(self.doc, self.checks, PERIODS, "/periods")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("planTabs")
        for page in self.pages():
            self.tabs.addTab(page, "")
        self.issues = IssuesPanel(self.doc, self.checks)
        self.issues.go_to.connect(self.go_to)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.issues)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 240])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        self.doc.reset.connect(self._show_banner)
        self.retranslate()

    def pages(self) -> list[QWidget]:
        return [
            self.header,
            self.sections,
            self.units,
            self.groups,
            self.tasks,
            self.indicators,
            self.periods,
        ]

    def retranslate(self) -> None:
        for i, key in enumerate(TAB_KEYS):
            self.tabs.setTabText(i, f"&{i + 1} {tab_name(key)}")
        self.sections.set_caption(self.tr("方案“主要任务”下的各部分，如（一）大力推进重点项目建设"))
        self.units.set_caption(
            self.tr("成员单位：全称、简称和别名（导入方案文件时按这些名称识别单位）")
        )
        self.indicators.set_caption(self.tr("“工作目标”中的指标及其负责单位"))
        self.periods.set_caption(self.tr("报告期与报送截止日期"))
        self.revise_button.setText(self.tr("修订(&R)…"))
        self._show_banner()

    def _show_banner(self) -> None:
        self.banner.setVisible(self.doc.read_only and bool(self.doc.plan))
        self.banner_label.setText(
            self.tr(
                "这是已发布的第 {0} 版，只能查看。要修改，请点“修订”：将生成第 {1} 版草稿，"
                "发布前各单位仍按第 {0} 版填报。"
            ).format(self.revision, self.revision + 1)
        )

    def load(self, plan: dict[str, Any], guesses: Any, *, read_only: bool, revision: int) -> None:
        self.revision = revision
        self.doc.load(plan, guesses, read_only)
        self.checks.run()

    def go_to(self, pointer: str) -> None:
        """Show the field ``pointer`` names, in its tab, with the keyboard focus on it."""
        steps = jp.parts(pointer)
        head = steps[0] if steps and steps[0] in TAB_KEYS else "plan"
        index = TAB_KEYS.index(head)
        self.tabs.setCurrentIndex(index)
        page = self.pages()[index]
        go = getattr(page, "go_to", None)
        if go is not None:
            go(pointer)
