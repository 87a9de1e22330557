"""Who this install reports as: the unit and its clerk (no SQLAlchemy: the first view reads it
too, docs/design.md §6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class UnitProfileInfo:
    unit_id: str
    unit_name: str
    short_name: str
    clerk: str
    contact: str
    fingerprint: str
    created_at: datetime
    key_created_at: datetime | None = None
