"""``unit load FILE.json``: bulk entry with the form's rules (docs/design.md §5).

The file is checked whole before anything is stored: a malformed file, an unknown task,
period, indicator or target, or a value that cannot be stored at all refuses the whole file
with one line naming the item. Values that break an entry rule are stored as drafts (the
form keeps them too) and reported, so an export stays blocked until they are fixed.

Fields an item leaves out keep their stored value, so a file may update only a percent.
``"responses": [{"notice": ID, "text": "..."}]`` answers the office's open 督办 notices (an
unknown or closed notice refuses the file); the next export signs them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.domain.entry_rules import (
    STATUSES,
    EntryDraft,
    FieldError,
    IndicatorDraft,
    decimal_text,
    make_error,
    parse_percent,
)
from app.domain.messages import Refusal
from app.services.entries import EntryService

__all__ = ["LoadError", "LoadResult", "load_document", "load_json"]

MAX_FILE_BYTES = 20_000_000
ENTRY_KEYS = frozenset(
    {"task", "period", "status", "percent", "progress", "problems", "next_steps", "targets"}
)
INDICATOR_KEYS = frozenset({"no", "period", "value", "note"})


class LoadError(Refusal):
    """The whole file is refused (a code of app.domain.messages; ``str()`` is Chinese)."""


@dataclass(frozen=True)
class LoadResult:
    saved: int  # entries and indicator values applied (the whole file)
    errors: list[FieldError] = field(default_factory=list)
    changed: int = 0  # of those, how many differed from what was stored


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def load_json(service: EntryService, path: Path) -> LoadResult:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise LoadError("load_unreadable", path=path, detail=exc.strerror or exc) from exc
    if len(raw) > MAX_FILE_BYTES:
        raise LoadError("load_too_large", path=path)
    try:
        doc = json.loads(raw, parse_float=Decimal, parse_constant=_reject_constant)
    except (ValueError, UnicodeDecodeError) as exc:
        raise LoadError("load_not_json", detail=exc) from exc
    return load_document(service, doc)


def _is_int(x: object) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _text(where: str, key: str, value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise LoadError("load_not_text", where=where, key=key)
    return value


def _number_text(where: str, key: str, value: object) -> str:
    """A JSON number as exact decimal text; strings are kept as typed for the rules to judge."""
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, str):
        return value
    raise LoadError("load_not_number", where=where, key=key)


def _period(service: EntryService, where: str, value: object) -> str:
    codes = {p.code for p in service.catalog.periods}
    if not isinstance(value, str) or value not in codes:
        periods = "、".join(sorted(codes))
        raise LoadError("load_unknown_period", where=where, period=repr(value), periods=periods)
    return value


def _keys(where: str, item: object, allowed: frozenset[str], required: tuple[str, ...]) -> None:
    if not isinstance(item, dict):
        raise LoadError("load_not_object", where=where)
    unknown = sorted(set(item) - allowed)
    if unknown:
        raise LoadError("load_unknown_field", where=where, name=repr(unknown[0]))
    for key in required:
        if key not in item:
            raise LoadError("load_missing_field", where=where, key=key)


def _entry(
    service: EntryService, i: int, item: dict[str, Any]
) -> tuple[EntryDraft, list[FieldError], int]:
    """The stored draft with the item's fields applied, errors of unreadable values, and the
    stored revision (to count changes)."""
    where = f"entries[{i}]"
    _keys(where, item, ENTRY_KEYS, ("task", "period"))
    task_no = item["task"]
    known = {t.no: t for t, _ in service.tasks()}
    if not _is_int(task_no) or task_no not in known:
        raise LoadError("load_no_task", where=where, task=repr(task_no))
    period = _period(service, where, item["period"])
    stored = service.load(task_no, period)
    draft = stored.draft
    problems: list[FieldError] = []
    if "status" in item:
        if item["status"] not in STATUSES:
            statuses = "、".join(STATUSES)
            status = repr(item["status"])
            raise LoadError("load_bad_status", where=where, status=status, statuses=statuses)
        draft = draft.with_changes(status=item["status"])
    if "percent" in item:
        value = item["percent"]
        percent: int | None = None
        if _is_int(value):
            percent = value
        elif isinstance(value, str | Decimal):
            percent = parse_percent(str(value))
        if value is not None and percent is None:
            problems.append(
                make_error("percent", "percent_integer", task_no=task_no, period=period)
            )
        draft = draft.with_changes(percent=percent)
    for key in ("progress", "problems", "next_steps"):
        if key in item:
            draft = draft.with_changes(**{key: _text(where, key, item[key])})
    targets = item.get("targets", {})
    if not isinstance(targets, dict):
        raise LoadError("load_targets_not_object", where=where)
    names = {t.name for t in known[task_no].targets}
    for name, value in targets.items():
        if name not in names:
            raise LoadError("load_no_target", where=where, task=task_no, name=name)
        draft = draft.with_target(name, _number_text(where, f"targets.{name}", value))
    return draft, problems, stored.revision


def _indicator(service: EntryService, i: int, item: dict[str, Any]) -> tuple[IndicatorDraft, int]:
    where = f"indicators[{i}]"
    _keys(where, item, INDICATOR_KEYS, ("no", "period"))
    no = item["no"]
    if not _is_int(no) or no not in {ind.no for ind in service.indicators()}:
        raise LoadError("load_not_unit_indicator", where=where, no=repr(no))
    period = _period(service, where, item["period"])
    stored = service.load_indicator(no, period)
    draft = stored.draft
    if "value" in item:
        draft = draft.with_changes(value=_number_text(where, "value", item["value"]))
    if "note" in item:
        draft = draft.with_changes(note=_text(where, "note", item["note"]))
    return draft, stored.revision


def _list(doc: dict[str, Any], key: str) -> list[Any]:
    items = doc.get(key, [])
    if not isinstance(items, list):
        raise LoadError("load_not_list", key=key)
    return items


def _responses(items: list[Any]) -> list[tuple[int, str]]:
    """``"responses": [{"notice": ID, "text": "..."}]``: answers to the office's notices."""
    out: list[tuple[int, str]] = []
    for i, item in enumerate(items):
        where = f"responses[{i}]"
        _keys(where, item, frozenset({"notice", "text"}), ("notice", "text"))
        if not _is_int(item["notice"]):
            raise LoadError("load_not_number", where=where, key="notice")
        out.append((item["notice"], _text(where, "text", item["text"])))
    return out


