"""SQLAlchemy 2.x typed ORM: the plan catalog, the clerk's store and the office's store.

Both stores share one schema and one Alembic history; a unit install fills the unit-side
tables, the office install the office-side ones.

Loading a model module costs start-up time (declarative classes, their constraints): the
catalog and the plans load with the package (every window needs them); the office's, the
unit's, the office's answers' and the answers a unit received load at the first use of one of
their names, and every one of them at the first use of ``Base`` (its metadata: migrations,
schema checks). Modules of
the package import ``app.models.base`` directly (docs/design.md §6).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from app.config import SCHEMA_HEAD  # re-exported: the store and the tests ask for it here
from app.models.catalog import (
    Assignment,
    Indicator,
    Period,
    Plan,
    PlanUnit,
    Section,
    Target,
    Task,
    Unit,
    UnitAlias,
    UnitGroup,
)
from app.models.plans import PlanDraft, PlanRevision, PlanSeen

if TYPE_CHECKING:
    from app.models.answers import (
        AuditEntry,
        FeedbackIssued,
        Notice,
        OfficeKey,
        Review,
        ReviewComment,
    )
    from app.models.base import Base
    from app.models.office import (
        AssessmentRule,
        ImportLog,
        Submission,
        SubmissionEntry,
        SubmissionIndicator,
        TrustedKey,
    )
    from app.models.received import (
        FeedbackReceived,
        OfficeTrust,
        Receipt,
        ReceivedComment,
        ReceivedNotice,
        ReceivedReview,
    )
    from app.models.unit_side import (
        Entry,
        EntryTargetValue,
        IndicatorValue,
        LocalSubmission,
        Setting,
        SigningKey,
        UnitProfile,
    )

_LAZY = {
    "AuditEntry": "app.models.answers",
    "FeedbackIssued": "app.models.answers",
    "FeedbackReceived": "app.models.received",
    "Notice": "app.models.answers",
    "OfficeKey": "app.models.answers",
    "OfficeTrust": "app.models.received",
    "Receipt": "app.models.received",
    "ReceivedComment": "app.models.received",
    "ReceivedNotice": "app.models.received",
    "ReceivedReview": "app.models.received",
    "Review": "app.models.answers",
    "ReviewComment": "app.models.answers",
    "AssessmentRule": "app.models.office",
    "ImportLog": "app.models.office",
    "Submission": "app.models.office",
    "SubmissionEntry": "app.models.office",
    "SubmissionIndicator": "app.models.office",
    "TrustedKey": "app.models.office",
    "Entry": "app.models.unit_side",
    "EntryTargetValue": "app.models.unit_side",
    "IndicatorValue": "app.models.unit_side",
    "LocalSubmission": "app.models.unit_side",
    "Setting": "app.models.unit_side",
    "SigningKey": "app.models.unit_side",
    "UnitProfile": "app.models.unit_side",
}
_MODULES = (
    "app.models.office",
    "app.models.unit_side",
    "app.models.answers",
    "app.models.received",
)


def __getattr__(name: str) -> Any:
    if name == "Base":  # the whole schema: every model module first
        for module in _MODULES:
            importlib.import_module(module)
        from app.models.base import Base

        value: Any = Base
    elif name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # once
    return value


__all__ = [
    "SCHEMA_HEAD",
    "AssessmentRule",
    "Assignment",
    "AuditEntry",
    "Base",
    "Entry",
    "EntryTargetValue",
    "FeedbackIssued",
    "FeedbackReceived",
    "ImportLog",
    "Indicator",
    "IndicatorValue",
    "LocalSubmission",
    "Notice",
    "OfficeKey",
    "OfficeTrust",
    "Period",
    "Plan",
    "PlanDraft",
    "PlanRevision",
    "PlanSeen",
    "PlanUnit",
    "Receipt",
    "ReceivedComment",
    "ReceivedNotice",
    "ReceivedReview",
    "Review",
    "ReviewComment",
    "Section",
    "Setting",
    "SigningKey",
    "Submission",
    "SubmissionEntry",
    "SubmissionIndicator",
    "Target",
    "Task",
    "TrustedKey",
    "Unit",
    "UnitAlias",
    "UnitGroup",
    "UnitProfile",
]
