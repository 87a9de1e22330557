"""The signed content of one submission (docs/design.md §3) as frozen values.

``to_dict()`` gives plain values (Decimal and aware datetime stay typed; app.io.canonical turns
them into the canonical JSON); ``from_dict()`` takes that dict or its JSON form (decimals as
strings, times as "YYYY-MM-DDTHH:MM:SSZ") and checks every key and type, because on the office
side it reads what a stranger's file says. Construction normalises what must not change the
signature: text to NFC, times to UTC seconds, entries sorted by task and indicators by number.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from app.domain.catalog import Catalog
from app.domain.messages import Message
from app.domain.payload_fields import (
    _HEX64,
    MAX_ITEMS,
    MAX_NUMBER_CHARS,
    MAX_TEXT_CHARS,
    PayloadError,
    _decimal,
    _int,
    _mapping,
    _name,
    _sequence,
    _set,
    _text,
    _time,
    _uuid,
    plain_decimal,
)

__all__ = [
    "ENTRY_STATUSES",
    "FORMAT",
    "FORMATS",
    "FORMAT_V1",
    "FORMAT_V2",
    "MAX_ITEMS",
    "MAX_NUMBER_CHARS",
    "MAX_TEXT_CHARS",
    "PayloadEntry",
    "PayloadError",
    "PayloadIndicator",
    "PayloadResponse",
    "SubmissionPayload",
    "payload_problems",
    "plain_decimal",
]

# /2 adds the plan revision the unit filled against (issue 14); /1 files were made against
# revision 1 of their plan, the only one there was, and stay readable as such. /3 adds the
# unit's responses to the office's 督办 notices (issue 15); /1 and /2 files read as having none.
FORMAT = "qualityreport.submission/3"
FORMAT_V2 = "qualityreport.submission/2"
FORMAT_V1 = "qualityreport.submission/1"
FORMATS = (FORMAT, FORMAT_V2, FORMAT_V1)
ENTRY_STATUSES = ("not_started", "in_progress", "completed", "delayed")


# -- the values ---------------------------------------------------------------------------
@dataclass(frozen=True)
class PayloadEntry:
    """A unit's progress on one task; ``targets`` are (target name, actual) in task order."""

    task: int
    status: str
    percent: int | None
    progress: str
    problems: str
    next_steps: str
    targets: tuple[tuple[str, Decimal | None], ...] = ()

    def __post_init__(self) -> None:
        w = f"entries[task {self.task}]"
        _int(self.task, f"{w}.task", 1, 100_000)
        if self.status not in ENTRY_STATUSES:
            raise PayloadError(f"{w}.status：未知状态 {str(self.status)[:40]!r}")
        if self.percent is not None:
            _int(self.percent, f"{w}.percent", 0, 100)
        for name in ("progress", "problems", "next_steps"):
            _set(self, name, _text(getattr(self, name), f"{w}.{name}"))
        targets = []
        for i, pair in enumerate(_sequence(self.targets, f"{w}.targets")):
            if not isinstance(pair, tuple | list) or len(pair) != 2:
                raise PayloadError(f"{w}.targets[{i}]：应为 (名称, 实际值)")
            name = _name(pair[0], f"{w}.targets[{i}].name")
            targets.append((name, _decimal(pair[1], f"{w}.targets[{i}].actual")))
        names = [n for n, _ in targets]
        if len(set(names)) != len(names):
            raise PayloadError(f"{w}.targets：目标名称重复")
        _set(self, "targets", tuple(targets))

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "status": self.status,
            "percent": self.percent,
            "progress": self.progress,
            "problems": self.problems,
            "next_steps": self.next_steps,
            "targets": [{"name": n, "actual": v} for n, v in self.targets],
        }

    def to_json(self) -> dict[str, Any]:
        """``to_dict()`` with JSON values only (see ``SubmissionPayload.to_json``)."""
        return {
            "task": int(self.task),
            "status": self.status,
            "percent": None if self.percent is None else int(self.percent),
            "progress": self.progress,
            "problems": self.problems,
            "next_steps": self.next_steps,
            "targets": [
                {"name": n, "actual": None if v is None else plain_decimal(v)}
                for n, v in self.targets
            ],
        }

    @classmethod
    def from_dict(cls, data: object, where: str = "entry") -> PayloadEntry:
        d = _mapping(
            data,
            where,
            ("task", "status", "percent", "progress", "problems", "next_steps", "targets"),
        )
        status = d["status"]
        if not isinstance(status, str):
            raise PayloadError(f"{where}.status：应为文本")
        percent = d["percent"]
        if percent is not None:
            percent = _int(percent, f"{where}.percent", 0, 100)
        targets = []
        for i, t in enumerate(_sequence(d["targets"], f"{where}.targets")):
            t = _mapping(t, f"{where}.targets[{i}]", ("name", "actual"))
            targets.append((t["name"], t["actual"]))
        return cls(  # the constructor checks the texts and converts the decimals, once
            task=_int(d["task"], f"{where}.task", 1, 100_000),
            status=status,
            percent=percent,
            progress=d["progress"],
            problems=d["problems"],
            next_steps=d["next_steps"],
            targets=tuple(targets),
        )


