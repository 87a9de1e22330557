"""Small, controlled office stores for the bulletin tests and the bulletin dialog: genuine
signed submissions whose statuses the test chooses, imported with the product's own Importer.

``report(unit, period, statuses={task: status}, late=False)`` writes and imports one unit's
current version; every task not named is 推进中 at 50 %.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.catalog import Catalog
from app.domain.payload import PayloadEntry, PayloadIndicator, SubmissionPayload
from app.io.submission_writer import write_submission
from app.models.store import Store
from app.services.office_import import Importer
from tests.kit.keys import Key, trust

PERCENT = {"completed": 100, "in_progress": 50, "delayed": 20, "not_started": 0}


def _key(unit: str) -> Key:
    """The same key for a unit in every run."""
    return Key(hashlib.sha256(f"bulletin-kit:{unit}".encode()).digest())


@dataclass
class Kit:
    store: Store
    catalog: Catalog
    folder: Path
    trusted: set[str] = field(default_factory=set)
    versions: dict[tuple[str, str], int] = field(default_factory=dict)

    def _trust(self, unit: str) -> None:
        if unit in self.trusted:
            return
        at = datetime(self.catalog.year, 1, 1, tzinfo=UTC)
        trust(self.store, self.catalog, unit, _key(unit), clerk="张伟", at=at)
        self.trusted.add(unit)

    def report(
        self,
        unit: str,
        period: str,
        statuses: Mapping[int, str] | None = None,
        *,
        late: bool = False,
        problems: Mapping[int, str] | None = None,
        targets: Mapping[str, Decimal] | None = None,
        indicators: Mapping[int, Decimal] | None = None,
        progress: str = "按计划推进。",
        all_met: bool = False,
    ) -> Path:
        """``all_met``: every target and indicator of the unit reported at its goal."""
        self._trust(unit)
        version = self.versions.get((unit, period), 0) + 1
        self.versions[(unit, period)] = version
        info = self.catalog.period(period)
        day = info.due + timedelta(days=3) if late else info.due - timedelta(days=2)
        at = datetime.combine(day, time(2, version), tzinfo=UTC)  # 10:0v Beijing time
        entries = self._entries(
            unit, statuses or {}, problems or {}, targets or {}, progress, all_met
        )
        payload = SubmissionPayload(
            plan_code=self.catalog.code,
            plan_hash=self.catalog.content_hash,
            unit_id=unit,
            unit_name=self.catalog.unit(unit).name,
            period=period,
            version=version,
            sequence=len(self.versions) * 10 + version,
            submission_id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{unit}/{period}/{version}")),
            created_at=at,
            app_version="0.1.0",
            clerk="张伟",
            contact="0755-88120000",
            entries=entries,
            indicators=tuple(
                PayloadIndicator(i.no, i.value if all_met else (indicators or {}).get(i.no), "")
                for i in self.catalog.indicators_for_unit(unit)
            ),
        )
        key = _key(unit)
        path = self.folder / f"{unit}-{period}-v{version}.xlsx"
        self.folder.mkdir(parents=True, exist_ok=True)
        write_submission(path, payload, self.catalog, key.public, key.sign)
        outcomes = Importer(self.store, self.catalog).run([str(path)], in_process=True)
        assert [o.outcome for o in outcomes] == ["accepted"], outcomes
        return path

    def _entries(
        self,
        unit: str,
        statuses: Mapping[int, str],
        problems: Mapping[int, str],
        targets: Mapping[str, Decimal],
        progress: str,
        all_met: bool,
    ) -> tuple[PayloadEntry, ...]:
        """Every task of the unit: its chosen status (else 推进中), the chosen problems and
        target figures (``all_met``: each target at its goal)."""
        out = []
        for task, _role in self.catalog.tasks_for_unit(unit):
            status = statuses.get(task.no, "in_progress")
            out.append(
                PayloadEntry(
                    task=task.no,
                    status=status,
                    percent=PERCENT[status],
                    progress=progress,
                    problems=problems.get(task.no, "暂无。"),
                    next_steps="继续推进。",
                    targets=tuple(
                        (t.name, t.value if all_met else targets.get(t.name)) for t in task.targets
                    ),
                )
            )
        return tuple(out)


def unreadable_docx_templates(monkeypatch: pytest.MonkeyPatch, where: Path) -> None:
    """python-docx as the Linux bundle had it: the footer template looked for through
    docx/parts/.., a folder that is not on disk (build.spec now collects it)."""
    import docx.parts.hdrftr

    monkeypatch.setattr(docx.parts.hdrftr, "__file__", str(where / "docx" / "parts" / "hdrftr.py"))
