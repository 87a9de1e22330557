"""Shared set-up for the office-answers file tests: an office store with its key, a unit store
set up for 住建局 (zjj) trusting that key, real scrypt-sealed keys at a test cost."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.config import Settings
from app.io import keys
from app.io.office_key_file import read_office_key_file
from app.services.catalog import default_catalog
from app.services.office_key import create_office_key, export_office_key
from app.services.plans import save_draft, start_revision
from app.services.plans.publish import publish_plan
from app.services.stores import Store, open_office_store, open_unit_store
from app.services.unit_office_key import trust_office_key
from app.services.unit_setup import init_unit

OFFICE_PASS = "office quality 2016"
UNIT_PASS = "住建局 quality 2016"
SZ16 = "SZ-QUALITY-2016"
UNIT = "zjj"


@dataclass
class Pair:
    office: Store
    unit: Store
    tmp: Path

    def office_key_file(self) -> Path:
        return export_office_key(self.office, self.tmp / "office-key.json")


def fast_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


def make_pair(tmp: Path, *, trust: bool = True, office_key: bool = True) -> Pair:
    office = open_office_store(Settings(tmp / "office"))
    unit = open_unit_store(Settings(tmp / "unit"))
    pair = Pair(office, unit, tmp)
    init_unit(unit, default_catalog(), UNIT, "张三", "0755-1", UNIT_PASS)
    if office_key:
        create_office_key(office, OFFICE_PASS, actor="李四")
        if trust:
            trust_office_key(unit, read_office_key_file(pair.office_key_file()))
    return pair


def publish_revision(office: Store, edit: object) -> int:
    """A new revision of the 2016 plan with ``edit(plan_json)`` applied; its number."""
    draft = start_revision(office, SZ16)
    plan = json.loads(json.dumps(draft.plan))
    edit(plan)  # type: ignore[operator]
    save_draft(office, SZ16, plan, ())
    return publish_plan(office, SZ16, actor="李四").revision
