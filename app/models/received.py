"""What a unit install received from the office (docs/design.md §4): ``office_trust`` (the
office keys the clerk trusts; one active), ``feedback_received`` (every applied feedback file,
for idempotence and order), ``received_review`` / ``received_comment``, ``receipt``,
``received_notice`` (with the clerk's response). The office's own side is ``app.models.answers``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utcnow


class OfficeTrust(Base):
    """An office key the clerk trusts (by fingerprint); a rotation replaces the active one."""

    __tablename__ = "office_trust"
    __table_args__ = (CheckConstraint("status IN ('active','replaced')", name="status"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="active")
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    replaced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rotation_statement: Mapped[str | None] = mapped_column(Text)


class FeedbackReceived(Base):
    __tablename__ = "feedback_received"
    id: Mapped[int] = mapped_column(primary_key=True)
    file_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    sequence: Mapped[int]
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    fingerprint: Mapped[str] = mapped_column(String(64))


class ReceivedReview(Base):
    """The office's newest decision on this unit's period, as the feedback told it."""

    __tablename__ = "received_review"
    __table_args__ = (
        UniqueConstraint("unit_id", "period_id"),
        CheckConstraint("state IN ('pending','accepted','returned')", name="state"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id", ondelete="CASCADE"))
    version: Mapped[int]
    state: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    feedback_sequence: Mapped[int]


class ReceivedComment(Base):
    __tablename__ = "received_comment"
    __table_args__ = (UniqueConstraint("received_review_id", "task_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    received_review_id: Mapped[int] = mapped_column(
        ForeignKey("received_review.id", ondelete="CASCADE"), index=True
    )
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)


class Receipt(Base):
    """The office received and accepted this version (its file's SHA-256)."""

    __tablename__ = "receipt"
    __table_args__ = (UniqueConstraint("unit_id", "period_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id", ondelete="CASCADE"))
    version: Mapped[int]
    file_sha256: Mapped[str] = mapped_column(String(64))
    accepted_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ReceivedNotice(Base):
    """A 督办 notice as the feedback told it, and the clerk's response to it."""

    __tablename__ = "received_notice"
    __table_args__ = (
        UniqueConstraint("unit_id", "office_notice_id"),
        CheckConstraint("state IN ('open','answered','closed')", name="state"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    office_notice_id: Mapped[int]
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"))
    period_id: Mapped[int | None] = mapped_column(ForeignKey("period.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    due: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(16), default="open")
    feedback_sequence: Mapped[int]
    response: Mapped[str] = mapped_column(Text, default="")
    response_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
