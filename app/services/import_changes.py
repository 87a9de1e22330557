"""What an incoming submission changes against the current version, field by field (the
import's dry run and preview), and the entry rows a submission is stored as."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.entry_rules import STATUS_LABELS
from app.models import Indicator, SubmissionEntry, SubmissionIndicator, Task

ENTRY_FIELDS = ("status", "percent", "progress", "problems", "next_steps", "targets")


@dataclass(frozen=True)
class FieldChange:
    """One difference between an incoming submission and the current version (preview)."""

    task: int | None  # None for an indicator
    indicator: int | None
    field: str
    old: str
    new: str


def decimal_text(value: Any) -> str | None:
    return None if value is None else str(value)


def entry_rows(payload: Any) -> list[dict[str, Any]]:
    """The payload's entries as submission_entry values (by task number, not row id)."""
    return [
        {
            "task": e.task,
            "status": e.status,
            "percent": e.percent,
            "progress": e.progress,
            "problems": e.problems,
            "next_steps": e.next_steps,
            "targets": json.dumps(
                {name: decimal_text(v) for name, v in e.targets}, ensure_ascii=False, sort_keys=True
            ),
        }
        for e in payload.entries
    ]


def _stored(session: Session, current_id: int) -> tuple[dict[int, Any], dict[int, Any]]:
    entries: dict[int, dict[str, Any]] = {}
    indicators: dict[int, tuple[str, str]] = {}
    for se, no in session.execute(
        select(SubmissionEntry, Task.no)
        .join(Task, Task.id == SubmissionEntry.task_id)
        .where(SubmissionEntry.submission_id == current_id)
    ):
        entries[no] = {name: getattr(se, name) for name in ENTRY_FIELDS}
    for si, no in session.execute(
        select(SubmissionIndicator, Indicator.no)
        .join(Indicator, Indicator.id == SubmissionIndicator.indicator_id)
        .where(SubmissionIndicator.submission_id == current_id)
    ):
        indicators[no] = (si.value or "", si.note)
    return entries, indicators


def field_changes(session: Session, current_id: int | None, payload: Any) -> list[FieldChange]:
    """Field-by-field difference of ``payload`` against the current version."""
    new_entries = {r["task"]: r for r in entry_rows(payload)}
    new_inds = {i.no: (decimal_text(i.value) or "", i.note) for i in payload.indicators}
    old_entries, old_inds = _stored(session, current_id) if current_id is not None else ({}, {})
    out: list[FieldChange] = []
    for task in sorted(set(new_entries) | set(old_entries)):
        old, new = old_entries.get(task, {}), new_entries.get(task, {})
        for name in ENTRY_FIELDS:
            a, b = old.get(name), new.get(name)
            if a != b:
                if name == "status":
                    a, b = STATUS_LABELS.get(str(a), a or ""), STATUS_LABELS.get(str(b), b or "")
                out.append(FieldChange(task, None, name, _text(a), _text(b)))
    for no in sorted(set(new_inds) | set(old_inds)):
        a2, b2 = old_inds.get(no, ("", "")), new_inds.get(no, ("", ""))
        if a2 != b2:
            out.append(FieldChange(None, no, "value", " ".join(a2).strip(), " ".join(b2).strip()))
    return out


def _text(value: Any) -> str:
    return "" if value is None else str(value)
