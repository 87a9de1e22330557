"""The plans of a store (issue 14; the contract in PLANS_API.md, docs/design.md §1).

A store holds any number of plans; each has published revisions (the catalog rows mirror the
newest) and at most one draft. The plan travels as the plan-file JSON dict; places inside it
are JSON pointers. ``check_plan`` and ``plan_changes`` are pure (no store) and re-exported
here for the editor. Modules: ``types`` (what is returned), ``listing`` (summaries, which plan
a period means), ``catalogs`` (the parsed catalog of each published revision), ``drafts``,
``publish``, ``files`` (import from a document, workbook or JSON; export the template),
``seen`` (what changed since the clerk last looked), ``rows`` (a revision → catalog rows).
"""

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
