"""A realistic office data set from GENUINE signed submissions (for screenshots, benchmarks and
tests): every reporting unit of the plan, Chinese texts of a clerk's length, several versions,
some late, some missing, one with only rejected attempts. Never shipped: its keys come from a
public string (``demo_private_key``).

``write_office_files`` signs and writes the files (deterministic for a seed: keys, texts,
times, UUIDs); ``load_office`` registers the units' keys in an office store and imports the
files through the real importer in a shuffled order. ``build_office`` does both.

    python -m tools.demo --data-dir DIR [--periods 2016Q1 2016Q2 ...] [--seed 1]

fills (or adds to) the office store under DIR.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path

from app.domain.catalog import Catalog, IndicatorInfo, PeriodInfo, TargetInfo, TaskInfo
from app.domain.payload import PayloadEntry, PayloadIndicator, SubmissionPayload
from app.domain.plan_time import PLAN_TZ
from app.io import keys
from app.io.submission_writer import write_submission
from app.models.store import Store
from app.services.office_import import FileOutcome, Importer
from app.services.office_trust import add_trusted_key

# Only superseded versions carry this text, so a test can prove none of it leaks into views.
SUPERSEDED_MARKER = "〔初稿，数据待核实〕"
TRICKY_TEXT = "=1+1 口径与统计部门不一致，需进一步核对"  # a clerk's text that looks like a formula

_ACTIONS = (
    "制定印发了年度工作方案，明确了责任分工、工作标准和时间节点",
    "召开专题推进会{n}次，协调解决重点难点问题{m}个",
    "组织开展专项检查{n}轮，累计检查企业{m}家，发现问题已全部交办整改",
    "完成了前期调研和方案论证工作，形成了阶段性研究报告并报市政府",
    "会同各区政府（新区管委会）和行业协会开展联合督导，推动工作落地见效",
    "建立了周报告、月通报工作机制，及时掌握各责任单位的工作进展",
    "完成相关政策文件的起草，并已书面征求{n}个相关单位的意见",
    "组织业务培训{n}期，培训基层执法和技术人员{m}人次",
    "开展“质量月”等主题宣传活动{n}场，发放宣传资料{m}份",
    "推动{n}个重点项目完成阶段性建设任务，累计完成投资{m}万元",
    "对照省质量工作考核细则逐项梳理，整理佐证材料{m}份",
    "委托第三方机构开展满意度调查，回收有效问卷{m}份",
)
_RESULTS = (
    "目前该项任务已完成年度计划的{p}%左右，总体进展顺利。",
    "总体进度符合年初计划要求，预计能够按期完成年度目标。",
    "按时间进度测算，已完成年度任务的{p}%。",
)
_PROBLEMS = (
    "部分区级单位配合力度不足，相关数据报送不够及时。",
    "专项经费尚未全部落实，影响部分工作的推进进度。",
    "专业技术人员不足，检验检测能力有待进一步提升。",
    "相关法规制度尚不完善，执法依据不够充分，需市法制办协调。",
    "项目审批环节较多，前期工作周期较长，建设进度有所滞后。",
    "企业参与积极性不高，示范带动作用有待加强。",
    "跨部门信息共享机制尚未建立，数据口径不统一。",
)
_NEXT = (
    "下一步将加强与各区的沟通协调，按月通报工作进展。",
    "加快推进相关项目建设，确保按期完成年度目标任务。",
    "继续加大监督检查力度，对发现的问题督促整改到位。",
    "组织开展中期评估，根据评估结果及时调整工作措施。",
    "认真总结工作经验，做好宣传推广和信息报送工作。",
    "积极争取市财政资金支持，保障各项工作顺利开展。",
    "完善考核评价办法，将任务完成情况纳入年度绩效考核。",
)
_CLERKS = ("张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "黄磊", "赵敏", "周婷", "吴昊")
_STAGE = {1: (10, 35), 2: (35, 60), 3: (55, 85), 4: (80, 100)}


@dataclass(frozen=True)
class PlannedFile:
    path: Path
    unit_id: str
    period: str
    version: int
    late: bool  # signed after the period's due date
    rogue: bool  # signed by a key the office never registered: rejected on import


@dataclass(frozen=True)
class OfficeFiles:
    folder: Path
    seed: int
    periods: tuple[str, ...]
    private_keys: Mapping[str, bytes]  # unit id -> raw Ed25519 private key (registered)
    files: tuple[PlannedFile, ...]
    payloads: Mapping[tuple[str, str, int], SubmissionPayload]  # (unit, period, version)
    states: Mapping[tuple[str, str], str]  # (unit, period) -> submitted|late|missing|rejected
    current: Mapping[tuple[str, str], int]  # (unit, period) -> the version that must be current


@dataclass(frozen=True)
class OfficeData:
    files: OfficeFiles
    outcomes: tuple[FileOutcome, ...]

    @property
    def folder(self) -> Path:
        return self.files.folder

    @property
    def states(self) -> Mapping[tuple[str, str], str]:
        return self.files.states

    @property
    def current(self) -> Mapping[tuple[str, str], int]:
        return self.files.current

    @property
    def payloads(self) -> Mapping[tuple[str, str, int], SubmissionPayload]:
        return self.files.payloads

    def current_payload(self, unit_id: str, period: str) -> SubmissionPayload | None:
        v = self.files.current.get((unit_id, period))
        return None if v is None else self.files.payloads[(unit_id, period, v)]


# -- texts and figures --------------------------------------------------------------------
def _stage(catalog: Catalog, period: PeriodInfo) -> int:
    if period.kind != "quarter":
        return 4
    quarters = [
        p for p in catalog.periods if p.kind == "quarter" and p.start.year == period.start.year
    ]
    return min(4, 1 + [p.code for p in quarters].index(period.code)) if quarters else 4


def _progress(rng: random.Random, task: TaskInfo, period: PeriodInfo, percent: int) -> str:
    parts = [f"截至{period.end.month}月底，我单位围绕“{task.title}”任务，"]
    for action in rng.sample(_ACTIONS, rng.randint(2, 4)):
        parts.append(action.format(n=rng.randint(2, 12), m=rng.randint(15, 900)) + "；")
    parts[-1] = parts[-1].rstrip("；") + "。"
    parts.append(rng.choice(_RESULTS).format(p=percent))
    return "".join(parts)


def _actual(rng: random.Random, target: TargetInfo, stage: int) -> Decimal | None:
    if rng.random() < 0.15:
        return None  # not measured yet
    share = Decimal(stage) / 4
    if target.comparator == "range":
        assert target.value_max is not None
        base = target.value + (target.value_max - target.value) * Decimal(rng.randint(0, 10)) / 10
    elif target.comparator == "=":
        base = target.value if rng.random() < 0.7 or stage < 4 else target.value - 1
    else:
        base = target.value * Decimal(rng.randint(85, 125)) / 100
    value = base * share if stage < 4 else base
    exp = Decimal(1) if target.value == target.value.to_integral_value() else Decimal("0.1")
    return value.quantize(exp)


def _indicator_value(rng: random.Random, ind: IndicatorInfo) -> Decimal:
    if ind.comparator == "<=":
        return (ind.value * Decimal(rng.randint(88, 108)) / 100).quantize(Decimal("0.1"))
    if ind.comparator == "=":
        return ind.value if rng.random() < 0.75 else ind.value - Decimal("0.4")
    return min(Decimal(100), ind.value + Decimal(rng.randint(-15, 35)) / 10)


def _entries(
    rng: random.Random, catalog: Catalog, unit_id: str, period: PeriodInfo, draft: bool
) -> tuple[PayloadEntry, ...]:
    stage = _stage(catalog, period)
    low, high = _STAGE[stage]
    done = {1: 0.0, 2: 0.04, 3: 0.12, 4: 0.35}[stage]  # tasks finished early grow by quarter
    out = []
    for task, _role in catalog.tasks_for_unit(unit_id):
        percent = rng.randint(low, high)
        roll = rng.random()
        if percent >= 98 or roll > 1 - done:
            status, percent = "completed", 100
        elif roll < 0.12:
            status = "delayed"
            percent = max(0, percent - rng.randint(10, 25))
        elif low < 30 and roll < 0.18:
            status, percent = "not_started", 0
        else:
            status = "in_progress"
        progress = "" if status == "not_started" else _progress(rng, task, period, percent)
        problems = rng.choice(_PROBLEMS) if status == "delayed" or rng.random() < 0.5 else "暂无。"
        if draft:
            progress = SUPERSEDED_MARKER + progress
        out.append(
            PayloadEntry(
                task=task.no,
                status=status,
                percent=percent,
                progress=progress,
                problems=problems,
                next_steps="".join(rng.sample(_NEXT, rng.randint(1, 2))),
                targets=tuple(
                    (t.name, _actual(rng, t, _stage(catalog, period))) for t in task.targets
                ),
            )
        )
    return tuple(out)


def _signed_time(rng: random.Random, day: date, late_after: date | None) -> datetime:
    """A moment in Beijing office hours on ``day`` (or 1-6 days after ``late_after``)."""
    if late_after is not None:
        day = late_after + timedelta(days=rng.randint(1, 6))
    at = datetime.combine(day, time(rng.randint(9, 17), rng.randint(0, 59), rng.randint(0, 59)))
    return at.replace(tzinfo=PLAN_TZ).astimezone(UTC)


def demo_private_key(seed: int, unit_id: str) -> bytes:
    """Deterministic demo keys, so the same seed gives byte-identical files."""
    return hashlib.sha256(f"qualityreport-demo:{seed}:{unit_id}".encode()).digest()


# -- writing ------------------------------------------------------------------------------
def write_office_files(
    catalog: Catalog,
    folder: Path,
    periods: Sequence[str] = ("2016Q1",),
    seed: int = 1,
    *,
    tricky: bool = False,
) -> OfficeFiles:
    """Sign and write the submissions of every reporting unit for ``periods``.

    Per period: two units send nothing, one sends only a file signed by an unknown key, three
    sign their current version after the due date, four send a corrected version 2 (one of
    them a version 3) whose version 1 carries ``SUPERSEDED_MARKER``. ``tricky`` puts
    ``TRICKY_TEXT`` into one current entry's problems (a text that must stay text)."""
    folder.mkdir(parents=True, exist_ok=True)
    units = catalog.reporting_units()
    private = {u.id: demo_private_key(seed, u.id) for u in units}
    files: list[PlannedFile] = []
    payloads: dict[tuple[str, str, int], SubmissionPayload] = {}
    states: dict[tuple[str, str], str] = {}
    current: dict[tuple[str, str], int] = {}
    for p_index, code in enumerate(periods):
        period = catalog.period(code)
        rng = random.Random(f"{seed}:{code}")
        # The first three units (the ones with most tasks and targets) always report.
        spare = [u.id for u in units[3:]]
        rng.shuffle(spare)
        missing, rogue = set(spare[:2]), {spare[2]}
        rest = [u.id for u in units if u.id not in missing | rogue]
        rng.shuffle(rest)
        late, revised, third = set(rest[:3]), set(rest[2:6]), rest[5]
        for u in units:
            key = (u.id, code)
            if u.id in missing:
                states[key] = "missing"
                continue
            versions = 1 + (u.id in revised) + (u.id == third)
            clerk = _CLERKS[units.index(u) % len(_CLERKS)]
            first_day = period.due - timedelta(days=rng.randint(5, 9))  # later versions follow
            for v in range(1, versions + 1):
                final = v == versions
                is_late = final and u.id in late
                payload = SubmissionPayload(
                    plan_code=catalog.code,
                    plan_hash=catalog.content_hash,
                    unit_id=u.id,
                    unit_name=u.name,
                    period=code,
                    version=v,
                    sequence=p_index * 10 + v,
                    submission_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    created_at=_signed_time(
                        rng, first_day + timedelta(days=v - 1), period.due if is_late else None
                    ),
                    app_version="0.1.0",
                    clerk=clerk,
                    contact=f"0755-8{rng.randint(1000000, 9999999)}",
                    entries=_entries(rng, catalog, u.id, period, draft=not final),
                    indicators=tuple(
                        PayloadIndicator(i.no, _indicator_value(rng, i), "")
                        for i in catalog.indicators_for_unit(u.id)
                    ),
                )
                if tricky and final and u.id == units[0].id and payload.entries:
                    first = payload.entries[0]
                    payload = _replace_first_problems(payload, first, TRICKY_TEXT)
                is_rogue = u.id in rogue
                signer = demo_private_key(seed + 1_000_003, u.id) if is_rogue else private[u.id]
                path = folder / f"{code}_{u.id}_v{v}.xlsx"
                write_submission(
                    path,
                    payload,
                    catalog,
                    keys.public_key_of(signer),
                    partial(keys.sign, signer),
                )
                files.append(PlannedFile(path, u.id, code, v, is_late, is_rogue))
                payloads[(u.id, code, v)] = payload
            if u.id in rogue:
                states[key] = "rejected"
            else:
                states[key] = "late" if u.id in late else "submitted"
                current[key] = versions
    return OfficeFiles(
        folder, seed, tuple(periods), private, tuple(files), payloads, states, current
    )


