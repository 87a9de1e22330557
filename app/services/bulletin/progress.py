"""The progress bulletin of one period (关于2016年第三季度质量强市工作进展情况的通报).

一、总体情况 (who reported, entries by status, the indicator board), 二、各板块进展 (per plan
section: completed and lagging tasks with their units, targets reached and not), 三、存在问题
(late and missing reports, lagging tasks with the difficulties the units reported, targets not
reached, overdue 督办 notices), 四、下一步工作. Every sentence is built from the figures in
``ProgressFacts``; a part with nothing to report says so in one sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from app.domain.catalog import Catalog
from app.io.bulletin_model import Block, Heading, OfficialDocument, Paragraph, chinese_date
from app.services.bulletin.common import Frame, Office, body_of, bulletin_document, next_period
from app.services.bulletin.progress_facts import ProgressFacts, SectionFacts, TaskState
from app.services.bulletin.wording import (
    clauses,
    level2,
    names,
    percent,
    period_words,
    quantity,
    quoted,
    target_words,
)
from app.services.consolidation import BoardRow

STATUS_WORDS = {
    "completed": "已完成",
    "in_progress": "推进中",
    "delayed": "滞后",
    "not_started": "未启动",
}
PARTS = ("总体情况", "各板块进展", "存在问题", "下一步工作")
ALL_CLEAR = "本期各单位均按时报送，没有进展滞后的任务，各项指标和目标值均已达到要求。"
NO_PROBLEM_TEXTS = {"", "无", "暂无", "没有", "无。", "暂无。"}


def progress_bulletin(facts: ProgressFacts, frame: Frame) -> OfficialDocument:
    catalog, office, issued_on = frame.catalog, frame.office, frame.issued_on
    words = period_words(facts.period)
    title_lines = (f"关于{words}", "质量强市工作进展情况的通报")
    parts = [_overview(facts, catalog), _sections(facts), _problems(facts)]
    parts.append(_next_steps(facts, catalog, office))
    body = body_of(_opening(facts, catalog, office, issued_on), PARTS, parts)
    subject = f"{catalog.title} {words}工作进展情况"
    sources = facts.sources
    return bulletin_document(frame, "progress", facts.period, title_lines, subject, body, sources)


# -- opening and 一、总体情况 --------------------------------------------------------------
def _opening(facts: ProgressFacts, catalog: Catalog, office: Office, issued_on: date) -> str:
    words = period_words(facts.period)
    what = "工作总结" if facts.period.kind == "annual" else "工作进展情况"
    text = (
        f"根据《{catalog.title}》关于各成员单位报送工作进展的要求，{words}{what}"
        f"应于{chinese_date(facts.period.due)}前报送{office.short_name}。"
    )
    received = len(facts.units_in("submitted")) + len(facts.units_in("late"))
    if received == 0:
        text += f"截至{chinese_date(issued_on)}，{office.short_name}尚未收到成员单位的报送文件。"
    else:
        text += (
            f"截至{chinese_date(issued_on)}，{office.short_name}共收到{received}个单位的报送文件，"
            "均以各单位的现行版本为准。"
        )
    return text + "现将有关情况通报如下："


def _overview(facts: ProgressFacts, catalog: Catalog) -> list[Block]:
    out: list[Block] = [Paragraph(_reporting(facts)), Paragraph(_entries(facts))]
    board = _board(facts)
    if board:
        out.append(Paragraph(board))
    return out


def _reporting(facts: ProgressFacts) -> str:
    expected = facts.tracker.expected
    if expected == 0:
        return "本期没有应报送的单位。"
    on_time, late = facts.units_in("submitted"), facts.units_in("late")
    missing, rejected = facts.units_in("missing"), facts.units_in("rejected")
    if len(on_time) == expected:
        return f"本期应报送单位{expected}个，均已按时报送。"
    if not on_time and not late:
        return f"本期应报送单位{expected}个，均未报送。"
    parts = [f"{names(on_time)}按时报送" if on_time else "没有单位按时报送"]
    parts += clauses(
        (late, "逾期报送"),
        (missing, "未报送"),
        (rejected, "报送的文件未通过验证，视同未报送"),
    )
    return f"本期应报送单位{expected}个。其中，{'；'.join(parts)}。"


def _entries(facts: ProgressFacts) -> str:
    counts = facts.entry_counts()
    expected = sum(counts.values())
    reported = expected - counts["missing"]
    if reported == 0:
        return f"各单位本期应报送任务进展{expected}条，尚未收到。"
    mix = "、".join(f"{STATUS_WORDS[k]}{n}条" for k, n in counts.items() if k != "missing" and n)
    text = f"各单位本期应报送任务进展{expected}条，实际报送{reported}条，其中{mix}"
    if counts["missing"]:
        text += f"，另有{counts['missing']}条应报未报"
    text += f"；已报送的进展平均完成度为{percent(facts.average())}。"
    tasks = facts.tasks
    done = sum(1 for t in tasks if t.completed)
    lagging = sum(1 for t in tasks if t.delayed_units)
    first = f"已完成{done}项" if done else "尚无全部完成的任务"
    second = f"有单位报告进展滞后的{lagging}项" if lagging else "没有单位报告进展滞后"
    return text + f"按任务统计，全部{len(tasks)}项任务中{first}，{second}。"


def _board(facts: ProgressFacts) -> str:
    indicators = [b for b in facts.board if b.kind == "indicator"]
    targets = [b for b in facts.board if b.kind == "target"]
    sentences = []
    if indicators:
        sentences.append(_indicator_sentence(indicators))
    if targets:
        n = {k: sum(1 for b in targets if b.state == k) for k in ("met", "not_met", "no_data")}
        parts = [
            f"已达标{n['met']}项",
            f"未达标{n['not_met']}项",
            f"尚未填报实际值{n['no_data']}项",
        ]
        shown = [p for p, k in zip(parts, n, strict=True) if n[k]]
        sentences.append(
            f"各项任务的目标值共{len(targets)}项，{'、'.join(shown)}，详见各板块进展。"
        )
    return "".join(sentences)


def _indicator_sentence(rows: Sequence[BoardRow]) -> str:
    met = [f"{b.name}" for b in rows if b.state == "met"]
    not_met = [_actual_against_target(b) for b in rows if b.state == "not_met"]
    no_data = [b.name for b in rows if b.state == "no_data"]
    total = len(rows)
    if len(met) == total:
        return f"{total}项工作目标指标均已达到年度目标。"
    if len(no_data) == total:
        return f"{total}项工作目标指标本期均尚无数据。"
    parts = clauses(
        (met, "已达到年度目标"), (not_met, "尚未达到"), (no_data, "尚无数据"), noun="项"
    )
    return f"{total}项工作目标指标中，{'；'.join(parts)}。"


def _actual_against_target(b: BoardRow) -> str:
    assert b.actual is not None
    return f"{b.name}为{quantity(b.actual, b.target.unit)}（目标{target_words(b.target)}）"


# -- 二、各板块进展 --------------------------------------------------------------------------
def _task_name(t: TaskState) -> str:
    return f"第{t.task.no}项{quoted(t.task.title)}"


def _sections(facts: ProgressFacts) -> list[Block]:
    out: list[Block] = []
    for i, s in enumerate(facts.sections, 1):
        out.append(Heading(2, level2(i, s.section.title)))
        out.append(Paragraph(_section_text(s, facts)))
    return out


def _section_text(s: SectionFacts, facts: ProgressFacts) -> str:
    n = len(s.tasks)
    if s.entries == 0:
        return f"本板块共有任务{n}项，本期尚未收到进展报告。"
    text = f"本板块共有任务{n}项，本期收到进展报告{s.entries}条，平均完成度{percent(s.average)}。"
    done = [_task_name(t) for t in s.completed]
    text += f"{names(done, '项任务')}已完成。" if done else "本板块暂无全部完成的任务。"
    lagging = [
        f"{_task_name(t)}（{'、'.join(facts.unit_names[u] for u in t.delayed_units)}）"
        for t in s.lagging
    ]
    text += f"{names(lagging, '项任务')}进展滞后。" if lagging else "本板块没有进展滞后的任务。"
    return text + _targets_text(s.targets)


def _target_label(b: BoardRow) -> str:
    return f"第{b.owner_or_task.split(' ', 1)[0]}项{quoted(b.name)}"


def _targets_text(rows: Sequence[BoardRow]) -> str:
    if not rows:
        return ""
    met = [
        f"{_target_label(b)}（{quantity(b.actual, b.target.unit)}）"
        for b in rows
        if b.state == "met" and b.actual is not None
    ]
    not_met = [
        f"{_target_label(b)}为{quantity(b.actual, b.target.unit)}（目标{target_words(b.target)}）"
        for b in rows
        if b.state == "not_met" and b.actual is not None
    ]
    no_data = [_target_label(b) for b in rows if b.state == "no_data"]
    parts = clauses((met, "已达标"), (not_met, "尚未达标"), (no_data, "尚未填报实际值"), noun="项")
    return f"目标值方面，{'；'.join(parts)}。"


# -- 三、存在问题 ----------------------------------------------------------------------------
def _problems(facts: ProgressFacts) -> list[Block]:
    found: list[tuple[str, str]] = []
    reporting = _reporting_problems(facts)
    if reporting:
        found.append(("部分单位报送不及时", reporting))
    lagging = _lagging_problems(facts)
    if lagging:
        found.append(("部分任务进展滞后", lagging))
    targets = _target_problems(facts)
    if targets:
        found.append(("部分指标和目标值尚未达到要求", targets))
    if facts.notices:
        found.append(("督办事项逾期未办结", _notice_problems(facts)))
    if not found:
        return [Paragraph(ALL_CLEAR)]
    out: list[Block] = []
    for i, (title, text) in enumerate(found, 1):
        out += [Heading(2, level2(i, title)), Paragraph(text)]
    return out


def _reporting_problems(facts: ProgressFacts) -> str:
    due = chinese_date(facts.period.due)
    parts = clauses(
        (facts.units_in("late"), f"未在{due}前报送"),
        (facts.units_in("missing"), "至今未报送"),
        (facts.units_in("rejected"), "报送的文件未通过签名验证，已被拒收"),
    )
    return f"{'；'.join(parts)}。" if parts else ""


def _lagging_problems(facts: ProgressFacts) -> str:
    cells = facts.delayed_cells()
    if not cells:
        return ""
    tasks = {c.task_no for c in cells}
    units = _ordered_units(facts, {c.unit_id for c in cells})
    text = f"本期共有{len(tasks)}项任务的{len(cells)}条进展报告为滞后，涉及{names(units)}。"
    said: dict[str, list[str]] = {}  # a difficulty as the units wrote it -> who wrote it
    for c in cells:
        problem = c.problems.strip()
        if problem not in NO_PROBLEM_TEXTS:
            who = said.setdefault(problem, [])
            if facts.unit_names[c.unit_id] not in who:
                who.append(facts.unit_names[c.unit_id])
    if not said:
        return text + "有关单位未说明滞后原因。"
    quotes = [f"{quoted(p)}（{'、'.join(who)}）" for p, who in said.items()]
    return text + f"有关单位反映的主要困难有：{'；'.join(quotes)}。"


def _target_problems(facts: ProgressFacts) -> str:
    indicators = [b for b in facts.board if b.kind == "indicator" and b.state == "not_met"]
    targets = [b for b in facts.board if b.kind == "target"]
    not_met = sum(1 for b in targets if b.state == "not_met")
    no_data = sum(1 for b in targets if b.state == "no_data")
    parts = []
    if indicators:
        parts.append(f"工作目标指标中{names([b.name for b in indicators], '项')}尚未达到年度目标")
    if not_met:
        parts.append(f"任务目标值中有{not_met}项尚未达标")
    if no_data:
        parts.append(f"{no_data}项目标值尚未填报实际值，进展情况无法评估")
    return f"{'；'.join(parts)}。" if parts else ""


def _notice_problems(facts: ProgressFacts) -> str:
    items = [
        f"{n.unit_name}承办的第{n.task_no}项任务督办事项（要求{chinese_date(n.due)}前办结）"
        for n in facts.notices
    ]
    return f"{names(items, '项')}已逾期，尚未办结。"


def _ordered_units(facts: ProgressFacts, ids: set[str]) -> list[str]:
    """Short names of ``ids`` in the plan's (matrix) order."""
    return [u.short_name for u in facts.matrix.units if u.id in ids]


