"""``app.deferred_imports``: a deferred module behaves as the real one from its first use.

Each case runs in a fresh interpreter (the placeholders live in ``sys.modules``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_sqlalchemy_and_its_engine_work_without_loading_them() -> None:
    out = run(
        "import sys\n"
        "from app.deferred_imports import defer_unused_stdlib\n"
        "defer_unused_stdlib()\n"
        "import sqlalchemy as sa, sqlalchemy.orm\n"
        "e = sa.create_engine('sqlite://')\n"
        "with e.connect() as c: print(c.exec_driver_sql('select 41 + 1').scalar())\n"
        "print('asyncio.base_events' in sys.modules, 'importlib.metadata._meta' in sys.modules)\n"
    )
    assert out.splitlines() == ["42", "False False"]


def test_the_first_use_loads_the_real_module() -> None:
    out = run(
        "import sys\n"
        "from app.deferred_imports import DeferredModule, defer_unused_stdlib\n"
        "defer_unused_stdlib()\n"
        "import asyncio\n"
        "from importlib import metadata\n"
        "held = asyncio\n"
        "print(type(asyncio) is DeferredModule, type(metadata) is DeferredModule)\n"
        "print(asyncio.run(asyncio.sleep(0, result='ran')))\n"
        "print(held.iscoroutinefunction(asyncio.sleep), 'asyncio.base_events' in sys.modules)\n"
        "import asyncio as again\n"
        "print(again.Queue is held.Queue, type(sys.modules['asyncio']) is DeferredModule)\n"
        "print(metadata.version('SQLAlchemy') == __import__('sqlalchemy').__version__)\n"
    )
    assert out.splitlines() == ["True True", "ran", "True True", "True False", "True"]


def test_nothing_is_deferred_once_sqlalchemy_is_loaded() -> None:
    out = run(
        "import sys, sqlalchemy\n"
        "from app.deferred_imports import DeferredModule, defer_unused_stdlib\n"
        "defer_unused_stdlib()\n"
        "print(any(type(m) is DeferredModule for m in list(sys.modules.values())))\n"
        "print(sys.modules.get('greenlet', 0) is None)\n"
    )
    assert out.splitlines() == ["False", "False"]


def test_a_command_runs_without_loading_them(tmp_path: Path) -> None:
    """A command on an existing store (here ``office import`` of a file it refuses) defers
    them as the window does, and the reader loads no network module, nor multiprocessing for a
    batch verified in process; creating the store (Alembic) may load them."""
    data = str(tmp_path / "office")
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not a workbook")
    run(f"from app.cli import main; main(['--data-dir', {data!r}, 'office', 'init'])")
    out = run(
        "import sys\n"
        "from app.cli import main\n"
        f"code = main(['--data-dir', {data!r}, 'office', 'import', {str(junk)!r}])\n"
        "m = sys.modules\n"
        "print(code, 'app.io.package_props' in m)\n"
        "print('asyncio.base_events' in m, 'importlib.metadata._meta' in m)\n"
        "print('urllib.request' in m, 'http.client' in m, 'multiprocessing' in m)\n"
    )
    assert out.splitlines()[-3:] == ["1 True", "False False", "False False False"]
