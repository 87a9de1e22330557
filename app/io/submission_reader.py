"""Read and verify a signed submission, trusting nothing in it until checked.

Order (each step refuses with one ``PackageRejected``: a code, its parameters, one line):

a. the package (app.io.signed_package): the zip's one shape, the strict custom.xml, the
   Ed25519 signature, the signed document of kind ``submission`` in canonical form, no macro,
   external link, embedded or ActiveX object or drawing among the parts, and every entry's
   name, order and SHA-256 against its signed manifest;
b. within (a), the payload: a valid SubmissionPayload in exactly its canonical form;
c. the signer: the key must be the one given (``pubkey``) and/or the one registered for its
   fingerprint (``trusted``);
d. with a catalog: the payload fits the plan (plan code and hash, unit, period, tasks, targets);
e. the sheets (app.io.submission_cells): three visible sheets in order, no formula, and every
   cell shows what the writer would have written for this payload.

Time and memory are bounded by the zip limits of (a); every later step is linear in at most
``MAX_TOTAL_BYTES``. A batch importer runs ``verify_submission`` in a worker process with a
timeout (app.services.parse_pool) so that even a parser bug cannot stall the batch.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.domain.catalog import Catalog
from app.domain.messages import Message
from app.domain.payload import SubmissionPayload, payload_problems
from app.domain.plan_book import PlanBook
from app.io.canonical import payload_bytes
from app.io.package_errors import PackageRejected
from app.io.package_zip import MAX_FILE_BYTES, MAX_TOTAL_BYTES
from app.io.signed_package import SignedPackage, check_signer, read_package
from app.io.submission_cells import check_sheets
from app.io.submission_layout import submission_footer, submission_layout

KIND = "submission"
SubmissionRejected = PackageRejected  # the name the callers know
__all__ = [
    "KIND",
    "MAX_FILE_BYTES",
    "MAX_TOTAL_BYTES",
    "SubmissionRejected",
    "VerifiedSubmission",
    "read_submission",
    "verify_submission",
]


@dataclass(frozen=True)
class VerifiedSubmission:
    payload: SubmissionPayload
    fingerprint: str
    public_key: bytes
    file_sha256: str
    payload_bytes: bytes
    signed_sha256: str  # of the signed document: equal for copies that differ only in packing


def _submission(value: Any) -> tuple[SubmissionPayload, bytes]:
    """Step (b): the signed payload as a SubmissionPayload, and its canonical bytes (which the
    package compares with the signed ones)."""
    payload = SubmissionPayload.from_dict(value)
    return payload, payload_bytes(payload)


def read_submission(source: bytes | str | os.PathLike[str]) -> SignedPackage:
    """Steps (a) and (b): the package of a submission and its payload (``.payload``, a
    SubmissionPayload), its signer not yet judged. A refusal after a valid signature names
    the payload the signer signed (unit, period, version for the import log)."""
    return read_package(source, KIND, _submission)


def verify_submission(
    data: bytes | str | os.PathLike[str],
    catalog: Catalog | PlanBook | None,
    trusted: Callable[[str], bytes | None] | None = None,
    pubkey: bytes | None = None,
) -> VerifiedSubmission:
    """The whole check; returns the verified payload or raises PackageRejected.

    ``pubkey``: the raw key the file must be signed with (``verify --pubkey``).
    ``trusted``: fingerprint -> the registered raw key, or None when not registered.
    ``catalog``: the plan; without it the plan-derived cells are not compared. A
    ``PlanBook`` (every revision of the office's plans) gives the revision the file names,
    or refuses a plan, revision or content it does not know (docs/design.md §1.3).
    """
    package = read_submission(data)
    fp = package.fingerprint
    payload: SubmissionPayload = package.payload
    try:
        check_signer(package, pubkey=pubkey, trusted=trusted)
    except PackageRejected as exc:
        raise exc.knowing(fp, payload) from None
    if isinstance(catalog, PlanBook):
        found = catalog.resolve(payload.plan_code, payload.plan_revision, payload.plan_hash)
        if isinstance(found, Message):
            raise PackageRejected(found.code, **found.param_dict).knowing(fp, payload)
        catalog = found
    if catalog is not None:
        problems = payload_problems(payload, catalog)
        if problems:
            first = problems[0]
            raise PackageRejected(first.code, **first.param_dict).knowing(fp, payload)
    try:
        layout = submission_layout(payload, catalog, fp)
        check_sheets(package.parts, layout, submission_footer(payload))
    except PackageRejected as exc:
        raise exc.knowing(fp, payload) from None
    return VerifiedSubmission(
        payload,
        fp,
        package.public_key,
        package.sha256,
        package.payload_bytes,
        hashlib.sha256(package.signed).hexdigest(),
    )
