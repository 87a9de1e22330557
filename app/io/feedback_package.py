"""The signed feedback file (kind ``feedback``, docs/design.md §3, §4): what the office tells one
unit about one period, signed by the office's key, as a printable workbook.

Payload (canonical JSON)::

    {"format": "qualityreport.feedback/1", "unit", "unit_name", "sequence", "issued_at",
     "plan": {"code", "title", "revision"}, "period", "period_title",
     "receipts": [{"version", "sha256", "accepted_at"}],
     "review": null | {"version", "state", "comment", "decided_at",
                       "comments": [{"task", "title", "text"}]},
     "notices": [{"id", "task", "title", "period", "text", "due", "state", "response"}],
     "rotations": [<the office key's rotation statements>]}

``sequence`` numbers the files of one unit (the office's ``feedback_issued``): the unit applies
a file's parts only over what an older file said. The sheets 封面, 回执, 审核意见, 督办事项 and
方案修订 are computed from the payload alone (``feedback_layout``) and compared cell by cell
when the file is read, like a submission's.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.domain.payload import PayloadError
from app.io.canonical import canonical_bytes
from app.io.keys import fingerprint, parse_iso_utc
from app.io.office_key_file import MAX_STATEMENTS, checked_statement
from app.io.package_errors import PackageRejected
from app.io.printable_book import BookLook, book_parts, cover_layout, table_layout
from app.io.signed_package import SignedPackage, package_bytes, read_package
from app.io.submission_cells import check_sheets
from app.io.submission_layout import BEIJING, Cell, SheetLayout, fingerprint_lines

KIND = "feedback"
FORMAT = "qualityreport.feedback/1"
REVIEW_STATES = ("pending", "accepted", "returned")
NOTICE_STATES = ("open", "answered", "closed")
STATE_ZH = {
    "pending": "待审核",
    "accepted": "已受理",
    "returned": "退回修改",
    "open": "待答复",
    "answered": "已答复",
    "closed": "已办结",
}
MAX_ITEMS = 1000
MAX_TEXT = 4000
_CODE = re.compile(r"[A-Za-z0-9_\-]{1,40}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_KEYS = (
    "format",
    "unit",
    "unit_name",
    "sequence",
    "issued_at",
    "plan",
    "period",
    "period_title",
    "receipts",
    "review",
    "notices",
    "rotations",
)
NOTICE = "本文件含市质量强市办的数字签名，任何修改都会使签名失效。"
NOTICE_USE = (
    "请在填报程序中用“文件 → 导入反馈文件”导入本文件：审核意见显示在相应任务旁，"
    "督办事项可在表单中答复。"
)


@dataclass(frozen=True)
class Receipt:
    version: int
    sha256: str
    accepted_at: datetime


@dataclass(frozen=True)
class TaskComment:
    task: int
    title: str
    text: str


@dataclass(frozen=True)
class ReviewNews:
    version: int
    state: str
    comment: str
    decided_at: datetime | None
    comments: tuple[TaskComment, ...]


@dataclass(frozen=True)
class NoticeNews:
    id: int
    task: int
    title: str
    period: str | None
    text: str
    due: date
    state: str
    response: str


@dataclass(frozen=True)
class FeedbackPayload:
    unit: str
    unit_name: str
    sequence: int
    issued_at: datetime
    plan_code: str
    plan_title: str
    plan_revision: int
    period: str
    period_title: str
    receipts: tuple[Receipt, ...] = ()
    review: ReviewNews | None = None
    notices: tuple[NoticeNews, ...] = ()
    rotations: tuple[dict[str, str], ...] = ()

    def to_json(self) -> dict[str, Any]:
        r = self.review
        return {
            "format": FORMAT,
            "unit": self.unit,
            "unit_name": self.unit_name,
            "sequence": self.sequence,
            "issued_at": self.issued_at,
            "plan": {
                "code": self.plan_code,
                "title": self.plan_title,
                "revision": self.plan_revision,
            },
            "period": self.period,
            "period_title": self.period_title,
            "receipts": [
                {"version": x.version, "sha256": x.sha256, "accepted_at": x.accepted_at}
                for x in self.receipts
            ],
            "review": None
            if r is None
            else {
                "version": r.version,
                "state": r.state,
                "comment": r.comment,
                "decided_at": r.decided_at,
                "comments": [
                    {"task": c.task, "title": c.title, "text": c.text} for c in r.comments
                ],
            },
            "notices": [
                {
                    "id": n.id,
                    "task": n.task,
                    "title": n.title,
                    "period": n.period,
                    "text": n.text,
                    "due": n.due,
                    "state": n.state,
                    "response": n.response,
                }
                for n in self.notices
            ],
            "rotations": list(self.rotations),
        }


# -- reading the payload --------------------------------------------------------------------
def _obj(value: Any, keys: tuple[str, ...], where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict) or sorted(value) != sorted(keys):
        raise PayloadError(f"{where}：字段不符")
    return value


def _str(
    value: Any, where: str, limit: int = MAX_TEXT, pattern: re.Pattern[str] | None = None
) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise PayloadError(f"{where}：应为文本")
    if pattern is not None and not pattern.fullmatch(value):
        raise PayloadError(f"{where}：格式错误")
    return value


def _int(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 10**9:
        raise PayloadError(f"{where}：应为正整数")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list) or len(value) > MAX_ITEMS:
        raise PayloadError(f"{where}：应为列表")
    return value


def _time(value: Any, where: str) -> datetime:
    try:
        return parse_iso_utc(_str(value, where, 40), where)
    except ValueError as exc:
        raise PayloadError(f"{where}：时间格式错误") from exc


def _review(value: Any) -> ReviewNews | None:
    if value is None:
        return None
    d = _obj(value, ("version", "state", "comment", "decided_at", "comments"), "review")
    if d["state"] not in REVIEW_STATES:
        raise PayloadError("review.state：无效")
    comments = []
    for i, c in enumerate(_list(d["comments"], "review.comments")):
        c = _obj(c, ("task", "title", "text"), f"review.comments[{i}]")
        comments.append(
            TaskComment(_int(c["task"], "task"), _str(c["title"], "title"), _str(c["text"], "text"))
        )
    decided = None if d["decided_at"] is None else _time(d["decided_at"], "review.decided_at")
    return ReviewNews(
        _int(d["version"], "review.version"),
        d["state"],
        _str(d["comment"], "review.comment"),
        decided,
        tuple(comments),
    )


def _notice(i: int, value: Any) -> NoticeNews:
    keys = ("id", "task", "title", "period", "text", "due", "state", "response")
    d = _obj(value, keys, f"notices[{i}]")
    if d["state"] not in NOTICE_STATES:
        raise PayloadError(f"notices[{i}].state：无效")
    try:
        due = date.fromisoformat(_str(d["due"], "due", 10))
    except ValueError as exc:
        raise PayloadError(f"notices[{i}].due：日期格式错误") from exc
    period = None if d["period"] is None else _str(d["period"], "period", 16, _CODE)
    return NoticeNews(
        _int(d["id"], "id"),
        _int(d["task"], "task"),
        _str(d["title"], "title"),
        period,
        _str(d["text"], "text"),
        due,
        d["state"],
        _str(d["response"], "response"),
    )


def payload_from_json(value: Any) -> FeedbackPayload:
    """The signed payload, checked field by field. Raises PayloadError."""
    d = _obj(value, _KEYS, "payload")
    if d["format"] != FORMAT:
        raise PayloadError(f"不支持的反馈文件格式 {str(d['format'])[:60]!r}")
    plan = _obj(d["plan"], ("code", "title", "revision"), "plan")
    receipts = []
    for i, r in enumerate(_list(d["receipts"], "receipts")):
        r = _obj(r, ("version", "sha256", "accepted_at"), f"receipts[{i}]")
        receipts.append(
            Receipt(
                _int(r["version"], "version"),
                _str(r["sha256"], "sha256", 64, _HEX64),
                _time(r["accepted_at"], "accepted_at"),
            )
        )
    rotations = _list(d["rotations"], "rotations")
    if len(rotations) > MAX_STATEMENTS:
        raise PayloadError("rotations：过多")
    try:
        statements = tuple(checked_statement(s) for s in rotations)
    except ValueError as exc:
        raise PayloadError(str(exc)) from exc
    notices = tuple(_notice(i, n) for i, n in enumerate(_list(d["notices"], "notices")))
    if len({n.id for n in notices}) != len(notices):
        raise PayloadError("notices：编号重复")
    return FeedbackPayload(
        unit=_str(d["unit"], "unit", 32, _CODE),
        unit_name=_str(d["unit_name"], "unit_name", 200),
        sequence=_int(d["sequence"], "sequence"),
        issued_at=_time(d["issued_at"], "issued_at"),
        plan_code=_str(plan["code"], "plan.code", 40, _CODE),
        plan_title=_str(plan["title"], "plan.title", 200),
        plan_revision=_int(plan["revision"], "plan.revision"),
        period=_str(d["period"], "period", 16, _CODE),
        period_title=_str(d["period_title"], "period_title", 200),
        receipts=tuple(receipts),
        review=_review(d["review"]),
        notices=notices,
        rotations=statements,
    )


def _read(value: Any) -> tuple[FeedbackPayload, bytes]:
    payload = payload_from_json(value)
    return payload, canonical_bytes(payload.to_json())


def read_feedback_package(source: bytes | str | os.PathLike[str]) -> SignedPackage:
    """Everything but the signer's trust and the addressee (the import's): the package, the
    payload and every visible cell against it. PackageRejected."""
    package = read_package(source, KIND, _read)
    try:
        layout = feedback_layout(package.payload, package.fingerprint)
        check_sheets(package.parts, layout, _footer(package.payload))
    except PackageRejected as exc:
        raise exc.knowing(package.fingerprint, package.payload) from None
    return package


def _footer(payload: FeedbackPayload) -> str:
    return f"市质量强市办反馈 {payload.unit_name} {payload.period} 第 {payload.sequence} 号"


def feedback_bytes(
    payload: FeedbackPayload, public_key: bytes, sign: Callable[[bytes], bytes]
) -> bytes:
    look = BookLook(
        title=f"{payload.unit_name} {payload.period} 反馈文件 第 {payload.sequence} 号",
        footer=_footer(payload),
        orientation="portrait",
    )
    parts = book_parts(feedback_layout(payload, fingerprint(public_key)), look)
    return package_bytes(KIND, parts, canonical_bytes(payload.to_json()), public_key, sign)


# -- what the workbook shows --------------------------------------------------------------
def _beijing(at: datetime | None) -> str | None:
    return None if at is None else at.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M（北京时间）")


def _cover(p: FeedbackPayload, fp: str) -> SheetLayout:
    r = p.review
    decision = "（本期尚无审核结论）" if r is None else f"第 {r.version} 版：{STATE_ZH[r.state]}"
    fields: list[tuple[str, str | None]] = [
        ("填报单位", p.unit_name),
        ("工作方案", f"{p.plan_title}（第 {p.plan_revision} 版）"),
        ("报告期", f"{p.period_title}（{p.period}）"),
        ("反馈编号", f"第 {p.sequence} 号"),
        ("签发时间", _beijing(p.issued_at)),
        ("审核结论", decision),
        ("回执", f"共 {len(p.receipts)} 份"),
        ("督办事项", f"共 {len(p.notices)} 项"),
        ("签名密钥指纹", fingerprint_lines(fp)),
        ("签名算法", "Ed25519"),
    ]
    subtitle = f"{p.unit_name}　{p.period_title}"
    return cover_layout("市质量强市办反馈", subtitle, fields, (NOTICE, NOTICE_USE), (20.0, 70.0))


def _receipts(p: FeedbackPayload) -> SheetLayout:
    body = [
        (
            Cell(p.period, "center"),
            Cell(f"第 {x.version} 版", "center"),
            Cell(x.sha256, "text"),
            Cell(_beijing(x.accepted_at), "text"),
        )
        for x in p.receipts
    ]
    return table_layout(
        "回执",
        f"{p.unit_name}　报送文件回执",
        ("报告期", "版本", "文件 SHA-256", "受理时间"),
        (10.0, 9.0, 50.0, 22.0),
        body,
        "（本期没有已受理的报送文件）",
    )


def _review_sheet(p: FeedbackPayload) -> SheetLayout:
    r = p.review
    body: list[tuple[Cell, ...]] = []
    if r is not None:
        body.append(
            (
                Cell(None, "label"),
                Cell("审核结论", "label"),
                Cell(
                    f"第 {r.version} 版：{STATE_ZH[r.state]}（{_beijing(r.decided_at) or '—'}）",
                    "text",
                ),
            )
        )
        body.append(
            (Cell(None, "label"), Cell("总体意见", "label"), Cell(r.comment or None, "text"))
        )
        body += [
            (Cell(c.task, "center"), Cell(c.title, "text"), Cell(c.text, "text"))
            for c in r.comments
        ]
    return table_layout(
        "审核意见",
        f"{p.unit_name}　{p.period}　审核意见",
        ("任务", "事项", "意见"),
        (7.0, 22.0, 62.0),
        body,
        "（本期尚无审核结论）",
    )


def _notices(p: FeedbackPayload) -> SheetLayout:
    body = [
        (
            Cell(n.id, "center"),
            Cell(f"{n.task} {n.title}", "text"),
            Cell(n.text, "text"),
            Cell(n.due.isoformat(), "center"),
            Cell(STATE_ZH[n.state], "center"),
            Cell(n.response or None, "text"),
        )
        for n in p.notices
    ]
    return table_layout(
        "督办事项",
        f"{p.unit_name}　督办事项",
        ("编号", "任务", "督办内容", "答复期限", "状态", "本单位答复"),
        (6.0, 16.0, 30.0, 11.0, 8.0, 24.0),
        body,
        "（没有督办事项）",
    )


def _revision(p: FeedbackPayload) -> SheetLayout:
    text = (
        f"工作方案“{p.plan_title}”（{p.plan_code}）现行版本为第 {p.plan_revision} 版；"
        "如本单位的填报程序显示的版本较旧，请向市质量强市办索取并导入最新的工作方案包。"
    )
    body = [
        (Cell(p.plan_code, "text"), Cell(f"第 {p.plan_revision} 版", "center"), Cell(text, "text"))
    ]
    return table_layout(
        "方案修订", "工作方案修订", ("方案代码", "现行版本", "说明"), (20.0, 10.0, 60.0), body, ""
    )


def feedback_layout(p: FeedbackPayload, fp: str) -> tuple[SheetLayout, ...]:
    """The five sheets, in order, as the writer paints them and the reader checks them."""
    return (_cover(p, fp), _receipts(p), _review_sheet(p), _notices(p), _revision(p))
