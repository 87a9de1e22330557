"""The audit log as the office-files services write it: one row inside the caller's transaction
(app.services.audit, docs/design.md §4)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.services import audit


def record(s: Session, actor: str, action: str, subject: str, details: Mapping[str, Any]) -> None:
    audit.record(s, actor=actor, action=action, subject=subject, details=dict(details))


def lock_for_writes(s: Session) -> None:
    """Before a transaction's first read when it numbers or appends (feedback sequences, the
    audit chain): SQLite's write lock; on PostgreSQL the audit log's advisory lock, which
    ``record`` takes again later in the same transaction (it is re-entrant), so two staff
    writing feedback at once take turns instead of one failing on a duplicate number."""
    c = s.connection()
    if c.dialect.name == "postgresql":
        c.execute(text(f"SELECT pg_advisory_xact_lock({audit.AUDIT_LOCK})"))
    else:
        audit.write_lock(s)
