"""A task's detail: every unit's current text, targets against actuals, the version history.

Rendered as one HTML page in a QTextBrowser (selectable, printable, and every clerk's text
escaped), with an anchor per unit so a click on a matrix cell scrolls to that unit.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from typing import Any

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from app.domain.plan_time import PLAN_TZ
from app.ui.common.colors import ERROR_COLOR, OK_COLOR, STATUS_COLORS, WARN_COLOR
from app.ui.common.i18n import role_label, status_label
from app.ui.common.punctuation import colon
from app.ui.office.answer_texts import REVIEW_COLORS, review_label
from app.ui.office.change_list import change_field, change_value

MUTED = "#6b7280"


def local_time(at: datetime | None) -> str:
    if at is None:
        return "—"
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(PLAN_TZ).strftime("%Y-%m-%d %H:%M")


def _para(text: str) -> str:
    return escape(text).replace("\n", "<br>") if text else "—"


class DetailPane(QTextBrowser):
    review_link = Signal(str, str)  # action ("accept" | "return"), unit id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.setOpenLinks(False)
        self.reviews: dict[str, Any] = {}  # unit id -> review.ReviewState of the period
        self.anchorClicked.connect(self._link)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # text wraps
        self.detail: Any = None
        self._unit = ""
        self.show_empty()

    def show_empty(self) -> None:
        self.detail = None
        self.setHtml(
            f"<p style='color:{MUTED}'>"
            + escape(
                self.tr("在左侧矩阵中选中一项任务，这里显示各单位的填报内容、目标值和版本历史。")
            )
            + "</p>"
        )

    def show_detail(self, detail: Any, unit: str = "") -> None:
        """``detail`` is a ``consolidation.TaskDetail``; ``unit`` is scrolled into view."""
        self.detail, self._unit = detail, unit
        self.setHtml(self.page_html(detail))
        first = detail.rows[0].unit_id if detail.rows else ""
        if unit and unit != first:  # the first unit is in view with the task's own text
            self.scrollToAnchor(f"u-{unit}")

    def _link(self, url: QUrl) -> None:
        parts = url.toString().split(":")
        if len(parts) == 3 and parts[0] == "review":
            self.review_link.emit(parts[1], parts[2])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.detail is not None:
            self.show_detail(self.detail, self._unit)
        super().changeEvent(event)

    # -- the page --------------------------------------------------------------------------
    def page_html(self, d: Any) -> str:
        task = d.task
        out = [
            f"<h3>{task.no}. {escape(task.title)}</h3>",
            f"<p style='color:{MUTED}'>{escape(task.text)}</p>",
        ]
        reported = sum(1 for r in d.rows if r.status is not None)
        out.append(
            "<p>"
            + escape(
                self.tr("{0} 报告期：{1} 个责任单位中 {2} 个已填报。").format(
                    d.period, len(d.rows), reported
                )
            )
            + "</p>"
        )
        for row in d.rows:
            out.append(self._unit_block(row))
        out.append(self._history(d))
        return "".join(out)

    def _unit_block(self, r: Any) -> str:
        head = f"{escape(r.unit_name)}（{escape(role_label(r.role))}）"
        if r.status is None:
            what = self.tr("未报送") if r.version is None else self.tr("已报送，但未填报此任务")
            badge = f"<span style='color:{ERROR_COLOR}'><b>{escape(what)}</b></span>"
            return f"<a name='u-{r.unit_id}'></a><h4>{head} · {badge}</h4>"
        color = STATUS_COLORS.get(r.status, MUTED)
        state = status_label(r.status) + ("" if r.percent is None else f" {r.percent}%")
        parts = [f"<span style='color:{color}'><b>{escape(state)}</b></span>", f"v{r.version}"]
        if r.late:
            late = escape(self.tr("逾期报送"))
            parts.append(f"<span style='color:{WARN_COLOR}'>{late}</span>")
        html = [f"<a name='u-{r.unit_id}'></a><h4>{head} · {' · '.join(parts)}</h4>"]
        html.append(self._review_line(r.unit_id, str(getattr(self.detail.task, "no", ""))))
        for label, text in (
            (self.tr("工作进展"), r.progress),
            (self.tr("存在问题"), r.problems),
            (self.tr("下一步计划"), r.next_steps),
        ):
            html.append(f"<p><b>{escape(colon(label))}</b>{_para(text)}</p>")
        if r.targets:
            html.append(self._targets(r.targets))
        source = self.tr("来源：{0}，签署于 {1}").format(r.source, local_time(r.submitted_at))
        html.append(f"<p style='color:{MUTED}; font-size:small'>{escape(source)}</p>")
        return "".join(html)

    def _review_line(self, unit: str, task: str) -> str:
        """The period's review of the unit's current version, the comment on this task, and
        links to decide (Tab reaches them, Enter follows)."""
        review = self.reviews.get(unit)
        if review is None:
            return ""
        label = escape(review_label(review.state))
        color = REVIEW_COLORS.get(review.state, MUTED)
        line = f"<b style='color:{color}'>{label}</b>"
        if review.state != "pending":
            who = escape(f"{review.actor} {local_time(review.decided_at)}".strip())
            line += f" <span style='color:{MUTED}'>{who}</span>"
        accept, back = escape(self.tr("受理")), escape(self.tr("退回…"))
        if review.state != "accepted":
            line += f" · <a href='review:accept:{escape(unit)}'>{accept}</a>"
        line += f" · <a href='review:return:{escape(unit)}'>{back}</a>"
        out = [f"<p>{escape(colon(self.tr('审核')))}{line}</p>"]
        if review.state == "returned":
            comments = {c.task: c.text for c in review.comments}
            for label_text, text in (
                (self.tr("总体意见"), review.comment),
                (self.tr("本任务意见"), comments.get(task, "")),
            ):
                if text:
                    style = f"color:{ERROR_COLOR}"
                    out.append(
                        f"<p style='{style}'><b>{escape(colon(label_text))}</b>{_para(text)}</p>"
                    )
        return "".join(out)

    def _targets(self, targets: Any) -> str:
        heads = [self.tr("目标"), self.tr("要求"), self.tr("实际"), self.tr("是否达标")]
        rows = [
            "<table border='1' cellspacing='0' cellpadding='4' width='100%'><tr>"
            + "".join(
                f"<th align='{'left' if i == 0 else 'center'}'>{escape(h)}</th>"
                for i, h in enumerate(heads)
            )
            + "</tr>"
        ]
        for ta in targets:
            if ta.met is None:
                verdict, color = self.tr("无数据"), MUTED
            elif ta.met:
                verdict, color = self.tr("达标"), OK_COLOR
            else:
                verdict, color = self.tr("未达标"), ERROR_COLOR
            actual = "—" if ta.actual is None else f"{ta.actual} {ta.target.unit}".strip()
            rows.append(
                f"<tr><td>{escape(ta.target.name)}</td>"
                f"<td align='center'>{escape(ta.target.describe())}</td>"
                f"<td align='center'>{escape(actual)}</td>"
                f"<td align='center' style='color:{color}'><b>{escape(verdict)}</b></td></tr>"
            )
        rows.append("</table>")
        return "".join(rows)

    def _history(self, d: Any) -> str:
        if not d.history:
            return ""
        out = [
            "<h4>" + escape(self.tr("版本历史")) + "</h4>",
            "<table border='1' cellspacing='0' cellpadding='4' width='100%'>",
            "<tr>"
            + "".join(
                f"<th align='left'>{escape(h)}</th>"
                for h in (
                    self.tr("单位"),
                    self.tr("版本"),
                    self.tr("签署时间"),
                    self.tr("导入时间"),
                    self.tr("与上一版相比"),
                )
            )
            + "</tr>",
        ]
        for v in d.history:
            version = f"v{v.version}"
            version += " " + (self.tr("（当前）") if v.is_current else self.tr("（已被替换）"))
            changes = self._changes(v.changes) if v.version > 1 or v.changes else ""
            if not changes:
                changes = escape(self.tr("首次报送") if v.version == 1 else self.tr("此任务无改动"))
            signed = local_time(v.submitted_at)
            if v.late:
                late = escape(self.tr("逾期"))
                signed += f" <span style='color:{WARN_COLOR}'>{late}</span>"
            out.append(
                f"<tr><td>{escape(v.unit_name or v.unit_id)}</td><td>{escape(version)}</td>"
                f"<td>{signed}</td><td>{local_time(v.imported_at)}</td><td>{changes}</td></tr>"
            )
        out.append("</table>")
        return "".join(out)

    def _changes(self, changes: Any) -> str:
        items = []
        for c in changes:
            old = escape(change_value(c.field, c.old) or "—").replace("\n", "<br>")
            new = escape(change_value(c.field, c.new) or "—").replace("\n", "<br>")
            items.append(
                f"<b>{escape(colon(change_field(c.field)))}</b>"
                f"<span style='color:{MUTED}; text-decoration:line-through'>{old}</span>"
                f" → {new}"
            )
        return "<br>".join(items)
