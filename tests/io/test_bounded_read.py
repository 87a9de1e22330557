"""Reading an untrusted file up to a limit (app.io.bounded_read.read_at_most): every byte up
to the limit, one more to say "too large", and memory for the file, not for the limit."""

from __future__ import annotations

import io
import os
import threading
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from app.domain.messages import Refusal
from app.io import bounded_read
from app.io.bounded_read import read_at_most, read_bounded
from app.io.package_errors import PackageRejected
from app.io.package_zip import load
from app.services.catalog import default_catalog
from app.services.parse_pool import verify_path

LIMIT = 64 * 1024 * 1024


def test_a_small_file_is_read_whole_without_allocating_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "small.xlsx"
    path.write_bytes(b"PK" + bytes(range(256)) * 40)
    tracemalloc.start()
    try:
        with path.open("rb") as f:
            data = read_at_most(f, LIMIT)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert data == path.read_bytes()
    assert peak < 1024 * 1024  # read(LIMIT + 1) allocates 64 MB first


def _peak(fn: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_readers_of_hostile_files_allocate_for_the_file_not_the_limit(tmp_path: Path) -> None:
    """The importer reads thousands of files: each used to cost a 20 MB allocation."""
    path = tmp_path / "small.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"not a zip" * 100)
    assert _peak(lambda: load(path)) < 1024 * 1024
    assert _peak(lambda: read_bounded(path, LIMIT, "plan_doc_too_large")) < 1024 * 1024
    assert _peak(lambda: verify_path(str(path), default_catalog())) < 4 * 1024 * 1024


@pytest.mark.parametrize(("size", "got"), [(0, 0), (99, 99), (100, 100), (101, 101), (5000, 101)])
def test_at_most_one_byte_more_than_the_limit(tmp_path: Path, size: int, got: int) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * size)
    with path.open("rb") as f:
        assert len(read_at_most(f, 100)) == got


def test_a_file_that_grows_after_its_size_was_asked_is_read_up_to_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "growing"
    path.write_bytes(b"a" * 10)
    real_fstat = os.fstat

    def fstat_then_grow(fd: int) -> os.stat_result:
        st = real_fstat(fd)  # 10 bytes; the writer appends right after the reader asked
        with path.open("ab") as writer:
            writer.write(b"b" * 50)
        return st

    monkeypatch.setattr(bounded_read.os, "fstat", fstat_then_grow)
    with path.open("rb") as f:
        assert read_at_most(f, 40) == b"a" * 10 + b"b" * 31  # the limit + 1: too large
    with path.open("rb") as f:
        assert read_at_most(f, 100) == b"a" * 10 + b"b" * 91  # 110 bytes by now: 101 read


def test_a_pipe_without_a_size_is_read_to_its_end(tmp_path: Path) -> None:
    read_fd, write_fd = os.pipe()
    payload = b"z" * 70_000  # more than a pipe's buffer: the writer must be read as it goes

    def write() -> None:
        with os.fdopen(write_fd, "wb") as w:
            w.write(payload)

    writer = threading.Thread(target=write)
    writer.start()
    with os.fdopen(read_fd, "rb") as f:
        data = read_at_most(f, LIMIT)
    writer.join()
    assert data == payload


def test_an_in_memory_file_is_read_too() -> None:
    assert read_at_most(io.BytesIO(b"abc"), 2) == b"abc"
    assert read_at_most(io.BytesIO(b"ab"), 2) == b"ab"


def test_the_readers_refuse_what_is_over_their_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b"{}" * 600_000)
    with pytest.raises(Refusal) as info:
        read_bounded(path, 1024 * 1024, "plan_json_too_large")
    assert info.value.code == "plan_json_too_large"
    assert read_bounded(path, 2 * 1024 * 1024, "plan_json_too_large") == path.read_bytes()
    with pytest.raises(PackageRejected) as rejected:
        load(tmp_path / "missing.xlsx")
    assert rejected.value.code == "file_unreadable"
