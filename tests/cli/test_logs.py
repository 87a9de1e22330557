"""A failure in the field leaves a traceback in the log file; the user sees one line."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from app.cli import catalog_cmd, main
from app.config import Settings
from app.logs import LOG_FILE, setup_logging


@pytest.fixture(autouse=True)
def _restore_root_logger():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for h in root.handlers:
        if h not in handlers:
            h.close()
    root.handlers[:] = handlers
    root.setLevel(level)


def test_unexpected_failure_is_one_line_for_the_user_and_a_traceback_in_the_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(ctx: object, args: object) -> int:
        raise RuntimeError("disk controller on fire")

    monkeypatch.setattr(catalog_cmd, "run", broken)
    assert main(["--data-dir", str(tmp_path), "catalog"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "error: RuntimeError: disk controller on fire"
    assert "Traceback" not in err
    log = (tmp_path / "logs" / LOG_FILE).read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log
    assert "disk controller on fire" in log
    assert "def broken" in log or "in broken" in log


def test_log_level_option_filters(tmp_path: Path) -> None:
    assert main(["--data-dir", str(tmp_path), "--log-level", "ERROR", "catalog"]) == 0
    path = tmp_path / "logs" / LOG_FILE
    assert not path.exists() or "start" not in path.read_text(encoding="utf-8")
    assert main(["--data-dir", str(tmp_path), "--log-level", "DEBUG", "catalog"]) == 0
    assert " INFO " in path.read_text(encoding="utf-8")


def test_an_unwritable_log_folder_does_not_stop_the_program(tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    assert setup_logging(blocker / "logs") is None


def test_default_install_logs_in_the_platform_folder() -> None:
    s = Settings.make(None)
    assert s.logs is None
    assert "QualityReport" in str(s.log_dir)
    assert Settings.make("/tmp/x").log_dir == Path("/tmp/x/logs")


def test_a_network_share_gets_no_log_folder() -> None:
    assert Settings.make("\\\\server\\share\\qr").logs is None
