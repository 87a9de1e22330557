"""Migration 0003 (plans as data) on stores of the first version, with their data.

The shipped plan becomes revision 1, published, with its hash unchanged; each unit becomes
one row across plans, listed by the plan; a store that ever held two rows of one unit code is
merged into one; and the unit's profile and signing key keep working when a second plan (next
year's, copied) is published into the store.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import func, select

from app.config import Settings
from app.domain.catalog import Catalog
from app.domain.entry_rules import EntryDraft
from app.models import Plan, PlanRevision, PlanUnit, SigningKey, Unit, UnitAlias, UnitProfile
from app.services import plans
from app.services.entries import EntryService
from app.services.export import export_period
from app.services.stores import open_office_store, open_unit_store, store_catalog
from app.services.unit_setup import get_profile
from tests.kit.paths import FIXTURES
from tests.kit.world import PASS

SZ16 = "SZ-QUALITY-2016"


def first_version(tmp_path: Path, which: str) -> Settings:
    settings = Settings(tmp_path / "data")
    settings.data_dir.mkdir(parents=True)
    shutil.copy(FIXTURES / f"schema-0001-{which}.sqlite3", settings.data_dir / f"{which}.sqlite3")
    return settings


def test_the_installed_plan_becomes_revision_1(tmp_path: Path, catalog: Catalog) -> None:
    store = open_office_store(first_version(tmp_path, "office"))
    try:
        with store.factory() as s:
            plan = s.scalars(select(Plan)).one()
            assert (plan.code, plan.revision, plan.content_hash) == (
                SZ16,
                1,
                catalog.content_hash,
            )
            revision = s.scalars(select(PlanRevision)).one()
            assert (revision.revision, revision.content_hash) == (1, catalog.content_hash)
            assert revision.source_json == plan.source_json
            assert s.scalar(select(func.count(PlanUnit.id))) == len(catalog.units)
            codes = list(s.scalars(select(Unit.code)))
            assert sorted(codes) == sorted(u.id for u in catalog.units)
            assert s.scalar(select(func.count(UnitAlias.id))) == sum(
                len(u.aliases) for u in catalog.units
            )
        migrated = store_catalog(store)
        assert migrated == catalog and migrated.revision == 1
        assert [s.code for s in plans.list_plans(store)] == [SZ16]
    finally:
        store.close()


def test_the_units_key_and_profile_serve_next_years_plan(tmp_path: Path) -> None:
    settings = first_version(tmp_path, "unit")
    store = open_unit_store(settings)
    try:
        before = get_profile(store)
        assert before is not None and before.unit_id == "zjj"
        plans.publish_plan(store, plans.copy_plan(store, SZ16, "SZ-QUALITY-2017", 2017).code)
        after = get_profile(store)
        assert after == before  # the same unit row, the same key, for both plans
        new = store_catalog(store, "SZ-QUALITY-2017")
        service = EntryService(store, new, "zjj")
        for task, _role in new.tasks_for_unit("zjj"):
            targets = tuple((x.name, "1") for x in task.targets)
            service.save(EntryDraft(task.no, "2017Q1", "completed", 100, "完成", targets=targets))
        for indicator in new.indicators_for_unit("zjj"):
            service.save_indicator(
                service.load_indicator(indicator.no, "2017Q1").draft.with_changes(value="1")
            )
        result = export_period(store, new, "2017Q1", tmp_path / "2017Q1.xlsx", PASS)
        assert result.fingerprint == before.fingerprint and result.version == 1
        # the first plan's numbering is its own: 2016Q1 goes on where it stopped
        old = EntryService(store, store_catalog(store, SZ16), "zjj")
        assert old.period_state("2016Q1").version is not None
    finally:
        store.close()


def test_two_rows_of_one_unit_code_are_merged(tmp_path: Path) -> None:
    """A store that held a second plan with the same unit codes (installed by hand): every
    reference moves to the first row of the code, nothing is lost."""
    settings = first_version(tmp_path, "unit")
    path = settings.data_dir / "unit.sqlite3"
    con = sqlite3.connect(path)
    con.execute(
        "INSERT INTO plan (id, code, title, year, content_hash, source_json)"
        " SELECT 2, 'OTHER', title, year, content_hash, source_json FROM plan WHERE id = 1"
    )
    con.execute(
        "INSERT INTO unit (plan_id, code, name, short_name, reports)"
        " SELECT 2, code, name, short_name, reports FROM unit WHERE plan_id = 1"
    )
    twin = con.execute("SELECT id FROM unit WHERE plan_id = 2 AND code = 'zjj'").fetchone()[0]
    con.execute("UPDATE signing_key SET unit_id = ?", (twin,))  # the key on the twin row
    keys = con.execute("SELECT count(*) FROM signing_key").fetchone()[0]
    con.commit()
    con.close()
    store = open_unit_store(settings)
    try:
        with store.factory() as s:
            assert s.scalar(select(func.count(Unit.id)).where(Unit.code == "zjj")) == 1
            zjj = s.scalars(select(Unit).where(Unit.code == "zjj")).one()
            assert s.scalar(select(func.count(SigningKey.id))) == keys
            assert set(s.scalars(select(SigningKey.unit_id))) == {zjj.id}
            assert s.scalars(select(UnitProfile)).one().unit_id == zjj.id
            listed = s.execute(select(PlanUnit.plan_id).where(PlanUnit.unit_id == zjj.id))
            assert sorted(listed.scalars()) == [1, 2]
    finally:
        store.close()
