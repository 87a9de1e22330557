"""Start to usable window: ``python -m app --smoke-test`` against a minimal PySide6 window.

The smoke test paints the window, shows the first view's data (``data shown after …``: the
window answers input from here), binds the store's services (``window: …``) and exits; the
minimal window paints (``first paint after …``) and exits. The figure is launch to the data on
screen against launch to the minimal window on screen, both read off the programs' output by
the bench's own clock (interpreter start-up included); the store bound, the exit and the CPU
time are reported beside it (docs/design.md §6).
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.config import Settings
from app.domain.catalog import Catalog
from tools.bench import data
from tools.bench.import_bench import bench_env
from tools.bench.stats import Figure, Stats

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "基准测试口令-2016-bench"
_PAINT = re.compile(r"first paint after (\d+) ms")
_SHOWN = re.compile(r"data shown after (\d+) ms")
YEAR = 200  # an office's year: 20 units x (4 quarters + the annual report), 2 versions each
USABLE_BUDGET = 4.0  # docs/design.md §6
FROZEN_BUDGET = 1.2


def unit_data_dir(catalog: Catalog, folder: Path) -> Path:
    """A set-up clerk install (store, profile, sealed key, a filled quarter), made once."""
    from app.services.entries import EntryService
    from app.services.stores import open_unit_store
    from app.services.unit_setup import get_profile, init_unit

    settings = Settings(folder)
    store = open_unit_store(settings)
    try:
        if get_profile(store, catalog) is None:
            unit = catalog.reporting_units()[0].id
            init_unit(store, catalog, unit, "张伟", "0755-83070000", PASSPHRASE)
            fill_period(EntryService(store, catalog, unit), catalog.periods[0].code)
    finally:
        store.close()
    return folder


def fill_period(service: object, period: str) -> None:
    """Every task of the unit filled with long texts (the form's own save path)."""
    import random

    from app.domain.entry_rules import TEXT_LIMITS, EntryDraft
    from app.services.entries import EntryService

    assert isinstance(service, EntryService)
    rng = random.Random(period)
    for task, _role in service.tasks():
        service.save(
            EntryDraft(
                task_no=task.no,
                period=period,
                status="in_progress",
                percent=rng.randint(10, 90),
                progress=data.field_text(rng, TEXT_LIMITS["progress"]),
                problems=data.field_text(rng, TEXT_LIMITS["problems"]),
                next_steps=data.field_text(rng, TEXT_LIMITS["next_steps"]),
                targets=tuple((t.name, str(t.value)) for t in task.targets),
            )
        )


def office_data_dir(catalog: Catalog, work: Path, count: int) -> Path:
    """An office install holding ``count`` imported submissions, made once."""
    folder = work / f"office-{count}"
    ready = folder / ".bench-ready"  # the office store alone makes the folder the office's
    if not ready.exists():
        from app.services.office_import import Importer
        from app.services.stores import open_office_store

        files = data.ensure_files(catalog, data.file_cache(work), count)
        template = data.office_template(catalog, work / "office-template")
        store = open_office_store(data.fresh_office(template, folder))
        Importer(store, catalog).run(files)
        store.close()
        ready.write_text("", encoding="utf-8")
    return folder


@dataclass(frozen=True)
class Launch:
    """One start of a program: its own first-paint figure and, from launch, the first paint,
    the data shown (``data shown …``; a window without a first view: ``window: …``), the
    window ready (``window: …``, the smoke test's last line) and the process's exit, in
    seconds; ``cpu``: the process's user + system time."""

    inside: float
    paint: float
    shown: float
    ready: float
    exited: float
    cpu: float


def launch(cmd: list[str]) -> Launch:
    """Start ``cmd`` (a ``--smoke-test`` or the minimal window) and time it to its exit."""
    t = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=bench_env(), cwd=ROOT
    )
    assert proc.stdout is not None and proc.stderr is not None
    inside = paint = shown = ready = None
    for line in proc.stdout:
        m = _PAINT.search(line)
        if m and inside is None:
            paint = time.perf_counter() - t
            inside = int(m.group(1)) / 1000
        if _SHOWN.search(line):
            shown = time.perf_counter() - t
        if line.startswith("window: "):
            ready = time.perf_counter() - t
    err = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    exited = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0 or inside is None or paint is None:
        raise RuntimeError(f"{' '.join(cmd[1:])} failed ({proc.returncode}): {err.strip()[-300:]}")
    cpu = usage.ru_utime + usage.ru_stime
    ready = exited if ready is None else ready
    return Launch(inside, paint, ready if shown is None else shown, ready, exited, cpu)


def first_paint(cmd: list[str]) -> tuple[float, float]:
    """(the process's own figure, launch to that line) in seconds."""
    got = launch(cmd)
    return got.inside, got.paint


def frozen_program() -> Path | None:
    """The bundle tools/ci_frozen.sh builds, if it was built (dist/ is git-ignored)."""
    exe = (
        ROOT
        / "dist"
        / "QualityReport"
        / ("QualityReport.exe" if os.name == "nt" else "QualityReport")
    )
    return exe if exe.exists() else None


