"""The audit log as the office-files services write it: one row inside the caller's transaction
(app.services.audit, docs/design.md §4)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from app.services import audit


def record(s: Session, actor: str, action: str, subject: str, details: Mapping[str, Any]) -> None:
    audit.record(s, actor=actor, action=action, subject=subject, details=dict(details))
