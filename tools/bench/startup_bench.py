"""Start to first painted window: ``python -m app --smoke-test`` against a minimal window.

Both report "first paint after N ms" measured the same way from inside (from the first
import to the first paint event, interpreter start-up excluded); the benchmark also times each
process from its launch to that line (interpreter start-up included), and checks both ratios.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

from app.config import Settings
from app.domain.catalog import Catalog
from tools.bench import data
from tools.bench.import_bench import bench_env
from tools.bench.stats import Figure, Stats

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "基准测试口令-2016-bench"
_PAINT = re.compile(r"first paint after (\d+) ms")


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


def first_paint(cmd: list[str]) -> tuple[float, float]:
    """(the process's own figure, launch to that line) in seconds."""
    t = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=bench_env(), cwd=ROOT
    )
    assert proc.stdout is not None
    inside = outside = None
    for line in proc.stdout:
        m = _PAINT.search(line)
        if m and inside is None:
            outside = time.perf_counter() - t
            inside = int(m.group(1)) / 1000
    _out, err = proc.communicate(timeout=60)
    if proc.returncode != 0 or inside is None or outside is None:
        raise RuntimeError(f"{' '.join(cmd[1:])} failed ({proc.returncode}): {err.strip()[-300:]}")
    return inside, outside


def startup_figures(catalog: Catalog, work: Path, runs: int) -> list[Figure]:
    unit_dir = unit_data_dir(catalog, work / "unit-install")
    office_dir = office_data_dir(catalog, work, 200)
    baseline_cmd = [sys.executable, str(ROOT / "tools" / "bench" / "minimal_window.py")]
    apps = {
        "clerk window": [sys.executable, "-m", "app", "--data-dir", str(unit_dir), "--smoke-test"],
        "office window": [
            sys.executable,
            "-m",
            "app",
            "--data-dir",
            str(office_dir),
            "--smoke-test",
        ],
    }
    for cmd in (baseline_cmd, *apps.values()):
        first_paint(cmd)  # warm the page cache and the bytecode caches
    base_in: list[float] = []
    base_out: list[float] = []
    got: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in apps}
    for _ in range(runs):
        i, o = first_paint(baseline_cmd)
        base_in.append(i)
        base_out.append(o)
        for name, cmd in apps.items():
            i, o = first_paint(cmd)
            got[name][0].append(i)
            got[name][1].append(o)
    figures = []
    for name in apps:
        inside, outside = got[name]
        f = Figure(
            f"start to first paint, {name} (as the program reports it)",
            Stats(tuple(inside)),
            baseline=Stats(tuple(base_in)),
            baseline_name="minimal PySide6 window, measured the same way",
            budget_ratio=1.5,
        )
        g = Figure(
            f"start to first paint, {name} (from process launch, interpreter included)",
            Stats(tuple(outside)),
            baseline=Stats(tuple(base_out)),
            baseline_name="minimal PySide6 window, from process launch",
            budget_ratio=1.5,
        )
        figures += [f, g]
    figures[0].notes.append("QT_QPA_PLATFORM=offscreen; bytecode caches warm; a set-up data folder")
    return figures
