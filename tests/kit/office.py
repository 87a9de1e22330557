"""Office stores full of genuine signed submissions.

``build_small_office``: small data sets for the dialog and page tests. Each unit gets an Ed25519
key; its submissions are written with the product's own writer and imported with the product's
own Importer, so what the views show is what an office would see.

``build_office``: a realistic store with every reporting unit's files, a thin wrapper over
``tools.demo.office_data``: the signed files of a (periods, seed) pair are written once per
test session (signing and writing is the slow part) and imported through the real importer
into each store that asks. ``tricky`` is on, so one current entry carries a text that looks like
a formula ("=1+1 ...").
"""

from __future__ import annotations

import random
import tempfile
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from app.domain.catalog import Catalog
from app.domain.payload import PayloadEntry, PayloadIndicator, SubmissionPayload
from app.io.submission_writer import write_submission
from app.models.store import Store
from app.services.office_import import Importer
from tests.kit.keys import Key, trust
from tools.demo.office_data import (
    SUPERSEDED_MARKER,
    TRICKY_TEXT,
    OfficeData,
    OfficeFiles,
    load_office,
    write_office_files,
)

PROGRESS = (
    "已制定年度工作方案并分解到各处室，召开专题推进会{n}次，完成阶段性目标。",
    "组织开展专项检查{n}批次，发现问题已督促整改，整改率达到预期。",
    "会同相关单位建立联席工作机制，完成调研报告和政策草案，正在征求意见。",
    "完成年度任务的主要环节，相关数据已录入系统，正在开展总结评估。",
    "已完成项目立项和资金安排，正在组织招标采购，进度与计划基本一致。",
)
PROBLEMS = (
    "",
    "部分区配合力度不足，数据报送不及时。",
    "专业技术人员不足，检测能力有待加强。",
    "项目审批环节较多，进度略慢于计划。",
)
NEXT_STEPS = (
    "下一季度继续加大推进力度，按期完成年度目标。",
    "加强与各区的协调，完善考核和通报机制。",
    "组织专家评审，形成最终成果并报市政府。",
)
__all__ = [
    "SUPERSEDED_MARKER",
    "TRICKY_TEXT",
    "OfficeData",
    "OfficeKit",
    "build_office",
    "build_small_office",
    "office_files",
    "unit_payload",
    "write_unit_file",
]

CLERK = "张伟"  # who registered the small office's keys
PERIOD_PROGRESS = {"2016Q1": 25, "2016Q2": 50, "2016Q3": 75, "2016Q4": 95, "2016": 100}


@dataclass
class OfficeKit:
    folder: Path
    keys: dict[str, Key] = field(default_factory=dict)
    files: dict[tuple[str, str, int], Path] = field(default_factory=dict)
    sequences: dict[str, int] = field(default_factory=dict)

    def key(self, unit: str) -> Key:
        return self.keys.setdefault(unit, Key())

    def next_sequence(self, unit: str) -> int:
        self.sequences[unit] = self.sequences.get(unit, 0) + 1
        return self.sequences[unit]


def unit_payload(
    catalog: Catalog,
    unit: str,
    period: str,
    *,
    version: int,
    sequence: int,
    rng: random.Random,
    created_at: datetime,
    note: str = "",
) -> SubmissionPayload:
    """A plausible report: status and percent grow with the period, texts vary by unit."""
    base = PERIOD_PROGRESS.get(period, 50)
    entries = []
    for task, _role in catalog.tasks_for_unit(unit):
        roll = rng.random()
        if roll < 0.08:
            status, percent = "not_started", 0
        elif roll < 0.2:
            status, percent = "delayed", max(0, base - rng.randint(15, 30))
        elif roll < 0.2 + base / 200:
            status, percent = "completed", 100
        else:
            status, percent = "in_progress", min(95, max(5, base + rng.randint(-15, 10)))
        targets = tuple(
            (
                t.name,
                (t.value * Decimal(rng.randint(base - 20, base + 30)) / 100).quantize(
                    Decimal("0.01")
                )
                if rng.random() < 0.8
                else None,
            )
            for t in task.targets
        )
        entries.append(
            PayloadEntry(
                task=task.no,
                status=status,
                percent=percent,
                progress=rng.choice(PROGRESS).format(n=rng.randint(2, 9)) + note,
                problems=rng.choice(PROBLEMS),
                next_steps=rng.choice(NEXT_STEPS),
                targets=targets,
            )
        )
    indicators = tuple(
        PayloadIndicator(
            ind.no,
            (ind.value * Decimal(rng.randint(95, 104)) / 100).quantize(Decimal("0.1")),
            "统计口径与上年一致",
        )
        for ind in catalog.indicators_for_unit(unit)
    )
    return SubmissionPayload(
        plan_code=catalog.code,
        plan_hash=catalog.content_hash,
        unit_id=unit,
        unit_name=catalog.unit(unit).name,
        period=period,
        version=version,
        sequence=sequence,
        submission_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        created_at=created_at,
        app_version="0.1.0",
        clerk=rng.choice(("张伟", "李娜", "王芳", "刘洋", "陈静", "杨帆")),
        contact="0755-8812" + f"{rng.randint(0, 9999):04d}",
        entries=tuple(entries),
        indicators=indicators,
    )


