"""A plan document's lines as an outline: title, year, goal lines, sections and numbered tasks.

The genre (深圳市2016年质量工作方案 and its siblings): chapters ``一、`` … (工作目标, 主要任务 or
任务和分工, 保障措施 …); inside the task chapter sections ``(一)`` … and tasks ``1.`` / ``1、``
numbered through the plan or afresh in every section, each ending in an owner clause in
brackets, ``(市质量强市办牵头,各成员单位配合)``. A task may run over several lines until its
owner clause; lines after the clause and before the next task or section (``(1)`` sub-items)
join the task's text, and that is listed as a guess.

Numbering is checked, not repaired: a gap or a repeated number refuses the document with the
line, because a silently renumbered task would carry units' reports to the wrong task.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from app.domain.messages import Message, Refusal
from app.domain.plan_text import (
    CHAPTER,
    MAX_OWNER,
    SECTION,
    TASK,
    TRAILING,
    YEAR,
    Guess,
    Line,
    cn_number,
    fold,
    owner_span,
)

GOAL_WORDS = ("目标",)
TASK_WORDS = ("任务", "分工", "重点工作", "主要工作", "工作重点", "工作内容")
TITLE_ENDINGS = ("方案", "计划", "要点", "安排", "意见")
_HEADING_END = re.compile(r"[。:;]")
SUB_ITEM = re.compile(r"\s*(?:\(\s*\d{1,3}\s*\)|\d{1,3}\)|[①-⑳]|[a-z][.)])")


@dataclass(frozen=True)
class SectionBlock:
    no: int
    title: str
    line: int


@dataclass(frozen=True)
class TaskBlock:
    no: int  # the plan's number: 1, 2, … through the plan
    written: int  # the number the document gives
    section: int
    line: int
    text: str  # verbatim, without number and owner clause
    owner: str  # folded text inside the owner brackets
    owner_line: int


@dataclass(frozen=True)
class Outline:
    title: str
    year: int
    issuer: str
    published: str
    goal_lines: tuple[Line, ...]
    sections: tuple[SectionBlock, ...]
    tasks: tuple[TaskBlock, ...]
    other_lines: tuple[Line, ...]  # outside the task chapter: where members are named
    guesses: tuple[Guess, ...] = ()


@dataclass
class _Chapter:
    title: str
    line: int
    body: list[Line] = field(default_factory=list)


@dataclass
class _RawTask:
    written: int
    section: int
    line: int
    parts: list[str]
    last_line: int
    owner_at: int = -1  # offset of the owner bracket in the joined text, once found
    owner: str = ""
    extra_lines: list[int] = field(default_factory=list)
    length: int = 0

    recent: str = ""  # the last characters, folded: where an owner clause can be

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)
        self.recent = (self.recent + fold(text))[-2 * MAX_OWNER :]

    def joined(self) -> str:
        return "".join(self.parts)


def _split_heading(line: Line, start: int) -> tuple[str, Line | None]:
    """A heading's title and, when the line goes on after 。 or :, the rest as a body line."""
    text = line.text[start:]
    m = _HEADING_END.search(fold(text))
    if m is None:
        return text.rstrip(TRAILING), None
    rest = text[m.end() :].strip()
    return text[: m.start()].rstrip(TRAILING), Line(line.no, rest) if rest else None


def heading(pattern: re.Pattern[str], line: Line) -> re.Match[str] | None:
    """``一、…`` or ``(一)…`` with a numeral this genre uses, and not a task's owner clause."""
    folded = fold(line.text)
    m = pattern.fullmatch(folded)
    return m if m and cn_number(m.group(1)) and owner_span(folded) is None else None


def _chapters(lines: Sequence[Line]) -> tuple[list[Line], list[_Chapter]]:
    """The lines before the first chapter heading, and the chapters."""
    preamble: list[Line] = []
    chapters: list[_Chapter] = []
    for line in lines:
        m = heading(CHAPTER, line)
        if m:
            title, rest = _split_heading(line, m.start(2))
            if len(title) <= 30:
                chapters.append(_Chapter(title, line.no, [rest] if rest else []))
                continue
        (chapters[-1].body if chapters else preamble).append(line)
    return preamble, chapters


def _is_task_line(line: Line) -> bool:
    m = TASK.fullmatch(fold(line.text))
    return bool(m and int(m.group(1)) > 0)


def _task_chapter(chapters: list[_Chapter], guesses: list[Guess]) -> int:
    """Index of the chapter holding the tasks: named like one and numbered, else the fullest."""
    for i, ch in enumerate(chapters):
        if any(w in ch.title for w in TASK_WORDS) and any(map(_is_task_line, ch.body)):
            return i
    counts = [sum(owner_span(fold(x.text)) is not None for x in ch.body) for ch in chapters]
    if not counts or max(counts) == 0:
        return -1
    best = counts.index(max(counts))
    where = Message.of("plan_where_line", line=chapters[best].line)
    what = Message.of("guess_tasks_chapter", title=chapters[best].title)
    guesses.append(Guess(where, what, "/sections"))
    return best


