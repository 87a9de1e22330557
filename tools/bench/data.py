"""Realistic benchmark data: genuine signed submissions of every reporting unit of the plan.

Every (unit, period) of the plan (all reporting units x 2016Q1-Q4 and the annual report) gets
versions 1, 2, 3 ... in turn, so N files are N / 100 versions of each unit's report: the
import sees new, replacing and superseded versions, as an office does over a year. Texts are
Chinese, 100-600 characters per field, and one field in twenty is long (up to the form's limit:
2,000 characters of progress, 1,000 of problems or next steps). Keys are real Ed25519 keys
(deterministic, from ``tools.demo.office_data.demo_private_key``), registered in every office
store the benchmarks open.

Each file is a pure function of its (unit, period, version), so the first N files of a larger
set are exactly the N-file set: one cache of signed files serves 100, 1,000 and 5,000.
"""

from __future__ import annotations

import os
import random
import shutil
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path

from app.config import Settings
from app.domain.catalog import Catalog, PeriodInfo, TaskInfo
from app.domain.entry_rules import TEXT_LIMITS
from app.domain.payload import PayloadEntry, PayloadIndicator, SubmissionPayload
from app.io import keys
from app.io.submission_writer import write_submission
from app.models.store import Store
from app.services.office_trust import add_trusted_key
from tools.demo.office_data import demo_private_key

SEED = 9
VERSION = 3  # of the generated content (3: signed packages, issue 12): files-v<VERSION>
STATUSES = ("in_progress", "completed", "delayed", "not_started")

# Phrases of a clerk's progress report; joined until a field reaches its length.
_PHRASES = (
    "制定印发了年度工作方案，明确了责任分工、工作标准和时间节点",
    "召开专题推进会{n}次，协调解决重点难点问题{m}个",
    "组织开展专项检查{n}轮，累计检查企业{m}家，发现的问题已全部交办整改",
    "完成了前期调研和方案论证工作，形成了阶段性研究报告并报市政府审议",
    "会同各区政府（新区管委会）和行业协会开展联合督导，推动工作落地见效",
    "建立了周报告、月通报工作机制，及时掌握各责任单位的工作进展",
    "完成相关政策文件的起草，并已书面征求{n}个相关单位的意见",
    "组织业务培训{n}期，培训基层执法和技术人员{m}人次",
    "开展“质量月”等主题宣传活动{n}场，发放宣传资料{m}份",
    "推动{n}个重点项目完成阶段性建设任务，累计完成投资{m}万元",
    "部分区级单位配合力度不足，相关数据报送不够及时",
    "专项经费尚未全部落实，影响部分工作的推进进度",
    "专业技术人员不足，检验检测能力有待进一步提升",
    "下一步将加强与各区的沟通协调，按月通报工作进展",
    "加快推进相关项目建设，确保按期完成年度目标任务",
    "继续加大监督检查力度，对发现的问题督促整改到位",
    "完善考核评价办法，将任务完成情况纳入年度绩效考核",
)


@dataclass(frozen=True)
class FileSpec:
    unit_id: str
    period: str
    version: int
    large: bool = False  # every text at the form's limit (the worst case, not the usual)

    @property
    def name(self) -> str:
        kind = "L" if self.large else "v"
        return f"{self.period}_{self.unit_id}_{kind}{self.version:03d}.xlsx"