@dataclass(frozen=True)
class PayloadIndicator:
    """The unit's value for one of the plan's goal indicators."""

    no: int
    value: Decimal | None
    note: str = ""

    def __post_init__(self) -> None:
        _int(self.no, "indicators.no", 1, 100_000)
        _set(self, "value", _decimal(self.value, f"indicators[{self.no}].value"))
        _set(self, "note", _text(self.note, f"indicators[{self.no}].note"))

    def to_dict(self) -> dict[str, Any]:
        return {"no": self.no, "value": self.value, "note": self.note}

    def to_json(self) -> dict[str, Any]:
        value = None if self.value is None else plain_decimal(self.value)
        return {"no": int(self.no), "value": value, "note": self.note}

    @classmethod
    def from_dict(cls, data: object, where: str = "indicator") -> PayloadIndicator:
        d = _mapping(data, where, ("no", "value", "note"))
        return cls(  # the constructor converts the decimal text, once
            no=_int(d["no"], f"{where}.no", 1, 100_000),
            value=d["value"],
            note=d["note"],
        )


@dataclass(frozen=True)
class PayloadResponse:
    """The unit's answer to one 督办 notice (the office's notice id)."""

    notice: int
    text: str

    def __post_init__(self) -> None:
        _int(self.notice, "responses.notice", 1, 10**9)
        _set(self, "text", _text(self.text, f"responses[{self.notice}].text"))
        if not self.text.strip():
            raise PayloadError(f"responses[{self.notice}].text：答复为空")

    def to_json(self) -> dict[str, Any]:
        return {"notice": int(self.notice), "text": self.text}

    @classmethod
    def from_dict(cls, data: object, where: str) -> PayloadResponse:
        d = _mapping(data, where, ("notice", "text"))
        return cls(notice=_int(d["notice"], f"{where}.notice", 1, 10**9), text=d["text"])


_PAYLOAD_KEYS = (
    "format",
    "plan_code",
    "plan_hash",
    "unit_id",
    "unit_name",
    "period",
    "version",
    "sequence",
    "submission_id",
    "created_at",
    "app_version",
    "clerk",
    "contact",
    "entries",
    "indicators",
)
_PAYLOAD_KEYS_V2 = (*_PAYLOAD_KEYS, "plan_revision")
_PAYLOAD_KEYS_V3 = (*_PAYLOAD_KEYS_V2, "responses")


