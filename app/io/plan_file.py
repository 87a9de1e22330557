"""The plan data file (resources/plans/*.json): schema, loading and validation.

A plan is data, not code: a later year's or another city's plan is a new file of this shape.
Loading refuses a broken file with a message naming the offending field.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from app.domain.catalog import (
    AssignmentInfo,
    Catalog,
    GroupInfo,
    IndicatorInfo,
    PeriodInfo,
    SectionInfo,
    TargetInfo,
    TaskInfo,
    UnitInfo,
)

Role = Literal["lead", "responsible", "support"]
Comparator = Literal[">=", "<=", "=", "range"]
PeriodKind = Literal["quarter", "annual"]

ID_PATTERN = r"^[a-z][a-z0-9_]*$"


class PlanFileError(ValueError):
    """The plan file cannot be used; the message names the file and field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PlanHeader(_Strict):
    code: str = Field(min_length=1, max_length=64)
    title: str = Field(min_length=1)
    year: int = Field(ge=2000, le=2100)
    issuer: str = ""
    published: date | None = None
    source: str = ""


class SectionSpec(_Strict):
    no: int = Field(ge=1)
    title: str = Field(min_length=1)


class UnitSpec(_Strict):
    id: str = Field(pattern=ID_PATTERN, max_length=32)
    name: str = Field(min_length=1)
    short_name: str = Field(min_length=1)
    aliases: list[str] = []
    reports: bool = True  # expected to report progress (members; not the office itself)


class GroupSpec(_Strict):
    name: str = Field(min_length=1)
    description: str = ""
    # Who reports under the group's assignments: "all" reporting units, listed unit ids, or
    # nobody among the member units (e.g. district governments, outside this plan's units).
    members: Literal["all"] | list[str] = []


class AssignmentSpec(_Strict):
    unit: str = Field(min_length=1)  # a unit id or a group name
    role: Role


class TargetSpec(_Strict):
    name: str = Field(min_length=1)
    comparator: Comparator
    value: Decimal
    value_max: Decimal | None = None
    unit: str = ""

    @model_validator(mode="after")
    def _range(self) -> TargetSpec:
        if (self.comparator == "range") != (self.value_max is not None):
            raise ValueError("value_max is required for comparator 'range' and only for it")
        if self.value_max is not None and self.value_max < self.value:
            raise ValueError("value_max is below value")
        return self


class TaskSpec(_Strict):
    no: int = Field(ge=1)
    section: int = Field(ge=1)
    title: str = Field(min_length=1, max_length=40)
    text: str = Field(min_length=1)
    units: list[AssignmentSpec] = Field(min_length=1)
    targets: list[TargetSpec] = []


class IndicatorSpec(TargetSpec):
    no: int = Field(ge=1)
    owner: str | None = None  # unit id


class PeriodSpec(_Strict):
    code: str = Field(pattern=r"^\d{4}(Q[1-4])?$")
    kind: PeriodKind
    title: str = ""
    start: date
    end: date
    due: date

    @model_validator(mode="after")
    def _dates(self) -> PeriodSpec:
        if not self.start <= self.end <= self.due:
            raise ValueError("dates must satisfy start <= end <= due")
        return self


