"""The office answers the units (docs/design.md §4), the office's side: its key, reviews, 督办
notices, the feedback files it issued, the audit log. What a unit install received from it is
in ``app.models.received`` (the clerk's start loads those tables only).

``office_key``, ``review`` / ``review_comment`` (a decision on one submission version; a newer
version has none, so it is pending again), ``notice`` (督办), ``feedback_issued`` (one row per
signed feedback file, numbered per unit), ``audit_log`` (append-only, each row holds the
SHA-256 of the one before it).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utcnow

REVIEW_STATES = ("accepted", "returned")  # no row: pending
NOTICE_STATES = ("open", "answered", "closed")  # overdue: open or answered past its due date


class OfficeKey(Base):
    """The office's Ed25519 key, sealed like a unit's (app.io.keys); one active."""

    __tablename__ = "office_key"
    __table_args__ = (CheckConstraint("status IN ('active','retired')", name="status"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    encrypted_private_key: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(16), default="active")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rotation_statement: Mapped[str | None] = mapped_column(Text)  # JSON signed by the old key


class Review(Base):
    """The office's decision on one submission version. ``row_version`` guards concurrent
    staff: a change names the version it saw, and loses if another changed it first."""

    __tablename__ = "review"
    __table_args__ = (CheckConstraint("state IN ('accepted','returned')", name="state"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submission.id", ondelete="CASCADE"), unique=True
    )
    state: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    row_version: Mapped[int] = mapped_column(default=1)


class ReviewComment(Base):
    __tablename__ = "review_comment"
    __table_args__ = (UniqueConstraint("review_id", "task_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)


class Notice(Base):
    """A 督办 notice on a unit's task: open → answered (a signed submission carried the
    unit's response) → closed by the office; overdue is derived from ``due``."""

    __tablename__ = "notice"
    __table_args__ = (
        CheckConstraint("state IN ('open','answered','closed')", name="state"),
        Index("ix_notice_unit_state", "unit_id", "state"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"))
    period_id: Mapped[int | None] = mapped_column(ForeignKey("period.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    due: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(Text, default="")
    response: Mapped[str | None] = mapped_column(Text)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    response_submission_id: Mapped[int | None] = mapped_column(
        ForeignKey("submission.id", ondelete="SET NULL")
    )
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by: Mapped[str | None] = mapped_column(Text)


class FeedbackIssued(Base):
    """A signed feedback file the office wrote for one unit; ``sequence`` orders them."""

    __tablename__ = "feedback_issued"
    __table_args__ = (UniqueConstraint("unit_id", "sequence"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    sequence: Mapped[int]
    period_id: Mapped[int | None] = mapped_column(ForeignKey("period.id", ondelete="SET NULL"))
    file_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(Text, default="")


class AuditEntry(Base):
    """Append-only; ``sha256`` = SHA-256 over (prev_sha256, at, actor, action, subject,
    details), so editing or deleting a row breaks the chain (``office audit verify``)."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(Text, default="")
    action: Mapped[str] = mapped_column(String(40), index=True)
    subject: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[str] = mapped_column(Text, default="{}")  # canonical JSON
    prev_sha256: Mapped[str] = mapped_column(String(64))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
