"""Whose data folder: the role is derived from the stores, so the command line and the window
agree, and a command of the other role is refused before it creates a second store."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.config import Settings
from app.io import keys
from app.services.install_role import (
    OFFICE,
    UNIT,
    RoleRefused,
    install_role,
    legacy_role,
    require_role,
)

PASS = "correct horse battery"


@pytest.fixture(autouse=True)
def _fast_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**12)
    monkeypatch.setenv("QR_PASS", PASS)


def run(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(folder), *args])
    out, err = capsys.readouterr()
    return code, out, err


def unit_folder(capsys: pytest.CaptureFixture[str], folder: Path) -> Path:
    code, _, err = run(capsys, folder, "unit", "init", "--unit", "住建局", "--clerk", "张三",
                       "--passphrase-env", "QR_PASS")  # fmt: skip
    assert code == 0, err
    return folder


def office_folder(capsys: pytest.CaptureFixture[str], folder: Path) -> Path:
    code, _, err = run(capsys, folder, "office", "init")
    assert code == 0, err
    return folder


def role_of(folder: Path, db_url: str | None = None) -> str | None:
    return install_role(Settings(folder, db_url))


def write_role_json(folder: Path, role: Any) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "role.json").write_text(json.dumps({"role": role}), encoding="utf-8")


# -- the command line and the role ------------------------------------------------------------
def test_a_fresh_folder_has_no_role_and_either_init_makes_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert role_of(tmp_path / "u") is None and role_of(tmp_path / "o") is None
    assert role_of(unit_folder(capsys, tmp_path / "u")) == UNIT
    assert role_of(office_folder(capsys, tmp_path / "o")) == OFFICE
    require_role(Settings(tmp_path / "fresh"), UNIT)  # a fresh folder refuses neither
    require_role(Settings(tmp_path / "fresh"), OFFICE)


def test_an_office_command_in_a_units_folder_is_refused_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = unit_folder(capsys, tmp_path / "data")
    for args in (("office", "status", "--period", "2016Q1"), ("office", "init")):
        code, out, err = run(capsys, folder, *args)
        assert (code, out) == (1, "")
        assert err == f"error: {folder} 是填报单位的数据文件夹，不能在此运行市质量强市办的命令\n"
    code, out, _ = run(capsys, folder, "office", "trust", "list", "--json")
    assert code == 1 and json.loads(out)["code"] == "role_is_unit"
    assert not Settings(folder).office_store_path.exists()
    assert role_of(folder) == UNIT


def test_a_unit_command_in_the_offices_folder_is_refused_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = office_folder(capsys, tmp_path / "data")
    code, out, err = run(capsys, folder, "--lang", "en", "unit", "status", "--period", "2016Q1",
                         "--json")  # fmt: skip
    assert code == 1
    assert json.loads(out)["code"] == "role_is_office"
    assert err == f"error: {folder} holds the office's data: unit commands cannot run here\n"
    code, _, err = run(capsys, folder, "unit", "init", "--unit", "住建局", "--clerk", "张三",
                       "--passphrase-env", "QR_PASS")  # fmt: skip
    assert code == 1 and "市质量强市办的数据文件夹" in err
    assert not Settings(folder).unit_store_path.exists()
    assert role_of(folder) == OFFICE


def test_restoring_the_other_roles_backup_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = office_folder(capsys, tmp_path / "office")
    assert run(capsys, office, "backup", "create", "--store", "office")[0] == 0
    backup = next(Settings(office).backup_dir.glob("office-*.sqlite3"))
    unit = unit_folder(capsys, tmp_path / "unit")
    code, _, err = run(capsys, unit, "backup", "restore", str(backup))
    assert code == 1 and "填报单位的数据文件夹" in err
    assert not Settings(unit).office_store_path.exists()


def test_an_office_store_elsewhere_makes_the_folder_the_offices(tmp_path: Path) -> None:
    assert role_of(tmp_path, "postgresql+psycopg://office@db/qr") == OFFICE
    with pytest.raises(RoleRefused) as refused:
        require_role(Settings(tmp_path, "postgresql+psycopg://office@db/qr"), UNIT)
    assert refused.value.code == "role_is_office"


# -- folders of the first version (role.json beside the stores) -----------------------------
def test_role_json_alone_or_with_its_own_store_still_says_the_role(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chose_office = tmp_path / "chose-office"  # the wizard wrote role.json, no store yet
    write_role_json(chose_office, "office")
    assert role_of(chose_office) == OFFICE
    old_unit = unit_folder(capsys, tmp_path / "old-unit")
    write_role_json(old_unit, "unit")
    assert role_of(old_unit) == UNIT
    old_office = office_folder(capsys, tmp_path / "old-office")
    write_role_json(old_office, "office")
    assert role_of(old_office) == OFFICE


def test_both_stores_role_json_decides_else_the_unit_profile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The first version let ``office status`` create an office store in a unit's folder
    (and ``unit status`` a unit store in the office's)."""
    unit = unit_folder(capsys, tmp_path / "unit")
    office = office_folder(capsys, tmp_path / "office")
    both = tmp_path / "both"
    shutil.copytree(unit, both)
    shutil.copy(Settings(office).office_store_path, Settings(both).office_store_path)
    assert role_of(both) == UNIT  # the unit store names its unit
    code, _, err = run(capsys, both, "office", "status", "--period", "2016Q1")
    assert code == 1 and "填报单位的数据文件夹" in err
    write_role_json(both, "office")
    assert role_of(both) == OFFICE
    stray = tmp_path / "stray"  # an office folder with an empty unit store beside
    shutil.copytree(office, stray)
    con = sqlite3.connect(Settings(stray).unit_store_path)
    con.execute("CREATE TABLE unit_profile (id INTEGER PRIMARY KEY)")
    con.close()
    assert role_of(stray) == OFFICE
    code, out, _ = run(capsys, stray, "catalog", "--json")  # reads the office's plan
    assert code == 0 and json.loads(out)["plan"]["code"] == "SZ-QUALITY-2016"


@pytest.mark.parametrize("text", ["", "{", '{"role": "boss"}', '["office"]'])
def test_a_damaged_role_json_is_no_role(tmp_path: Path, text: str) -> None:
    (tmp_path / "role.json").write_text(text, encoding="utf-8")
    assert legacy_role(tmp_path) is None
    assert role_of(tmp_path) is None
