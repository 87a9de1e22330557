"""What the entry service gives back (saved drafts with the rules' verdict, a period's summary
and export state), its refusal, and how each is made from what the store holds.

No SQLAlchemy here: the clerk's first view builds the same values from rows read with the
standard library (``app.services.unit_first_view``, docs/design.md §6), through the same
functions the service uses.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, Protocol

from app.domain.catalog import Catalog, IndicatorInfo, TaskInfo
from app.domain.entry_rules import (
    EntryDraft,
    FieldError,
    IndicatorDraft,
    blank_error,
    indicator_filled,
    indicator_required,
    is_filled,
    make_error,
    validate_entry,
    validate_indicator,
)

if TYPE_CHECKING:
    from app.models.store import Store


class EntryError(ValueError):
    """A draft that cannot be stored at all (unknown task, period, target or status)."""


@dataclass(frozen=True)
class SavedEntry:
    draft: EntryDraft  # as stored: text cleaned, every target of the task in plan order
    updated_at: datetime | None  # None: never saved (a blank draft)
    revision: int  # 0 when never saved
    errors: tuple[FieldError, ...]
    role: str

    @property
    def filled(self) -> bool:
        return is_filled(self.draft)


@dataclass(frozen=True)
class SavedIndicator:
    draft: IndicatorDraft
    updated_at: datetime | None
    revision: int
    errors: tuple[FieldError, ...]

    @property
    def filled(self) -> bool:
        return indicator_filled(self.draft)


@dataclass(frozen=True)
class PeriodSummary:
    period: str
    filled: int
    total: int
    errors: tuple[FieldError, ...]  # what stops an export; unfilled tasks count as "required"
    indicators_filled: int = 0
    indicators_total: int = 0

    @property
    def ready(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class PeriodState:
    kind: Literal["draft", "exported", "changed"]
    version: int | None  # the newest exported version
    exported_at: datetime | None


# -- made from stored rows (both read paths) ---------------------------------------------------
def blank_draft(task: TaskInfo, period: str) -> EntryDraft:
    return EntryDraft(task.no, period, targets=tuple((t.name, "") for t in task.targets))


def stored_draft(
    task: TaskInfo, period: str, row: Sequence[Any], values: Mapping[str, str]
) -> EntryDraft:
    """A stored entry; ``row``: its (status, percent, progress, problems, next_steps)."""
    status, percent, progress, problems, next_steps = row
    targets = tuple((t.name, values.get(t.name, "")) for t in task.targets)
    return EntryDraft(task.no, period, status, percent, progress, problems, next_steps, targets)


def saved_entry(
    task: TaskInfo, role: str, draft: EntryDraft, updated_at: datetime | None, revision: int
) -> SavedEntry:
    return SavedEntry(draft, updated_at, revision, tuple(validate_entry(draft, task)), role)


def saved_indicator(
    info: IndicatorInfo, draft: IndicatorDraft, updated_at: datetime | None, revision: int
) -> SavedIndicator:
    return SavedIndicator(draft, updated_at, revision, tuple(validate_indicator(draft, info)))


def period_summary(
    catalog: Catalog, period: str, entries: list[SavedEntry], indicators: list[SavedIndicator]
) -> PeriodSummary:
    """The period's counts and what stops its export (unfilled tasks count as "required")."""
    required = indicator_required(catalog.period(period).kind)
    errors: list[FieldError] = []
    for e in entries:
        errors += e.errors if e.filled else [blank_error(e.draft.task_no, period)]
    for i in indicators:
        if i.filled:
            errors += i.errors
        elif required:
            no = i.draft.no
            errors.append(make_error("value", "required", indicator_no=no, period=period))
    return PeriodSummary(
        period,
        sum(e.filled for e in entries),
        len(entries),
        tuple(errors),
        sum(i.filled for i in indicators),
        len(indicators),
    )


def period_digest(
    unit_id: str, period: str, entries: Sequence[EntryDraft], indicators: Sequence[IndicatorDraft]
) -> str:
    """SHA-256 of the period's content as canonical JSON; the export stores it so the period
    can later show "changed since vN". Saved-but-blank equals never saved."""
    doc = {
        "unit": unit_id,
        "period": period,
        "entries": [
            {
                "task": d.task_no,
                "status": d.status,
                "percent": d.percent,
                "progress": d.progress,
                "problems": d.problems,
                "next_steps": d.next_steps,
                "targets": dict(d.targets),
            }
            for d in entries
        ],
        "indicators": [{"no": i.no, "value": i.value, "note": i.note} for i in indicators],
    }
    text = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def period_state(
    newest: tuple[int, datetime, str] | None, digest: Callable[[], str]
) -> PeriodState:
    """``newest``: (version, created at, content digest) of the newest export, if any;
    ``digest``: the period's content digest now (worked out only when there is an export)."""
    if newest is None:
        return PeriodState("draft", None, None)
    version, at, exported = newest
    kind: Literal["exported", "changed"] = "exported" if exported == digest() else "changed"
    return PeriodState(kind, version, at)


class EntryReads(Protocol):
    """What the clerk's window reads while it fills: the entry service's reads, answered by the
    service itself or, at start-up, by the first view (``app.services.unit_first_view``)."""

    @property
    def store(self) -> Store | None: ...  # None: the first view, before the store is open

    @property
    def catalog(self) -> Catalog: ...

    @property
    def unit_id(self) -> str: ...

    def tasks(self) -> list[tuple[TaskInfo, str]]: ...

    def indicators(self) -> list[IndicatorInfo]: ...

    def get_state(self, key: str) -> str | None: ...

    def set_state(self, key: str, value: str | None) -> None: ...

    def load(self, task_no: int, period: str) -> SavedEntry: ...

    def list_period(self, period: str) -> list[SavedEntry]: ...

    def list_indicators(self, period: str) -> list[SavedIndicator]: ...

    def summary(
        self,
        period: str,
        entries: list[SavedEntry] | None = None,
        indicators: list[SavedIndicator] | None = None,
    ) -> PeriodSummary: ...

    def period_state(self, period: str) -> PeriodState: ...
