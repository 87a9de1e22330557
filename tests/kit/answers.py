"""The office's answers, files side (plan packages, feedback, responses): an office store with
its key beside a unit store set up for 住建局 (zjj) trusting that key (``Pair``), the command
line on both folders (``Roles``); real scrypt-sealed keys at a test cost."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
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
    key: Any = None  # the unit's test signing key registered at the office (office_submission)

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


def office_submission(pair: Pair, version: int = 1, sequence: int = 1) -> int:
    """A zjj 2016Q1 submission imported into the office (by a registered test key); its id."""
    from datetime import UTC, datetime

    from sqlalchemy import select

    from app.models import Submission
    from app.services.office_import import Importer
    from app.services.office_trust import add_trusted_key
    from tests.kit.keys import Key
    from tests.kit.submissions import make_payload, write

    catalog = default_catalog()
    if pair.key is None:
        pair.key = Key()
        doc = keys.registration_document(
            UNIT,
            "市住房和建设局",
            pair.key.public,
            "张三",
            datetime(2016, 3, 1, tzinfo=UTC),
        )
        doc["unit_name"] = catalog.unit(UNIT).name
        add_trusted_key(pair.office, catalog, keys.registration_from_document(doc))
    payload = make_payload(catalog, version=version, sequence=sequence)
    path = write(pair.tmp, catalog, pair.key, payload, f"v{version}.xlsx")
    [outcome] = Importer(pair.office, catalog).run([path], in_process=True)
    assert outcome.outcome == "accepted", outcome.reason
    with pair.office.factory() as s:
        return int(s.scalar(select(Submission.id).where(Submission.version == version)) or 0)


def decide(pair: Pair, submission_id: int, state: str, comment: str, tasks: dict[int, str]) -> None:
    """A review decision as the office's review service stores it (schema 0004)."""
    from sqlalchemy import select

    from app.models import Task
    from app.models.answers import Review, ReviewComment

    with pair.office.factory.begin() as s:
        review = Review(submission_id=submission_id, state=state, comment=comment, actor="李四")
        s.add(review)
        s.flush()
        for no, text in tasks.items():
            task_id = s.scalar(select(Task.id).where(Task.no == no))
            s.add(ReviewComment(review_id=review.id, task_id=task_id, text=text))


def add_notice(pair: Pair, task: int, text: str, due: str) -> int:
    from datetime import date

    from sqlalchemy import select

    from app.models import Task, Unit
    from app.models.answers import Notice

    with pair.office.factory.begin() as s:
        unit_id = s.scalar(select(Unit.id).where(Unit.code == UNIT))
        task_id = s.scalar(select(Task.id).where(Task.no == task))
        row = Notice(unit_id=unit_id, task_id=task_id, text=text, due=date.fromisoformat(due),
                     state="open", created_by="李四")  # fmt: skip
        s.add(row)
        s.flush()
        return int(row.id)


class Roles:
    """One data folder per role; ``office`` and ``unit`` run commands in their folder."""

    def __init__(self, tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.tmp, self.capsys = tmp, capsys

    def run(self, role: str, *args: str) -> tuple[int, str, str]:
        code = main(["--data-dir", str(self.tmp / role), role, *args])
        out, err = self.capsys.readouterr()
        return code, out, err

    def office(self, *args: str) -> tuple[int, str, str]:
        return self.run("office", *args)

    def unit(self, *args: str) -> tuple[int, str, str]:
        return self.run("unit", *args)

    def json(self, role: str, *args: str) -> Any:
        code, out, err = self.run(role, *args, "--json")
        assert code == 0, (out, err)
        return json.loads(out)

    def set_up(self, trust: bool = True) -> None:
        code, _, err = self.office("init", "--passphrase-env", "QR_OFFICE")
        assert code == 0, err
        code, _, err = self.unit("init", "--unit", "住建局", "--clerk", "张三",
                                 "--passphrase-env", "QR_UNIT")  # fmt: skip
        assert code == 0, err
        key_file = self.tmp / "office-key.json"
        assert self.office("key", "export", "--out", str(key_file))[0] == 0
        if trust:
            code, _, err = self.unit("office-key", "add", str(key_file), "--yes")
            assert code == 0, err
