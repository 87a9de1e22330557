"""Import a plan document (.txt or .docx) as a draft plan: ``import_plan_document``.

The file is hostile until proven otherwise: it is read within ``MAX_TEXT_BYTES`` /
``docx_text.MAX_DOCX_BYTES``; text must decode as UTF-8, GB18030 or UTF-16/UTF-32 with a
BOM and hold no control characters; a .docx goes through ``docx_text`` (zip and XML checks
before python-docx sees it). The draft is then validated by the plan file's own schema, so
whatever comes out loads like ``resources/plans/*.json``. Every refusal is a ``Refusal``
with a code from ``app.domain.messages`` and the place (line, task) in its parameters.
"""

from __future__ import annotations

import codecs
import logging
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from app.domain.messages import Refusal
from app.domain.plan_draft import PlanImport, draft_plan
from app.domain.plan_owners import KnownGroup, KnownUnit
from app.domain.plan_text import Line, lines_of
from app.io import docx_text
from app.io.bounded_read import read_bounded
from app.io.plan_file import PlanSpec

log = logging.getLogger(__name__)

MAX_TEXT_BYTES = 2 * 1024 * 1024  # the 2016 plan is 24 KB; a hundred times that is no plan
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]")


def import_plan_document(
    path: str | os.PathLike[str],
    known_units: Iterable[Mapping[str, Any] | KnownUnit],
    known_groups: Iterable[Mapping[str, Any] | KnownGroup] = (),
    code: str | None = None,
) -> PlanImport:
    """The draft plan of a .txt or .docx plan document and the guesses made in it.

    ``known_units`` / ``known_groups`` are the plan file's ``units`` / ``groups`` entries (for
    example the current plan's): names and aliases are matched against them, and unknown
    names become proposed units. ``code`` is the new plan's code (proposed from the year if
    None). ``result.to_json()`` is ``{"plan": {...}, "guesses": [{"where", "what", ...}]}``.
    """
    source = Path(path)
    lines = read_document(source)
    result = draft_plan(lines, known_units, known_groups, code, origin=source.name)
    validate(result.plan)
    return result


def read_document(path: Path) -> list[Line]:
    """The document's non-empty lines: text lines, or a .docx's paragraphs and table rows."""
    suffix = path.suffix.lower()
    if suffix not in (".txt", ".docx"):
        raise Refusal("plan_doc_type", suffix=suffix or path.name)
    limit = MAX_TEXT_BYTES if suffix == ".txt" else docx_text.MAX_DOCX_BYTES
    data = _read(path, limit)
    if suffix == ".docx":
        return docx_text.docx_lines(data)
    return lines_of(decode_text(data))


def _read(path: Path, limit: int) -> bytes:
    data = read_bounded(path, limit, "plan_doc_too_large")
    if not data.strip():
        raise Refusal("plan_doc_empty")
    return data


def decode_text(data: bytes) -> str:
    """Text by its BOM, else UTF-8, else GB18030; refuses binary data."""
    text = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise Refusal("plan_doc_encoding") from exc
            break
    if text is None:
        if b"\x00" in data:
            raise Refusal("plan_doc_binary", line=data[: data.index(b"\x00")].count(b"\n") + 1)
        text = _without_bom(data)
    bad = _CONTROL.search(text)
    if bad:
        raise Refusal("plan_doc_binary", line=text[: bad.start()].count("\n") + 1)
    if not lines_of(text):
        raise Refusal("plan_doc_empty")
    return text


def _without_bom(data: bytes) -> str:
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Refusal("plan_doc_encoding")


def validate(plan: Mapping[str, Any]) -> PlanSpec:
    """The draft through the plan file's schema; a failure here is the importer's, named."""
    try:
        return PlanSpec.model_validate(plan)
    except ValidationError as exc:
        log.error("imported plan does not validate", exc_info=True)
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise Refusal("plan_doc_invalid", detail=f"{where}: {first['msg']}") from exc
