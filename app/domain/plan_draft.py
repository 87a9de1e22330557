"""A plan document's lines → a DRAFT plan in the plan file's shape, with every guess listed.

The draft is the same JSON structure as ``resources/plans/*.json`` (``app.io.plan_file``
validates it): sections, units, groups, tasks with units, roles and targets, indicators,
periods. What the document does not say is proposed and listed in ``guesses``, each with
where (``任务 12 / 目标 2``), what, and a JSON pointer to the field, for the office to confirm:
short titles, target names, comparators read from context, new units and groups, indicator
owners, the plan's code and dates, the periods and their due dates.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from app.domain.messages import Message, Refusal
from app.domain.plan_numbers import (
    MAX_NUMBERS,
    BadNumber,
    Quantity,
    TooManyNumbers,
    clauses,
    masked,
    names,
    quantities,
)
from app.domain.plan_outline import Outline, TaskBlock, outline
from app.domain.plan_owners import Directory, KnownGroup, KnownUnit, OwnerContext, parse_owner
from app.domain.plan_text import TRAILING, Guess, Line, fold

TITLE_MAX = 20
_ITEM_NUMBER = re.compile(
    r"\s*(?:\d{1,3}\s*[.、](?!\d)|\(\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*\)"
    r"|[一二三四五六七八九十]{1,3}是)\s*"
)
_QUARTERS = ("一", "二", "三", "四")


@dataclass(frozen=True)
class PlanImport:
    """The draft plan (a plan file's JSON structure) and what was guessed in it."""

    plan: dict[str, Any]
    guesses: tuple[Guess, ...]

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {"plan": self.plan, "guesses": [g.to_json(lang) for g in self.guesses]}

    def __iter__(self) -> Iterator[Any]:  # plan, guesses = import_plan_document(...)
        return iter((self.plan, self.guesses))


def draft_plan(
    lines: Sequence[Line],
    known_units: Iterable[Mapping[str, Any] | KnownUnit],
    known_groups: Iterable[Mapping[str, Any] | KnownGroup] = (),
    code: str | None = None,
    origin: str = "",
) -> PlanImport:
    """The draft plan of a document's lines; ``Refusal`` naming the place when it is none."""
    o = outline(lines)
    guesses = list(o.guesses)
    directory = Directory.build(known_units, known_groups, o.title)
    tasks = [_task(t, directory, guesses) for t in o.tasks]
    indicators = _indicators(o.goal_lines, tasks, directory, guesses)
    _mentioned(o.other_lines, directory, guesses)
    plan = {
        "schema_version": 1,
        "plan": _header(o, code, origin, guesses),
        "sections": [{"no": s.no, "title": s.title} for s in o.sections],
        "units": _units(directory),
        "groups": _groups(directory),
        "tasks": tasks,
        "indicators": indicators,
        "periods": periods(o.year),
    }
    generated = sum(line.generated for line in lines)
    if generated:
        what = Message.of("guess_word_numbering", count=generated)
        guesses.append(Guess(Message.of("plan_where_plan"), what, "/tasks"))
    where = Message.of("plan_where_periods")
    guesses.append(Guess(where, Message.of("guess_periods", year=o.year), "/periods"))
    return PlanImport(plan, tuple(sorted(map(_pointed(plan), guesses), key=_order)))


def _pointed(plan: dict[str, Any]) -> Callable[[Guess], Guess]:
    """A guess about a unit or group points at its entry (``/units/12``), now that the lists
    are made."""
    units = {u["id"]: f"/units/{i}" for i, u in enumerate(plan["units"])}
    groups = {g["name"]: f"/groups/{i}" for i, g in enumerate(plan["groups"])}

    def point(g: Guess) -> Guess:
        params = g.where.param_dict
        if g.where.code == "plan_where_unit" and params.get("unit") in units:
            return replace(g, field=units[params["unit"]])
        if g.where.code == "plan_where_group" and params.get("group") in groups:
            return replace(g, field=groups[params["group"]])
        return g

    return point


def _order(g: Guess) -> tuple[int, int]:
    parts = g.field.split("/")
    rank = ["plan", "units", "groups", "sections", "tasks", "indicators", "periods"]
    head = parts[1] if len(parts) > 1 and parts[1] in rank else "plan"
    index = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else -1
    return rank.index(head), index


def number(value: Decimal) -> int | float:
    """A JSON number as the plan files write it: 93, 6.75."""
    return int(value) if value == value.to_integral_value() else float(value)


# -- tasks ---------------------------------------------------------------------------------
def _task(t: TaskBlock, directory: Directory, guesses: list[Guess]) -> dict[str, Any]:
    where = OwnerContext(t.no, t.written, t.owner_line)
    units = parse_owner(t.owner, where, directory, guesses)
    title = short_title(t.text)
    what = Message.of("guess_task_title", title=title)
    pointer = f"/tasks/{t.no - 1}"
    guesses.append(Guess(Message.of("plan_where_task_title", task=t.no), what, pointer + "/title"))
    try:
        targets = _targets(t.text, t.no, guesses)
    except BadNumber as exc:
        raise Refusal("plan_doc_bad_number", task=t.written, line=t.line, text=exc.text) from exc
    except TooManyNumbers as exc:
        raise Refusal("plan_doc_too_many_numbers", line=t.line, limit=MAX_NUMBERS) from exc
    return {
        "no": t.no,
        "section": t.section,
        "title": title,
        "text": t.text,
        "units": [{"unit": u, "role": r} for u, r in units],
        "targets": targets,
    }


def short_title(text: str) -> str:
    """The task's first clause, cut after a 、/和/及 when over ``TITLE_MAX`` characters: the
    document gives no short titles."""
    line = text.split("\n", 1)[0]
    parts = clauses(fold(line))
    at, clause = parts[0] if parts else (0, line)
    first = line[at : at + len(clause)].strip().rstrip(TRAILING) or line.strip() or "任务"
    if len(first) <= TITLE_MAX:
        return first
    head = first[:TITLE_MAX]
    cut = max(head.rfind(c) for c in "、和及与")
    return head[:cut] if cut >= TITLE_MAX // 2 else head


def _quantities(text: str) -> list[tuple[Quantity, str]]:
    """(quantity, name) for every target-like number phrase of a text, clause by clause."""
    out: list[tuple[Quantity, str]] = []
    for _at, clause in clauses(masked(fold(text))):
        found = quantities(clause)
        out.extend(zip(found, names(clause, found), strict=True))
        if len(out) > MAX_NUMBERS:
            raise TooManyNumbers(MAX_NUMBERS)
    return out


def _target(q: Quantity, name: str) -> dict[str, Any]:
    target: dict[str, Any] = {"name": name, "comparator": q.comparator, "value": number(q.value)}
    if q.value_max is not None:
        target["value_max"] = number(q.value_max)
    target["unit"] = q.unit
    return target


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 1
    while candidate in taken:  # at most MAX_NUMBERS names per task
        n += 1
        candidate = f"{name}({n})"
    taken.add(candidate)
    return candidate


def _targets(text: str, task: int, guesses: list[Guess]) -> list[dict[str, Any]]:
    targets: list[dict[str, Any]] = []
    taken: set[str] = set()
    for q, raw_name in _quantities(text):
        name = _unique(raw_name or f"目标{len(targets) + 1}", taken)
        targets.append(_target(q, name))
        no = len(targets)
        pointer = f"/tasks/{task - 1}/targets/{no - 1}"
        where = Message.of("plan_where_target", task=task, target=no)
        guesses.append(Guess(where, Message.of("guess_target_name", name=name), pointer + "/name"))
        if q.how:
            what = Message.of(f"guess_comparator_{q.how}", comparator=q.comparator, name=name)
            guesses.append(Guess(where, what, pointer + "/comparator"))
    return targets


# -- indicators ----------------------------------------------------------------------------
def _indicators(
    goals: Sequence[Line], tasks: list[dict[str, Any]], directory: Directory, guesses: list[Guess]
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    owners = _OwnerFinder(tasks, directory)
    for line in goals:
        item = _ITEM_NUMBER.match(fold(line.text))
        text = line.text[item.end() :] if item else line.text
        try:
            found = _quantities(text)
        except BadNumber as exc:
            raise Refusal("plan_doc_bad_goal", line=line.no, text=exc.text) from exc
        except TooManyNumbers as exc:
            raise Refusal("plan_doc_too_many_numbers", line=line.no, limit=MAX_NUMBERS) from exc
        for q, name in found:
            no = len(out) + 1
            name = name or f"指标{no}"
            owner = owners.propose(name)
            out.append({"no": no, **_target(q, name), "owner": owner})
            where = Message.of("plan_where_indicator", indicator=no)
            pointer = f"/indicators/{no - 1}"
            if q.how:
                what = Message.of(f"guess_comparator_{q.how}", comparator=q.comparator, name=name)
                guesses.append(Guess(where, what, pointer + "/comparator"))
            what = (
                Message.of("guess_indicator_owner", unit=owners.label(owner), name=name)
                if owner
                else Message.of("guess_indicator_no_owner", name=name)
            )
            guesses.append(Guess(where, what, pointer + "/owner"))
    return out


class _OwnerFinder:
    """An indicator's likely owner: the first reporting unit responsible for the task whose
    words it shares most (two-character words, weighted by rarity among the tasks)."""

    def __init__(self, tasks: list[dict[str, Any]], directory: Directory) -> None:
        self.tasks = [(_bigrams(t["text"]), t["units"]) for t in tasks]
        counts = Counter(b for grams, _u in self.tasks for b in grams)
        self.idf = {b: math.log((1 + len(tasks)) / (1 + n)) for b, n in counts.items()}
        self.silent = {u.id for u in directory.units if not u.reports}
        self.groups = {g.name for g in directory.groups} | set(directory.new_groups)
        self.budget = 1_000_000  # task comparisons
        self.labels = {u.id: u.short_name for u in directory.units}
        self.labels.update({p.id: p.short_name for p in directory.proposed.values()})

    def propose(self, name: str) -> str | None:
        self.budget -= len(self.tasks)
        if self.budget < 0:  # thousands of goals against thousands of tasks: no document
            return None
        grams = _bigrams(name)
        best, best_score = None, 0.0
        for task_grams, units in self.tasks:
            score = sum(self.idf.get(b, 0.0) for b in grams & task_grams)
            if score > best_score:
                owner = self._owner(units)
                if owner:
                    best, best_score = owner, score
        return best

    def label(self, unit: str) -> str:
        return self.labels.get(unit, unit)

    def _owner(self, units: list[dict[str, str]]) -> str | None:
        for role in ("responsible", "lead"):
            for a in units:
                if a["role"] == role and a["unit"] not in self.groups | self.silent:
                    return a["unit"]
        return None


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1) if text[i : i + 2].isalnum()}


