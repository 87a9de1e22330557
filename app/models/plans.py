"""A plan's life in the store: its published revisions, its draft, what the clerk has seen.

``plan_revision`` keeps every published revision's plan file (the catalog rows mirror the
newest); ``plan_draft`` is the one editable working copy per plan (it may be invalid while
being edited, so it is kept as text); ``plan_seen`` (unit side) is the newest revision of each
plan the clerk has looked at, for "what changed since" (docs/design.md §1.3).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utcnow


class PlanRevision(Base):
    __tablename__ = "plan_revision"
    __table_args__ = (UniqueConstraint("plan_id", "revision"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int]
    content_hash: Mapped[str] = mapped_column(String(64))
    source_json: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(Text, default="")


class PlanDraft(Base):
    __tablename__ = "plan_draft"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), unique=True)
    revision: Mapped[int]  # the revision it becomes when published
    based_on: Mapped[int | None]  # the published revision it started from (None: a new plan)
    source_json: Mapped[str] = mapped_column(Text)  # the plan file's JSON, maybe invalid
    guesses_json: Mapped[str] = mapped_column(Text, default="[]")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PlanSeen(Base):
    __tablename__ = "plan_seen"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), unique=True)
    revision: Mapped[int]
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
