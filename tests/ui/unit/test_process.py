"""The real program in a subprocess: --smoke-test, start-up imports, and a kill -9 mid-work."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.config import Settings
from app.services.entries import EntryService
from app.services.stores import open_unit_store, store_catalog
from app.services.unit_setup import init_unit
from tests.kit.paths import ROOT
from tests.kit.ui import PASSPHRASE

DRIVER = Path(__file__).with_name("autosave_driver.py")
HEAVY = ("sqlalchemy", "alembic", "openpyxl", "cryptography", "calamine", "xlsxwriter")


def env_for(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_CONFIG_HOME"] = str(tmp_path / "xdg")  # QSettings of the child stay in tmp
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


@pytest.fixture
def set_up(settings: Settings, fast_scrypt: None) -> Settings:
    store = open_unit_store(settings)
    try:
        init_unit(store, store_catalog(store), "zjj", "张三", "0755-88886666", PASSPHRASE)
    finally:
        store.close()
    return settings


def smoke(data_dir: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), "--smoke-test"],
        cwd=ROOT,
        env=env_for(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_smoke_test_on_a_fresh_install_shows_the_wizard(tmp_path: Path) -> None:
    done = smoke(tmp_path / "fresh", tmp_path)
    assert done.returncode == 0, done.stderr
    assert re.search(r"^first paint after \d+ ms$", done.stdout, re.M)
    assert "window: setupWizard" in done.stdout
    assert not (tmp_path / "fresh" / "unit.sqlite3").exists()


def test_smoke_test_on_a_set_up_install_shows_the_main_window(
    set_up: Settings, tmp_path: Path
) -> None:
    done = smoke(set_up.data_dir, tmp_path)
    assert done.returncode == 0, done.stderr
    assert re.search(r"^first paint after \d+ ms$", done.stdout, re.M)
    assert "window: mainWindow" in done.stdout


def test_smoke_test_fails_in_one_line_on_a_broken_store(tmp_path: Path) -> None:
    data = tmp_path / "broken"
    data.mkdir()
    (data / "unit.sqlite3").write_bytes(b"this is not a database" * 100)
    done = smoke(data, tmp_path)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    ours = [line for line in done.stderr.splitlines() if "propagateSizeHints" not in line]
    assert len(ours) == 1 and ours[0].startswith("error: ") and "not a database" in ours[0]


def test_window_start_imports_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "from app.cli import main\n"
        "import app.ui.common.launch, app.ui.setup.wizard, app.ui.unit.window\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_killed_mid_work_loses_nothing_and_reopens_in_place(
    set_up: Settings, tmp_path: Path
) -> None:
    text = "断电前输入的进展"
    child = subprocess.Popen(
        [sys.executable, str(DRIVER), str(set_up.data_dir), "type", "27", text],
        cwd=ROOT,
        env=env_for(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "typed"
        time.sleep(1.5)  # the autosave promise: on disk within a second
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL

    store = open_unit_store(set_up)
    try:
        saved = EntryService(store, store_catalog(store), "zjj").load(27, "2016Q1")
    finally:
        store.close()
    assert saved.draft.progress == "Q1 " + text

    report = subprocess.run(
        [sys.executable, str(DRIVER), str(set_up.data_dir), "report"],
        cwd=ROOT,
        env=env_for(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert report.returncode == 0, report.stderr
    where = json.loads(report.stdout.strip().splitlines()[-1])
    assert where == {"period": "2016Q1", "task": 27, "progress": "Q1 " + text}


def test_smoke_test_for_the_office_role(tmp_path: Path) -> None:
    data = tmp_path / "office"
    data.mkdir()
    (data / "role.json").write_text('{"role": "office"}', encoding="utf-8")
    done = smoke(data, tmp_path)
    assert done.returncode == 0, done.stderr
    assert re.search(r"^first paint after \d+ ms$", done.stdout, re.M)
    assert "window: officeWindow" in done.stdout
