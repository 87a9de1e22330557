"""Office import against the floor of any verifying importer (tools/bench/floor.py), per file and
as a whole process against a plain openpyxl script; its growth, and its memory."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from app.domain.catalog import Catalog
from tools.bench import data
from tools.bench.floor import floor_import
from tools.bench.stats import Figure, Stats, repeat


class ImportRun:
    """A fresh office store (plan installed, keys registered: untimed), then one timed
    ``Importer.run`` on the folder, exactly as ``office import`` and the window do."""

    def __init__(
        self,
        catalog: Catalog,
        template: Path,
        work: Path,
        folder: Path,
        in_process: bool | None = None,
    ) -> None:
        self.catalog, self.template, self.work, self.folder = catalog, template, work, folder
        self.in_process = in_process  # None: the importer decides, as the command line's does
        self.store: object = None
        self.outcomes: Counter[str] = Counter()
        self.cpu_main: list[float] = []  # CPU seconds of each run, this process
        self.cpu_workers: list[float] = []  # and its worker processes

    def setup(self) -> None:
        from app.services.stores import open_office_store

        self.store = open_office_store(data.fresh_office(self.template, self.work))

    def run(self) -> None:
        from app.models.store import Store
        from app.services.office_import import Importer

        store = self.store
        assert isinstance(store, Store)
        main, workers = time.process_time(), _children_cpu()
        try:
            outcomes = Importer(store, self.catalog).run([self.folder], in_process=self.in_process)
        finally:
            store.close()
        self.cpu_main.append(time.process_time() - main)
        self.cpu_workers.append(_children_cpu() - workers)
        self.outcomes = Counter(o.outcome for o in outcomes)
        bad = [o for o in outcomes if o.outcome not in ("accepted", "superseded")]
        if bad:
            raise RuntimeError(f"benchmark file not imported: {bad[0].file}: {bad[0].reason}")


IMPORT_BUDGET = 2.0  # per file, against the floor (docs/design.md §6)
ROOT = Path(__file__).resolve().parents[2]
LINEAR_SLACK = 1.25  # the machine's noise on a ratio of two medians (docs/design.md §6: +-10%)


def _children_cpu() -> float:
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)  # waited-for children: the pool's workers
    return r.ru_utime + r.ru_stime


def import_figure(
    catalog: Catalog,
    work: Path,
    count: int,
    runs: int,
    name: str | None = None,
    *,
    large: bool = False,
    in_process: bool | None = None,
) -> Figure:
    files = data.ensure_files(catalog, data.file_cache(work), count, large=large)
    folder = data.link_folder(files, work / f"in{count}{'L' if large else ''}")
    template = data.office_template(catalog, work / "office-template")
    job = ImportRun(catalog, template, work / "office-run", folder, in_process)
    floor_db = work / "floor.sqlite3"
    product, baseline = repeat(
        runs, job.run, lambda: floor_import(files, floor_db), setup=job.setup
    )
    assert baseline is not None
    per_file = 1.0 / count
    kb = sum(f.stat().st_size for f in files) / count / 1024
    figure = Figure(
        name or f"office import, {count} files (per file)",
        product.scaled(per_file),
        baseline=baseline.scaled(per_file),
        baseline_name="the floor: read, SHA-256, calamine, defusedxml, Ed25519, one transaction",
        budget_ratio=IMPORT_BUDGET,
    )
    figure.notes.append(
        f"{count} files of {kb:.0f} KB average; outcomes {dict(job.outcomes)}; "
        f"whole import median {product.median:.2f} s; verified {_where(count, in_process)}"
    )
    main, workers = (statistics.median(x) * 1000 / count for x in (job.cpu_main, job.cpu_workers))
    figure.notes.append(
        f"CPU per file: {main:.2f} ms in the importing process, {workers:.2f} ms in its workers "
        f"(the floor: one process); {os.cpu_count()} cores"
    )
    return figure


def _where(count: int, in_process: bool | None, *, command: bool = False) -> str:
    """Where the importer verifies ``count`` files: here, or in the command's process (one
    thread)."""
    from app.services.office_import import verified_here
    from app.services.parse_pool import start_method

    start = start_method(threads=1) if command else start_method()
    if verified_here(count, start, in_process):
        return "in the importing process"
    return f"in worker processes ({start}ed, started inside the timing)"


def inline_figure(catalog: Catalog, work: Path, count: int, runs: int) -> Figure:
    """The same import with every file verified in the importing process: the window's way
    (Qt's threads forbid forking) and Windows's (no fork) below 100 files. Reported."""
    f = import_figure(
        catalog, work, count, runs, f"office import, {count} files verified in process (per file)",
        in_process=True,
    )  # fmt: skip
    f.budget_ratio = None
    f.notes.append("the window's and Windows's way for a batch under 100 files (reported)")
    return f


def growth_figures(catalog: Catalog, work: Path, sizes: Sequence[int], runs: int) -> list[Figure]:
    out = []
    for n in sizes:
        out.append(import_figure(catalog, work, n, runs if n <= 1000 else max(1, runs // 3)))
    # Linear: the per-file cost of the largest batch is no more than that of the second (the
    # smallest batch also carries the two workers' start-up over fewer files), within the noise.
    ref = 1 if len(sizes) > 2 else 0
    base = out[ref].product.median
    for f, n in zip(out, sizes, strict=True):
        f.name = f"growth: import of {n} files (per file)"
        f.notes.append(
            f"per-file cost relative to {sizes[ref]} files: {f.product.median / base:.2f}"
        )
    linear = Figure(
        f"growth: per-file cost of {sizes[-1]} files relative to {sizes[ref]} files",
        Stats((out[-1].product.median / base,)),
        unit="x",
        factor=1.0,
        budget_abs=LINEAR_SLACK,
    )
    return [*out, linear]


def process_figure(catalog: Catalog, work: Path, count: int, runs: int) -> Figure:
    """``office import FOLDER`` as a whole process (interpreter, imports, store, workers)
    against ``tools/bench/openpyxl_script.py`` reading the same files into SQLite."""
    files = data.ensure_files(catalog, data.file_cache(work), count)
    folder = data.link_folder(files, work / f"in{count}")
    template = data.office_template(catalog, work / "office-template")
    office = work / "office-process"
    script = work / "openpyxl.sqlite3"
    product_cmd = [sys.executable, "-m", "app", "--data-dir", str(office), "office", "import"]
    baseline_cmd = [sys.executable, str(ROOT / "tools" / "bench" / "openpyxl_script.py")]

    cpu: dict[str, list[float]] = {"product": [], "baseline": []}

    def product() -> None:
        cpu["product"].append(_run([*product_cmd, str(folder)]))

    def baseline() -> None:
        script.unlink(missing_ok=True)
        cpu["baseline"].append(_run([*baseline_cmd, str(folder), str(script)]))

    def setup() -> None:
        data.fresh_office(template, office)

    setup()
    product(), baseline()  # warm: bytecode and page caches
    setup()
    ours, theirs = repeat(runs, product, baseline, setup=setup)
    assert theirs is not None
    figure = Figure(
        f"office import of {count} files as a whole process (python -m app office import)",
        ours,
        baseline=theirs,
        baseline_name="a plain openpyxl script reading the same files into SQLite",
        budget_ratio=1.0,
    )
    mine, plain = (statistics.median(cpu[k][-runs:]) for k in ("product", "baseline"))
    figure.notes.append(
        f"CPU time (user + system) {mine * 1000:.0f} ms against {plain * 1000:.0f} ms: "
        f"{mine / plain:.2f}x; the command verifies {_where(count, None, command=True)}"
    )
    return figure


def _run(cmd: list[str]) -> float:
    """Run ``cmd`` to its end; its CPU time (user + system)."""
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=bench_env(), cwd=ROOT
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd[1:4])} failed: {err.decode()[-300:]}")
    return usage.ru_utime + usage.ru_stime


def memory_figures(catalog: Catalog, work: Path, count: int) -> list[Figure]:
    """Peak RSS of a fresh office process importing ``count`` files: the office window
    (offscreen, every page shown after the import) and the headless ``office import``
    (tools/bench/memory_probe.py)."""
    files = data.ensure_files(catalog, data.file_cache(work), count)
    folder = data.link_folder(files, work / f"in{count}")
    template = data.office_template(catalog, work / "office-template")
    figures = []
    for label, flags in (("office window", ["--window"]), ("office import, headless", [])):
        cmd = [sys.executable, "-m", "tools.bench.memory_probe", str(template), str(work / "mem")]
        out = subprocess.run(
            [*cmd, str(folder), *flags],
            check=True,
            capture_output=True,
            text=True,
            env=bench_env(),
            cwd=ROOT,
        )
        probe = json.loads(out.stdout.strip().splitlines()[-1])
        f = Figure(
            f"peak memory, {label}, after importing {count} submissions",
            Stats((probe["peak_mb"],)),
            unit="MB",
            factor=1.0,
            budget_abs=300.0,
        )
        f.notes.append(
            f"RSS high-water mark {probe['after_import_mb']:.0f} MB right after the import, "
            f"{probe['peak_mb']:.0f} MB after showing the results; "
            f"largest worker process {probe['worker_mb']:.0f} MB"
        )
        figures.append(f)
    return figures


def bench_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode caching on (docs/design.md §9)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("QT_LOGGING_RULES", "default.warning=false")
    return env
