"""Export a period: validate, sign and write the unit's submission workbook.

The version and the per-unit sequence number are reserved in one transaction before the file
is written, and the export is recorded in another after it was written atomically; a failure
in between leaves no file and at most an unused sequence number (harmless: the office only
requires sequences to grow with versions). The reserved version is kept too (a ``Setting``):
a crash after the file was written but before it was recorded leaves a valid file of that
version, and the next export must not make a second, different file with the same version
(the office would refuse it). A write that fails cleanly gives its version back.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app import __version__
from app.domain.catalog import Catalog
from app.domain.entry_rules import FieldError, parse_decimal
from app.domain.payload import PayloadEntry, PayloadIndicator, PayloadResponse, SubmissionPayload
from app.io import keys
from app.io.submission_writer import write_submission
from app.models import LocalSubmission, Period, Plan, Setting, Unit, UnitProfile
from app.models.base import utcnow
from app.models.store import Store
from app.services.entries import EntryService
from app.services.export_numbering import reserved_version_key
from app.services.feedback.answers import open_responses
from app.services.unit_keys import unlock_key
from app.services.unit_setup import UnitProfileInfo, UnitSetupError, active_key, get_profile


class ExportRefused(Exception):
    """The period is not ready: ``errors`` lists what to fix (each names its task and field)."""

    def __init__(self, errors: tuple[FieldError, ...]) -> None:
        super().__init__(f"{len(errors)} 个错误需要先修正")
        self.errors = errors


class ExportFailed(Exception):
    """The file could not be written (disk full, locked, no permission); nothing was left."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    period: str
    version: int
    sequence: int
    submission_id: str
    file_sha256: str
    fingerprint: str
    created_at: datetime


def default_file_name(unit_short_name: str, period: str, version: int) -> str:
    return f"{period}_{unit_short_name}_v{version}.xlsx"


def build_payload(
    service: EntryService,
    period: str,
    *,
    version: int,
    sequence: int,
    submission_id: str,
    created_at: datetime,
    clerk: str,
    contact: str,
    responses: tuple[tuple[int, str], ...] = (),
) -> SubmissionPayload:
    catalog = service.catalog
    entries = tuple(
        PayloadEntry(
            task=e.draft.task_no,
            status=e.draft.status,
            percent=e.draft.percent,
            progress=e.draft.progress,
            problems=e.draft.problems,
            next_steps=e.draft.next_steps,
            targets=tuple((name, parse_decimal(text)) for name, text in e.draft.targets),
        )
        for e in service.list_period(period)
    )
    indicators = tuple(
        PayloadIndicator(no=i.draft.no, value=parse_decimal(i.draft.value), note=i.draft.note)
        for i in service.list_indicators(period)
        if i.filled
    )
    unit = catalog.unit(service.unit_id)
    return SubmissionPayload(
        plan_code=catalog.code,
        plan_hash=catalog.content_hash,
        plan_revision=catalog.revision,
        unit_id=unit.id,
        unit_name=unit.name,
        period=period,
        version=version,
        sequence=sequence,
        submission_id=submission_id,
        created_at=created_at,
        app_version=__version__,
        clerk=clerk,
        contact=contact,
        entries=entries,
        indicators=indicators,
        responses=tuple(PayloadResponse(notice, text) for notice, text in responses),
    )


def _ready(store: Store, catalog: Catalog, period: str) -> tuple[UnitProfileInfo, EntryService]:
    """The unit and its entries, when the period has no errors left (else ExportRefused)."""
    profile = get_profile(store, catalog)
    if profile is None:
        raise UnitSetupError("本机尚未设置填报单位，请先完成设置（unit init）")
    catalog.period(period)  # KeyError for an unknown period
    service = EntryService(store, catalog, profile.unit_id)
    errors = service.summary(period).errors
    if errors:
        raise ExportRefused(errors)
    return profile, service


def _period_pk(s: Session, catalog: Catalog, period: str) -> int | None:
    """The period's row of this plan (period codes are unique only within a plan)."""
    return s.scalar(
        select(Period.id)
        .join(Plan, Plan.id == Period.plan_id)
        .where(Plan.code == catalog.code, Period.code == period)
    )


