"""The words and numbers every consolidated view shares: section labels, status labels, the
effective percent of an entry and the source text of a figure."""

from __future__ import annotations

from app.domain.entry_rules import STATUS_LABELS

NUMERALS = "一二三四五六七八九十"
NOT_REPORTED = "未报送"


def section_label(no: int, title: str) -> str:
    """'一、大力推进重点项目建设' (the plan's own numbering)."""
    numeral = NUMERALS[no - 1] if 1 <= no <= len(NUMERALS) else str(no)
    return f"{numeral}、{title}"


def effective_percent(status: str | None, percent: int | None) -> int | None:
    if percent is not None:
        return percent
    if status == "completed":
        return 100
    if status == "not_started":
        return 0
    return None


def status_label(status: str | None) -> str:
    return NOT_REPORTED if status is None else STATUS_LABELS.get(status, status)


def source_text(unit_name: str, version: int | None, sha256: str | None = None) -> str:
    """'市场监管委 v2 · 3f2a9c01': who said it, in which version, in which file."""
    if version is None:
        return ""
    text = f"{unit_name} v{version}"
    return f"{text} · {sha256[:8]}" if sha256 else text
