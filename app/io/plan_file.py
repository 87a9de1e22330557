"""The plan data file (resources/plans/*.json): schema, loading and validation.

A plan is data, not code: a later year's or another city's plan is a new file of this shape.
Loading refuses a broken file with a message naming the offending field.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from app.domain.catalog import Catalog
from app.domain.plan_catalog import catalog_from_plan, plan_content_hash

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
        # custom error types: app.io.plan_check turns them into a Message at the right field
        if (self.comparator == "range") != (self.value_max is not None):
            raise PydanticCustomError(
                "plan_range_needs_max",
                "value_max is required for comparator 'range' and only for it",
            )
        if self.value_max is not None and self.value_max < self.value:
            raise PydanticCustomError("plan_range_reversed", "value_max is below value")
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
        if not self.start <= self.end:
            raise PydanticCustomError(
                "plan_period_end_before_start", "dates must satisfy start <= end <= due"
            )
        if not self.end <= self.due:
            raise PydanticCustomError(
                "plan_period_due_before_end", "dates must satisfy start <= end <= due"
            )
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
            unique(f"unit in task {t.no}", [a.unit for a in t.units])
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
    """SHA-256 of the plan's canonical JSON, bound into every signed submission (of a file in
    the normal form, ``normal_plan``: what the store hashes)."""
    return plan_content_hash(json.loads(raw))


def parse_plan(raw: bytes, origin: str = "<plan>") -> PlanSpec:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PlanFileError(f"{origin}: not a JSON plan file: {exc}") from exc
    return validate_plan(data, origin)


def load_plan(path: Path) -> tuple[PlanSpec, str]:
    """Read and validate a plan file; returns the spec and its content hash."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PlanFileError(f"{path}: cannot read plan file: {exc.strerror}") from exc
    spec = parse_plan(raw, str(path))
    return spec, plan_content_hash(normal_plan(spec))  # the hash a store gives it


def catalog_from_spec(spec: PlanSpec, digest: str, revision: int = 1) -> Catalog:
    return catalog_from_plan(spec.model_dump(mode="json"), digest, revision)


def load_catalog_file(path: Path) -> Catalog:
    spec, digest = load_plan(path)
    return catalog_from_spec(spec, digest)


def plan_number(value: Decimal) -> int | float:
    """A plan value as the plan files write it: a whole number, or a short decimal."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)  # plan values are short decimals (6.75); float keeps them exactly


def _quantity(x: TargetSpec) -> dict[str, object]:
    out: dict[str, object] = {
        "name": x.name,
        "comparator": x.comparator,
        "value": plan_number(x.value),
    }
    if x.value_max is not None:
        out["value_max"] = plan_number(x.value_max)
    out["unit"] = x.unit
    return out


def _task(t: TaskSpec) -> dict[str, Any]:
    head = {"no": t.no, "section": t.section, "title": t.title, "text": t.text}
    owners = [{"unit": a.unit, "role": a.role} for a in t.units]
    return {**head, "units": owners, "targets": [_quantity(x) for x in t.targets]}


def normal_plan(spec: PlanSpec) -> dict[str, Any]:
    """The plan's JSON in the one form the store keeps and hashes: every field present in
    schema order (``value_max`` only for a range), numbers as JSON numbers. The shipped
    ``sz-2016.json`` is in this form already, so its content hash never changes."""
    h = spec.plan
    return {
        "schema_version": spec.schema_version,
        "plan": {
            "code": h.code,
            "title": h.title,
            "year": h.year,
            "issuer": h.issuer,
            "published": None if h.published is None else h.published.isoformat(),
            "source": h.source,
        },
        "sections": [{"no": s.no, "title": s.title} for s in spec.sections],
        "units": [
            {
                "id": u.id,
                "name": u.name,
                "short_name": u.short_name,
                "aliases": list(u.aliases),
                "reports": u.reports,
            }
            for u in spec.units
        ],
        "groups": [
            {"name": g.name, "description": g.description, "members": g.members}
            for g in spec.groups
        ],
        "tasks": [_task(t) for t in spec.tasks],
        "indicators": [{"no": i.no, **_quantity(i), "owner": i.owner} for i in spec.indicators],
        "periods": [
            {
                "code": p.code,
                "kind": p.kind,
                "title": p.title,
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                "due": p.due.isoformat(),
            }
            for p in spec.periods
        ],
    }


def validate_plan(data: object, origin: str = "<plan>") -> PlanSpec:
    """The plan-file JSON (already decoded) through the schema; PlanFileError naming the
    first field otherwise (``app.io.plan_check`` lists them all)."""
    try:
        return PlanSpec.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise PlanFileError(f"{origin}: {where}: {first['msg']}{more}") from exc
