"""The office's side, run in the test's own process on a real office store beside the clerk's:
its key (sealed, at the tests' scrypt cost), plan packages it publishes, the unit's signed
export it imports, a review that returns it with comments, a 督办 notice, the signed feedback
file for the unit. Every file is made by the real services; nothing is faked."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from app.config import Settings
from app.services.entries import EntryService
from app.services.stores import Store, open_office_store, store_catalog
from tests.kit import world

OFFICE_PASS = "office quality 2016 深圳"
ACTOR = "李四"
SZ16 = "SZ-QUALITY-2016"
UNIT = "zjj"
PERIOD = "2016Q1"


@dataclass
class Office:
    store: Store
    folder: Path

    def key_file(self) -> Path:
        from app.services.office_key import export_office_key

        return export_office_key(self.store, self.folder / "office-key.json")

    def close(self) -> None:
        self.store.close()


def open_office(tmp: Path) -> Office:
    """A fresh office store with its signing key (``office init`` with a passphrase)."""
    from app.services.office_key import create_office_key

    folder = tmp / "office-side"
    store = open_office_store(Settings(folder / "data"))
    create_office_key(store, OFFICE_PASS, actor=ACTOR)
    return Office(store, folder)


def trust(unit: Store, office: Office) -> None:
    """The clerk trusts the office's key (as after confirming its fingerprint)."""
    from app.services.unit_office_key import read_office_key_file, trust_office_key

    trust_office_key(unit, read_office_key_file(office.key_file()))


def revise(office: Office, edit: Callable[[dict[str, Any]], None]) -> int:
    """A new published revision of the 2016 plan with ``edit(plan_json)``; its number."""
    from app.services.plans import publish_plan, save_draft, start_revision

    draft = start_revision(office.store, SZ16)
    plan = json.loads(json.dumps(draft.plan))
    edit(plan)
    save_draft(office.store, SZ16, plan, ())
    return int(publish_plan(office.store, SZ16, ACTOR).revision)


def move_q2_and_raise_target(plan: dict[str, Any]) -> None:
    """2016Q2 due five days later; 任务 23's first target raised to 1800."""
    for p in plan["periods"]:
        if p["code"] == "2016Q2":
            p["due"] = "2016-07-15"
    plan["tasks"][22]["targets"][0]["value"] = 1800


def plan_package(office: Office, name: str = "plan.xlsx") -> Path:
    from app.services.plans.package import write_plan_package

    out = office.folder / name
    return Path(write_plan_package(office.store, SZ16, out, OFFICE_PASS, ACTOR).path)


def fill_period(unit: Store, period: str = PERIOD, note: str = "") -> None:
    """Every task and indicator of 住建局 filled validly (ready to export)."""
    catalog = store_catalog(unit)
    world.fill_period(EntryService(unit, catalog, UNIT), catalog, period, note)


def export(unit: Store, folder: Path, passphrase: str, period: str = PERIOD) -> Path:
    """The clerk's signed export of ``period`` (the next version)."""
    from app.services.export import export_period

    folder.mkdir(parents=True, exist_ok=True)
    n = len(list(folder.glob("*.xlsx"))) + 1
    out = folder / f"{period}-v{n}.xlsx"
    return Path(export_period(unit, store_catalog(unit), period, out, passphrase).path)


def register_and_import(office: Office, unit: Store, submission: Path) -> None:
    """The office registers the unit's key (fingerprint confirmed) and imports its file."""
    from app.services.office_import import Importer
    from app.services.office_trust import add_trusted_key, read_registration_file
    from app.services.unit_setup import write_registration_file

    registration = write_registration_file(unit, None, office.folder / "unit-key.json")
    catalog = store_catalog(office.store)
    add_trusted_key(office.store, catalog, read_registration_file(registration))
    outcomes = Importer(office.store).run([submission])
    assert [o.outcome for o in outcomes] == ["accepted"], outcomes


def return_with_comments(office: Office, comments: dict[str, str], general: str) -> None:
    from app.services.review import decide

    decide(
        office.store,
        unit_code=UNIT,
        period_code=PERIOD,
        state="returned",
        comment=general,
        task_comments=comments,
        actor=ACTOR,
    )


def accept(office: Office) -> None:
    from app.services.review import decide

    decide(office.store, unit_code=UNIT, period_code=PERIOD, state="accepted", actor=ACTOR)


def add_notice(office: Office, task: str, due: date, text: str) -> int:
    from app.services.supervision import add_notice as add

    notice = add(
        office.store, unit_code=UNIT, task=task, due=due, text=text, actor=ACTOR, period_code=PERIOD
    )
    return int(notice.id)


def feedback(office: Office, name: str = "feedback") -> Path:
    """The office's signed feedback file for 住建局 (one per unit with news)."""
    from app.services.feedback import write_feedback

    out = office.folder / name
    out.mkdir(parents=True, exist_ok=True)
    written = write_feedback(office.store, PERIOD, out, OFFICE_PASS, ACTOR)
    mine = [w for w in written if w.unit_code == UNIT]
    assert len(mine) == 1, written
    return Path(mine[0].path)
