"""The printable 督办通知: one notice as an official document, laid out by the bulletins'
Word writer (app.io.bulletin_docx, GB/T 9704-2012)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.domain.catalog import Catalog
from app.domain.plan_time import PLAN_TZ
from app.io.bulletin_docx import write_docx
from app.io.bulletin_model import (
    Column,
    Heading,
    OfficialDocument,
    Paragraph,
    Properties,
    Table,
    chinese_date,
)
from app.models.store import Store
from app.services.bulletin.common import office_of
from app.services.catalog import store_catalog_of
from app.services.supervision import NoticeInfo


def notice_document(
    catalog: Catalog, n: NoticeInfo, issued_on: date | None = None
) -> OfficialDocument:
    """What the notice says: the task, the matter, the due date, how to answer; and the
    unit's answer once it came."""
    office = office_of(catalog)
    unit = catalog.find_unit(n.unit_code)
    unit_name = unit.name if unit is not None else n.unit_name
    day = issued_on or n.created_at.astimezone(PLAN_TZ).date()
    ask = (
        f"请于{chinese_date(n.due)}前办结，并在报送工作进展时于该任务的“督办答复”栏填写办理情况"
        f"（随签名报送文件一并报送），或书面报{office.short_name}。"
    )
    body: list[Heading | Paragraph | Table] = [
        Paragraph(
            f"根据《{catalog.title}》督察督办的要求，现就你单位承担的第{n.task}项任务"
            f"“{n.task_title}”提出督办事项，请认真办理。"
        ),
        Heading(1, "一、督办事项"),
        Paragraph(n.text),
        Heading(1, "二、办理要求"),
        Paragraph(ask),
        _facts(catalog, n),
    ]
    if n.response:
        answered = (
            ""
            if n.responded_at is None
            else chinese_date(n.responded_at.astimezone(PLAN_TZ).date())
        )
        body += [Heading(1, "三、办理情况"), Paragraph(f"{n.response}（{answered}答复）")]
    title = f"关于第{n.task}项任务的督办通知"
    return OfficialDocument(
        title_lines=(title,),
        addressee=f"{unit_name}：",
        body=tuple(body),
        issuer=office.name,
        issued_on=day,
        properties=Properties(
            title=title,
            subject=f"{catalog.title} 督办 {n.unit_code} 第{n.task}项",
            author=office.name,
            keywords="督办",
            category="督办通知",
            comments=f"督办编号 {n.id}",
            created=n.created_at,
            custom=(("qr.notice.id", str(n.id)), ("qr.notice.unit", n.unit_code)),
        ),
    )


def _facts(catalog: Catalog, n: NoticeInfo) -> Table:
    period = next((p for p in catalog.periods if p.code == n.period_code), None)
    return Table(
        "",
        (
            Column("督办编号", 1.0),
            Column("任务", 1.0),
            Column("报告期", 1.6),
            Column("办结期限", 1.8),
        ),
        ((str(n.id), f"第{n.task}项", period.title if period else "—", chinese_date(n.due)),),
    )


def write_notice(store: Store, n: NoticeInfo, out: Path, issued_on: date | None) -> Path:
    catalog = store_catalog_of(store, n.plan_code)
    return write_docx(out, notice_document(catalog, n, issued_on)).path
