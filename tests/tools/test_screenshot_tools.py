"""The documentation's screenshot tools still drive today's windows to the end. Each is run as
its users run it (its own process and QApplication, offscreen) into a temporary folder: a
window that changed under a tool (a new wizard page, a renamed widget) fails here instead of
hanging the next time someone retakes the pictures. The pictures themselves are judged by eye."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS = {
    "screenshots.py": 5,
    "office_screenshot.py": 3,
    "plan_shots.py": 9,
    "office_admin_shots.py": 5,
    "office_answers_shots.py": 7,
    "unit_answer_shots.py": 5,
}


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_the_tool_writes_its_pictures(tool: str, tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / tool), "--out", str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    pictures = sorted(tmp_path.glob("*.png"))
    assert len(pictures) == TOOLS[tool], done.stdout
    assert all(p.stat().st_size > 5000 for p in pictures)  # drawn, not blank
    wrote = [line for line in done.stdout.splitlines() if line.startswith("wrote ")]
    assert len(wrote) == TOOLS[tool]
