"""What changed between two revisions of a plan, as a list both windows show: the office
before it publishes, the clerk after a new revision arrived (the same words, from the core's
``plan_changes``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from app.domain.messages import Message
from app.ui.common.i18n import EN, current_language
from app.ui.common.table_model import RowTableModel


class _Change(Protocol):
    @property
    def pointer(self) -> str: ...

    @property
    def message(self) -> Message: ...


@dataclass(frozen=True)
class Line:
    where: str
    text: str
    pointer: str = ""


class LinesModel(RowTableModel[Line]):
    COL_WHERE, COL_TEXT = range(2)

    def headers(self) -> list[str]:
        return [self.tr("位置"), self.tr("内容")]

    def text(self, row: Line, column: int) -> str:
        return row.where if column == self.COL_WHERE else row.text


def language() -> str:
    return "en" if current_language() == EN else "zh"


def change_lines(changes: Sequence[_Change], plan: Any) -> list[Line]:
    """The changes as lines: where (the pointer in words, in ``plan``) and what."""
    from app.services.plans import describe_pointer

    lang = language()
    return [
        Line(describe_pointer(plan, c.pointer, lang), c.message.render(lang), c.pointer)
        for c in changes
    ]
