"""Signed plan packages (kind ``plan``): the office writes one for a published revision, a unit
imports it (docs/design.md §1.3, §3; issue 15 item 2).

``write_plan_package`` signs the plan's newest revision with the office's key (carrying the
key's rotation statements). ``import_plan_package`` reads the file through the one signed
reader (app.io.plan_package: zip shape, signature, manifest, payload, every visible cell),
then, in one transaction: the signer must be the office key this unit trusts (or reached from
it by the carried statements), the plan must ask this unit to report, and the revision must
not be older than the one installed; then ``install_revision`` puts it in the store, the
same way every revision enters any store. The same revision again changes nothing. Every
refusal is a ``Refusal`` (``PackageRejected`` for the file itself) and changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.messages import Refusal
from app.domain.plan_diff import PlanChange, plan_changes
from app.io.plan_package import PlanPackagePayload, make_payload, plan_package_bytes
from app.io.plan_package import read_plan_package as read_package_file
from app.io.signed_package import write_package
from app.models import Plan, PlanRevision, Unit
from app.models.store import Store
from app.services.answers_audit import record
from app.services.audit import write_lock
from app.services.office_key import office_signer
from app.services.plans.listing import require_plan
from app.services.plans.publish import install_revision
from app.services.unit_office_key import signer_check, this_unit

__all__ = [
    "PackageWritten",
    "PlanPackageImported",
    "import_plan_package",
    "write_plan_package",
]


@dataclass(frozen=True)
class PackageWritten:
    path: Path
    sha256: str
    code: str
    revision: int


@dataclass(frozen=True)
class PlanPackageImported:
    code: str
    title: str
    revision: int
    previous: int  # the revision installed before (0: the plan is new here)
    changes: tuple[PlanChange, ...]  # from ``previous`` to ``revision`` (empty: new or same)
    new_periods: tuple[str, ...]  # period codes the unit did not have
    moved_due_dates: tuple[str, ...]  # period codes whose due date moved
    already_installed: bool
    sha256: str = ""


# -- office ---------------------------------------------------------------------------------
def _payload_of(
    s: Session, code: str, statements: tuple[dict[str, str], ...]
) -> PlanPackagePayload:
    plan = require_plan(s, code)
    if plan.revision < 1:
        raise Refusal("plan_not_published", plan=code)
    published = s.scalar(
        select(PlanRevision.published_at).where(
            PlanRevision.plan_id == plan.id, PlanRevision.revision == plan.revision
        )
    )
    assert published is not None
    at = published.replace(tzinfo=UTC) if published.tzinfo is None else published
    return make_payload(json.loads(plan.source_json), plan.revision, at, statements)


def write_plan_package(
    store: Store, code: str, out: Path, passphrase: str, actor: str = ""
) -> PackageWritten:
    """The signed package of the plan's newest published revision, written atomically."""
    signer = office_signer(store, passphrase)
    with store.factory() as s:
        payload = _payload_of(s, code, signer.statements)
    data = plan_package_bytes(payload, signer.public_key, signer.sign)
    try:
        sha = write_package(Path(out), data)
    except OSError as exc:
        raise Refusal("file_unwritable", path=str(out), detail=exc.strerror or exc) from exc
    with store.factory.begin() as s:
        details = {"plan": code, "revision": payload.revision, "file": str(out), "sha256": sha}
        record(s, actor, "plan_package", f"{code} r{payload.revision}", details)
    return PackageWritten(Path(out), sha, code, payload.revision)


# -- unit -----------------------------------------------------------------------------------
def _check_unit(payload: PlanPackagePayload, unit: Unit) -> None:
    catalog = payload.catalog()
    info = next((u for u in catalog.units if u.id == unit.code), None)
    if info is None or not info.reports or not catalog.tasks_for_unit(unit.code):
        raise Refusal("plan_package_not_for_unit", plan=payload.code, unit=unit.name)


def _period_news(changes: list[PlanChange]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    def codes(kind: str) -> tuple[str, ...]:
        return tuple(str(c.message.param_dict.get("key", "")) for c in changes if c.kind == kind)

    return codes("period_added"), codes("period_due")


def _install(s: Session, payload: PlanPackagePayload) -> PlanPackageImported:
    plan = s.scalar(select(Plan).where(Plan.code == payload.code))
    new = payload.plan
    if plan is not None and plan.revision >= payload.revision:
        if plan.revision > payload.revision:
            raise Refusal(
                "plan_package_older",
                plan=payload.code,
                revision=payload.revision,
                installed=plan.revision,
            )
        if plan.content_hash != payload.content_hash:
            raise Refusal("plan_package_differs", plan=payload.code, revision=payload.revision)
        return PlanPackageImported(
            payload.code, payload.title, payload.revision, plan.revision, (), (), (), True
        )
    previous = 0 if plan is None else plan.revision
    if plan is None:
        plan = Plan(code=payload.code, title=payload.title, year=payload.year, revision=0)
        plan.content_hash, plan.source_json = "", ""
        s.add(plan)
        s.flush()
        changes: list[PlanChange] = []
        added = tuple(p["code"] for p in new["periods"])
        moved: tuple[str, ...] = ()
    else:
        changes = plan_changes(json.loads(plan.source_json), new)
        added, moved = _period_news(changes)
    install_revision(
        s,
        plan,
        new,
        payload.revision,
        actor="office",
        published_at=payload.published_at,
        digest=payload.content_hash,
    )
    return PlanPackageImported(
        payload.code, payload.title, payload.revision, previous, tuple(changes), added, moved,
        False,
    )  # fmt: skip


def read_plan_package(path: Path) -> PlanPackagePayload:
    """The file checked in full but for its signer (a preview before the import)."""
    payload: PlanPackagePayload = read_package_file(Path(path)).payload
    return payload


def import_plan_package(store: Store, path: Path, *, dry_run: bool = False) -> PlanPackageImported:
    """Verify the package against the trusted office key and install its revision;
    ``dry_run``: every check and the list of changes, then nothing kept (a preview)."""
    package = read_package_file(Path(path))
    payload: PlanPackagePayload = package.payload
    s = store.factory()
    try:
        s.begin()
        write_lock(s)  # the window may autosave meanwhile
        signer_check(s, package.fingerprint, payload.rotations)
        _check_unit(payload, this_unit(s))
        result = _install(s, payload)
        if dry_run:
            s.rollback()
        else:
            s.commit()
    finally:
        s.close()  # an exception rolls the transaction back
    return PlanPackageImported(**{**result.__dict__, "sha256": package.sha256})