# -- units, groups, header, periods --------------------------------------------------------
def _mentioned(lines: Sequence[Line], directory: Directory, guesses: list[Guess]) -> None:
    """Known units named outside the tasks (监察局 in 工作要求) are members without a task."""
    for line in lines:
        text = fold(line.text)
        for u in directory.units:
            if u.id in directory.used_units:
                continue
            spelled = [n for n in (u.name, u.short_name, *u.aliases) if len(n) >= 3]
            if any(fold(n) in text for n in spelled):
                directory.use(u.id, False)
                what = Message.of("guess_unit_mentioned", unit=u.short_name, line=line.no)
                guesses.append(Guess(Message.of("plan_where_unit", unit=u.id), what, "/units"))


def _units(directory: Directory) -> list[dict[str, Any]]:
    used = set(directory.used_units)
    out = [
        {
            "id": u.id,
            "name": u.name,
            "short_name": u.short_name,
            "aliases": list(u.aliases),
            "reports": u.reports,
        }
        for u in directory.units
        if u.id in used
    ]
    for p in directory.proposed.values():
        entry = {"id": p.id, "name": p.name, "short_name": p.short_name, "aliases": p.aliases}
        out.append({**entry, "reports": True})
    return out


def _groups(directory: Directory) -> list[dict[str, Any]]:
    ids = set(directory.used_units) | {p.id for p in directory.proposed.values()}
    known = [g for g in directory.groups if g.name in directory.used_groups]
    new = [directory.new_groups[n] for n in directory.used_groups if n in directory.new_groups]
    return [
        {
            "name": g.name,
            "description": g.description,
            "members": "all" if g.members == "all" else [m for m in g.members if m in ids],
        }
        for g in known + new
    ]


