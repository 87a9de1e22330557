"""What every screenshot tool starts with: its two options and a QApplication whose settings
live in a throw-away folder (the user's own preferences are never read or written)."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def shot_options(argv: list[str], doc: str | None) -> tuple[Path, tuple[int, int]]:
    """``--out`` (made if missing) and ``--size WxH``."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("--size", default="1600x900")
    args = parser.parse_args(argv)
    width, height = (int(x) for x in args.size.lower().split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    return args.out, (width, height)


def shot_application(root: Path) -> Any:
    """The Chinese-first application, its QSettings under ``root``."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.ui.common.application import prepare_application

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(root / "ini"))
    app = QApplication.instance() or QApplication(["qualityreport-shots"])
    prepare_application(app, "zh_CN")
    return app


def wait_for(app: Any, done: Callable[[], bool], what: str, seconds: float = 60) -> None:
    """Events until ``done()``; a clear error instead of waiting forever when a window no
    longer goes where the tool expects (a new wizard page)."""
    end = time.monotonic() + seconds
    while not done():
        if time.monotonic() > end:
            raise SystemExit(f"error: gave up waiting for {what}")
        app.processEvents()
        time.sleep(0.01)
