"""Small dialogs of the plans window: a new plan, and a copy of an earlier year's plan.

Both propose what they can (next year, a code with the year in it) and refuse a code the
store already has before the service is asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
)

from app.ui.common.colors import ERROR_COLOR, HINT_COLOR
from app.ui.common.retranslate import Retranslating

if TYPE_CHECKING:
    from app.services.plans import PlanSummary

YEAR_RANGE = (2000, 2100)


def code_for_year(code: str, old_year: int, new_year: int) -> str:
    """SZ-QUALITY-2016 → SZ-QUALITY-2017; a code without the year gets it appended."""
    if str(old_year) in code:
        return code.replace(str(old_year), str(new_year))
    return f"{code}-{new_year}"


def title_for_year(title: str, old_year: int, new_year: int) -> str:
    return title.replace(str(old_year), str(new_year))


class _PlanDialog(Retranslating, QDialog):
    """A form with a code, a year and OK/Cancel; OK only for a code not yet in the store."""

    def __init__(self, taken: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self.taken = {c.casefold() for c in taken}
        self.form = QFormLayout(self)
        self.code = QLineEdit()
        self.code.setObjectName("planCode")
        self.code.setMaxLength(64)
        self.year = QSpinBox()
        self.year.setObjectName("planYear")
        self.year.setRange(*YEAR_RANGE)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.code.textChanged.connect(self._check)

    def _finish(self) -> None:
        self.form.addRow(self.note)
        self.form.addRow(self.buttons)
        self._check()

    def _check(self) -> None:
        code = self.code.text().strip()
        ok = bool(code) and code.casefold() not in self.taken
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        if code and not ok:
            self.note.setText(self.tr("已有编号为 {0} 的方案，请换一个编号。").format(code))
            self.note.setStyleSheet(f"color: {ERROR_COLOR};")
        else:
            self.note.setText(self.hint())
            self.note.setStyleSheet(f"color: {HINT_COLOR};")

    def hint(self) -> str:
        return ""

    def chosen_code(self) -> str:
        return self.code.text().strip()


class NewPlanDialog(_PlanDialog):
    """新建工作方案: an empty plan; its title and code follow the latest plan's pattern."""

    def __init__(self, plans: Sequence[PlanSummary], year: int, parent: Any = None) -> None:
        super().__init__([p.code for p in plans], parent)
        self.setObjectName("newPlanDialog")
        self.setMinimumWidth(480)
        self.latest = plans[-1] if plans else None
        self.title = QLineEdit()
        self.title.setObjectName("planTitle")
        self.year.setValue(year)
        self.labels = [QLabel(), QLabel(), QLabel()]
        for label, widget in zip(self.labels, (self.title, self.year, self.code), strict=True):
            label.setBuddy(widget)
            self.form.addRow(label, widget)
        self.year.valueChanged.connect(self._propose)
        self.title.textChanged.connect(self._check)
        self._finish()
        self.retranslate()
        self._propose(year)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("新建工作方案"))
        for label, text in zip(
            self.labels,
            (self.tr("方案名称(&T)："), self.tr("年度(&Y)："), self.tr("方案编号(&C)：")),
            strict=True,
        ):
            label.setText(text)
        self._check()

    def hint(self) -> str:
        return self.tr("方案编号用于区分各年度的方案，建立后不能修改，如 SZ-QUALITY-2017。")

    def _propose(self, year: int) -> None:
        latest = self.latest
        if not self.title.isModified():
            title = self.tr("{0}年质量工作方案").format(year)
            if latest is not None and str(latest.year) in latest.title:
                title = title_for_year(latest.title, latest.year, year)
            self.title.setText(title)
        if not self.code.isModified():
            code = (
                f"PLAN-{year}" if latest is None else code_for_year(latest.code, latest.year, year)
            )
            self.code.setText(code)

    def _check(self) -> None:
        super()._check()
        if not self.title.text().strip():
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def chosen(self) -> tuple[str, str, int]:
        return self.chosen_code(), self.title.text().strip(), self.year.value()


