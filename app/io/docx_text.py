"""The text of a hostile .docx: paragraphs and table rows as lines, in document order.

Before python-docx sees anything the zip passes ``app.io.office_zip.guard_zip`` with a Word
file's limits (at most ``MAX_ENTRIES`` entries, parts within ``MAX_PART_BYTES`` /
``MAX_TOTAL_BYTES``, no part over 1 MB compressed more than ``MAX_RATIO``:1, no DTD, CRCs
checked …). python-docx (lxml, entities off) then reads a re-packed copy made only of the
checked bytes.

A table row becomes one line: a row whose first cell is a number is written as a task line,
``N.text(owner)``, the owner taken from the columns whose heading names units (责任单位,
牵头单位, 配合单位 …). A list paragraph's number, which Word generates and does not keep in
the text, is rendered from the numbering part (``docx_numbering``) and put in front.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from app.domain.messages import Refusal
from app.domain.plan_text import Line, clean, fold
from app.io.docx_numbering import ListNumbers
from app.io.office_zip import ZipRules, guard_zip, repack

log = logging.getLogger(__name__)

MAX_DOCX_BYTES = 20 * 1024 * 1024
MAX_ENTRIES = 1000
MAX_PART_BYTES = 20 * 1024 * 1024
MAX_TOTAL_BYTES = 60 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024
MAX_LINES = 50_000
DOCX_RULES = ZipRules(
    MAX_ENTRIES,
    MAX_PART_BYTES,
    MAX_TOTAL_BYTES,
    MAX_RATIO,
    RATIO_FLOOR,
    not_zip="plan_doc_not_docx",
    old_format="plan_doc_old_word",
    entries="plan_doc_docx_entries",
    damaged="plan_doc_docx_damaged",
    size="plan_doc_docx_size",
    dtd="plan_doc_docx_dtd",
)
_UNIT_HEADING = re.compile(r"单位|部门")
_ROLE_HEADINGS = (("牵头", "牵头"), ("配合", "配合"), ("协助", "配合"), ("参与", "配合"))


def docx_lines(data: bytes) -> list[Line]:
    """The lines of a .docx given as bytes; ``Refusal`` for anything that is not a sound one."""
    parts = guard_docx(data)
    try:
        document = docx.Document(io.BytesIO(repack(parts)))
    except Exception as exc:  # python-docx raises many types on a zip that is no Word file
        log.warning("python-docx cannot open the file", exc_info=True)
        raise Refusal("plan_doc_not_docx") from exc
    try:
        return _lines(document)
    except Refusal:
        raise
    except Exception as exc:  # python-docx reads parts lazily: a malformed part fails here
        log.warning("python-docx cannot read the document's text", exc_info=True)
        raise Refusal("plan_doc_not_docx") from exc


def _lines(document: docx.document.Document) -> list[Line]:
    lines: list[Line] = []
    for no, (text, generated) in enumerate(_blocks(document), start=1):
        lines.extend(Line(no, clean(t), generated) for t in text.split("\n") if clean(t))
        if len(lines) > MAX_LINES:
            raise Refusal("plan_doc_too_large", limit=f"{MAX_LINES} lines")
    return lines


def guard_docx(data: bytes) -> dict[str, bytes]:
    """Every part of the zip, read within bounds after the structural checks."""
    return guard_zip(data, DOCX_RULES)


# -- text ----------------------------------------------------------------------------------
def _blocks(document: docx.document.Document) -> Iterator[tuple[str, bool]]:
    """(text, number generated) per paragraph and per table row, in document order; a list
    paragraph's text starts with the number Word shows for it."""
    numbers = ListNumbers.of(document)
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            number = numbers.number(block)
            yield number + block.text, bool(number)
        elif isinstance(block, Table):
            yield from ((row, False) for row in _table_rows(block))


def _cells(row: list[str]) -> list[str]:
    """A row's cell texts, a merged cell (repeated by python-docx) once."""
    out: list[str] = []
    for text in row:
        if not out or text != out[-1]:
            out.append(text)
    return out


def _table_rows(table: Table) -> Iterator[str]:
    rows = [[c.text.strip() for c in row.cells] for row in table.rows]
    if not rows:
        return
    heading = rows[0]
    owners = [i for i, h in enumerate(heading) if _UNIT_HEADING.search(h)]
    for row in rows[1:] if owners else rows:  # a heading row naming unit columns is no text
        first = fold(row[0]).rstrip(".、 ") if row else ""
        if owners and first.isdigit() and len(row) == len(heading):
            yield _task_row(row, heading, owners)
        else:
            yield "\n".join(_cells(row))


def _task_row(row: list[str], heading: list[str], owners: list[int]) -> str:
    """``N.text(owner)`` from a task table row: number, text columns, unit columns."""
    number = fold(row[0]).rstrip(".、 ")
    text = "".join(row[i] for i in range(1, min(owners)) if row[i])
    clauses = []
    for i in owners:
        names = row[i].strip().rstrip("。.;；")
        if not names:
            continue
        role = next((r for word, r in _ROLE_HEADINGS if word in heading[i]), "")
        if not role and not re.search("牵头|负责|配合|协助|参与", names):
            role = "负责"
        clauses.append(names + role)
    return f"{number}.{text}（{'，'.join(clauses)}）" if clauses else f"{number}.{text}"