def _reserve(store: Store, catalog: Catalog, period: str, key: str) -> tuple[int, int]:
    """The next version of the period and the next sequence of the unit, in one transaction."""
    with store.factory.begin() as s:
        profile = s.scalars(select(UnitProfile).order_by(UnitProfile.id)).first()
        if profile is None:
            raise UnitSetupError("本机尚未设置填报单位")
        period_pk = _period_pk(s, catalog, period)
        newest = s.scalar(
            select(func.max(LocalSubmission.version)).where(
                LocalSubmission.unit_id == profile.unit_id,
                LocalSubmission.period_id == period_pk,
            )
        )
        used = s.scalar(
            select(func.max(LocalSubmission.sequence)).where(
                LocalSubmission.unit_id == profile.unit_id
            )
        )
        sequence = max(profile.next_sequence, (used or 0) + 1)
        profile.next_sequence = sequence + 1
        reserved = s.get(Setting, key)
        version = max(newest or 0, int(reserved.value) if reserved else 0) + 1
        if reserved is None:
            s.add(Setting(key=key, value=str(version)))
        else:
            reserved.value = str(version)
        return version, sequence


def _release(store: Store, key: str, version: int) -> None:
    """Give a version back when no file of it can exist (the write failed cleanly)."""
    # If even this fails (a full disk), the version stays used: a gap the office accepts.
    with contextlib.suppress(SQLAlchemyError), store.factory.begin() as s:
        reserved = s.get(Setting, key)
        if reserved is not None and reserved.value == str(version):
            reserved.value = str(version - 1)


def export_period(
    store: Store,
    catalog: Catalog,
    period: str,
    out: Path,
    passphrase: str,
    *,
    clock: Callable[[], datetime] = utcnow,
) -> ExportResult:
    """Validate, sign and write ``out``; raises ExportRefused, WrongPassphrase, ExportFailed."""
    profile, service = _ready(store, catalog, period)
    private = unlock_key(store, passphrase)  # WrongPassphrase before anything is reserved
    key = active_key(store)
    reserve_key = reserved_version_key(profile.unit_id, period)
    version, sequence = _reserve(store, catalog, period, reserve_key)
    row = LocalSubmission(
        version=version,
        sequence=sequence,
        uuid=str(uuid.uuid4()),
        content_sha256=service.content_digest(period),
        path=str(Path(out).resolve()),
        fingerprint=key.fingerprint,
        created_at=clock().replace(microsecond=0),
        plan_revision=catalog.revision,
    )
    payload = build_payload(
        service,
        period,
        version=version,
        sequence=sequence,
        submission_id=row.uuid,
        created_at=row.created_at,
        clerk=profile.clerk,
        contact=profile.contact,
        responses=open_responses(store),  # the clerk's answers to the office's notices
    )
    out = Path(out)
    try:
        row.file_sha256 = write_submission(
            out, payload, catalog, key.public_key, lambda b: keys.sign(private, b)
        )
    except OSError as exc:
        _release(store, reserve_key, version)
        raise ExportFailed(f"无法写入 {out}：{exc.strerror or exc}") from exc
    except BaseException:
        _release(store, reserve_key, version)
        raise
    try:
        _record(store, catalog, profile.unit_id, period, row)
    except Exception:
        out.unlink(missing_ok=True)  # an unrecorded file would reuse its version next time
        _release(store, reserve_key, version)
        raise
    return ExportResult(
        out, period, version, sequence, row.uuid, row.file_sha256, key.fingerprint, row.created_at
    )


def _record(
    store: Store, catalog: Catalog, unit_id: str, period: str, row: LocalSubmission
) -> None:
    """Remember the written file (its unit and period rows looked up in the same transaction)."""
    with store.factory.begin() as s:
        unit_pk = s.scalar(select(Unit.id).where(Unit.code == unit_id))
        period_pk = _period_pk(s, catalog, period)
        assert unit_pk is not None and period_pk is not None
        row.unit_id, row.period_id = unit_pk, period_pk
        s.add(row)