@dataclass(frozen=True)
class SubmissionPayload:
    """Everything one submission file signs."""

    plan_code: str
    plan_hash: str
    unit_id: str
    unit_name: str
    period: str
    version: int
    sequence: int
    submission_id: str
    created_at: datetime
    app_version: str
    clerk: str
    contact: str
    entries: tuple[PayloadEntry, ...] = ()
    indicators: tuple[PayloadIndicator, ...] = ()
    plan_revision: int = 1  # of the plan (plan_code), as the unit's store held it
    format: str = FORMAT
    responses: tuple[PayloadResponse, ...] = ()  # /3: answers to the office's notices

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise PayloadError(f"format：不支持的格式 {str(self.format)[:60]!r}")
        _int(self.plan_revision, "plan_revision", 1, 1_000_000)
        if self.format == FORMAT_V1 and self.plan_revision != 1:
            raise PayloadError("plan_revision：旧格式的文件只能是第 1 版")
        for name in ("plan_code", "unit_id", "period"):
            _set(self, name, _name(getattr(self, name), name))
        for name in ("unit_name", "app_version", "clerk", "contact"):
            _set(self, name, _text(getattr(self, name), name))
        if not isinstance(self.plan_hash, str) or not _HEX64.fullmatch(self.plan_hash):
            raise PayloadError("plan_hash：应为 64 位小写十六进制")
        _int(self.version, "version", 1, 1_000_000)
        _int(self.sequence, "sequence", 1, 1_000_000_000)
        _uuid(self.submission_id, "submission_id")
        _set(self, "created_at", _time(self.created_at, "created_at"))
        entries = _sequence(self.entries, "entries")
        if not all(isinstance(e, PayloadEntry) for e in entries):
            raise PayloadError("entries：应为 PayloadEntry")
        indicators = _sequence(self.indicators, "indicators")
        if not all(isinstance(i, PayloadIndicator) for i in indicators):
            raise PayloadError("indicators：应为 PayloadIndicator")
        tasks = [e.task for e in entries]
        if len(set(tasks)) != len(tasks):
            raise PayloadError("entries：任务重复")
        nos = [i.no for i in indicators]
        if len(set(nos)) != len(nos):
            raise PayloadError("indicators：指标重复")
        responses = _sequence(self.responses, "responses")
        if not all(isinstance(r, PayloadResponse) for r in responses):
            raise PayloadError("responses：应为 PayloadResponse")
        if len({r.notice for r in responses}) != len(responses):
            raise PayloadError("responses：督办事项重复")
        if responses and self.format != FORMAT:
            raise PayloadError("responses：旧格式的文件不能带督办答复")
        _set(self, "responses", tuple(sorted(responses, key=lambda r: r.notice)))
        _set(self, "entries", tuple(sorted(entries, key=lambda e: e.task)))
        _set(self, "indicators", tuple(sorted(indicators, key=lambda i: i.no)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "plan_code": self.plan_code,
            "plan_hash": self.plan_hash,
            "unit_id": self.unit_id,
            "unit_name": self.unit_name,
            "period": self.period,
            "version": self.version,
            "sequence": self.sequence,
            "submission_id": self.submission_id,
            "created_at": self.created_at,
            "app_version": self.app_version,
            "clerk": self.clerk,
            "contact": self.contact,
            "entries": [e.to_dict() for e in self.entries],
            "indicators": [i.to_dict() for i in self.indicators],
        } | self._revision()

    def _revision(self) -> dict[str, Any]:
        """The plan revision and the responses, in the formats that carry them (a /1 file was
        signed without either, a /2 file without responses)."""
        if self.format == FORMAT_V1:
            return {}
        if self.format == FORMAT_V2:
            return {"plan_revision": int(self.plan_revision)}
        responses = [r.to_json() for r in self.responses]
        return {"plan_revision": int(self.plan_revision), "responses": responses}

    def to_json(self) -> dict[str, Any]:
        """The canonical JSON values (app.io.canonical), built directly: construction already
        made every text NFC and storable, every decimal finite and short, the time UTC to the
        second, so the generic canonicaliser's walk over every value (~0.4 ms per imported
        file) has nothing left to do. tests/io/test_perf_fast_paths.py proves the bytes equal."""
        t = self.created_at
        return {
            "format": self.format,
            "plan_code": self.plan_code,
            "plan_hash": self.plan_hash,
            "unit_id": self.unit_id,
            "unit_name": self.unit_name,
            "period": self.period,
            "version": int(self.version),
            "sequence": int(self.sequence),
            "submission_id": self.submission_id,
            "created_at": f"{t.year:04d}-{t.month:02d}-{t.day:02d}T"
            f"{t.hour:02d}:{t.minute:02d}:{t.second:02d}Z",
            "app_version": self.app_version,
            "clerk": self.clerk,
            "contact": self.contact,
            "entries": [e.to_json() for e in self.entries],
            "indicators": [i.to_json() for i in self.indicators],
        } | self._revision()

    @classmethod
    def from_dict(cls, data: object) -> SubmissionPayload:
        form = data.get("format") if isinstance(data, Mapping) else None
        old = form == FORMAT_V1
        keys = {FORMAT_V1: _PAYLOAD_KEYS, FORMAT_V2: _PAYLOAD_KEYS_V2}.get(
            str(form), _PAYLOAD_KEYS_V3
        )
        d = _mapping(data, "payload", keys)
        given = d["responses"] if keys is _PAYLOAD_KEYS_V3 else []
        entries = _sequence(d["entries"], "entries")
        indicators = _sequence(d["indicators"], "indicators")
        return cls(  # the constructor checks the texts
            format=d["format"],
            plan_code=d["plan_code"],
            plan_hash=d["plan_hash"],
            unit_id=d["unit_id"],
            unit_name=d["unit_name"],
            period=d["period"],
            version=_int(d["version"], "version", 1, 1_000_000),
            sequence=_int(d["sequence"], "sequence", 1, 1_000_000_000),
            submission_id=_uuid(d["submission_id"], "submission_id"),
            created_at=_time(d["created_at"], "created_at"),
            plan_revision=1 if old else _int(d["plan_revision"], "plan_revision", 1, 1_000_000),
            app_version=d["app_version"],
            clerk=d["clerk"],
            contact=d["contact"],
            entries=tuple(
                PayloadEntry.from_dict(e, f"entries[{i}]") for i, e in enumerate(entries)
            ),
            indicators=tuple(
                PayloadIndicator.from_dict(x, f"indicators[{i}]") for i, x in enumerate(indicators)
            ),
            responses=tuple(
                PayloadResponse.from_dict(r, f"responses[{i}]")
                for i, r in enumerate(_sequence(given, "responses"))
            ),
        )


# -- against the plan ---------------------------------------------------------------------
def payload_problems(payload: SubmissionPayload, catalog: Catalog) -> list[Message]:
    """What the payload claims that the plan does not allow (empty when it fits the plan)."""
    if payload.plan_code != catalog.code:
        return [Message.of("plan_other", file_plan=payload.plan_code, plan=catalog.code)]
    if payload.plan_hash != catalog.content_hash:
        return [Message.of("plan_hash")]
    try:
        unit = catalog.unit(payload.unit_id)
    except KeyError:
        return [Message.of("unit_unknown", unit=payload.unit_id)]
    out: list[Message] = []
    if unit.name != payload.unit_name:
        out.append(Message.of("unit_name", name=payload.unit_name))
    try:
        catalog.period(payload.period)
    except KeyError:
        out.append(Message.of("period_not_in_plan", period=payload.period))
    tasks = {t.no: t for t, _role in catalog.tasks_for_unit(payload.unit_id)}
    for e in payload.entries:
        task = tasks.get(e.task)
        if task is None:
            out.append(
                Message.of("task_not_assigned", task=e.task, unit=unit.short_name or unit.name)
            )
            continue
        order = {unicodedata.normalize("NFC", x.name): i for i, x in enumerate(task.targets)}
        seen = [order.get(name) for name, _ in e.targets]
        if None in seen:
            bad = next(name for name, _ in e.targets if name not in order)
            out.append(Message.of("target_unknown", task=e.task, target=bad))
        elif seen != sorted(i for i in seen if i is not None):
            out.append(Message.of("target_order", task=e.task))
    owned = {i.no for i in catalog.indicators_for_unit(payload.unit_id)}
    for ind in payload.indicators:
        if ind.no not in owned:
            out.append(Message.of("indicator_not_owned", no=ind.no))
    return out
