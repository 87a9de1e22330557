"""``unit`` sub-commands (filled in by the unit features)."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    return None
