"""Crash trials: a driver process writes through the real paths and is killed with SIGKILL at a
random moment; then the stores and files it left are checked against what it had confirmed.

Used by tests/reliability/test_crash.py (a few dozen trials) and tools/long_runs.py (1,000).
Every trial is reproducible from (kind, seed).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from app.config import Settings
from app.domain.catalog import Catalog
from app.io.submission_reader import SubmissionRejected, verify_submission
from app.models import Entry, Period, Submission, Task
from app.services.entries import EntryService
from app.services.export import export_period
from app.services.office_import import Importer
from app.services.parse_pool import expand_paths
from app.services.stores import open_office_store, open_unit_store, store_catalog
from app.services.unit_setup import active_key
from tests.kit.paths import ROOT
from tests.kit.world import PASS, Base, entry_counts, integrity, office_state

KINDS = ("autosave", "export", "import", "import-pool")
# Seconds after the driver said "ready"; the worker pool takes one to three seconds to start
# (spawned processes importing the reader), so its kills are spread over a longer window.
DELAYS = {"autosave": (0.05, 1.5), "export": (0.05, 1.5), "import": (0.05, 1.5),
          "import-pool": (0.5, 6.0)}  # fmt: skip


@dataclass
class TrialResult:
    kind: str
    seed: int
    delay: float
    confirmed: int  # actions the driver had confirmed before the kill
    killed: bool  # False when the driver had already died on its own (a failure)
    problems: list[str] = field(default_factory=list)
    stray_temp_files: int = 0

    @property
    def ok(self) -> bool:
        return self.killed and not self.problems


def _driver(kind: str, base: Base) -> list[str]:
    mod = "tests.reliability.drivers."
    if kind == "autosave":
        return [sys.executable, "-m", mod + "autosave", str(base.unit_dir)]
    if kind == "export":
        return [sys.executable, "-m", mod + "export", str(base.unit_dir), str(base.root / "out")]
    args = [sys.executable, "-m", mod + "office_import", str(base.office_dir), str(base.inbox)]
    return [*args, "--pool"] if kind == "import-pool" else args


def run_driver(kind: str, base: Base, delay: float) -> tuple[list[str], bool, str]:
    """Start the driver, wait for "ready" plus ``delay``, SIGKILL its whole process group.
    Returns its complete output lines, whether it was still alive, and its stderr tail."""
    log, err = base.root / "driver.out", base.root / "driver.err"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    with open(log, "wb") as out, open(err, "wb") as errf:
        proc = subprocess.Popen(
            _driver(kind, base), cwd=ROOT, stdout=out, stderr=errf, env=env,
            start_new_session=True,  # the kill takes its parse workers too: a power cut
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while b"ready\n" not in log.read_bytes():
            if proc.poll() is not None or time.monotonic() > deadline:
                break
            time.sleep(0.01)
        time.sleep(delay)
        alive = proc.poll() is None
        if alive:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        _reap_group(proc.pid)
    text = log.read_bytes().decode("utf-8", "replace")
    lines = text.split("\n")[:-1]  # a line cut by the kill has no newline: not confirmed
    return lines, alive, err.read_text(errors="replace")[-400:]


def _reap_group(pgid: int) -> None:
    """Wait until no process of the killed group is left (parse workers die with it)."""
    for _ in range(200):
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.01)


def run_trial(kind: str, seed: int, template: Base, work: Path, catalog: Catalog) -> TrialResult:
    rng = random.Random(f"{kind}-{seed}")
    lo, hi = DELAYS[kind]
    delay = rng.uniform(lo, hi)
    base = template.copy_to(work / f"{kind}-{seed}")
    lines, alive, err = run_driver(kind, base, delay)
    confirmed = [ln.split()[1:] for ln in lines if ln.startswith("confirmed ")]
    result = TrialResult(kind, seed, delay, len(confirmed), alive)
    if not alive:
        result.problems.append(f"driver died before the kill: {err.strip()[-200:]}")
    check = {"autosave": check_autosave, "export": check_export}.get(kind, check_import)
    check(base, catalog, confirmed, result)
    return result


def check_autosave(
    base: Base, catalog: Catalog, confirmed: list[list[str]], r: TrialResult
) -> None:
    path = base.unit_dir / "unit.sqlite3"
    if (ic := integrity(path)) != "ok":
        r.problems.append(f"integrity_check: {ic}")
        return
    want: dict[tuple[int, str], tuple[int, int]] = {}
    for task, period, revision, n in confirmed:
        key = (int(task), period)
        want[key] = max(want.get(key, (0, 0)), (int(revision), int(n)))
    store = open_unit_store(Settings(base.unit_dir))
    try:
        with store.factory() as s:
            rows = s.execute(
                select(Task.no, Period.code, Entry.revision, Entry.progress)
                .join(Task, Task.id == Entry.task_id)
                .join(Period, Period.id == Entry.period_id)
            ).all()
        have = {(no, code): (rev, text) for no, code, rev, text in rows}
        for key, (revision, n) in want.items():
            if key not in have:
                r.problems.append(f"confirmed entry {key} r{revision} is missing")
                continue
            rev, text = have[key]
            marker = int(text.split("#")[1]) if text.count("#") == 2 else -1
            if rev < revision or marker < n:
                r.problems.append(
                    f"entry {key}: confirmed r{revision}/#{n}, found r{rev}/#{marker}"
                )
        # The store still works: the clerk goes on typing after the restart.
        service = EntryService(store, catalog, "zjj")
        service.summary("2016Q2")
    finally:
        store.close()


def check_export(base: Base, catalog: Catalog, confirmed: list[list[str]], r: TrialResult) -> None:
    path = base.unit_dir / "unit.sqlite3"
    if (ic := integrity(path)) != "ok":
        r.problems.append(f"integrity_check: {ic}")
        return
    out = base.root / "out"
    store = open_unit_store(Settings(base.unit_dir))
    try:
        pubkey = active_key(store).public_key
        versions: dict[int, str] = {}
        files = sorted(out.glob("*.xlsx")) if out.exists() else []
        for f in files:
            try:
                v = verify_submission(f.read_bytes(), catalog, pubkey=pubkey)
            except SubmissionRejected as exc:
                r.problems.append(f"half or bad file {f.name}: {exc.reason}")
                continue
            if v.payload.version in versions:  # the office would refuse the second one
                r.problems.append(
                    f"{f.name} and {versions[v.payload.version]} both claim v{v.payload.version}"
                )
            versions[v.payload.version] = f.name
        for name, version, _sha in confirmed:
            f = out / name
            if not f.exists():
                r.problems.append(f"confirmed export {name} v{version} is missing")
        r.stray_temp_files = len([p for p in out.iterdir() if p.suffix == ".tmp"])
        # A stray temporary file is never taken for a submission ...
        if out.exists() and set(expand_paths([out])) != {str(f) for f in files}:
            r.problems.append("the import would pick up a file that is not an .xlsx export")
        # ... and the next export to the same target succeeds, is newer, and cleans up.
        again = export_period(store, catalog, "2016Q1", out / "same.xlsx", PASS)
        if versions and again.version <= max(versions):
            r.problems.append(f"next export made v{again.version}, not above {max(versions)}")
        left = [p.name for p in out.iterdir() if p.name.startswith(".same.xlsx.")]
        if left:
            r.problems.append(f"temporary files left after the next export: {left}")
    finally:
        store.close()


def check_import(base: Base, catalog: Catalog, confirmed: list[list[str]], r: TrialResult) -> None:
    path = base.office_dir / "office.sqlite3"
    if (ic := integrity(path)) != "ok":
        r.problems.append(f"integrity_check: {ic}")
        return
    manifest = base.manifest
    store = open_office_store(Settings(base.office_dir))
    try:
        have = entry_counts(store)
        for outcome, name in confirmed:
            uuid = manifest["files"][name]
            if outcome != "rejected" and uuid not in have:
                r.problems.append(f"confirmed {outcome} {name} is not in the store")
        for name, uuid in manifest["files"].items():
            if uuid in have and have[uuid] != manifest["entries"][name]:
                r.problems.append(
                    f"{name}: {have[uuid]} entry rows, not {manifest['entries'][name]}"
                )
        with store.factory() as s:
            doubled = s.execute(
                select(Submission.unit_id, Submission.period_id)
                .where(Submission.is_current.is_(True))
                .group_by(Submission.unit_id, Submission.period_id)
                .having(func.count() > 1)
            ).all()
        if doubled:
            r.problems.append(f"two current versions for {doubled}")
        outcomes = Importer(store, store_catalog(store)).run([base.inbox], in_process=True)
        bad = [o for o in outcomes if o.outcome == "rejected"]
        if bad:
            r.problems.append(f"re-import refused {bad[0].file}: {bad[0].reason}")
        if office_state(store) != base.reference():
            r.problems.append("re-import did not converge to the uninterrupted state")
    finally:
        store.close()


def run_trials(
    counts: dict[str, int],
    template: Base,
    work: Path,
    catalog: Catalog,
    *,
    first_seed: int = 0,
    keep: bool = False,
    progress: Callable[[TrialResult], None] | None = None,
) -> list[TrialResult]:
    import shutil

    results = []
    for kind, n in counts.items():
        for seed in range(first_seed, first_seed + n):
            res = run_trial(kind, seed, template, work, catalog)
            results.append(res)
            if progress is not None:
                progress(res)
            if res.ok and not keep:
                shutil.rmtree(work / f"{kind}-{seed}", ignore_errors=True)
    return results
