"""Reading an untrusted file whole, but never more than a limit: one refusal vocabulary."""

from __future__ import annotations

import logging
from pathlib import Path

from app.domain.messages import Refusal

log = logging.getLogger(__name__)


def read_bounded(path: Path, limit: int, too_large: str) -> bytes:
    """The file's bytes; ``Refusal`` when it is missing, unreadable or over ``limit`` bytes
    (``too_large``: the refusal code, given ``limit`` in MB)."""
    try:
        with Path(path).open("rb") as f:
            data = f.read(limit + 1)
    except FileNotFoundError as exc:
        raise Refusal("file_missing", path=str(path)) from exc
    except OSError as exc:
        log.warning("cannot read %s", path, exc_info=True)
        raise Refusal("file_unreadable", detail=exc.strerror or str(exc)) from exc
    if len(data) > limit:
        raise Refusal(too_large, limit=f"{limit // (1024 * 1024)} MB")
    return data
