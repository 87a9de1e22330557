"""The plan catalog as plain frozen dataclasses, with the look-ups every layer needs."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

ROLE_LABELS = {"lead": "牵头", "responsible": "负责", "support": "配合"}
ROLE_ORDER = {"lead": 0, "responsible": 1, "support": 2}
_T = TypeVar("_T")


@dataclass(frozen=True)
class SectionInfo:
    no: int
    title: str


@dataclass(frozen=True)
class UnitInfo:
    id: str
    name: str
    short_name: str
    aliases: tuple[str, ...]
    reports: bool = True


@dataclass(frozen=True)
class GroupInfo:
    name: str
    description: str
    members: tuple[str, ...]  # unit ids the group stands for in this plan


@dataclass(frozen=True)
class AssignmentInfo:
    unit: str  # a unit id, or a group name when is_group
    role: str
    is_group: bool = False


@dataclass(frozen=True)
class TargetInfo:
    name: str
    comparator: str
    value: Decimal
    value_max: Decimal | None
    unit: str

    def describe(self) -> str:
        """Human text such as '≥ 1500 批次' or '30–40 家'."""
        if self.comparator == "range":
            return f"{self.value}–{self.value_max} {self.unit}".strip()
        sign = {">=": "≥", "<=": "≤", "=": "="}[self.comparator]
        return f"{sign} {self.value} {self.unit}".strip()

    def met_by(self, actual: Decimal) -> bool:
        if self.comparator == ">=":
            return actual >= self.value
        if self.comparator == "<=":
            return actual <= self.value
        if self.comparator == "=":
            return actual == self.value
        assert self.value_max is not None
        return self.value <= actual <= self.value_max


@dataclass(frozen=True)
class TaskInfo:
    no: int
    section: int
    title: str
    text: str
    units: tuple[AssignmentInfo, ...]
    targets: tuple[TargetInfo, ...]


@dataclass(frozen=True)
class IndicatorInfo:
    no: int
    name: str
    comparator: str
    value: Decimal
    value_max: Decimal | None
    unit: str
    owner: str | None

    def as_target(self) -> TargetInfo:
        return TargetInfo(self.name, self.comparator, self.value, self.value_max, self.unit)


@dataclass(frozen=True)
class PeriodInfo:
    code: str
    kind: str
    title: str
    start: date
    end: date
    due: date


def normalise_name(name: str) -> str:
    return unicodedata.normalize("NFC", name).strip().replace(" ", "").replace("\u3000", "")


@dataclass(frozen=True)
class Catalog:
    code: str
    title: str
    year: int
    content_hash: str
    sections: tuple[SectionInfo, ...]
    units: tuple[UnitInfo, ...]
    groups: tuple[GroupInfo, ...]
    tasks: tuple[TaskInfo, ...]
    indicators: tuple[IndicatorInfo, ...]
    periods: tuple[PeriodInfo, ...]
    revision: int = 1  # the plan's published revision this catalog is (docs/design.md §1.3)
    # Tasks a later revision removed, as they last stood: never offered for new entry, kept
    # so that the entries and submissions of earlier periods still show (history, reports).
    retired: tuple[TaskInfo, ...] = ()
    # Derived look-ups; init=False so dataclasses.replace() builds them anew, never shares them.
    _names: dict[str, str] = field(default_factory=dict, init=False, compare=False, repr=False)
    # tasks_for_unit memo: the catalog never changes, and each import verification asks twice
    _unit_tasks: dict[str, tuple[tuple[TaskInfo, str], ...]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        for u in self.units:
            for n in (u.name, u.short_name, *u.aliases):
                key = normalise_name(n)
                self._names[key] = u.id
                if key.startswith("市"):
                    self._names.setdefault(key[1:], u.id)  # lists drop the leading 市

    # -- look-ups -------------------------------------------------------------------------
    def unit(self, unit_id: str) -> UnitInfo:
        return _the((u for u in self.units if u.id == unit_id), unit_id)

    def find_unit(self, text: str) -> UnitInfo | None:
        """A unit by id, full name, short name or alias (with or without the leading 市)."""
        key = normalise_name(text)
        uid = self._names.get(key) or self._names.get(key.removeprefix("市"))
        if uid is None and any(u.id == key for u in self.units):
            uid = key
        return None if uid is None else self.unit(uid)

    def search_units(self, text: str) -> list[UnitInfo]:
        """Units whose id, name or any alias contains ``text`` (for a searchable picker)."""
        key = normalise_name(text)
        if not key:
            return list(self.units)
        return [
            u
            for u in self.units
            if any(key in normalise_name(n) for n in (u.id, u.name, u.short_name, *u.aliases))
        ]

    def task(self, no: int) -> TaskInfo:
        return _the((t for t in self.tasks if t.no == no), no)

    def task_in_history(self, no: int) -> TaskInfo:
        """A task of the plan, or one a revision removed (for entries of earlier periods)."""
        return _the((t for t in (*self.tasks, *self.retired) if t.no == no), no)

    def period(self, code: str) -> PeriodInfo:
        return _the((p for p in self.periods if p.code == code), code)

    def previous_period(self, code: str) -> PeriodInfo | None:
        """The period a clerk copies from: the previous quarter; the annual copies Q4."""
        this = self.period(code)
        earlier = [
            p
            for p in self.periods
            if p.end < this.end
            or (p.end == this.end and p.kind != this.kind and p.kind == "quarter")
        ]
        return max(earlier, key=lambda p: (p.end, p.kind == "quarter"), default=None)

    def group(self, name: str) -> GroupInfo:
        for g in self.groups:
            if g.name == name:
                return g
        raise KeyError(name)

    def roles_of(self, unit_id: str, task: TaskInfo) -> list[str]:
        """The unit's roles on a task, directly or through a group it belongs to."""
        roles = []
        for a in task.units:
            if (not a.is_group and a.unit == unit_id) or (
                a.is_group and unit_id in self.group(a.unit).members
            ):
                roles.append(a.role)
        return sorted(set(roles), key=ROLE_ORDER.__getitem__)

    def tasks_for_unit(self, unit_id: str) -> list[tuple[TaskInfo, str]]:
        """Every task the unit reports on, with its strongest role."""
        cached = self._unit_tasks.get(unit_id)
        if cached is None:
            out = []
            for t in self.tasks:
                roles = self.roles_of(unit_id, t)
                if roles:
                    out.append((t, roles[0]))
            cached = self._unit_tasks[unit_id] = tuple(out)
        return list(cached)

    def indicators_for_unit(self, unit_id: str) -> list[IndicatorInfo]:
        return [i for i in self.indicators if i.owner == unit_id]

    def reporting_units(self) -> list[UnitInfo]:
        """Units the plan expects to report (those with at least one task)."""
        return [u for u in self.units if u.reports and self.tasks_for_unit(u.id)]

    # -- the documented JSON shape (docs/design.md §5) ----------------------------------------
    def to_json(self) -> dict[str, Any]:
        def num(d: Decimal | None) -> int | float | None:
            if d is None:
                return None
            return int(d) if d == d.to_integral_value() else float(d)

        return {
            "plan": {
                "code": self.code,
                "title": self.title,
                "year": self.year,
                "revision": self.revision,
            },
            "sections": [{"no": s.no, "title": s.title} for s in self.sections],
            "units": [
                {"id": u.id, "name": u.name, "short_name": u.short_name, "aliases": list(u.aliases)}
                for u in self.units
            ],
            "groups": [{"name": g.name, "members": list(g.members)} for g in self.groups],
            "tasks": [
                {
                    "no": t.no,
                    "section": t.section,
                    "title": t.title,
                    "text": t.text,
                    "units": [{"unit": a.unit, "role": a.role} for a in t.units],
                    "targets": [
                        {
                            "name": x.name,
                            "comparator": x.comparator,
                            "value": num(x.value),
                            "value_max": num(x.value_max),
                            "unit": x.unit,
                        }
                        for x in t.targets
                    ],
                }
                for t in self.tasks
            ],
            "indicators": [
                {
                    "no": i.no,
                    "name": i.name,
                    "comparator": i.comparator,
                    "value": num(i.value),
                    "unit": i.unit,
                    "owner": i.owner,
                }
                for i in self.indicators
            ],
            "periods": [
                {
                    "code": p.code,
                    "start": p.start.isoformat(),
                    "end": p.end.isoformat(),
                    "due": p.due.isoformat(),
                }
                for p in self.periods
            ],
        }


def _the(found: Iterator[_T], key: object) -> _T:
    """The first item found; KeyError(key) when there is none."""
    item = next(found, None)
    if item is None:
        raise KeyError(key)
    return item
