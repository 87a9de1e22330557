"""A command line builds the parser of the command it names only (issue 17); help, the
version and an unknown command see every command. A command closes what it opened."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import cli
from app.config import Settings
from app.domain.catalog import Catalog
from app.services.stores import open_office_store
from tests.kit.keys import Key, trust
from tests.kit.submissions import make_payload, write


def test_each_command_loads_its_own_module() -> None:
    for command, module in cli.COMMANDS.items():
        (loaded,) = cli.command_modules(command)
        assert loaded.__name__ == f"app.cli.{module}"
        sub = next(a for a in cli.build_parser(command)._actions if a.dest == "command")
        assert list(sub.choices or ()) == [command]
    assert len(cli.command_modules(None)) == len(cli.COMMANDS)
    assert len(cli.command_modules("bogus")) == len(cli.COMMANDS)


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["office", "import", "x"], "office"),
        (["--data-dir", "unit", "office", "status"], "office"),  # a global option's value
        (["--lang", "en", "verify", "f.xlsx"], "verify"),
        (["office", "import", "--help"], None),  # help: the whole parser
        (["--version"], None),
        (["bogus"], None),
    ],
)
def test_command_named(argv: list[str], named: str | None) -> None:
    assert cli._command_named(argv) == named


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert all(command in out for command in cli.COMMANDS)


def test_a_command_closes_the_stores_it_opened(
    tmp_path: Path, catalog: Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    """After ``office import`` nothing holds the store: SQLite has folded its write-ahead log
    back into the file (it deletes the log when its last connection closes), so the folder
    is one self-contained file again, and a refusal (exit 1) closes it too."""
    data = tmp_path / "office"
    assert cli.main(["--data-dir", str(data), "office", "init"]) == 0
    store = open_office_store(Settings(data))
    key = Key()
    trust(store, catalog, "zjj", key)
    store.close()
    good = write(tmp_path, catalog, key, make_payload(catalog), "good.xlsx")
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not a workbook")
    wal = data / "office.sqlite3-wal"
    assert cli.main(["--data-dir", str(data), "office", "import", str(good)]) == 0
    assert not wal.exists()
    assert cli.main(["--data-dir", str(data), "office", "import", str(junk)]) == 1
    assert not wal.exists()
    assert "1 accepted" in capsys.readouterr().out
