"""The unit clerk's store: profile, signing key, progress entries, local submission records."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, utcnow

ENTRY_STATUSES = ("not_started", "in_progress", "completed", "delayed")


class Setting(Base):
    """Small key/value state that must survive a crash with the data (e.g. last position)."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class UnitProfile(Base):
    """This install's unit and clerk (one row on a unit install)."""

    __tablename__ = "unit_profile"
    id: Mapped[int] = mapped_column(primary_key=True)
    # the unit across plans: the install reports in every plan that lists it
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    clerk: Mapped[str] = mapped_column(Text)
    contact: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    next_sequence: Mapped[int] = mapped_column(Integer, default=1)


class SigningKey(Base):
    """The unit's Ed25519 key: public part in the clear, private part AES-GCM under scrypt."""

    __tablename__ = "signing_key"
    __table_args__ = (CheckConstraint("status IN ('active','retired')", name="status"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    encrypted_private_key: Mapped[bytes] = mapped_column(LargeBinary)  # sealed envelope (io.keys)
    status: Mapped[str] = mapped_column(String(16), default="active")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rotation_statement: Mapped[str | None] = mapped_column(Text)  # JSON signed by the old key


class Entry(Base):
    """A unit's progress on one task in one period (a draft until exported)."""

    __tablename__ = "entry"
    __table_args__ = (
        UniqueConstraint("unit_id", "task_id", "period_id"),
        CheckConstraint(
            "status IN ('not_started','in_progress','completed','delayed')", name="status"
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="not_started")
    percent: Mapped[int | None]
    progress: Mapped[str] = mapped_column(Text, default="")
    problems: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revision: Mapped[int] = mapped_column(default=1)
    target_values: Mapped[list[EntryTargetValue]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )


class EntryTargetValue(Base):
    """The actual reached for one numeric target of the entry's task (exact decimal text)."""

    __tablename__ = "entry_target_value"
    __table_args__ = (UniqueConstraint("entry_id", "target_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entry.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("target.id", ondelete="CASCADE"))
    value: Mapped[str | None] = mapped_column(String(40))  # raw text kept if not a number


class IndicatorValue(Base):
    __tablename__ = "indicator_value"
    __table_args__ = (UniqueConstraint("unit_id", "indicator_id", "period_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id", ondelete="CASCADE"))
    value: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revision: Mapped[int] = mapped_column(default=1)


class LocalSubmission(Base):
    """One exported, signed submission file (version N of a period)."""

    __tablename__ = "local_submission"
    __table_args__ = (
        UniqueConstraint("unit_id", "period_id", "version"),
        UniqueConstraint("unit_id", "sequence"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id", ondelete="CASCADE"))
    version: Mapped[int]
    sequence: Mapped[int]
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    file_sha256: Mapped[str] = mapped_column(String(64))
    content_sha256: Mapped[str] = mapped_column(String(64))  # entries only: "changed since vN"
    plan_revision: Mapped[int] = mapped_column(default=1)  # of the period's plan, when signed
    path: Mapped[str] = mapped_column(Text)
    fingerprint: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
