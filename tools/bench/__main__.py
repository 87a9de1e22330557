"""``python -m tools.bench [--quick] [--only NAME ...] [--big]``: the performance budgets.

Every figure is printed against a baseline measured in the same run (median of at least five
runs, with min and max) and its budget (docs/design.md §6, docs/benchmarks.md). Generated data is
kept under ``build/bench`` (signed files are written once and reused).

    import    office import of 50 and of 1,000 submissions, per file, vs the floor of any
              verifying importer (read, SHA-256, calamine, defusedxml, Ed25519, one
              transaction: tools/bench/floor.py) (2x); and the 50 verified in process, as the
              window does (reported)
    process   a 50-file office import as a whole process vs a plain openpyxl script (faster)
    growth    import of 100 and 1,000 files (and 5,000 with --big): per-file cost, linear
    startup   start to usable window (data shown, --smoke-test exits), clerk and an office
              with a year of data, vs a minimal PySide6 window (4x); the frozen bundle vs
              the source start (1.2x) when dist/QualityReport exists (tools/ci_frozen.sh)
    matrix    a filter and a sort of the consolidation matrix, 25 x 49 x 5 (50 ms)
    report    the consolidated report of 12,000 entries vs xlsxwriter writing the same (1.5x)
    bulletin  each Word bulletin (通报) of a year of 20 units x 5 periods, end to end (2 s)
    export    one submission export, end to end, the passphrase KDF reported apart (0.5 s)
    memory    peak RSS of the office process after importing 1,000 submissions (300 MB)
    plans     importing a plan package, end to end (1 s)

``--quick`` runs tiny sizes and three runs (a smoke test of the benchmark code, no verdict).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tools.bench.stats import Figure

ROOT = Path(__file__).resolve().parents[2]
Jobs = Callable[[], "list[Figure]"]
NAMES = (
    "import",
    "process",
    "startup",
    "matrix",
    "report",
    "bulletin",
    "export",
    "memory",
    "plans",
    "growth",
)
DEFAULT = tuple(n for n in NAMES if n != "growth")  # growth: --only growth (slow)


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = ", load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    return f"{cpu or 'unknown CPU'}, {os.cpu_count()} cores{mem}{load}"


def fonts() -> str:
    """How many Chinese font faces fontconfig knows. Without one, Qt searches its fallbacks
    for every glyph and the start-up and repaint figures measure that (5.0x against 4.2x for
    the clerk's start on 3 December 2026); a Windows PC always has one."""
    try:
        found = subprocess.run(
            ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=30
        ).stdout.splitlines()
    except (OSError, subprocess.SubprocessError):
        return "fonts: fc-list not available (no fontconfig: Qt's own font search)"
    if not found:
        return "fonts: NO CHINESE FONT (install fonts-noto-cjk, as .ci/run does, before measuring)"
    return f"fonts: {len(found)} Chinese font faces (fc-list :lang=zh)"


def versions() -> str:
    from importlib.metadata import version

    names = ["PySide6-Essentials", "SQLAlchemy", "openpyxl", "xlsxwriter", "python-calamine"]
    names += ["cryptography", "defusedxml"]
    return f"Python {platform.python_version()}, " + ", ".join(f"{n} {version(n)}" for n in names)


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--quick", action="store_true", help="tiny sizes, 3 runs, no verdict")
    parser.add_argument("--only", nargs="+", choices=NAMES, metavar="NAME", help=", ".join(NAMES))
    parser.add_argument("--big", action="store_true", help="growth up to 5,000 files (slow)")
    parser.add_argument("--runs", type=int, default=0, help="runs per figure (default 5)")
    parser.add_argument("--frozen", type=Path, help="the frozen program (default: dist/…)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench", help="data folder")
    return parser.parse_args(argv)


def _jobs(args: argparse.Namespace, work: Path, runs: int) -> dict[str, Jobs]:
    """Each figure's job, by name; nothing runs until one is called."""
    from app.services.catalog import default_catalog
    from tools.bench import (
        bulletin_bench,
        export_bench,
        import_bench,
        matrix_bench,
        plan_bench,
        report_bench,
        startup_bench,
    )

    quick = args.quick
    catalog = default_catalog()
    n_import = 40 if quick else 1000
    return {
        "import": lambda: [
            *(
                import_bench.import_figure(catalog, work, n, runs)
                for n in ((10, 40) if quick else (50, 1000))
            ),
            import_bench.inline_figure(catalog, work, 10 if quick else 50, runs),
        ],
        "process": lambda: [import_bench.process_figure(catalog, work, 10 if quick else 50, runs)],
        "growth": lambda: import_bench.growth_figures(
            catalog,
            work,
            (20, 40) if quick else (100, 1000, 5000) if args.big else (100, 1000),
            runs,
        ),
        "startup": lambda: startup_bench.startup_figures(
            catalog, work, max(runs, 7), frozen=args.frozen
        ),
        "matrix": lambda: matrix_bench.matrix_figures(catalog, work, runs, quick=quick),
        "report": lambda: [
            report_bench.report_figure(catalog, work, runs, 300 if quick else 12_000)
        ],
        "bulletin": lambda: bulletin_bench.bulletin_figures(catalog, work, runs, quick=quick),
        "export": lambda: export_bench.export_figures(catalog, work, runs, quick=quick),
        "memory": lambda: import_bench.memory_figures(catalog, work, n_import),
        "plans": lambda: plan_bench.plan_figures(catalog, work, runs),
    }


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_LOGGING_RULES", "default.warning=false")  # offscreen size-hint notes

    from tools.bench.stats import print_figures

    quick = args.quick
    runs = args.runs or (3 if quick else 5)
    work = args.work / ("quick" if quick else "full")
    work.mkdir(parents=True, exist_ok=True)
    jobs = _jobs(args, work, runs)
    print(f"machine: {machine()}")
    print(f"software: {versions()}")
    print(fonts())
    print(f"runs per figure: {runs}{' (quick: tiny sizes, not a measurement)' if quick else ''}")
    figures: list[Figure] = []
    started = time.monotonic()
    for name in args.only or DEFAULT:
        print(f"\n== {name}", flush=True)
        got = jobs[name]()
        print_figures(got)
        figures += got
    over = [f.name for f in figures if f.ok is False]
    print(f"\n{len(figures)} figures in {time.monotonic() - started:.0f} s; load now: {machine()}")
    if quick:
        return 0
    if over:
        print("OVER BUDGET: " + "; ".join(over))
        return 1
    print("every budget holds")
    return 0


if __name__ == "__main__":
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):  # benchmark with bytecode caching on (§8)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        os.execve(sys.executable, [sys.executable, "-m", "tools.bench", *sys.argv[1:]], env)
    sys.exit(main())