def _header(o: Outline, code: str | None, origin: str, guesses: list[Guess]) -> dict[str, Any]:
    if not code:
        code = f"PLAN-{o.year}"
        what = Message.of("guess_plan_code", plan_code=code)
        guesses.append(Guess(Message.of("plan_where_plan"), what, "/plan/code"))
    header: dict[str, Any] = {"code": code, "title": o.title, "year": o.year, "issuer": o.issuer}
    if o.published:
        header["published"] = o.published
    header["source"] = origin
    return header


def periods(year: int) -> list[dict[str, Any]]:
    """The four quarters and the year, each due on the 10th after its quarter (the year on
    20 January), as the shipped plan has them."""
    out = []
    for q in range(4):
        start = date(year, 3 * q + 1, 1)
        end = date(year, 3 * q + 3, 31 if q in (0, 3) else 30)
        due = date(year + (q == 3), (3 * q + 4) % 12 or 12, 10)
        out.append(
            {
                "code": f"{year}Q{q + 1}",
                "kind": "quarter",
                "title": f"{year}年第{_QUARTERS[q]}季度",
                "start": start.isoformat(),
                "end": end.isoformat(),
                "due": due.isoformat(),
            }
        )
    annual = {"code": str(year), "kind": "annual", "title": f"{year}年度总结"}
    out.append(
        {**annual, "start": f"{year}-01-01", "end": f"{year}-12-31", "due": f"{year + 1}-01-20"}
    )
    return out
