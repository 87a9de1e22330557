"""Every published revision of every plan an office knows: which one a submission was made for.

A submission names its plan (code), the revision it was filled against and that revision's
content hash. ``PlanBook.resolve`` gives the catalog of exactly that revision (its tasks,
targets and periods are what the clerk saw), or the reason the file cannot be placed: a plan
the office does not know, a revision it never published, content that is not the revision's
(``submission_plan_hash``). A file made against an older revision than the plan's newest is
placed all the same and marked (``older``): its tasks and rows still exist, removed ones kept
for history (docs/design.md §1.3). The book is plain data: it crosses into the import's worker
processes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from app.domain.catalog import Catalog
from app.domain.messages import Message


@dataclass(frozen=True)
class PlanBook:
    """(plan code, revision) -> catalog; the newest revision of each plan."""

    catalogs: dict[tuple[str, int], Catalog] = field(default_factory=dict)
    newest: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, catalogs: Iterable[Catalog]) -> PlanBook:
        book = cls()
        for c in catalogs:
            book.catalogs[(c.code, c.revision)] = c
            book.newest[c.code] = max(book.newest.get(c.code, 0), c.revision)
        return book

    def current(self, code: str) -> Catalog:
        return self.catalogs[(code, self.newest[code])]

    def resolve(self, plan_code: str, revision: int, plan_hash: str) -> Catalog | Message:
        """The catalog of the revision a file names, or why there is none."""
        if plan_code not in self.newest:
            known = "、".join(sorted(self.newest)) or "-"
            return Message.of("submission_plan_unknown", plan=plan_code, plans=known)
        catalog = self.catalogs.get((plan_code, revision))
        if catalog is None:
            return Message.of(
                "submission_plan_revision_unknown",
                plan=plan_code,
                revision=revision,
                newest=self.newest[plan_code],
            )
        if catalog.content_hash != plan_hash:
            return Message.of("submission_plan_hash", plan=plan_code, revision=revision)
        return catalog

    def older(self, plan_code: str, revision: int) -> bool:
        """Made against a revision older than the plan's newest."""
        return revision < self.newest.get(plan_code, revision)