def load_document(service: EntryService, doc: object) -> LoadResult:
    """Apply a parsed ``unit load`` document in one transaction (see the module text)."""
    if not isinstance(doc, dict):
        raise LoadError("load_top_not_object")
    unknown = sorted(set(doc) - {"entries", "indicators", "responses"})
    if unknown:
        raise LoadError("load_top_unknown_field", name=repr(unknown[0]))
    entries: list[EntryDraft] = []
    extra: dict[tuple[int, str], list[FieldError]] = {}
    seen: dict[tuple[int, str], int] = {}
    before: list[int] = []
    for i, item in enumerate(_list(doc, "entries")):
        draft, problems, revision = _entry(service, i, item)
        before.append(revision)
        key = (draft.task_no, draft.period)
        if key in seen:
            raise LoadError("load_entry_repeats", i=i, task=key[0], period=key[1], first=seen[key])
        seen[key] = i
        entries.append(draft)
        extra[key] = problems
    indicators: list[IndicatorDraft] = []
    seen_ind: dict[tuple[int, str], int] = {}
    for i, item in enumerate(_list(doc, "indicators")):
        ind, revision = _indicator(service, i, item)
        before.append(revision)
        if (ind.no, ind.period) in seen_ind:
            raise LoadError("load_indicator_repeats", i=i, no=ind.no, period=ind.period)
        seen_ind[(ind.no, ind.period)] = i
        indicators.append(ind)

    responses = _responses(_list(doc, "responses"))
    if responses:  # checked whole (every notice known and open) before anything is stored
        from app.services.feedback.answers import set_responses  # not for every CLI command

        set_responses(service.store, responses)
    saved, saved_ind = service.save_many(entries, indicators)
    errors: list[FieldError] = []
    for s in saved:
        own = extra[(s.draft.task_no, s.draft.period)]
        # A percent that could not be read reports once, not again as "required".
        fields = {e.field for e in own}
        errors += own + [e for e in s.errors if e.field not in fields]
    for si in saved_ind:
        errors += si.errors
    after = [s.revision for s in saved] + [s.revision for s in saved_ind]
    changed = sum(a != b for a, b in zip(after, before, strict=True))
    return LoadResult(len(saved) + len(saved_ind), errors, changed)
