"""Second plans and revisions in a real store, made through the plans services as the office
makes them (a copy for 2017 published; a revision of the 2016 plan with one target changed)."""

from __future__ import annotations

from app.services import plans as svc
from app.services.stores import Store

SHIPPED = "SZ-QUALITY-2016"
NEXT = "SZ-QUALITY-2017"
TARGET = (22, 0)  # 任务 23, 目标 1: 重点工业品和消费品质量监督抽查 1500 批次


def publish_next_year(store: Store) -> None:
    """The 2016 plan copied to 2017 and published (periods 2017Q1 … 2017)."""
    svc.copy_plan(store, SHIPPED, NEXT, 2017)
    svc.publish_plan(store, NEXT, "test")


def revise_target(store: Store, value: int = 1800) -> None:
    """Revision 2 of the 2016 plan: task 23's first target raised to ``value``."""
    draft = svc.start_revision(store, SHIPPED)
    task, target = TARGET
    draft.plan["tasks"][task]["targets"][target]["value"] = value
    svc.save_draft(store, SHIPPED, draft.plan, draft.guesses)
    svc.publish_plan(store, SHIPPED, "test")