class PlanSpec(_Strict):
    schema_version: Literal[1]
    plan: PlanHeader
    sections: list[SectionSpec] = Field(min_length=1)
    units: list[UnitSpec] = Field(min_length=1)
    groups: list[GroupSpec] = []
    tasks: list[TaskSpec] = Field(min_length=1)
    indicators: list[IndicatorSpec] = []
    periods: list[PeriodSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _references(self) -> PlanSpec:
        def unique(label: str, keys: list[object]) -> None:
            seen: set[object] = set()
            for key in keys:
                if key in seen:
                    raise ValueError(f"duplicate {label}: {key}")
                seen.add(key)

        unique("section no", [s.no for s in self.sections])
        unique("unit id", [u.id for u in self.units])
        unique("group name", [g.name for g in self.groups])
        unique("task no", [t.no for t in self.tasks])
        unique("indicator no", [i.no for i in self.indicators])
        unique("period code", [p.code for p in self.periods])
        names: dict[str, str] = {}
        for u in self.units:
            for name in (u.name, u.short_name, *u.aliases):
                if names.setdefault(name, u.id) != u.id:
                    raise ValueError(f"name {name!r} belongs to units {names[name]} and {u.id}")
        sections = {s.no for s in self.sections}
        unit_ids = {u.id for u in self.units}
        groups = {g.name for g in self.groups}
        for i, t in enumerate(self.tasks):
            if t.section not in sections:
                raise ValueError(f"tasks[{i}] (no {t.no}).section: unknown section {t.section}")
            for j, a in enumerate(t.units):
                if a.unit not in unit_ids and a.unit not in groups:
                    raise ValueError(
                        f"tasks[{i}] (no {t.no}).units[{j}].unit: {a.unit!r} is neither a unit id"
                        " nor a group name"
                    )
            unique(f"target name in task {t.no}", [x.name for x in t.targets])
        for g in self.groups:
            if isinstance(g.members, list):
                for m in g.members:
                    if m not in unit_ids:
                        raise ValueError(f"groups[{g.name}].members: unknown unit {m!r}")
        for i, ind in enumerate(self.indicators):
            if ind.owner is not None and ind.owner not in unit_ids:
                raise ValueError(f"indicators[{i}].owner: unknown unit {ind.owner!r}")
        return self


def content_hash(raw: bytes) -> str:
    """SHA-256 of the plan's canonical JSON, bound into every signed submission."""
    data = json.loads(raw)
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def parse_plan(raw: bytes, origin: str = "<plan>") -> PlanSpec:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PlanFileError(f"{origin}: not a JSON plan file: {exc}") from exc
    try:
        return PlanSpec.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise PlanFileError(f"{origin}: {where}: {first['msg']}{more}") from exc


def load_plan(path: Path) -> tuple[PlanSpec, str]:
    """Read and validate a plan file; returns the spec and its content hash."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PlanFileError(f"{path}: cannot read plan file: {exc.strerror}") from exc
    return parse_plan(raw, str(path)), content_hash(raw)


def catalog_from_spec(spec: PlanSpec, digest: str) -> Catalog:
    all_reporting = tuple(u.id for u in spec.units if u.reports)
    groups = tuple(
        GroupInfo(
            g.name,
            g.description,
            all_reporting if g.members == "all" else tuple(g.members),
        )
        for g in spec.groups
    )
    group_names = {g.name for g in spec.groups}
    return Catalog(
        code=spec.plan.code,
        title=spec.plan.title,
        year=spec.plan.year,
        content_hash=digest,
        sections=tuple(SectionInfo(s.no, s.title) for s in spec.sections),
        units=tuple(
            UnitInfo(u.id, u.name, u.short_name, tuple(u.aliases), u.reports) for u in spec.units
        ),
        groups=groups,
        tasks=tuple(
            TaskInfo(
                t.no,
                t.section,
                t.title,
                t.text,
                tuple(AssignmentInfo(a.unit, a.role, a.unit in group_names) for a in t.units),
                tuple(
                    TargetInfo(x.name, x.comparator, x.value, x.value_max, x.unit)
                    for x in t.targets
                ),
            )
            for t in spec.tasks
        ),
        indicators=tuple(
            IndicatorInfo(i.no, i.name, i.comparator, i.value, i.value_max, i.unit, i.owner)
            for i in spec.indicators
        ),
        periods=tuple(
            PeriodInfo(p.code, p.kind, p.title, p.start, p.end, p.due) for p in spec.periods
        ),
    )


def load_catalog_file(path: Path) -> Catalog:
    spec, digest = load_plan(path)
    return catalog_from_spec(spec, digest)
