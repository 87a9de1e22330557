"""``python -m app``: the desktop program, or a sub-command over the same services.

Exit status: 0 success; 1 the command ran but something was refused; 2 bad usage.
No traceback reaches the user: every failure is one line on stderr.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, NoReturn

from app import __version__
from app.logs import LEVELS

# The top-level command each module registers (``register``), in the order of the help.
COMMANDS = {
    "catalog": "catalog_cmd",
    "unit": "unit_cmd",
    "office": "office_cmd",
    "verify": "verify_cmd",
    "backup": "maintenance_cmd",
}


def command_modules(command: str | None = None) -> tuple[ModuleType, ...]:
    """The module registering ``command``, or every command module (the help, a typo).
    Imported only for a sub-command: they pull in SQLAlchemy, which the window must not
    load before its first paint (docs/design.md §6); and a command loads only its own
    (the others' services cost a command line ~40 ms, docs/benchmarks.md)."""
    names = [COMMANDS[command]] if command in COMMANDS else list(COMMANDS.values())
    return tuple(importlib.import_module(f"app.cli.{name}") for name in names)


def _add_global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", metavar="DIR", help="where the stores live")
    parser.add_argument("--db", metavar="URL", help="office store database URL (e.g. PostgreSQL)")
    parser.add_argument(
        "--smoke-test", action="store_true", help="open the window, report first paint, exit"
    )
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="interface language")
    parser.add_argument(
        "--log-level", choices=LEVELS, default="INFO",
        help="what goes into the log file (Help → 打开日志文件夹)",
    )  # fmt: skip


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of ``command`` only (its help and errors are the
    same: the list of commands is shown as COMMAND)."""
    parser = argparse.ArgumentParser(
        prog="python -m app",
        description="质量工作任务填报与汇总 — quality-work progress reporting",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules(command):
        module.register(sub)
    return parser


def _global_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """The global options of ``argv``, and the rest (a sub-command and its arguments)."""
    pre = argparse.ArgumentParser(prog="python -m app", add_help=False)
    _add_global_options(pre)
    return pre.parse_known_args(argv)


def _window_args(argv: list[str]) -> argparse.Namespace | None:
    """The global options when ``argv`` names no sub-command (and asks for no help)."""
    if any(a in ("-h", "--help", "--version") for a in argv):
        return None
    known, rest = _global_args(argv)
    return None if rest else known


def _command_named(argv: list[str]) -> str | None:
    """The top-level command ``argv`` names (None with any help or version option: the
    full parser answers those). The global options parsed already (``_window_args``)."""
    if any(a in ("-h", "--help", "--version") for a in argv):
        return None
    _known, rest = _global_args(argv)
    return rest[0] if rest and rest[0] in COMMANDS else None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        # Chinese output must survive a redirected stdout on a Windows code page (cp936/cp1252).
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower() != "utf-8":
            reconfigure(encoding="utf-8", errors="replace")
    window = _window_args(argv)
    if window is not None:  # no sub-command: the desktop program, started light
        # No cyclic collection until the first view has its data (Launcher.started): the
        # start-up only allocates, and the collector's passes over SQLAlchemy's and Qt's
        # fresh objects cost a fifth of it (docs/benchmarks.md).
        gc.disable()
        from app.deferred_imports import defer_unused_stdlib

        defer_unused_stdlib()  # asyncio, importlib.metadata: SQLAlchemy's, never the window's
        from app.config import Settings
        from app.ui.common.launch import run_gui

        settings = Settings.make(window.data_dir, window.db)
        _start_log(settings.log_dir, window.log_level, "window")
        return run_gui(settings, smoke_test=window.smoke_test, lang=window.lang)
    gc.disable()  # the command modules load without collection passes, as the window does
    from app.deferred_imports import defer_unused_stdlib

    defer_unused_stdlib()  # no command uses asyncio or entry points either (loaded if one did)
    from app.cli.common import Context

    try:
        parser = build_parser(_command_named(argv))
    finally:
        gc.freeze()  # what they made lives as long as the process: out of later passes
        gc.enable()
    args = parser.parse_args(argv)
    ctx = Context.from_args(args)
    _start_log(ctx.settings.log_dir, args.log_level, " ".join(argv[:3]))
    handler = getattr(args, "handler", None)
    if handler is None:
        if args.command is not None:  # a group such as "unit" without its sub-command
            parser.parse_args([*argv, "--help"])
        from app.ui.common.launch import run_gui  # Qt only when a window is wanted

        return run_gui(ctx.settings, smoke_test=args.smoke_test, lang=args.lang)
    try:
        return _run_command(handler, ctx, args)
    finally:
        ctx.close()


def _run_command(handler: Any, ctx: Any, args: argparse.Namespace) -> int:
    """One command: its exit status; a refusal or failure is one line (the traceback is logged)."""
    from app.cli.common import CliError, describe_failure, print_refusal
    from app.domain.messages import Refusal

    log = logging.getLogger("app.cli")
    try:
        return int(handler(ctx, args))
    except CliError as exc:
        log.info("refused (exit %d): %s %s", exc.code, exc.message.code, exc, exc_info=True)
        print_refusal(exc.message, args, exc.details)
        return exc.code
    except Refusal as exc:  # a service's refusal the command did not turn into its own
        log.info("refused (exit 1): %s %s", exc.code, exc, exc_info=True)
        print_refusal(exc.message, args)
        return 1
    except KeyboardInterrupt:
        log.info("interrupted")
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the promise: one line, never a traceback (that goes to the log)
        log.exception("command failed")
        print_refusal(describe_failure(exc), args)
        return 1


def run_and_exit() -> NoReturn:
    """The process's entry (``python -m app``, the frozen bundle): ``main``, then exit.

    By then every store is closed and every background job has finished; the objects still
    alive need no collection. Freezing them spares the cyclic collector's final walks over
    the whole heap (SQLAlchemy, Qt wrappers: ~0.2 s of the window's exit, docs/benchmarks.md).
    """
    code = main()
    gc.freeze()
    sys.exit(code)


def _start_log(log_dir: Path, level: str, what: str) -> None:
    from app.logs import setup_logging

    setup_logging(log_dir, level)
    logging.getLogger("app").info("start %s %s: %s", __version__, sys.platform, what or "window")
