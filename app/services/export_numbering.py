"""The unit's export numbering: the next sequence number and, per period, the highest version
used or reserved. A key backup carries it, so a new PC continues where the old one stopped
(the office refuses a reused sequence number and keeps the highest version current)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.payload import SubmissionPayload
from app.io.key_backup import ExportCounters
from app.models import LocalSubmission, Period, Setting, Unit, UnitProfile
from app.models.store import Store
from app.services.unit_setup import UnitSetupError, require_profile

__all__ = [
    "catch_up_counters",
    "export_counters",
    "numbering",
    "raise_numbering",
    "reserved_version_key",
]


def reserved_version_key(unit_id: str, period: str) -> str:
    """The ``Setting`` holding a period's reserved version (app.services.export reserves it)."""
    return f"export.reserved_version.{unit_id}.{period}"


def numbering(s: Session, profile: UnitProfile, unit: Unit) -> ExportCounters:
    """The numbering as export would continue it: used sequences and versions, reservations."""
    used = s.scalar(
        select(func.max(LocalSubmission.sequence)).where(LocalSubmission.unit_id == unit.id)
    )
    versions: dict[str, int] = {}
    rows = s.execute(
        select(Period.code, func.max(LocalSubmission.version))
        .join(LocalSubmission, LocalSubmission.period_id == Period.id)
        .where(LocalSubmission.unit_id == unit.id)
        .group_by(Period.code)
    ).all()
    for code, version in rows:
        versions[code] = int(version)
    prefix = reserved_version_key(unit.code, "")
    for row in s.scalars(select(Setting).where(Setting.key.startswith(prefix, autoescape=True))):
        period, reserved = row.key[len(prefix) :], _int_or_zero(row.value)
        if reserved > versions.get(period, 0):
            versions[period] = reserved
    return ExportCounters(
        max(profile.next_sequence, (used or 0) + 1), dict(sorted(versions.items()))
    )


def _int_or_zero(text: str) -> int:
    try:
        return max(int(text), 0)
    except ValueError:
        return 0


def raise_numbering(s: Session, profile: UnitProfile, unit: Unit, counters: ExportCounters) -> None:
    """Take numbers from elsewhere (a backup, old exports) where they are higher than ours."""
    profile.next_sequence = max(profile.next_sequence, counters.next_sequence)
    # Versions are kept per period code across the store's plans: two plans sharing a code
    # (a city's and a district's 2016Q1) then share one count, which at worst skips numbers.
    known = set(s.scalars(select(Period.code)))
    for period, version in counters.versions.items():
        if period not in known:  # a period of no plan here: nothing can reuse its numbers
            continue
        key = reserved_version_key(unit.code, period)
        row = s.get(Setting, key)
        if row is None:
            s.add(Setting(key=key, value=str(version)))
        elif version > _int_or_zero(row.value):
            row.value = str(version)


def export_counters(store: Store) -> ExportCounters:
    """This install's numbering (what a key backup carries)."""
    with store.factory() as s:
        profile, unit = require_profile(s)
        return numbering(s, profile, unit)


def catch_up_counters(store: Store, files: Sequence[Path]) -> ExportCounters:
    """Raise the numbering past earlier exported submission files (or folders of them).

    For a new PC whose key backup predates the last exports: the clerk's own files still say
    which versions and sequence numbers the office has seen. Each file's signature is checked
    (by the key inside it: a retired key of the unit is fine), so a damaged file is refused.
    """
    from app.io.submission_reader import SubmissionRejected
    from app.services.parse_pool import expand_paths

    paths = expand_paths(files)
    if not paths:
        raise UnitSetupError("没有找到以前导出的报送文件（.xlsx）")
    with store.factory() as s:
        _, unit = require_profile(s)
        unit_code = unit.code
    found = ExportCounters(1, {})
    for path in paths:
        name = Path(path).name
        try:
            payload = _exported_payload(path)
        except SubmissionRejected as exc:
            raise UnitSetupError(f"{name}：{exc}") from exc
        except OSError as exc:
            raise UnitSetupError(f"无法读取 {name}：{exc.strerror or exc}") from exc
        if payload.unit_id != unit_code:
            raise UnitSetupError(f"{name} 是另一个单位（{payload.unit_name}）的报送文件")
        found = found.merged(
            ExportCounters(payload.sequence + 1, {payload.period: payload.version})
        )
    with store.factory.begin() as s:
        profile, unit = require_profile(s)
        raise_numbering(s, profile, unit, found)
        s.flush()
        return numbering(s, profile, unit)


def _exported_payload(path: str) -> SubmissionPayload:
    """The payload of one of the clerk's exported files, of this format or the first one
    (exported before every part was signed: their numbers still count)."""
    from app.io.legacy_submission import legacy_payload
    from app.io.submission_reader import SubmissionRejected, verify_submission

    try:
        return verify_submission(path, None).payload
    except SubmissionRejected as exc:
        if exc.code != "old_format":
            raise
    return legacy_payload(path)
