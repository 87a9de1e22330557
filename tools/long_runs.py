#!/usr/bin/env python3
"""The long reliability runs behind the CI proofs (issue 7), with a summary at the end.

    .venv/bin/python tools/long_runs.py crash [--trials 1000] [--seed 1000] [--keep]
    .venv/bin/python tools/long_runs.py fuzz  [--cases 10000] [--seed 1] [--pool 300]

crash: SIGKILL trials spread over the kinds of tests/reliability/crash.py (autosave, export,
       office import in process and through the worker pool); a failed trial's folder is kept.
fuzz:  mutated genuine submissions through verify_submission in process (every case must end
       in an outcome within 10 s) and a subset through the importer's worker pool, watching
       this process's memory.
Exit status 1 when any trial or case failed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARES = {"autosave": 0.3, "export": 0.25, "import": 0.3, "import-pool": 0.15}


def crash(args: argparse.Namespace) -> int:
    from app.services.catalog import default_catalog
    from tests.kit.world import make_base
    from tests.reliability.crash import TrialResult, run_trials

    catalog = default_catalog()
    work = Path(tempfile.mkdtemp(prefix="qr-crash-"))
    template = make_base(work / "template", catalog)
    shares = {k: s for k, s in SHARES.items() if not args.only or k in args.only}
    total = sum(shares.values())
    counts = {k: round(args.trials * s / total) for k, s in shares.items()}
    counts[next(iter(counts))] += args.trials - sum(counts.values())
    started = time.monotonic()
    done = 0

    def progress(r: TrialResult) -> None:
        nonlocal done
        done += 1
        if not r.ok:
            print(f"FAIL {r.kind} seed {r.seed} delay {r.delay:.2f}s: {r.problems}", flush=True)
        elif done % 50 == 0:
            print(f"{done}/{args.trials} trials, {time.monotonic() - started:.0f} s", flush=True)

    results = run_trials(
        counts, template, work, catalog, first_seed=args.seed, keep=args.keep, progress=progress
    )
    print(f"\ncrash trials: {len(results)} in {time.monotonic() - started:.0f} s ({work})")
    for kind in counts:
        rs = [r for r in results if r.kind == kind]
        if not rs:
            continue
        confirmed = sorted(r.confirmed for r in rs)
        print(
            f"  {kind:<12} {len(rs):>5} trials  failed {sum(not r.ok for r in rs):>3}  "
            f"confirmed actions before the kill: median {confirmed[len(rs) // 2]}, "
            f"max {confirmed[-1]}, none in {sum(c == 0 for c in confirmed)}  "
            f"stray .tmp left {sum(r.stray_temp_files > 0 for r in rs)}"
        )
    failed = [r for r in results if not r.ok]
    print(f"failed: {len(failed)}")
    return 1 if failed else 0


def fuzz(args: argparse.Namespace) -> int:
    from app.services.catalog import default_catalog
    from tests.reliability.fuzz import run_fuzz

    catalog = default_catalog()
    work = Path(tempfile.mkdtemp(prefix="qr-fuzz-"))
    started = time.monotonic()
    report = run_fuzz(catalog, work, args.cases, seed=args.seed, pool_cases=args.pool)
    print(f"\nfuzz cases: {report.cases} in {time.monotonic() - started:.0f} s ({work})")
    print(f"  through the worker pool: {report.pool_cases}")
    by = Counter(report.outcomes)
    for code, n in by.most_common():
        print(f"  {code:<24} {n}")
    print(f"  slowest case: {report.slowest:.2f} s ({report.slowest_name})")
    print(f"  main process RSS: {report.rss_start_mb:.0f} MB -> {report.rss_end_mb:.0f} MB")
    print(f"unhandled exceptions: {len(report.crashes)}; hangs over 10 s: {len(report.hangs)}")
    for name, err in (report.crashes + report.hangs)[:20]:
        print(f"  {name}: {err}")
    return 1 if report.crashes or report.hangs or not report.memory_ok else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    p = sub.add_parser("crash")
    p.add_argument("--trials", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1000, help="first seed (CI uses 0 upwards)")
    p.add_argument("--keep", action="store_true", help="keep every trial's folder")
    p.add_argument("--only", action="append", choices=list(SHARES), help="only these kinds")
    p.set_defaults(run=crash)
    p = sub.add_parser("fuzz")
    p.add_argument("--cases", type=int, default=10000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--pool", type=int, default=300, help="cases run through the worker pool")
    p.set_defaults(run=fuzz)
    args = parser.parse_args()
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