class CopyPlanDialog(_PlanDialog):
    """复制上一年度方案: units, groups and periods carried, dates moved by the years between."""

    def __init__(self, plans: Sequence[PlanSummary], parent: Any = None) -> None:
        super().__init__([p.code for p in plans], parent)
        self.setObjectName("copyPlanDialog")
        self.setMinimumWidth(480)
        self.plans = list(plans)
        self.source = QComboBox()
        self.source.setObjectName("copySource")
        for p in self.plans:
            self.source.addItem(f"{p.title}（{p.code}）", p.code)
        self.labels = [QLabel(), QLabel(), QLabel()]
        for label, widget in zip(self.labels, (self.source, self.year, self.code), strict=True):
            label.setBuddy(widget)
            self.form.addRow(label, widget)
        self.source.currentIndexChanged.connect(self._source_chosen)
        self.year.valueChanged.connect(self._propose)
        self._finish()
        self.retranslate()
        self.source.setCurrentIndex(len(self.plans) - 1)  # the latest year first
        self._source_chosen()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("复制上一年度方案"))
        for label, text in zip(
            self.labels,
            (self.tr("复制(&S)："), self.tr("新方案年度(&Y)："), self.tr("新方案编号(&C)：")),
            strict=True,
        ):
            label.setText(text)
        self._check()

    def hint(self) -> str:
        return self.tr(
            "成员单位、单位组、任务、目标和报告期都会复制过来，日期顺延到新年度；"
            "复制后请逐项修改为新年度的内容。"
        )

    def source_plan(self) -> PlanSummary | None:
        i = self.source.currentIndex()
        return self.plans[i] if 0 <= i < len(self.plans) else None

    def _source_chosen(self, *_args: object) -> None:
        plan = self.source_plan()
        if plan is not None:
            self.year.setValue(plan.year + 1)
            self._propose(plan.year + 1)

    def _propose(self, year: int) -> None:
        plan = self.source_plan()
        if plan is not None and not self.code.isModified():
            self.code.setText(code_for_year(plan.code, plan.year, year))

    def chosen(self) -> tuple[str, str, int]:
        plan = self.source_plan()
        return (plan.code if plan else ""), self.chosen_code(), self.year.value()


class ImportCodeDialog(_PlanDialog):
    """After reading a plan file: what it holds, and under which code it becomes a draft (a
    new plan, or the next revision of the plan with that code)."""

    def __init__(
        self, plans: Sequence[PlanSummary], plan: dict[str, Any], guesses: int, parent: Any = None
    ) -> None:
        super().__init__([], parent)
        self.setObjectName("importCodeDialog")
        self.setMinimumWidth(480)
        self.plans = {p.code.casefold(): p for p in plans}
        found = plan.get("plan")
        head: dict[str, Any] = found if isinstance(found, dict) else {}
        self.plan_title = str(head.get("title", ""))
        year = head["year"] if isinstance(head.get("year"), int) else YEAR_RANGE[0]
        self.counts = (len(plan.get("tasks", [])), len(plan.get("units", [])), guesses)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.year.setValue(year)
        self.year.setEnabled(False)  # the document's own year
        self.labels = [QLabel(), QLabel()]
        self.form.addRow(self.summary)
        for label, widget in zip(self.labels, (self.year, self.code), strict=True):
            label.setBuddy(widget)
            self.form.addRow(label, widget)
        latest = plans[-1] if plans else None
        proposed = str(head.get("code", ""))
        if latest is not None:
            proposed = code_for_year(latest.code, latest.year, year)
        self.code.setText(proposed)
        self._finish()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("从方案文件导入"))
        tasks, units, guesses = self.counts
        self.summary.setText(
            self.tr("读到“{0}”：{1} 项任务，{2} 个单位，{3} 处推测待确认。").format(
                self.plan_title, tasks, units, guesses
            )
        )
        self.labels[0].setText(self.tr("年度："))
        self.labels[1].setText(self.tr("方案编号(&C)："))
        self._check()

    def _check(self) -> None:
        super()._check()
        existing = self.plans.get(self.chosen_code().casefold())
        ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if existing is not None and existing.has_draft:
            ok_button.setEnabled(False)
            self.note.setText(
                self.tr("方案 {0} 已有草稿：请先发布或放弃该草稿，或换一个编号。").format(
                    existing.code
                )
            )
            self.note.setStyleSheet(f"color: {ERROR_COLOR};")
        elif existing is not None:
            self.note.setText(
                self.tr("已有方案 {0}：导入的内容将作为它的第 {1} 版草稿。").format(
                    existing.code, existing.revision + 1
                )
            )
            self.note.setStyleSheet(f"color: {HINT_COLOR};")

    def hint(self) -> str:
        return self.tr("导入后成为新方案的草稿；核对推测的内容后即可发布。")
