"""Reading an untrusted file whole, but never more than a limit: one refusal vocabulary."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import BinaryIO

from app.domain.messages import Refusal

log = logging.getLogger(__name__)


def read_at_most(f: BinaryIO, limit: int) -> bytes:
    """The rest of an open file, but no more than ``limit + 1`` bytes (one more than allowed
    tells the caller it is too large). ``read(limit + 1)`` alone would first allocate the
    whole limit for every file (a 20 MB map, grown and shrunk by the kernel: ~0.03 ms of each
    imported submission); the file's size is asked first, and a file that grows meanwhile,
    or has no size (a pipe), is still read up to the limit."""
    try:
        size = os.fstat(f.fileno()).st_size
    except (OSError, ValueError, AttributeError):  # no descriptor: an in-memory file
        size = limit
    data = f.read(min(max(size, 0), limit) + 1)
    if size < len(data) <= limit:  # more than its size said: read on, up to the limit
        data += f.read(limit + 1 - len(data))
    return data


def read_bounded(path: Path, limit: int, too_large: str) -> bytes:
    """The file's bytes; ``Refusal`` when it is missing, unreadable or over ``limit`` bytes
    (``too_large``: the refusal code, given ``limit`` in MB)."""
    try:
        with Path(path).open("rb") as f:
            data = read_at_most(f, limit)
    except FileNotFoundError as exc:
        raise Refusal("file_missing", path=str(path)) from exc
    except OSError as exc:
        log.warning("cannot read %s", path, exc_info=True)
        raise Refusal("file_unreadable", detail=exc.strerror or str(exc)) from exc
    if len(data) > limit:
        raise Refusal(too_large, limit=f"{limit // (1024 * 1024)} MB")
    return data
