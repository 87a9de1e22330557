"""The program's log: one rotating file per install, so that a failure in the field can be
diagnosed from what the clerk sends back (Help → 打开日志文件夹).

Every layer logs through ``logging.getLogger(__name__)``; only the entry point
(``app.cli.main``) calls ``setup_logging``. A caught exception is logged with its traceback
(``log.exception`` / ``exc_info=True``) before the user sees its one line.
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from types import TracebackType

LOG_FILE = "qualityreport.log"
MAX_BYTES = 1024 * 1024
BACKUPS = 5
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
_FORMAT = "%(asctime)s %(levelname)-7s %(process)d %(threadName)s %(name)s: %(message)s"
_HANDLER_NAME = "qualityreport-file"


def setup_logging(log_dir: Path, level: str = "INFO") -> Path | None:
    """Log to ``log_dir/qualityreport.log`` (1 MB × 5, UTF-8). Returns the file, or None when
    the folder cannot be written: the program must still run on a read-only profile."""
    from logging.handlers import RotatingFileHandler

    root = logging.getLogger()
    root.setLevel(getattr(logging, level.upper(), logging.INFO))
    for h in list(root.handlers):
        if h.get_name() == _HANDLER_NAME:  # called again (tests, a second main()): replace
            root.removeHandler(h)
            h.close()
    path = log_dir / LOG_FILE
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
        )
    except OSError:
        return None
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    _log_uncaught()
    return path


def _log_uncaught() -> None:
    """An exception nobody caught still reaches the log (then Python's own handler runs)."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        logging.getLogger("app").critical("uncaught exception", exc_info=(kind, exc, tb))
        previous(kind, exc, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        exc = args.exc_value or args.exc_type()
        logging.getLogger("app").critical(
            "uncaught exception in thread %s",
            getattr(args.thread, "name", "?"),
            exc_info=(args.exc_type, exc, args.exc_traceback),
        )

    if getattr(sys.excepthook, "__qualname__", "") != hook.__qualname__:
        sys.excepthook = hook
        threading.excepthook = thread_hook
