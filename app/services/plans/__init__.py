"""The plans of a store (issue 14; the contract in PLANS_API.md, docs/design.md §1).

A store holds any number of plans; each has published revisions (the catalog rows mirror the
newest) and at most one draft. The plan travels as the plan-file JSON dict; places inside it
are JSON pointers. ``check_plan`` and ``plan_changes`` are pure (no store) and re-exported
here for the editor. Modules: ``types`` (what is returned), ``listing`` (summaries, which plan
a period means), ``catalogs`` (the parsed catalog of each published revision), ``drafts``,
``publish``, ``files`` (import from a document, workbook or JSON; export the template),
``seen`` (what changed since the clerk last looked), ``rows`` (a revision → catalog rows).

Nothing is imported until a name is used (PEP 562): the windows list plans and periods at
start-up, and this package's editor, files and schema (pydantic) must not load then
(docs/design.md §6; tests/ui/test_startup_imports.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.lazy_names import lazy_names

if TYPE_CHECKING:
    from app.domain.plan_diff import PlanChange, plan_changes
    from app.domain.plan_problems import PlanProblem, describe_pointer, problem_text
    from app.io.plan_check import check_plan
    from app.services.catalog import (
        default_plan_code,
        plan_catalog,
        store_catalog_of,
        store_catalogs,
    )
    from app.services.plans.drafts import (
        copy_plan,
        discard_draft,
        new_plan,
        open_plan,
        save_draft,
        start_revision,
    )
    from app.services.plans.files import TemplateRejected, export_plan_template, import_plan_file
    from app.services.plans.listing import list_plans, periods_by_plan, plan_for_period
    from app.services.plans.publish import install_revision, publish_plan
    from app.services.plans.seen import (
        PlanRevisionInfo,
        SeenChanges,
        changes_since_seen,
        mark_plan_seen,
        plan_revisions,
    )
    from app.services.plans.types import (
        Guess,
        PlanDraft,
        PlanImportResult,
        PlanRejected,
        PlanSummary,
    )

_SOURCE = {
    "PlanChange": "app.domain.plan_diff",
    "plan_changes": "app.domain.plan_diff",
    "PlanProblem": "app.domain.plan_problems",
    "describe_pointer": "app.domain.plan_problems",
    "problem_text": "app.domain.plan_problems",
    "check_plan": "app.io.plan_check",
    "default_plan_code": "app.services.catalog",
    "plan_catalog": "app.services.catalog",
    "store_catalog_of": "app.services.catalog",
    "store_catalogs": "app.services.catalog",
    "copy_plan": "app.services.plans.drafts",
    "discard_draft": "app.services.plans.drafts",
    "new_plan": "app.services.plans.drafts",
    "open_plan": "app.services.plans.drafts",
    "save_draft": "app.services.plans.drafts",
    "start_revision": "app.services.plans.drafts",
    "TemplateRejected": "app.services.plans.files",
    "export_plan_template": "app.services.plans.files",
    "import_plan_file": "app.services.plans.files",
    "list_plans": "app.services.plans.listing",
    "periods_by_plan": "app.services.plans.listing",
    "plan_for_period": "app.services.plans.listing",
    "install_revision": "app.services.plans.publish",
    "publish_plan": "app.services.plans.publish",
    "PlanRevisionInfo": "app.services.plans.seen",
    "SeenChanges": "app.services.plans.seen",
    "changes_since_seen": "app.services.plans.seen",
    "mark_plan_seen": "app.services.plans.seen",
    "plan_revisions": "app.services.plans.seen",
    "Guess": "app.services.plans.types",
    "PlanDraft": "app.services.plans.types",
    "PlanImportResult": "app.services.plans.types",
    "PlanRejected": "app.services.plans.types",
    "PlanSummary": "app.services.plans.types",
}


__getattr__ = lazy_names(__name__, _SOURCE, globals())


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "Guess",
    "PlanChange",
    "PlanDraft",
    "PlanImportResult",
    "PlanProblem",
    "PlanRejected",
    "PlanRevisionInfo",
    "PlanSummary",
    "SeenChanges",
    "TemplateRejected",
    "changes_since_seen",
    "check_plan",
    "copy_plan",
    "default_plan_code",
    "describe_pointer",
    "discard_draft",
    "export_plan_template",
    "import_plan_file",
    "install_revision",
    "list_plans",
    "mark_plan_seen",
    "new_plan",
    "open_plan",
    "periods_by_plan",
    "plan_catalog",
    "plan_changes",
    "plan_for_period",
    "plan_revisions",
    "problem_text",
    "publish_plan",
    "save_draft",
    "start_revision",
    "store_catalog_of",
    "store_catalogs",
]
