"""The plan catalog rows: the newest published revision of each plan in the store.

Several plans live in one store (docs/design.md §1). A plan's catalog rows mirror its newest
published revision (``plan_revision`` keeps every revision's content); a revision updates them
in place, matched by task number, target name, indicator number, period code, section number,
group name and unit code, so entries keep pointing at their rows. A row a revision drops is
kept with ``removed_in`` set (the revision that removed it): hidden from new entry, kept for
the entries and submissions of earlier periods.

A unit is one row per store (``unit.code`` is the plan file's unit id, unique): its profile,
its signing keys and the office's trusted keys name the unit, not one plan's listing of it,
so they keep working when the next year's plan lists the same unit. ``plan_unit`` says which
plans list it and under what names.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base


class Plan(Base):
    __tablename__ = "plan"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(Text)
    year: Mapped[int]
    # the newest published revision (0: never published; then the two texts are empty)
    revision: Mapped[int] = mapped_column(default=0)
    content_hash: Mapped[str] = mapped_column(String(64))
    source_json: Mapped[str] = mapped_column(Text)  # that revision's plan file


class Section(Base):
    __tablename__ = "section"
    __table_args__ = (UniqueConstraint("plan_id", "no"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    no: Mapped[int]
    title: Mapped[str] = mapped_column(Text)
    removed_in: Mapped[int | None]  # the revision that dropped it (kept for history)


class Unit(Base):
    """A member unit across plans: identity by code, names as the newest plan gives them."""

    __tablename__ = "unit"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)  # the plan file's unit id
    name: Mapped[str] = mapped_column(Text)
    short_name: Mapped[str] = mapped_column(Text)


class PlanUnit(Base):
    """A plan's listing of a unit: its names and aliases there, whether it reports."""

    __tablename__ = "plan_unit"
    __table_args__ = (UniqueConstraint("plan_id", "unit_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int]
    name: Mapped[str] = mapped_column(Text)
    short_name: Mapped[str] = mapped_column(Text)
    reports: Mapped[bool] = mapped_column(default=True)
    removed_in: Mapped[int | None]
    aliases: Mapped[list[UnitAlias]] = relationship(
        cascade="all, delete-orphan", order_by="UnitAlias.id"
    )


class UnitAlias(Base):
    __tablename__ = "unit_alias"
    __table_args__ = (UniqueConstraint("plan_unit_id", "alias"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_unit_id: Mapped[int] = mapped_column(
        ForeignKey("plan_unit.id", ondelete="CASCADE"), index=True
    )
    alias: Mapped[str] = mapped_column(Text)


class UnitGroup(Base):
    """各成员单位, 各相关单位 …: assignments kept as named groups, not expanded silently."""

    __tablename__ = "unit_group"
    __table_args__ = (UniqueConstraint("plan_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    removed_in: Mapped[int | None]


class Task(Base):
    __tablename__ = "task"
    __table_args__ = (UniqueConstraint("plan_id", "no"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("section.id", ondelete="CASCADE"))
    no: Mapped[int]
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    removed_in: Mapped[int | None]
    assignments: Mapped[list[Assignment]] = relationship(
        cascade="all, delete-orphan", order_by="Assignment.seq"
    )
    targets: Mapped[list[Target]] = relationship(
        cascade="all, delete-orphan", order_by="Target.seq"
    )


class Assignment(Base):
    __tablename__ = "assignment"
    __table_args__ = (
        CheckConstraint("role IN ('lead','responsible','support')", name="role"),
        CheckConstraint("(unit_id IS NULL) <> (group_id IS NULL)", name="unit_or_group"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int]
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("unit_group.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(16))


class Target(Base):
    __tablename__ = "target"
    __table_args__ = (
        UniqueConstraint("task_id", "name"),
        CheckConstraint("comparator IN ('>=','<=','=','range')", name="comparator"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int]
    name: Mapped[str] = mapped_column(Text)
    comparator: Mapped[str] = mapped_column(String(8))
    value: Mapped[str] = mapped_column(String(40))  # exact decimal text
    value_max: Mapped[str | None] = mapped_column(String(40))
    unit_of_measure: Mapped[str] = mapped_column(Text, default="")
    removed_in: Mapped[int | None]


class Indicator(Base):
    __tablename__ = "indicator"
    __table_args__ = (
        UniqueConstraint("plan_id", "no"),
        CheckConstraint("comparator IN ('>=','<=','=','range')", name="comparator"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    no: Mapped[int]
    name: Mapped[str] = mapped_column(Text)
    comparator: Mapped[str] = mapped_column(String(8))
    value: Mapped[str] = mapped_column(String(40))
    value_max: Mapped[str | None] = mapped_column(String(40))
    unit_of_measure: Mapped[str] = mapped_column(Text, default="")
    owner_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="SET NULL"))
    removed_in: Mapped[int | None]


class Period(Base):
    """A reporting period; its dates and due date are plan data (a revision may move them)."""

    __tablename__ = "period"
    __table_args__ = (UniqueConstraint("plan_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text, default="")
    seq: Mapped[int]
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date] = mapped_column(Date)
    due: Mapped[date] = mapped_column(Date)
    removed_in: Mapped[int | None]