def write_unit_file(
    kit: OfficeKit,
    catalog: Catalog,
    unit: str,
    period: str,
    *,
    version: int = 1,
    rng: random.Random,
    late: bool = False,
    note: str = "",
    name: str | None = None,
) -> Path:
    due = catalog.period(period).due
    day = (
        due + timedelta(days=rng.randint(2, 9)) if late else due - timedelta(days=rng.randint(0, 6))
    )
    at = datetime.combine(day, time(1 + rng.randint(0, 8), rng.randint(0, 59)), tzinfo=UTC)
    at += timedelta(hours=version - 1)
    payload = unit_payload(
        catalog,
        unit,
        period,
        version=version,
        sequence=kit.next_sequence(unit),
        rng=rng,
        created_at=at,
        note=note,
    )
    key = kit.key(unit)
    kit.folder.mkdir(parents=True, exist_ok=True)
    path = kit.folder / (name or f"{unit}-{period}-v{version}.xlsx")
    write_submission(path, payload, catalog, key.public, key.sign)
    kit.files[(unit, period, version)] = path
    return path


def build_small_office(
    store: Store,
    catalog: Catalog,
    folder: Path,
    *,
    periods: Sequence[str] = ("2016Q1",),
    units: Iterable[str] | None = None,
    seed: int = 1,
    missing: float = 0.1,
    late: float = 0.15,
    corrected: float = 0.1,
) -> OfficeKit:
    """Write, register and import: some units miss a period, some are late, some re-export."""
    rng = random.Random(seed)
    kit = OfficeKit(folder)
    chosen = list(units) if units is not None else [u.id for u in catalog.reporting_units()]
    for unit in chosen:
        trust(store, catalog, unit, kit.key(unit), clerk=CLERK)
    for period in periods:
        for unit in chosen:
            if rng.random() < missing:
                continue
            write_unit_file(kit, catalog, unit, period, rng=rng, late=rng.random() < late)
            if rng.random() < corrected:
                write_unit_file(kit, catalog, unit, period, version=2, rng=rng, note="（更正版）")
    Importer(store, catalog).run(sorted(map(str, kit.files.values())), in_process=True)
    return kit


# -- the realistic office (every reporting unit) ----------------------------------------------
_FILES: dict[tuple[tuple[str, ...], int, str], OfficeFiles] = {}


def office_files(
    catalog: Catalog,
    tmp_dir: Path | None = None,
    periods: Sequence[str] = ("2016Q1",),
    seed: int = 1,
) -> OfficeFiles:
    """The signed files for (periods, seed), written on first use and reused after."""
    key = (tuple(periods), seed, catalog.content_hash)
    files = _FILES.get(key)
    if files is None or not all(f.path.exists() for f in files.files):
        root = Path(tempfile.mkdtemp(prefix="office-data-", dir=tmp_dir))
        files = _FILES[key] = write_office_files(catalog, root, periods, seed, tricky=True)
    return files


def build_office(
    store: Store,
    catalog: Catalog,
    tmp_dir: Path,
    periods: Sequence[str] = ("2016Q1",),
    seed: int = 1,
) -> OfficeData:
    """Register the units' keys in ``store`` and import every file (in a shuffled order)."""
    return load_office(store, catalog, office_files(catalog, tmp_dir, periods, seed))
