"""SQLAlchemy 2.x typed ORM: the plan catalog, the clerk's store and the office's store.

Both stores share one schema and one Alembic history; a unit install fills the unit-side
tables, the office install the office-side ones.
"""

from app.models.answers import (
    AuditEntry,
    FeedbackIssued,
    FeedbackReceived,
    Notice,
    OfficeKey,
    OfficeTrust,
    Receipt,
    ReceivedComment,
    ReceivedNotice,
    ReceivedReview,
    Review,
    ReviewComment,
)
from app.models.base import Base
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
from app.models.office import (
    AssessmentRule,
    ImportLog,
    Submission,
    SubmissionEntry,
    SubmissionIndicator,
    TrustedKey,
)
from app.models.plans import PlanDraft, PlanRevision, PlanSeen
from app.models.unit_side import (
    Entry,
    EntryTargetValue,
    IndicatorValue,
    LocalSubmission,
    Setting,
    SigningKey,
    UnitProfile,
)

SCHEMA_HEAD = "0004"  # newest Alembic revision; tests assert it matches the scripts

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
