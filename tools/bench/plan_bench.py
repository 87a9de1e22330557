"""A plan package imported by a clerk's program, end to end (docs/design.md §6: 1 s).

Untimed: the office publishes revision 2 of the shipped plan (a period's due date moved, a task
re-worded) and writes its signed package; a copy of a set-up clerk's store trusts the
office's key. Timed: ``import_plan_package`` (read and verify the package, check the signer
and the unit, install the revision: catalog rows, changes).
"""

from __future__ import annotations

import importlib.util
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from app.config import Settings
from app.domain.catalog import Catalog
from tools.bench import data
from tools.bench.startup_bench import unit_data_dir
from tools.bench.stats import Figure, Stats, repeat

PACKAGE_MODULE = "app.services.plans.package"  # issue 18's plan packages (wt-officefiles)
OFFICE_PASSPHRASE = "基准测试-办公室口令-2016"
BUDGET = 1.0


def available() -> bool:
    return importlib.util.find_spec(PACKAGE_MODULE) is not None


def revised(plan: dict[str, Any]) -> dict[str, Any]:
    """Revision 2: the first period due a week later, the first task's title re-worded."""
    period = plan["periods"][0]
    period["due"] = (date.fromisoformat(period["due"]) + timedelta(days=7)).isoformat()
    task = plan["tasks"][0]
    task["title"] = f"{task['title']}（修订）"
    return plan


def office_package(catalog: Catalog, work: Path) -> tuple[Path, Path]:
    """(the package of revision 2, the office key file), made once."""
    from app.services.office_key import create_office_key, export_office_key
    from app.services.plans import publish_plan, save_draft, start_revision
    from app.services.plans.package import write_plan_package
    from app.services.stores import open_office_store

    folder = work / "plan-office"
    package, key_file = folder / "plan-r2.xlsx", folder / "office-key.json"
    if package.exists() and key_file.exists():
        return package, key_file
    template = data.office_template(catalog, work / "office-template")
    store = open_office_store(data.fresh_office(template, folder))
    try:
        create_office_key(store, OFFICE_PASSPHRASE)
        draft = start_revision(store, catalog.code)
        save_draft(store, catalog.code, revised(draft.plan), list(draft.guesses))
        publish_plan(store, catalog.code)
        write_plan_package(store, catalog.code, package, OFFICE_PASSPHRASE)
        export_office_key(store, key_file)
    finally:
        store.close()
    return package, key_file


class UnitImport:
    def __init__(self, template: Path, folder: Path, package: Path, key_file: Path) -> None:
        self.template, self.folder = template, folder
        self.package, self.key_file = package, key_file
        self.store: Any = None
        self.revision = 0

    def setup(self) -> None:
        """A fresh copy of the clerk's store that trusts the office's key."""
        from app.services.stores import open_unit_store
        from app.services.unit_office_key import read_office_key_file, trust_office_key

        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        src = Settings(self.template).unit_store_path
        shutil.copyfile(src, Settings(self.folder).unit_store_path)
        self.store = open_unit_store(Settings(self.folder))
        trust_office_key(self.store, read_office_key_file(self.key_file))

    def run(self) -> None:
        from app.services.plans.package import import_plan_package

        try:
            result = import_plan_package(self.store, self.package)
        finally:
            self.store.close()
        if result.already_installed:
            raise RuntimeError("the benchmark package was installed already")
        self.revision = result.revision


def plan_figures(catalog: Catalog, work: Path, runs: int) -> list[Figure]:
    if not available():
        skipped = Figure("plan package import (skipped)", Stats((0.0,)), unit="s", factor=1.0)
        skipped.notes.append(
            f"{PACKAGE_MODULE} is not in this tree yet (plan packages: branch wt-officefiles); "
            "the case runs as soon as it is merged"
        )
        return [skipped]
    package, key_file = office_package(catalog, work)
    unit = unit_data_dir(catalog, work / "unit-install")
    job = UnitImport(unit, work / "plan-unit", package, key_file)
    product, _ = repeat(runs, job.run, setup=job.setup)
    f = Figure(
        "plan package import by the clerk (verify, check the signer, install the revision)",
        product,
        budget_abs=BUDGET,
    )
    kb = package.stat().st_size / 1024
    f.notes.append(f"package of revision {job.revision}, {kb:.0f} KB; {len(catalog.tasks)} tasks")
    return [f]