def _goal_section(ch: _Chapter) -> list[Line]:
    """The lines of a ``(一)…目标`` section inside a chapter (一、总体要求 → (二)工作目标)."""
    taken: list[Line] = []
    inside = False
    for line in ch.body:
        m = heading(SECTION, line)
        if m:
            title, rest = _split_heading(line, m.start(2))
            inside = any(w in title for w in GOAL_WORDS)
            if inside and rest:
                taken.append(rest)
        elif inside:
            taken.append(line)
    return taken


def _goal_lines(chapters: list[_Chapter], task_index: int) -> list[Line]:
    """The body of the 目标 chapter before the tasks, or of a 目标 section in an earlier one."""
    earlier = chapters[: max(task_index, 0)]
    for ch in earlier:
        if any(w in ch.title for w in GOAL_WORDS):
            return ch.body
    for ch in earlier:
        taken = _goal_section(ch)
        if taken:
            return taken
    return []


def outline(lines: Sequence[Line]) -> Outline:
    """The outline of a plan document; refuses (naming the line) what cannot be a plan."""
    guesses: list[Guess] = []
    preamble, chapters = _chapters(lines)
    index = _task_chapter(chapters, guesses)
    body = list(lines) if not chapters else (chapters[index].body if index >= 0 else [])
    chapter_title = chapters[index].title if index >= 0 else ""
    sections, tasks = read_tasks(body, chapter_title, guesses)
    title = _title(preamble or list(lines[:5]))
    goals = _goal_lines(chapters, index)
    year = _year(title, goals, lines)
    if not title:
        title = f"{year}年工作方案"
        guesses.append(_plan_guess("guess_plan_title", "/plan/title", title=title))
    issuer, published = _issuer_and_date(preamble, lines, guesses)
    others = [x for i, ch in enumerate(chapters) if i != index for x in ch.body]
    return Outline(
        title=title,
        year=year,
        issuer=issuer,
        published=published,
        goal_lines=tuple(goals),
        sections=tuple(sections),
        tasks=tuple(tasks),
        other_lines=tuple(others),
        guesses=tuple(guesses),
    )


# -- the task chapter ----------------------------------------------------------------------
def _add_section(line: Line, m: re.Match[str], sections: list[SectionBlock]) -> None:
    no = cn_number(m.group(1))
    expected = len(sections) + 1
    if no != expected:
        first = next((s.line for s in sections if s.no == no), 0)
        if first:
            raise Refusal(
                "plan_doc_section_duplicate", line=line.no, section=m.group(1), first=first
            )
        raise Refusal("plan_doc_section_gap", line=line.no, found=m.group(1), expected=expected)
    title, _rest = _split_heading(line, m.start(2))
    sections.append(SectionBlock(no, title, line.no))


def _continue(task: _RawTask, line: Line, guesses: list[Guess]) -> None:
    """A line after a numbered line: more of the task's sentence until its owner clause; after
    it, a ``(1)`` sub-item joins the text and anything else (a signature) is left out."""
    if task.owner_at < 0:
        task.add(line.text)
        _find_owner(task)
    elif SUB_ITEM.match(fold(line.text)):
        task.add("\n" + line.text)
        task.extra_lines.append(line.no)
    else:
        where = Message.of("plan_where_line", line=line.no)
        what = Message.of("guess_text_ignored", text=line.text[:40])
        guesses.append(Guess(where, what, ""))
        return
    task.last_line = line.no


def _find_owner(task: _RawTask) -> None:
    span = owner_span(task.recent)
    if span is not None:
        task.owner_at, task.owner = task.length - len(task.recent) + span[0], span[1]


def read_tasks(
    body: Sequence[Line], chapter_title: str, guesses: list[Guess]
) -> tuple[list[SectionBlock], list[TaskBlock]]:
    """Sections and tasks of the task chapter, numbering checked."""
    sections: list[SectionBlock] = []
    raw: list[_RawTask] = []
    for line in body:
        s = heading(SECTION, line)
        if s:
            _add_section(line, s, sections)
            continue
        t = TASK.fullmatch(fold(line.text))
        if t and int(t.group(1)) > 0:
            section = sections[-1].no if sections else 0
            text = line.text[t.start(2) :] if t.group(2) else ""
            raw.append(_RawTask(int(t.group(1)), section, line.no, [], line.no))
            raw[-1].add(text)
            _find_owner(raw[-1])
        elif raw and raw[-1].section == (sections[-1].no if sections else 0):
            _continue(raw[-1], line, guesses)
    if not raw:
        raise Refusal("plan_doc_no_tasks")
    if not sections:
        title = chapter_title or "主要任务"
        sections.append(SectionBlock(1, title, raw[0].line))
        where = Message.of("plan_where_section", section=1)
        guesses.append(
            Guess(where, Message.of("guess_section_default", title=title), "/sections/0")
        )
        for r in raw:
            r.section = 1
    return sections, _finish(raw, guesses)


