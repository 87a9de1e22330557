"""What both bulletins share: the issuing office, the sources annex, the document properties."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from app.domain.catalog import Catalog, PeriodInfo
from app.domain.plan_time import PLAN_TZ
from app.io.bulletin_model import (
    Annex,
    Block,
    Column,
    Heading,
    OfficialDocument,
    Paragraph,
    Properties,
    Table,
)
from app.services.bulletin.wording import level1
from app.services.consolidation import SourceInfo

DEFAULT_OFFICE = ("质量强市工作领导小组办公室", "质量强市办")
SOURCES_TITLE = "数据来源"


@dataclass(frozen=True)
class Office:
    name: str  # 发文机关署名: the full name
    short_name: str  # as the plan names it in sentences, e.g. 市质量强市办


def office_of(catalog: Catalog) -> Office:
    """The plan's coordinating office: the unit that does not report to itself (the one whose
    short name is an 办 when the plan has several such units)."""
    candidates = [u for u in catalog.units if not u.reports]
    chosen = next((u for u in candidates if u.short_name.endswith("办")), None)
    chosen = chosen or (candidates[0] if candidates else None)
    if chosen is None:
        return Office(*DEFAULT_OFFICE)
    return Office(chosen.name, chosen.short_name)


def next_period(catalog: Catalog, period: PeriodInfo) -> PeriodInfo | None:
    """The period whose due date comes next after this one's."""
    later = [p for p in catalog.periods if p.due > period.due]
    return min(later, key=lambda p: p.due, default=None)


def beijing(at: datetime) -> str:
    return at.astimezone(PLAN_TZ).strftime("%Y-%m-%d %H:%M")


def grouped(digest: str) -> str:
    """'fad8ae07 c3a1d9ee …': eight hex digits a group, so the column wraps cleanly."""
    return " ".join(digest[i : i + 8] for i in range(0, len(digest), 8))


def sources_annex(sources: Sequence[SourceInfo], catalog: Catalog) -> Annex:
    """附件：数据来源 — every current submission a figure of the bulletin rests on."""
    intro = Paragraph(
        "本通报的数据均取自下列各单位报送文件的现行版本，已被更正的旧版本不计入；"
        "可用文件的SHA-256值核对原始文件。"
    )
    if not sources:
        return Annex(SOURCES_TITLE, (intro, Paragraph("本期尚未收到报送文件。")))
    titles = {p.code: p.title for p in catalog.periods}
    several = len({s.period for s in sources}) > 1
    columns = (
        Column("序号", 0.8),
        Column("单位", 2.7, "left"),
        Column("版本", 0.8),
        Column("签署时间", 2.7),
        Column("文件SHA-256", 4.6, "left", mono=True),
    )
    rows: list[tuple[str, ...]] = []
    shown = ""
    for i, s in enumerate(sources, 1):
        if several and s.period != shown:  # one band per period when there are several
            shown = s.period
            rows.append((titles.get(s.period, s.period),))
        signed = beijing(s.submitted_at)
        rows.append((str(i), s.unit_name, f"v{s.version}", signed, grouped(s.file_sha256)))
    note = "注：签署时间为北京时间；逾期报送的文件签署时间晚于报送截止日。"
    table = Table("", columns, tuple(rows), note, compact=True)
    return Annex(SOURCES_TITLE, (intro, table))


def source_properties(sources: Sequence[SourceInfo]) -> list[tuple[str, str]]:
    """One custom property per source: 'scjg 2016Q3 v2 <SHA-256>'."""
    out = [("qr.sources.count", str(len(sources)))]
    out += [
        (f"qr.source.{i:03d}", f"{s.unit_id} {s.period} v{s.version} {s.file_sha256}")
        for i, s in enumerate(sources, 1)
    ]
    return out


@dataclass(frozen=True)
class Frame:
    """What every bulletin is written in: the plan, the office, its date and the file time."""

    catalog: Catalog
    office: Office
    issued_on: date
    created: datetime


def body_of(opening: str, titles: Sequence[str], parts: Sequence[Sequence[Block]]) -> list[Block]:
    """The opening paragraph, then each part under its numbered heading (一、二、…)."""
    out: list[Block] = [Paragraph(opening)]
    for i, (title, blocks) in enumerate(zip(titles, parts, strict=True), 1):
        out += [Heading(1, level1(i, title)), *blocks]
    return out


def bulletin_document(
    frame: Frame,
    kind: str,
    period: PeriodInfo,
    title_lines: tuple[str, ...],
    subject: str,
    body: Sequence[Block],
    sources: Sequence[SourceInfo],
) -> OfficialDocument:
    """The document around a body: addressee, issuer and date, the sources annex, and the
    properties naming the period and the sources."""
    return OfficialDocument(
        title_lines=title_lines,
        addressee="各成员单位：",
        body=tuple(body),
        issuer=frame.office.name,
        issued_on=frame.issued_on,
        properties=properties(frame, "".join(title_lines), subject, kind, period, sources),
        annexes=(sources_annex(sources, frame.catalog),),
    )


def properties(
    frame: Frame,
    title: str,
    subject: str,
    kind: str,
    period: PeriodInfo,
    sources: Sequence[SourceInfo],
) -> Properties:
    catalog = frame.catalog
    custom = [
        ("qr.bulletin.kind", kind),
        ("qr.plan", catalog.code),
        ("qr.plan.hash", catalog.content_hash),
        ("qr.period", period.code),
        ("qr.issued_on", frame.issued_on.isoformat()),
        *source_properties(sources),
    ]
    return Properties(
        title=title,
        subject=subject,
        author=frame.office.name,
        keywords=f"通报;{period.title};{catalog.title}",
        category="通报",
        comments=(
            f"报告期：{period.code}（{period.title}）；依据{len(sources)}份现行报送文件，"
            "单位、版本和文件SHA-256见附件“数据来源”及自定义属性qr.source.*"
        ),
        created=frame.created,
        custom=tuple(custom),
    )