def file_specs(catalog: Catalog, count: int, *, large: bool = False) -> list[FileSpec]:
    """The first ``count`` files: version 1 of every (unit, period), then version 2, ...
    ``large``: the unit with the most tasks only, every text at its limit."""
    units = catalog.reporting_units()
    if large:
        units = [max(units, key=lambda u: len(catalog.tasks_for_unit(u.id)))]
    pairs = [(u.id, p.code) for p in catalog.periods for u in units]
    return [
        FileSpec(*pairs[i % len(pairs)], version=1 + i // len(pairs), large=large)
        for i in range(count)
    ]


def chinese_text(rng: random.Random, length: int) -> str:
    parts: list[str] = []
    size = 0
    while size < length:
        phrase = rng.choice(_PHRASES).format(n=rng.randint(2, 12), m=rng.randint(15, 900))
        parts.append(phrase)
        size += len(phrase) + 1
    text = "；".join(parts)[: max(1, length - 1)]
    return text + "。"


def field_text(rng: random.Random, limit: int = 1000) -> str:
    """100-600 characters; one field in twenty long, up to the form's limit for the field."""
    if rng.random() < 0.05:
        return chinese_text(rng, rng.randint(limit * 3 // 4, limit))
    return chinese_text(rng, rng.randint(100, 600))


def _actual(rng: random.Random, value: Decimal) -> Decimal | None:
    if rng.random() < 0.15:
        return None
    return (value * Decimal(rng.randint(20, 120)) / 100).quantize(Decimal("0.1"))


def _entry(rng: random.Random, task: TaskInfo, large: bool) -> PayloadEntry:
    status = STATUSES[rng.randrange(4)]

    def text(name: str) -> str:
        limit = TEXT_LIMITS[name]
        return chinese_text(rng, limit) if large else field_text(rng, limit)

    return PayloadEntry(
        task=task.no,
        status=status,
        percent=None if status == "not_started" else rng.randint(5, 100),
        progress=text("progress"),
        problems=text("problems"),
        next_steps=text("next_steps"),
        targets=tuple((t.name, _actual(rng, t.value)) for t in task.targets),
    )


def _period_index(catalog: Catalog, period: PeriodInfo) -> int:
    return [p.code for p in catalog.periods].index(period.code)


def make_payload(catalog: Catalog, spec: FileSpec) -> SubmissionPayload:
    large = ":L" if spec.large else ""
    rng = random.Random(f"{SEED}:{spec.unit_id}:{spec.period}:{spec.version}{large}")
    period = catalog.period(spec.period)
    unit = catalog.unit(spec.unit_id)
    day = period.due - timedelta(days=10) + timedelta(hours=6 * spec.version)
    at = datetime.combine(day, time(9, 0), UTC) + timedelta(minutes=rng.randint(0, 480))
    return SubmissionPayload(
        plan_code=catalog.code,
        plan_hash=catalog.content_hash,
        unit_id=unit.id,
        unit_name=unit.name,
        period=period.code,
        version=spec.version,
        # Sequences grow with versions within a unit, and never repeat across its periods.
        sequence=_period_index(catalog, period) * 100_000 + spec.version,
        submission_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        created_at=at,
        app_version="0.1.0",
        clerk="张伟",
        contact=f"0755-8{rng.randint(1000000, 9999999)}",
        entries=tuple(_entry(rng, t, spec.large) for t, _role in catalog.tasks_for_unit(unit.id)),
        indicators=tuple(
            PayloadIndicator(
                i.no,
                (i.value * Decimal(rng.randint(80, 120)) / 100).quantize(Decimal("0.1")),
                chinese_text(rng, rng.randint(20, 80)),
            )
            for i in catalog.indicators_for_unit(unit.id)
        ),
    )


def private_key(unit_id: str) -> bytes:
    return demo_private_key(SEED, unit_id)


def write_one(catalog: Catalog, spec: FileSpec, folder: Path) -> Path:
    path = folder / spec.name
    if not path.exists():
        signer = private_key(spec.unit_id)
        write_submission(
            path,
            make_payload(catalog, spec),
            catalog,
            keys.public_key_of(signer),
            partial(keys.sign, signer),
        )
    return path


def _write_chunk(args: tuple[list[FileSpec], str]) -> int:
    from app.services.catalog import default_catalog

    specs, folder = args
    catalog = default_catalog()
    for spec in specs:
        write_one(catalog, spec, Path(folder))
    return len(specs)


def file_cache(work: Path) -> Path:
    return work / f"files-v{VERSION}"


def ensure_files(
    catalog: Catalog, cache: Path, count: int, jobs: int = 2, *, large: bool = False
) -> list[Path]:
    """The first ``count`` files in ``cache`` (written once, in ``jobs`` processes)."""
    cache.mkdir(parents=True, exist_ok=True)
    specs = file_specs(catalog, count, large=large)
    todo = [s for s in specs if not (cache / s.name).exists()]
    if todo:
        print(f"  writing {len(todo)} signed submissions into {cache} (once) …", flush=True)
        if jobs > 1 and len(todo) > 20:
            import multiprocessing as mp

            chunks = [(todo[i::jobs], str(cache)) for i in range(jobs)]
            with mp.get_context("spawn").Pool(jobs) as pool:
                pool.map(_write_chunk, chunks)
        else:
            for s in todo:
                write_one(catalog, s, cache)
    return [cache / s.name for s in specs]


def link_folder(files: Sequence[Path], folder: Path) -> Path:
    """A folder holding exactly ``files`` (hard links where the file system allows)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for f in files:
        try:
            os.link(f, folder / f.name)
        except OSError:
            shutil.copyfile(f, folder / f.name)
    return folder


def register_keys(store: Store, catalog: Catalog) -> None:
    registered = datetime(catalog.year, 1, 1, tzinfo=UTC)
    for u in catalog.reporting_units():
        public = keys.public_key_of(private_key(u.id))
        doc = keys.registration_document(u.id, u.name, public, "", registered)
        add_trusted_key(store, catalog, keys.registration_from_document(doc))


def office_template(catalog: Catalog, folder: Path) -> Path:
    """A data dir with an office store (plan installed, keys registered), made once."""
    from app.services.stores import open_office_store

    settings = Settings(folder)
    if not settings.office_store_path.exists():
        store = open_office_store(settings)
        register_keys(store, catalog)
        store.close()
    return folder


def fresh_office(template: Path, folder: Path) -> Settings:
    """A copy of the template data dir (the SQLite file only: WAL checkpointed on close)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    src = Settings(template).office_store_path
    shutil.copyfile(src, Settings(folder).office_store_path)
    return Settings(folder)
