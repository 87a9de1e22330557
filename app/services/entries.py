"""The clerk's drafts: one entry per task and period, one value per goal indicator.

Every ``save`` is its own short transaction (the form autosaves each change), keeps what was
typed even when it breaks a rule, and returns the rules' verdict with it. Nothing here holds
a session between calls, so the service may be shared by the window and a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.catalog import Catalog, IndicatorInfo, TaskInfo
from app.domain.entry_rules import (
    STATUSES,
    EntryDraft,
    IndicatorDraft,
    clean_text,
    indicator_filled,
    is_filled,
)
from app.models import (
    Entry,
    EntryTargetValue,
    IndicatorValue,
    LocalSubmission,
    Setting,
)
from app.models.base import utcnow
from app.models.store import Store
from app.services.entry_types import (
    EntryError,
    PeriodState,
    PeriodSummary,
    SavedEntry,
    SavedIndicator,
    blank_draft,
    period_digest,
    period_state,
    period_summary,
    saved_entry,
    saved_indicator,
    stored_draft,
)
from app.services.plan_row_ids import PlanRowIds

__all__ = [
    "EntryError",
    "EntryService",
    "PeriodState",
    "PeriodSummary",
    "SavedEntry",
    "SavedIndicator",
]


class EntryService:
    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        unit_id: str,
        *,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.store = store
        self.catalog = catalog
        self.unit_id = unit_id
        self._clock = clock
        self._tasks = {t.no: (t, role) for t, role in catalog.tasks_for_unit(unit_id)}
        self._indicators = {i.no: i for i in catalog.indicators_for_unit(unit_id)}
        # Row ids resolved once: the catalog is fixed while the program runs.
        with store.factory() as s:
            ids = PlanRowIds.load(s, catalog.code, unit_id)
        self._unit_pk = ids.unit
        self._task_pk = ids.tasks
        self._period_pk = ids.periods
        self._indicator_pk = ids.indicators
        self._target_pk = ids.targets
        self._target_name = {pk: name for (_, name), pk in ids.targets.items()}

    # -- what the unit reports on ---------------------------------------------------------
    def tasks(self) -> list[tuple[TaskInfo, str]]:
        return self.catalog.tasks_for_unit(self.unit_id)

    def indicators(self) -> list[IndicatorInfo]:
        return self.catalog.indicators_for_unit(self.unit_id)

    def period_pk(self, code: str) -> int:
        """The store's row id of a period (for the export's LocalSubmission)."""
        if code not in self._period_pk:
            raise EntryError(f"工作方案中没有报告期 {code}")
        return self._period_pk[code]

    @property
    def unit_pk(self) -> int:
        return self._unit_pk

    def _task(self, no: int) -> tuple[TaskInfo, str]:
        if no not in self._tasks:
            raise EntryError(f"本单位没有任务 {no}")
        return self._tasks[no]

    def _indicator(self, no: int) -> IndicatorInfo:
        if no not in self._indicators:
            raise EntryError(f"本单位不负责指标 {no}")
        return self._indicators[no]

    # -- drafts <-> rows ------------------------------------------------------------------
    def normalise(self, draft: EntryDraft) -> EntryDraft:
        """The draft as it will be stored: clean text, each task target once, in plan order."""
        task, _ = self._task(draft.task_no)
        self.period_pk(draft.period)
        if draft.status not in STATUSES:
            raise EntryError(f"状态“{draft.status}”无效")
        names = {t.name for t in task.targets}
        for name, value in draft.targets:
            if name not in names and clean_text(value):
                raise EntryError(f"任务 {task.no} 没有名为“{name}”的目标")
        return draft.with_changes(
            progress=clean_text(draft.progress),
            problems=clean_text(draft.problems),
            next_steps=clean_text(draft.next_steps),
            targets=tuple((t.name, clean_text(draft.target(t.name))) for t in task.targets),
        )

    def _blank(self, task_no: int, period: str) -> EntryDraft:
        return blank_draft(self._task(task_no)[0], period)

    def _draft_of(self, row: Entry, task_no: int, period: str) -> EntryDraft:
        values = {self._target_name[v.target_id]: v.value or "" for v in row.target_values}
        texts = (row.status, row.percent, row.progress, row.problems, row.next_steps)
        return stored_draft(self._task(task_no)[0], period, texts, values)

    def _saved(self, draft: EntryDraft, row: Entry | None) -> SavedEntry:
        task, role = self._task(draft.task_no)
        if row is None:
            return saved_entry(task, role, draft, None, 0)
        return saved_entry(task, role, draft, row.updated_at, row.revision)

    def _entry_rows(self, s: Session, period: str) -> dict[int, Entry]:
        rows = s.scalars(
            select(Entry).where(
                Entry.unit_id == self._unit_pk, Entry.period_id == self.period_pk(period)
            )
        )
        return {r.task_id: r for r in rows}

    def _entry_row(self, s: Session, task_no: int, period: str) -> Entry | None:
        return s.scalars(
            select(Entry).where(
                Entry.unit_id == self._unit_pk,
                Entry.task_id == self._task_pk[task_no],
                Entry.period_id == self.period_pk(period),
            )
        ).one_or_none()

    # -- entries --------------------------------------------------------------------------
    def load(self, task_no: int, period: str) -> SavedEntry:
        self._task(task_no)
        with self.store.factory() as s:
            row = self._entry_row(s, task_no, period)
            draft = (
                self._blank(task_no, period)
                if row is None
                else self._draft_of(row, task_no, period)
            )
            return self._saved(draft, row)

    def save(self, draft: EntryDraft) -> SavedEntry:
        """Store ``draft`` in its own transaction; a draft equal to the stored one is a no-op."""
        draft = self.normalise(draft)
        with self.store.factory.begin() as s:
            return self._save_in(s, draft)

    def _save_in(self, s: Session, draft: EntryDraft) -> SavedEntry:
        row = self._entry_row(s, draft.task_no, draft.period)
        if row is None:
            if not is_filled(draft):
                return self._saved(draft, None)  # nothing typed yet: no row to write
            row = Entry(
                unit_id=self._unit_pk,
                task_id=self._task_pk[draft.task_no],
                period_id=self.period_pk(draft.period),
                revision=0,
                target_values=[],
            )
            s.add(row)
        elif self._draft_of(row, draft.task_no, draft.period) == draft:
            return self._saved(draft, row)
        row.status, row.percent = draft.status, draft.percent
        row.progress, row.problems = draft.progress, draft.problems
        row.next_steps = draft.next_steps
        row.revision += 1
        row.updated_at = self._clock()
        have = {v.target_id: v for v in row.target_values}
        for name, value in draft.targets:
            target_id = self._target_pk[(draft.task_no, name)]
            current = have.get(target_id)
            if not value:
                if current is not None:
                    row.target_values.remove(current)
            elif current is None:
                row.target_values.append(EntryTargetValue(target_id=target_id, value=value))
            else:
                current.value = value
        s.flush()
        return self._saved(draft, row)

    def list_period(self, period: str) -> list[SavedEntry]:
        """Every task of the unit for ``period``, in plan order, blanks included."""
        with self.store.factory() as s:
            rows = self._entry_rows(s, period)
            out = []
            for task, _ in self.tasks():
                row = rows.get(self._task_pk[task.no])
                draft = (
                    self._blank(task.no, period)
                    if row is None
                    else self._draft_of(row, task.no, period)
                )
                out.append(self._saved(draft, row))
            return out

    def save_many(
        self, entries: Sequence[EntryDraft], indicators: Sequence[IndicatorDraft] = ()
    ) -> tuple[list[SavedEntry], list[SavedIndicator]]:
        """Several drafts in ONE transaction (a bulk load): all stored, or none."""
        entry_drafts = [self.normalise(d) for d in entries]
        indicator_drafts = [self.normalise_indicator(d) for d in indicators]
        with self.store.factory.begin() as s:
            saved = [self._save_in(s, d) for d in entry_drafts]
            saved_ind = [self._save_indicator_in(s, d) for d in indicator_drafts]
        return saved, saved_ind

    # -- copy from the previous period ----------------------------------------------------
    def copy_from_previous(
        self, period: str, task_nos: Iterable[int], *, overwrite: bool = False
    ) -> list[int]:
        """Prefill ``period`` from the previous one for the chosen tasks; returns those copied.

        A task already filled in ``period`` is kept unless ``overwrite``. One transaction.
        """
        wanted = list(dict.fromkeys(task_nos))
        for no in wanted:
            self._task(no)
        prev = self.catalog.previous_period(period)
        if prev is None:
            return []
        copied = []
        with self.store.factory.begin() as s:
            source = self._entry_rows(s, prev.code)
            here = self._entry_rows(s, period)
            for no in wanted:
                src = source.get(self._task_pk[no])
                if src is None:
                    continue
                draft = self._draft_of(src, no, prev.code)
                if not is_filled(draft):
                    continue
                dst = here.get(self._task_pk[no])
                if dst is not None and is_filled(self._draft_of(dst, no, period)) and not overwrite:
                    continue
                self._save_in(s, self.normalise(draft.with_changes(period=period)))
                copied.append(no)
        return copied

    # -- indicators -----------------------------------------------------------------------
    def normalise_indicator(self, draft: IndicatorDraft) -> IndicatorDraft:
        self._indicator(draft.no)
        self.period_pk(draft.period)
        return draft.with_changes(value=clean_text(draft.value), note=clean_text(draft.note))

    def _indicator_row(self, s: Session, no: int, period: str) -> IndicatorValue | None:
        return s.scalars(
            select(IndicatorValue).where(
                IndicatorValue.unit_id == self._unit_pk,
                IndicatorValue.indicator_id == self._indicator_pk[no],
                IndicatorValue.period_id == self.period_pk(period),
            )
        ).one_or_none()

    def _saved_indicator(self, draft: IndicatorDraft, row: IndicatorValue | None) -> SavedIndicator:
        info = self._indicator(draft.no)
        if row is None:
            return saved_indicator(info, draft, None, 0)
        return saved_indicator(info, draft, row.updated_at, row.revision)

    def load_indicator(self, no: int, period: str) -> SavedIndicator:
        self._indicator(no)
        with self.store.factory() as s:
            row = self._indicator_row(s, no, period)
            draft = IndicatorDraft(no, period)
            if row is not None:
                draft = IndicatorDraft(no, period, row.value or "", row.note)
            return self._saved_indicator(draft, row)

    def save_indicator(self, draft: IndicatorDraft) -> SavedIndicator:
        draft = self.normalise_indicator(draft)
        with self.store.factory.begin() as s:
            return self._save_indicator_in(s, draft)

    def _save_indicator_in(self, s: Session, draft: IndicatorDraft) -> SavedIndicator:
        row = self._indicator_row(s, draft.no, draft.period)
        if row is None:
            if not indicator_filled(draft):
                return self._saved_indicator(draft, None)
            row = IndicatorValue(
                unit_id=self._unit_pk,
                indicator_id=self._indicator_pk[draft.no],
                period_id=self.period_pk(draft.period),
                revision=0,
            )
            s.add(row)
        elif (row.value or "", row.note) == (draft.value, draft.note):
            return self._saved_indicator(draft, row)
        row.value, row.note = draft.value or None, draft.note
        row.revision += 1
        row.updated_at = self._clock()
        s.flush()
        return self._saved_indicator(draft, row)

    def list_indicators(self, period: str) -> list[SavedIndicator]:
        with self.store.factory() as s:
            rows = {
                r.indicator_id: r
                for r in s.scalars(
                    select(IndicatorValue).where(
                        IndicatorValue.unit_id == self._unit_pk,
                        IndicatorValue.period_id == self.period_pk(period),
                    )
                )
            }
            out = []
            for ind in self.indicators():
                row = rows.get(self._indicator_pk[ind.no])
                draft = IndicatorDraft(ind.no, period)
                if row is not None:
                    draft = IndicatorDraft(ind.no, period, row.value or "", row.note)
                out.append(self._saved_indicator(draft, row))
            return out

    # -- the period as a whole ------------------------------------------------------------
    def summary(
        self,
        period: str,
        entries: list[SavedEntry] | None = None,
        indicators: list[SavedIndicator] | None = None,
    ) -> PeriodSummary:
        """The period's counts and problems; ``entries`` and ``indicators``: the period's, when
        the caller has just read them (``list_period``, ``list_indicators``)."""
        entries = self.list_period(period) if entries is None else entries
        indicators = self.list_indicators(period) if indicators is None else indicators
        return period_summary(self.catalog, period, entries, indicators)

    def content_digest(self, period: str) -> str:
        """SHA-256 of the period's content as canonical JSON (``period_digest``)."""
        entries = [e.draft for e in self.list_period(period)]
        indicators = [i.draft for i in self.list_indicators(period)]
        return period_digest(self.unit_id, period, entries, indicators)

    def period_state(self, period: str) -> PeriodState:
        with self.store.factory() as s:
            newest = s.scalars(
                select(LocalSubmission)
                .where(
                    LocalSubmission.unit_id == self._unit_pk,
                    LocalSubmission.period_id == self.period_pk(period),
                )
                .order_by(LocalSubmission.version.desc())
                .limit(1)
            ).first()
            found = (
                None
                if newest is None
                else (newest.version, newest.created_at, newest.content_sha256)
            )
        return period_state(found, lambda: self.content_digest(period))

    # -- "back where they were" -----------------------------------------------------------
    def get_state(self, key: str) -> str | None:
        with self.store.factory() as s:
            row = s.get(Setting, key)
            return None if row is None else row.value

    def set_state(self, key: str, value: str | None) -> None:
        """Store (or with None forget) a small piece of UI state, in its own transaction."""
        with self.store.factory.begin() as s:
            row = s.get(Setting, key)
            if value is None:
                if row is not None:
                    s.delete(row)
            elif row is None:
                s.add(Setting(key=key, value=value))
            else:
                row.value = value
