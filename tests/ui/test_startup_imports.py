"""What the start-up loads before the first view has its data (docs/design.md §6, issue 17).

The real program runs ``--smoke-test`` in a subprocess: it paints, opens the store, fills the
first view and exits. A driver around ``app.cli.main`` then lists which heavy modules were
imported. None of those below may be: they cost start-up time and the first view needs none
of them (the plan's schema, migrations, signing, workbooks, the importer). No time is measured.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from app.config import Settings
from app.domain.catalog import Catalog
from app.services.stores import open_office_store, open_unit_store, store_catalog
from app.services.unit_setup import init_unit
from tests.kit.ui import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
NOT_AT_START = (
    "pydantic",
    "alembic",
    "cryptography",
    "openpyxl",
    "xlsxwriter",
    "python_calamine",
    "docx",
    "defusedxml",
    "app.io.plan_file",
    "app.io.plan_check",
    "app.services.plans.files",
    "app.services.plans.publish",
    "app.services.office_import",
    "app.services.parse_pool",
    # SQLAlchemy imports these two; the window's process defers them (app.deferred_imports):
    # a placeholder named "asyncio" is there, the real package's modules are not
    "asyncio.base_events",
    "importlib.metadata._meta",
    "greenlet._greenlet",
)
# The office's own services: a clerk's start has no use for them (nor, later, for most).
CLERK_NEVER = (
    "app.services.supervision",
    "app.services.review",
    "app.services.audit",
    "app.services.import_merge",
    "app.models.office",
    "app.models.answers",  # the office's side of the answers; the clerk's is app.models.received
)
# The office's writing side: its first view reads (reviews included) and writes nothing.
OFFICE_NOT_AT_START = ("app.services.audit", "app.services.import_merge")
# Not even these before the first view is on screen (a window that has one): its rows are
# read with sqlite3, SQLAlchemy loads while the data is already shown.
NOT_BEFORE_DATA = ("sqlalchemy", "app.models", "app.services.entries")
DRIVER = """
import json, sys
from app.cli import main
from app.ui.common.launch import Launcher

def loaded(names):
    return sorted(h for h in names if any(m == h or m.startswith(h + ".") for m in sys.modules))

shown = Launcher._data_shown
def data_shown(launcher, window):
    print("at data shown: " + json.dumps(loaded(json.loads(sys.argv[3]))), flush=True)
    shown(launcher, window)

Launcher._data_shown = data_shown
code = main(["--data-dir", sys.argv[1], "--smoke-test"])
print("loaded: " + json.dumps(loaded(json.loads(sys.argv[2]))))
sys.exit(code)
"""


def start(
    data_dir: Path, tmp_path: Path, also: tuple[str, ...] = ()
) -> tuple[str, list[str], list[list[str]]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "xdg"))
    heavy, before_data = json.dumps([*NOT_AT_START, *also]), json.dumps(NOT_BEFORE_DATA)
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, str(data_dir), heavy, before_data],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    window = next(line for line in lines if line.startswith("window: "))
    loaded = json.loads(next(line for line in lines if line.startswith("loaded: "))[8:])
    at_data = [json.loads(line[15:]) for line in lines if line.startswith("at data shown: ")]
    return window, loaded, at_data


def test_the_clerk_shows_its_data_without_the_heavy_modules(
    settings: Settings, fast_scrypt: None, tmp_path: Path
) -> None:
    store = open_unit_store(settings)
    try:
        init_unit(store, store_catalog(store), "zjj", "张三", "0755-88886666", PASSPHRASE)
    finally:
        store.close()
    # the office's answers (review state, notices) follow the first view: their tables load,
    # the signed-file reader that brought them does not, nor the office's services
    window, loaded, at_data = start(settings.data_dir, tmp_path, CLERK_NEVER)
    assert window == "window: mainWindow"
    assert loaded == []
    assert at_data == [[]]  # the first view was on screen before SQLAlchemy was imported


def test_the_office_shows_a_year_of_data_without_the_heavy_modules(
    catalog: Catalog, tmp_path: Path
) -> None:
    from tools.bench.startup_bench import office_data_dir

    folder = office_data_dir(catalog, tmp_path, 4)  # signed, imported submissions
    window, loaded, at_data = start(folder, tmp_path, OFFICE_NOT_AT_START)
    assert window == "window: officeWindow"
    assert loaded == []
    assert at_data == [[]]  # the matrix was on screen before SQLAlchemy was imported


def test_an_empty_office_too(settings: Settings, tmp_path: Path) -> None:
    open_office_store(settings).close()
    window, loaded, at_data = start(settings.data_dir, tmp_path)
    assert window == "window: officeWindow"
    assert loaded == []
    assert at_data == [[]]