def _finish(raw: list[_RawTask], guesses: list[Guess]) -> list[TaskBlock]:
    numbers = _numbers(raw, guesses)
    tasks = []
    for no, r in zip(numbers, raw, strict=True):
        if r.section == 0:
            raise Refusal("plan_doc_task_outside_section", task=r.written, line=r.line)
        if r.owner_at < 0:
            raise Refusal("plan_doc_no_owner", task=r.written, line=r.line)
        joined = r.joined()
        text = _without_owner(joined, r.owner_at)
        tasks.append(TaskBlock(no, r.written, r.section, r.line, text, r.owner, r.last_line))
        for extra in r.extra_lines:
            where = Message.of("plan_where_task", task=no)
            what = Message.of("guess_task_more_text", line=extra)
            guesses.append(Guess(where, what, f"/tasks/{no - 1}/text"))
    return tasks


def _without_owner(joined: str, at: int) -> str:
    """The task's text: before the owner bracket, and whatever follows the clause's line."""
    head = joined[:at].rstrip()
    tail = joined[at:].partition("\n")[2]
    return head + ("\n" + tail if tail else "")


def _numbers(raw: list[_RawTask], guesses: list[Guess]) -> list[int]:
    """The plan's task numbers: the document's own, or 1… through the plan when every section
    starts again at 1. A gap or a repeat is refused: the place is named, nothing is guessed."""
    prev, prev_section, restarted = 0, -1, False
    scope: dict[int, int] = {}
    for r in raw:
        if r.written != prev + 1:
            if r.written == 1 and r.section != prev_section:
                scope, restarted = {}, True
            elif r.written in scope:
                raise Refusal(
                    "plan_doc_task_duplicate", task=r.written, line=r.line, first=scope[r.written]
                )
            else:
                raise Refusal("plan_doc_task_gap", line=r.line, expected=prev + 1, found=r.written)
        scope[r.written] = r.line
        prev, prev_section = r.written, r.section
    numbers = list(range(1, len(raw) + 1))
    if restarted:
        for no, r in zip(numbers, raw, strict=True):
            if no == r.written:
                continue
            what = Message.of(
                "guess_task_renumbered", section=r.section, written=r.written, task=no
            )
            guesses.append(
                Guess(Message.of("plan_where_task", task=no), what, f"/tasks/{no - 1}/no")
            )
    return numbers


# -- the header ----------------------------------------------------------------------------
def _plan_guess(code: str, pointer: str, **params: object) -> Guess:
    return Guess(Message.of("plan_where_plan"), Message.of(code, **params), pointer)


def _title(candidates: Sequence[Line]) -> str:
    for line in candidates:
        core = re.sub(r"\([^()]*\)$", "", fold(line.text)).strip()
        if len(core) <= 40 and core.endswith(TITLE_ENDINGS) and not re.search("[,。;:]", core):
            return line.text.strip()
    return ""


def _year(title: str, goals: Sequence[Line], lines: Sequence[Line]) -> int:
    for text in (title, *(x.text for x in goals), *(x.text for x in lines)):
        m = YEAR.search(fold(text))
        if m:
            return int(m.group(1))
    raise Refusal("plan_doc_no_year")


_ISSUER = re.compile(r"(?:来源|发布机构|发文机关|发布单位)\s*:\s*([^\s:]+)")
_DATE_ISO = re.compile(r"(?:日期|发布日期|发布时间|成文日期)\s*:\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_DATE_CN = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def _issuer_and_date(
    preamble: Sequence[Line], lines: Sequence[Line], guesses: list[Guess]
) -> tuple[str, str]:
    issuer = date = ""
    for line in preamble:
        text = fold(line.text)
        m = _ISSUER.search(text)
        if m and not issuer:
            issuer = m.group(1)
        d = _DATE_ISO.search(text)
        if d and not date:
            date = "{}-{:0>2}-{:0>2}".format(*d.groups())
    if not date:  # the date under the signature: a line that is only a date
        for line in reversed(lines[-5:]):
            d = _DATE_CN.fullmatch(fold(line.text))
            if d:
                date = "{}-{:0>2}-{:0>2}".format(*d.groups())
                break
    if issuer:
        guesses.append(_plan_guess("guess_plan_issuer", "/plan/issuer", issuer=issuer))
    if date:
        guesses.append(_plan_guess("guess_plan_published", "/plan/published", date=date))
    return issuer, date
