"""The office's store: trusted keys, every imported submission version, the import log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utcnow

OUTCOMES = ("accepted", "superseded", "duplicate", "rejected")


class TrustedKey(Base):
    __tablename__ = "trusted_key"
    __table_args__ = (CheckConstraint("status IN ('active','revoked','rotated')", name="status"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    clerk: Mapped[str] = mapped_column(Text, default="")
    key_created_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(16), default="active")
    revoked_from: Mapped[datetime | None] = mapped_column(UTCDateTime)
    replaces_key_id: Mapped[int | None] = mapped_column(ForeignKey("trusted_key.id"))
    note: Mapped[str] = mapped_column(Text, default="")


class Submission(Base):
    """Every verified version ever imported; ``is_current`` marks the one in force: the
    highest (version, sequence, signed_sha256) of its unit and period (design §3)."""

    __tablename__ = "submission"
    __table_args__ = (
        UniqueConstraint("file_sha256"),
        # one row per signed content of a unit; the submission id alone is the unit's word,
        # so another unit can never take it away (issue 12)
        UniqueConstraint("unit_id", "signed_sha256"),
        Index("ix_submission_unit_period", "unit_id", "period_id"),
        Index("ix_submission_unit_uuid", "unit_id", "uuid"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id", ondelete="CASCADE"))
    version: Mapped[int]
    sequence: Mapped[int]
    file_sha256: Mapped[str] = mapped_column(String(64))
    # SHA-256 of the signed document (manifest and payload): equal for two files that differ
    # only in how they are packed; orders versions of one number (conflicts) deterministically
    signed_sha256: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(Text, default="")
    fingerprint: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[int | None] = mapped_column(ForeignKey("trusted_key.id"))
    clerk: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str] = mapped_column(Text, default="")
    app_version: Mapped[str] = mapped_column(String(32), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)  # signed time in the payload
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    is_current: Mapped[bool] = mapped_column(default=False, index=True)
    payload: Mapped[str] = mapped_column(Text)  # the verified canonical JSON
    # the plan revision the unit filled it against (the period names the plan); older than
    # the plan's revision at import: accepted and marked (docs/design.md §1.3)
    plan_revision: Mapped[int] = mapped_column(default=1)


class SubmissionEntry(Base):
    __tablename__ = "submission_entry"
    __table_args__ = (UniqueConstraint("submission_id", "task_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submission.id", ondelete="CASCADE"), index=True
    )
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    percent: Mapped[int | None]
    progress: Mapped[str] = mapped_column(Text, default="")
    problems: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    targets: Mapped[str] = mapped_column(Text, default="{}")  # JSON {target name: "decimal"}


class SubmissionIndicator(Base):
    __tablename__ = "submission_indicator"
    __table_args__ = (UniqueConstraint("submission_id", "indicator_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submission.id", ondelete="CASCADE"), index=True
    )
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    value: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="")


class ImportLog(Base):
    """One line per file per import attempt, kept for the record."""

    __tablename__ = "import_log"
    __table_args__ = (
        CheckConstraint(
            "outcome IN ('accepted','superseded','duplicate','rejected')", name="outcome"
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    batch: Mapped[str] = mapped_column(String(36), index=True)
    file_path: Mapped[str] = mapped_column(Text)
    file_sha256: Mapped[str | None] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")  # in Chinese, as it was said
    # the reason as a Message (app.domain.messages): rendered in the interface's language
    reason_code: Mapped[str | None] = mapped_column(String(48))
    reason_params: Mapped[str | None] = mapped_column(Text)  # JSON object of text values
    unit_code: Mapped[str | None] = mapped_column(String(32))
    period_code: Mapped[str | None] = mapped_column(String(16))
    version: Mapped[int | None]
    plan_code: Mapped[str | None] = mapped_column(String(64))
    plan_revision: Mapped[int | None]
    older_revision: Mapped[bool] = mapped_column(default=False)  # accepted, marked
    fingerprint: Mapped[str | None] = mapped_column(String(64))
    submission_id: Mapped[int | None] = mapped_column(
        ForeignKey("submission.id", ondelete="SET NULL")
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AssessmentRule(Base):
    """An annual-assessment scoring rule the office can see and change (plan 三(三))."""

    __tablename__ = "assessment_rule"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(Text)
    weight: Mapped[str] = mapped_column(String(16))  # decimal text
    params: Mapped[str] = mapped_column(Text, default="{}")
    enabled: Mapped[bool] = mapped_column(default=True)
