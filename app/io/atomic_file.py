"""Write a file so that a crash or a full disk leaves the old file or the new one, never half."""

from __future__ import annotations

import contextlib
import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

_TEMP_SUFFIX = re.compile(r"[0-9a-f]{8}\.tmp")  # what write_atomic names its temporary files


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` for the block to write (and flush to disk); renamed
    over ``path`` when the block ends, removed when it fails. A temporary file a killed
    earlier write left beside ``path`` is removed first (the import skips dot-files, so it
    was never mistaken for a submission)."""
    _remove_stale_temps(path)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(path.parent)


def write_atomic(path: Path, data: bytes) -> None:
    """``data`` into a temporary file in the same folder, flushed to disk, then renamed
    over ``path``."""
    with replacing(path) as tmp, open(tmp, "xb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _remove_stale_temps(path: Path) -> None:
    prefix = f".{path.name}."
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            rest = entry.name[len(prefix) :]
            if entry.name.startswith(prefix) and _TEMP_SUFFIX.fullmatch(rest):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a directory; NTFS journals the rename
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
