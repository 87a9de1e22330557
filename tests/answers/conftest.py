"""Fixtures of the office-answers file tests (tests/answers/kit.py holds the helpers)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.answers.kit import OFFICE_PASS, UNIT_PASS, Cli, Pair, fast_scrypt, make_pair


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Pair]:
    fast_scrypt(monkeypatch)
    p = make_pair(tmp_path)
    yield p
    p.office.close()
    p.unit.close()


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    fast_scrypt(monkeypatch)
    monkeypatch.setenv("QR_OFFICE", OFFICE_PASS)
    monkeypatch.setenv("QR_UNIT", UNIT_PASS)
    return Cli(tmp_path, capsys)
