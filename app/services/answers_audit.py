"""The audit log as the office-files services write it: one row inside the caller's transaction
(app.services.audit, docs/design.md §4). Until that module is present in this branch, nothing
is recorded."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session


def record(s: Session, actor: str, action: str, subject: str, details: Mapping[str, Any]) -> None:
    try:
        audit = importlib.import_module("app.services.audit")
    except ModuleNotFoundError:  # pragma: no cover - before wt-officecore is merged
        return
    audit.record(s, actor=actor, action=action, subject=subject, details=dict(details))
