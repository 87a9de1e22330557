"""The signed plan package (kind ``plan``, docs/design.md §3): one published revision of a plan,
signed by the office's key, as a printable workbook the clerk can read and file.

Payload (canonical JSON, app.io.canonical)::

    {"format": "qualityreport.plan-package/1", "code", "title", "year", "revision",
     "content_hash", "published_at", "plan": <the plan's canonical JSON as text>,
     "rotations": [<the office key's rotation statements, oldest first>]}

The plan travels as its canonical text (``canonical_plan_json`` of its normal form), because
plan numbers such as 6.75 are JSON numbers, which the signed JSON refuses as floats; the
reader parses it, checks it with the plan schema, and requires the text to be exactly that
plan's normal form with ``content_hash`` its SHA-256, so the hash every submission binds is
the one signed here. The sheets (封面, 任务, 报告期, 工作目标指标) are computed from the payload
(``plan_layout``), painted by app.io.printable_book and compared cell by cell on reading.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.domain.catalog import ROLE_LABELS, Catalog
from app.domain.payload import PayloadError
from app.domain.plan_catalog import canonical_plan_json, catalog_from_plan, plan_content_hash
from app.io.canonical import canonical_bytes
from app.io.keys import fingerprint, parse_iso_utc
from app.io.office_key_file import MAX_STATEMENTS, checked_statement
from app.io.package_errors import PackageRejected
from app.io.plan_file import PlanFileError, normal_plan, validate_plan
from app.io.printable_book import BookLook, book_parts, cover_layout, table_layout
from app.io.signed_package import SignedPackage, package_bytes, read_package
from app.io.submission_cells import check_sheets
from app.io.submission_layout import Cell, SheetLayout, fingerprint_lines

KIND = "plan"
FORMAT = "qualityreport.plan-package/1"
_KEYS = ("format", "code", "title", "year", "revision", "content_hash", "published_at", "plan",
         "rotations")  # fmt: skip
MAX_PLAN_CHARS = 5_000_000
NOTICE = "本文件含市质量强市办的数字签名，任何修改都会使签名失效。"
NOTICE_USE = "请在填报程序中用“文件 → 导入工作方案”导入本文件；打开查看不影响导入。"


@dataclass(frozen=True)
class PlanPackagePayload:
    code: str
    title: str
    year: int
    revision: int
    content_hash: str
    published_at: datetime
    plan_text: str = field(repr=False)
    rotations: tuple[dict[str, str], ...] = ()

    @property
    def plan(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.plan_text)
        return data

    def catalog(self) -> Catalog:
        return catalog_from_plan(self.plan, self.content_hash, self.revision)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "code": self.code,
            "title": self.title,
            "year": self.year,
            "revision": self.revision,
            "content_hash": self.content_hash,
            "published_at": self.published_at,
            "plan": self.plan_text,
            "rotations": list(self.rotations),
        }


def make_payload(
    plan: Mapping[str, Any],
    revision: int,
    published_at: datetime,
    rotations: tuple[dict[str, str], ...] = (),
) -> PlanPackagePayload:
    """The payload of a checked plan in its normal form (as a store keeps it)."""
    head = plan["plan"]
    return PlanPackagePayload(
        code=head["code"],
        title=head["title"],
        year=int(head["year"]),
        revision=revision,
        content_hash=plan_content_hash(plan),
        published_at=published_at,
        plan_text=canonical_plan_json(plan),
        rotations=rotations,
    )


def _field(d: Mapping[str, Any], key: str, kind: type, limit: int = 200) -> Any:
    value = d[key]
    if not isinstance(value, kind) or isinstance(value, bool):
        raise PayloadError(f"{key}：类型错误")
    if isinstance(value, str) and len(value) > limit:
        raise PayloadError(f"{key}：过长")
    return value


def payload_from_json(value: Any) -> PlanPackagePayload:
    """The signed payload, checked: its fields, its plan (schema, normal form, hash) and its
    rotation statements' shape. Raises PayloadError."""
    if not isinstance(value, dict) or tuple(sorted(value)) != tuple(sorted(_KEYS)):
        raise PayloadError("工作方案包的字段不符")
    if value["format"] != FORMAT:
        raise PayloadError(f"不支持的工作方案包格式 {str(value['format'])[:60]!r}")
    text = _field(value, "plan", str, MAX_PLAN_CHARS)
    try:
        normal = normal_plan(validate_plan(json.loads(text), "plan"))
    except (ValueError, PlanFileError, RecursionError) as exc:
        raise PayloadError(f"plan：{str(exc)[:200]}") from exc
    if canonical_plan_json(normal) != text:
        raise PayloadError("plan：不是方案的规范格式")
    rotations = value["rotations"]
    if not isinstance(rotations, list) or len(rotations) > MAX_STATEMENTS:
        raise PayloadError("rotations：格式错误")
    try:
        statements = tuple(checked_statement(r) for r in rotations)
        published = parse_iso_utc(_field(value, "published_at", str), "published_at")
    except ValueError as exc:
        raise PayloadError(str(exc)[:200]) from exc
    payload = make_payload(normal, _field(value, "revision", int), published, statements)
    if payload.content_hash != _field(value, "content_hash", str) or not (
        payload.code == value["code"]
        and payload.title == value["title"]
        and payload.year == value["year"]
        and 1 <= payload.revision <= 1_000_000
    ):
        raise PayloadError("工作方案包的代码、名称、年度、版本或摘要与方案不符")
    return payload


