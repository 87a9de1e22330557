"""Frozen entry point of the bundle (QualityReport, and qualityreport-cli on Windows).

The same as ``python -m app``: the desktop window without a sub-command, the command line with one.
"""

import multiprocessing

# The office verifies files in "spawn" worker processes (app/services/parse_pool.py). A frozen
# program has no interpreter to spawn, so each worker, and multiprocessing's resource tracker,
# is this executable started again with special arguments: PyInstaller's freeze_support() runs
# the worker's code and exits instead of opening a second window. Must come before anything else.
multiprocessing.freeze_support()

from app.cli import run_and_exit  # noqa: E402

run_and_exit()