# -- 四、下一步工作 --------------------------------------------------------------------------
def _next_steps(facts: ProgressFacts, catalog: Catalog, office: Office) -> list[Block]:
    words = period_words(facts.period)
    asks = []
    absent = facts.units_in("missing") + facts.units_in("rejected")
    if absent:
        asks.append(f"请{names(absent)}尽快向{office.short_name}补报{words}工作进展情况。")
    delayed = _ordered_units(facts, {c.unit_id for c in facts.delayed_cells()})
    if delayed:
        asks.append(f"请{names(delayed)}针对进展滞后的任务分析原因，制定整改措施，加快工作进度。")
    behind = _ordered_units(
        facts, {b.unit_id for b in facts.board if b.state == "not_met" and b.unit_id}
    )
    if behind:
        asks.append(f"请{names(behind)}加强对尚未达标指标和目标值的跟踪分析，确保完成年度目标。")
    if facts.notices:
        late = _ordered_units(facts, {n.unit_id for n in facts.notices})
        asks.append(f"请{names(late)}抓紧办理逾期的督办事项，并将办理情况报{office.short_name}。")
    if not asks:
        asks.append(f"请各成员单位继续对照《{catalog.title}》确定的目标任务，扎实推进各项工作。")
    upcoming = next_period(catalog, facts.period)
    if upcoming is not None:
        what = "工作总结" if upcoming.kind == "annual" else "工作进展情况"
        asks.append(
            f"{period_words(upcoming)}{what}请于{chinese_date(upcoming.due)}前"
            f"报送{office.short_name}。"
        )
    return [Paragraph(a) for a in asks]