def _read(value: Any) -> tuple[PlanPackagePayload, bytes]:
    payload = payload_from_json(value)
    return payload, canonical_bytes(payload.to_json())


def read_plan_package(source: bytes | str | os.PathLike[str]) -> SignedPackage:
    """The whole check but the signer's trust (the caller's: the trusted office key): the
    package, its payload, and every visible cell against the payload. PackageRejected."""
    package = read_package(source, KIND, _read)
    try:
        layout = plan_layout(package.payload, package.fingerprint)
        check_sheets(package.parts, layout, _footer(package.payload))
    except PackageRejected as exc:
        raise exc.knowing(package.fingerprint, package.payload) from None
    return package


def _footer(payload: PlanPackagePayload) -> str:
    return f"{payload.title}（{payload.code}）第 {payload.revision} 版"


def plan_package_bytes(
    payload: PlanPackagePayload, public_key: bytes, sign: Callable[[bytes], bytes]
) -> bytes:
    look = BookLook(
        title=f"{payload.title} 工作方案包 第 {payload.revision} 版",
        footer=_footer(payload),
    )
    parts = book_parts(plan_layout(payload, fingerprint(public_key)), look)
    return package_bytes(KIND, parts, canonical_bytes(payload.to_json()), public_key, sign)


# -- what the workbook shows --------------------------------------------------------------
def _cover(p: PlanPackagePayload, catalog: Catalog, fp: str) -> SheetLayout:
    head = p.plan["plan"]
    fields: list[tuple[str, str | None]] = [
        ("工作方案", p.title),
        ("方案代码", p.code),
        ("年度", str(p.year)),
        ("版本", f"第 {p.revision} 版"),
        ("发布时间", p.published_at.strftime("%Y-%m-%d %H:%M:%S（UTC）")),
        ("发文单位", str(head.get("issuer", ""))),
        ("任务", f"共 {len(catalog.tasks)} 项"),
        ("报告期", "、".join(f"{x.title or x.code}（{x.due} 前报送）" for x in catalog.periods)),
        ("内容摘要", p.content_hash),
        ("签名密钥指纹", fingerprint_lines(fp)),
        ("签名算法", "Ed25519"),
    ]
    subtitle = f"工作方案包（第 {p.revision} 版）"
    return cover_layout(p.title, subtitle, fields, (NOTICE, NOTICE_USE))


def _owners(catalog: Catalog, task: Any, role: str) -> str | None:
    names = [
        a.unit if a.is_group else catalog.unit(a.unit).short_name
        for a in task.units
        if a.role == role
    ]
    return "、".join(names) or None


def _tasks(p: PlanPackagePayload, catalog: Catalog) -> SheetLayout:
    headers = ("序号", "板块", "任务", "内容", "牵头单位", "负责单位", "配合单位", "目标")
    sections = {s.no: s.title for s in catalog.sections}
    body = [
        (
            Cell(t.no, "center"),
            Cell(sections.get(t.section, str(t.section)), "text"),
            Cell(t.title, "text"),
            Cell(t.text, "text"),
            *(Cell(_owners(catalog, t, r), "text") for r in ROLE_LABELS),
            Cell("\n".join(f"{x.name} {x.describe()}" for x in t.targets) or None, "text"),
        )
        for t in catalog.tasks
    ]
    widths = (6.0, 14.0, 16.0, 60.0, 14.0, 14.0, 16.0, 22.0)
    title = f"{p.title}　主要任务（第 {p.revision} 版）"
    return table_layout("任务", title, headers, widths, body)


def _periods(p: PlanPackagePayload, catalog: Catalog) -> SheetLayout:
    headers = ("代码", "名称", "开始", "结束", "报送截止")
    body = [
        (
            Cell(x.code, "center"),
            Cell(x.title or None, "text"),
            *(Cell(d.isoformat(), "center") for d in (x.start, x.end, x.due)),
        )
        for x in catalog.periods
    ]
    widths = (10.0, 24.0, 14.0, 14.0, 14.0)
    return table_layout("报告期", f"{p.title}　报告期", headers, widths, body)


def _indicators(p: PlanPackagePayload, catalog: Catalog) -> SheetLayout:
    headers = ("序号", "指标", "目标值", "负责单位")
    body = [
        (
            Cell(ind.no, "center"),
            Cell(ind.name, "text"),
            Cell(ind.as_target().describe(), "text"),
            Cell(catalog.unit(ind.owner).short_name if ind.owner else None, "text"),
        )
        for ind in catalog.indicators
    ]
    widths = (6.0, 40.0, 18.0, 20.0)
    title = f"{p.title}　工作目标指标"
    return table_layout("工作目标指标", title, headers, widths, body, "（本方案没有工作目标指标）")


def plan_layout(p: PlanPackagePayload, fingerprint: str) -> tuple[SheetLayout, ...]:
    """The four sheets, in order, as the writer paints them and the reader checks them."""
    catalog = p.catalog()
    return (
        _cover(p, catalog, fingerprint),
        _tasks(p, catalog),
        _periods(p, catalog),
        _indicators(p, catalog),
    )
