"""``catalog [--plan CODE] [--json]``: a plan as this install sees it."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import CliRefusal, Context, add_command, plan_catalog_named, print_json
from app.domain.catalog import ROLE_LABELS, Catalog
from app.domain.plan_book import PlanBook
from app.services.catalog import default_catalog, plan_book
from app.services.install_role import OFFICE, UNIT, install_role
from app.services.unit_setup import get_profile


def register(sub: Any) -> None:
    p = add_command(
        sub, "catalog", "the plan: sections, units, tasks, targets, periods", run, json=True
    )
    p.add_argument("--plan", metavar="CODE", help="which plan (default: the newest published)")


def current_catalog(ctx: Context, plan_code: str | None = None) -> Catalog:
    """A published plan of this install's store (``plan_code``, else the newest; on a unit's
    install the newest it reports in), or in a fresh folder the shipped plan file."""
    role = install_role(ctx.settings)
    try:
        if role in (UNIT, OFFICE):
            store = ctx.unit_store() if role == UNIT else ctx.office_store()
            profile = get_profile(store) if role == UNIT else None
            return plan_catalog_named(store, plan_code, profile.unit_id if profile else None)
        catalog = default_catalog()
    except ValueError as exc:  # PlanFileError: its module (pydantic) loads only when needed
        from app.io.plan_file import PlanFileError

        if not isinstance(exc, PlanFileError):
            raise
        raise CliRefusal("plan_file_invalid", detail=exc) from exc
    if plan_code not in (None, catalog.code):
        raise CliRefusal("plan_unknown_code", 2, plan=plan_code, plans=catalog.code)
    return catalog


def current_plans(ctx: Context) -> Catalog | PlanBook:
    """What a file may be checked against: every published revision of every plan of this
    install's store (a file names its own), or in a fresh folder the shipped plan."""
    role = install_role(ctx.settings)
    if role in (UNIT, OFFICE):
        return plan_book(ctx.unit_store() if role == UNIT else ctx.office_store())
    return current_catalog(ctx)


def run(ctx: Context, args: argparse.Namespace) -> int:
    catalog = current_catalog(ctx, args.plan)
    if args.json:
        print_json(catalog.to_json())
        return 0
    print(f"{catalog.title} ({catalog.code}, 第 {catalog.revision} 版 revision {catalog.revision})")
    names = {u.id: u.short_name for u in catalog.units}
    for section in catalog.sections:
        print(f"\n[{section.no}] {section.title}")
        for t in (t for t in catalog.tasks if t.section == section.no):
            who = "、".join(f"{names.get(a.unit, a.unit)}{ROLE_LABELS[a.role]}" for a in t.units)
            print(f"  {t.no:>2}. {t.title}  — {who}")
            for x in t.targets:
                print(f"        目标 {x.name}: {x.describe()}")
    print("\n工作目标指标")
    for i in catalog.indicators:
        owner = names.get(i.owner, "") if i.owner else ""
        print(f"  {i.no}. {i.name}: {i.as_target().describe()}  {owner}")
    print("\n报告期")
    for p in catalog.periods:
        print(f"  {p.code}  {p.start} – {p.end}  报送截止 {p.due}")
    return 0
