#!/usr/bin/env python3
"""One entry point for developers, on Linux and Windows alike.

    python3 tools/dev.py run  [app arguments]   start the program (python -m app)
    python3 tools/dev.py test [pytest arguments] run the whole test suite
    python3 tools/dev.py lint                   ruff check, ruff format --check, mypy, lint-imports

Each command first creates or updates ``.venv`` from ``requirements.lock`` (pinned), so a
fresh clone needs nothing else. The venv is only re-installed when the lock file changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".lock-sha256"


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_venv() -> Path:
    py = venv_python()
    if not py.exists():
        print(f"creating {VENV} …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    want = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    have = STAMP.read_text().strip() if STAMP.exists() else ""
    if have != want:
        print("installing pinned dependencies from requirements.lock …", flush=True)
        pip = [str(py), "-m", "pip", "--disable-pip-version-check", "-q"]
        subprocess.check_call([*pip, "install", "-r", str(LOCK)])
        subprocess.check_call([*pip, "install", "--no-deps", "-e", str(ROOT)])
        STAMP.write_text(want)
    return py


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "lint", "setup"}:
        print(__doc__)
        return 2
    cmd, rest = argv[0], argv[1:]
    py = str(ensure_venv())
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode caching keeps start-up honest
    if cmd == "setup":
        return 0
    if cmd == "run":
        return subprocess.call([py, "-m", "app", *rest], cwd=ROOT, env=env)
    if cmd == "test":
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        return subprocess.call([py, "-m", "pytest", *rest], cwd=ROOT, env=env)
    steps = [
        [py, "-m", "ruff", "check", "."],
        [py, "-m", "ruff", "format", "--check", "."],
        [py, "-m", "mypy"],
        [py, "-c", "import sys; from importlinter.cli import lint_imports_command as c; c()"],
    ]
    failed = 0
    for step in steps:
        print("$", " ".join(step[2:]), flush=True)
        failed |= subprocess.call(step, cwd=ROOT, env=env) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