def newer_sources(bundle: Path, roots: Sequence[Path] = ()) -> list[Path]:
    """The files under ``roots`` (default: app/ and resources/) changed after ``bundle`` was
    built: a bundle older than the source measures yesterday's start against today's."""
    built = bundle.stat().st_mtime
    folders = roots or (ROOT / "app", ROOT / "resources")
    return sorted(
        f
        for folder in folders
        for f in folder.rglob("*")
        if f.is_file() and "__pycache__" not in f.parts and f.stat().st_mtime > built
    )


def startup_figures(
    catalog: Catalog, work: Path, runs: int, *, frozen: Path | None = None
) -> list[Figure]:
    """Start to usable window (data shown, the smoke test exits) of the clerk and of an office
    holding a year of data, against a minimal PySide6 window (docs/design.md §6: 4x); the
    frozen bundle's start against the source start (1.2x) when the bundle exists."""
    unit_dir = unit_data_dir(catalog, work / "unit-install")
    office_dir = office_data_dir(catalog, work, YEAR)
    baseline_cmd = [sys.executable, str(ROOT / "tools" / "bench" / "minimal_window.py")]
    apps = {
        "clerk": [sys.executable, "-m", "app", "--data-dir", str(unit_dir), "--smoke-test"],
        "office": [sys.executable, "-m", "app", "--data-dir", str(office_dir), "--smoke-test"],
    }
    frozen = frozen or frozen_program()
    if frozen is not None:
        apps["frozen clerk"] = [str(frozen), "--data-dir", str(unit_dir), "--smoke-test"]
    for cmd in (baseline_cmd, *apps.values()):
        launch(cmd)  # warm the page cache and the bytecode caches
    base: list[Launch] = []
    got: dict[str, list[Launch]] = {k: [] for k in apps}
    for _ in range(runs):  # interleaved: the machine's other load hits all alike
        base.append(launch(baseline_cmd))
        for name, cmd in apps.items():
            got[name].append(launch(cmd))
    figures = [_usable(name, got[name], base) for name in ("clerk", "office")]
    figures[0].notes.append(
        f"QT_QPA_PLATFORM=offscreen; bytecode caches warm; office: {YEAR} submissions "
        f"imported (20 units x 5 periods, 2 versions each)"
    )
    if frozen is None:
        skipped = Figure(
            "frozen bundle start against the source start (skipped)", Stats((0.0,)), unit="x"
        )
        skipped.notes.append(
            "no bundle at dist/QualityReport: build it with tools/ci_frozen.sh (~1 min), "
            "then run --only startup again (or pass --frozen PATH)"
        )
        return [*figures, skipped]
    source = Stats(tuple(x.exited for x in got["clerk"]))
    f = Figure(
        "frozen bundle, clerk: start to usable window",
        Stats(tuple(x.exited for x in got["frozen clerk"])),
        baseline=source,
        baseline_name="the same from source (python -m app)",
        budget_ratio=FROZEN_BUDGET,
    )
    f.notes.append(f"bundle: {frozen}")
    newer = newer_sources(frozen)
    if newer:
        f.notes.append(
            f"STALE: {len(newer)} source files changed after the bundle was built (newest: "
            f"{max(newer, key=lambda x: x.stat().st_mtime).relative_to(ROOT)}); rebuild it "
            "with tools/ci_frozen.sh, or this compares an old build with today's source"
        )
    return [*figures, f]


def _usable(name: str, runs: list[Launch], base: list[Launch]) -> Figure:
    f = Figure(
        f"start to usable window, {name} (launch to the data on screen)",
        Stats(tuple(x.shown for x in runs)),
        baseline=Stats(tuple(x.paint for x in base)),
        baseline_name="minimal PySide6 window, launch to its first paint",
        budget_ratio=USABLE_BUDGET,
    )
    cpu, base_cpu = (statistics.median(x.cpu for x in r) for r in (runs, base))
    paint, base_paint = (statistics.median(x.paint for x in r) for r in (runs, base))
    ready, exited = (statistics.median(getattr(x, k) for x in runs) for k in ("ready", "exited"))
    base_exit = statistics.median(x.exited for x in base)
    f.notes.append(
        f"CPU time (user + system) to exit {cpu * 1000:.0f} ms against {base_cpu * 1000:.0f} ms: "
        f"{cpu / base_cpu:.2f}x (independent of the other load on the machine)"
    )
    f.notes.append(
        f"first paint {paint * 1000:.0f} ms (minimal window {base_paint * 1000:.0f} ms); "
        f"the store bound {ready * 1000:.0f} ms (input is answered from the data on screen; "
        f"an action that needs the store waits for this); "
        f"exit {exited * 1000:.0f} ms against the minimal window's {base_exit * 1000:.0f} ms: "
        f"{exited / base_exit:.2f}x"
    )
    return f
