"""Kill -9 at random moments while the clerk autosaves, exports, and the office imports.

The counts come from the environment (QR_CRASH_AUTOSAVE, QR_CRASH_EXPORT, QR_CRASH_IMPORT,
QR_CRASH_IMPORT_POOL; QR_CRASH_SEED moves the seeds); tools/long_runs.py runs 1,000.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from app.domain.catalog import Catalog
from tests.kit.world import Base, trial_count
from tests.reliability.crash import run_trial

FIRST = trial_count("QR_CRASH_SEED", 0)
PARALLEL = trial_count("QR_CRASH_PARALLEL", 2)  # trials at once: each mostly waits on its driver
COUNTS = {
    "autosave": trial_count("QR_CRASH_AUTOSAVE", 16),
    "export": trial_count("QR_CRASH_EXPORT", 14),
    "import": trial_count("QR_CRASH_IMPORT", 14),
    "import-pool": trial_count("QR_CRASH_IMPORT_POOL", 6),
}

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("kind", list(COUNTS))
def test_killed_writer_loses_nothing_confirmed(
    kind: str, base: Base, tmp_path: Path, catalog: Catalog
) -> None:
    """Trials of one kind (seeds FIRST...), two at a time; every problem of every trial is
    reported with its seed and delay, so a failure can be replayed alone."""
    seeds = range(FIRST, FIRST + COUNTS[kind])
    with ThreadPoolExecutor(PARALLEL) as pool:
        results = list(pool.map(lambda s: run_trial(kind, s, base, tmp_path, catalog), seeds))
    failed = [f"seed {r.seed} after {r.delay:.2f}s: {r.problems}" for r in results if not r.ok]
    assert failed == [], failed
    assert len(results) == COUNTS[kind]
    if kind == "autosave":  # the kills landed while work was going on, not only at start-up
        assert sum(r.confirmed > 0 for r in results) >= len(results) // 2


def test_killed_between_write_and_record_burns_the_version(
    base: Base, tmp_path: Path, catalog: Catalog
) -> None:
    """The worst moment of an export: the signed file is on disk, the record is not. The next
    export must make a newer version, or the office would refuse one of the two files."""
    import subprocess
    import sys

    from app.config import Settings
    from app.io.submission_reader import verify_submission
    from app.services.export import export_period
    from app.services.stores import open_unit_store
    from tests.kit.paths import ROOT
    from tests.kit.world import PASS

    world = base.copy_to(tmp_path / "w")
    out = world.root / "out"
    cmd = [sys.executable, "-m", "tests.reliability.drivers.export", str(world.unit_dir),
           str(out), "--die-after-write"]  # fmt: skip
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == -9 and "confirmed" not in proc.stdout
    orphan = verify_submission((out / "same.xlsx").read_bytes(), catalog)
    store = open_unit_store(Settings(world.unit_dir))
    try:
        again = export_period(store, catalog, "2016Q1", out / "next.xlsx", PASS)
    finally:
        store.close()
    assert (orphan.payload.version, again.version) == (1, 2)
    assert again.sequence > orphan.payload.sequence
