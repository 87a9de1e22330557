"""A command line builds the parser of the command it names only (issue 17); help, the
version and an unknown command see every command."""

from __future__ import annotations

import pytest

from app import cli


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
