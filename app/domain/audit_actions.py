"""What the office's audit log records (docs/design.md §4.3): one code per kind of event. The
service refuses any other; the window lists them in this order with their words."""

from __future__ import annotations

AUDIT_ACTIONS = (
    "import",
    "review_accept",
    "review_return",
    "notice_add",
    "notice_close",
    "notice_answered",
    "trust_add",
    "trust_revoke",
    "trust_rotate",
    "office_key_create",
    "office_key_rotate",
    "office_key_replace",
    "rules_change",
    "plan_publish",
    "plan_package",
    "feedback_issue",
)
