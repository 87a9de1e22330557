"""What every sheet of the report shares: colour marks, labels, Beijing time, the subtitle and
the number formats."""

from __future__ import annotations

from datetime import datetime

from app.domain.plan_time import PLAN_TZ
from app.services.assessment import PARAMS, RuleInfo
from app.services.report.data import ReportData

STATUS_MARKS = {
    "completed": "good",
    "in_progress": "info",
    "delayed": "bad",
    "not_started": "warn",
    None: "none",
}
STATE_MARKS = {"submitted": "good", "late": "warn", "missing": "bad", "rejected": "bad"}
BOARD_MARKS = {"met": "good", "not_met": "bad", "no_data": "none"}
BOARD_LABELS = {"met": "达标", "not_met": "未达标", "no_data": "无数据"}


def beijing(at: datetime | None) -> str:
    return "" if at is None else at.astimezone(PLAN_TZ).strftime("%Y-%m-%d %H:%M")


def subtitle(data: ReportData) -> str:
    return (
        f"报告期：{data.period.title}（报送截止 {data.period.due:%Y-%m-%d}）　"
        f"生成时间：{beijing(data.generated_at)}（北京时间）　"
        f"依据：{sum(1 for s in data.sources if s.period == data.period.code)} 份现行报送文件"
        "（已更正的旧版本不计入）"
    )


def num(d: object) -> str:
    text = str(d)
    return text.rstrip("0").rstrip(".") if "." in text else text


def params_text(r: RuleInfo) -> str:
    def label(name: str) -> str:
        spec = PARAMS.get(name)
        return spec.label if spec is not None else name

    return "，".join(f"{label(k)} {v}" for k, v in r.params.items())


def grouped_sha256(digest: str) -> str:
    """'fad8ae07 c3a1d9ee …': wraps cleanly in a printed column; the first group is the prefix
    the section sheets cite."""
    return " ".join(digest[i : i + 8] for i in range(0, len(digest), 8))