def _replace_first_problems(
    payload: SubmissionPayload, first: PayloadEntry, text: str
) -> SubmissionPayload:
    from dataclasses import replace

    entry = replace(first, problems=text)
    return replace(payload, entries=(entry, *payload.entries[1:]))


# -- loading into an office store ---------------------------------------------------------
def register_demo_keys(store: Store, catalog: Catalog, files: OfficeFiles) -> None:
    registered = datetime(catalog.year, 1, 1, tzinfo=UTC)
    for unit_id, private in files.private_keys.items():
        doc = keys.registration_document(
            unit_id, catalog.unit(unit_id).name, keys.public_key_of(private), "", registered
        )
        add_trusted_key(store, catalog, keys.registration_from_document(doc))


def load_office(
    store: Store, catalog: Catalog, files: OfficeFiles, *, in_process: bool = True
) -> OfficeData:
    """Register the keys, then import every file (shuffled: order must not matter)."""
    register_demo_keys(store, catalog, files)
    paths = [str(f.path) for f in files.files]
    random.Random(files.seed).shuffle(paths)
    outcomes = Importer(store, catalog).run(paths, in_process=in_process)
    return OfficeData(files, tuple(outcomes))


def build_office(
    store: Store,
    catalog: Catalog,
    folder: Path,
    periods: Sequence[str] = ("2016Q1",),
    seed: int = 1,
    *,
    tricky: bool = False,
    in_process: bool = True,
) -> OfficeData:
    files = write_office_files(catalog, folder, periods, seed, tricky=tricky)
    return load_office(store, catalog, files, in_process=in_process)


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    from app.config import Settings
    from app.services.stores import open_office_store, store_catalog

    parser = argparse.ArgumentParser(prog="python -m tools.demo")
    parser.add_argument("--data-dir", required=True, type=Path)
    parser.add_argument("--periods", nargs="+", default=["2016Q1", "2016Q2"])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    store = open_office_store(Settings(args.data_dir))
    catalog = store_catalog(store)
    data = build_office(store, catalog, args.data_dir / "demo-submissions", args.periods, args.seed)
    counts: dict[str, int] = {}
    for o in data.outcomes:
        counts[o.outcome] = counts.get(o.outcome, 0) + 1
    print(f"{len(data.outcomes)} files imported into {args.data_dir}: {counts}")
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
