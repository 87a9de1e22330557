"""A gate for the store's modules loading behind a first view (app.ui.common.preload): a test
puts ``gate_module(...)`` first in the launcher's list, and the loading waits at it until the
test opens it, so the window is for certain between its first view and its binding."""

from __future__ import annotations

import threading
import uuid
from pathlib import Path

import pytest

OPEN = threading.Event()


def gate_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """A module that waits at a fresh gate when imported; its name is put first in the
    clerk's and the office's preload lists. Returns the gate: ``set()`` opens it."""
    from app.ui.common import launch

    gate = threading.Event()
    monkeypatch.setattr(f"{__name__}.OPEN", gate)
    name = f"preload_gate_{uuid.uuid4().hex}"
    folder = tmp_path / "gate"
    folder.mkdir()
    (folder / f"{name}.py").write_text(
        "from tests.kit import preload_gate\npreload_gate.OPEN.wait(30)\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.setattr(launch, "CLERK_CORE", (name, *launch.CLERK_CORE))
    monkeypatch.setattr(launch, "OFFICE_CORE", (name, *launch.OFFICE_CORE))
    return gate
