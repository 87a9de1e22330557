"""Published plan revisions parsed once per process (no SQLAlchemy here: the first view reads
the plan too, docs/design.md §6).

A published revision is read back without the schema (``catalog_from_plan``: it was checked
when it was published) and kept per (plan, revision, content hash), so the first view and the
store's own reading share one parse.
"""

from __future__ import annotations

import json

from app.domain.catalog import Catalog
from app.domain.plan_catalog import catalog_from_plan

_PARSED: dict[tuple[str, int, str], Catalog] = {}  # (code, revision, hash) -> catalog
_PARSED_LIMIT = 16


def parsed_catalog(code: str, revision: int, digest: str, text: str) -> Catalog:
    """A published revision's catalog, parsed once per process."""
    key = (code, revision, digest)
    found = _PARSED.get(key)
    if found is None:
        found = catalog_from_plan(json.loads(text), digest, revision)
        if len(_PARSED) >= _PARSED_LIMIT:
            _PARSED.pop(next(iter(_PARSED)))
        _PARSED[key] = found
    return found
