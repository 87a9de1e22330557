"""Every reason the importer can give reads as Chinese in the window (and as English when
English is chosen).

The importer's reasons are English phrases (they also go to ``office import --json`` and the
import log); outcome_text matches them. The reasons are read from the importer's own source,
so a new reason added there without a Chinese rendering (and a sample here) fails this test.
"""

from __future__ import annotations

import ast
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.domain.catalog import Catalog
from app.io import keys
from app.models import Unit
from app.services.office_trust import check_signing_key, revoke_key
from app.services.parse_pool import MAX_FILE_BYTES, verify_path
from app.services.stores import Store
from app.ui.common.i18n import EN, ZH, apply_language
from app.ui.office.outcome_text import preview_text, reason_text, result_text
from tests.ui.office.office_kit import Key, trust

ROOT = Path(__file__).resolve().parents[3]
# Where the importer's reasons are made, and how they reach FileOutcome.reason there.
SOURCES = (
    "app/services/office_import.py",
    "app/services/office_trust.py",
    "app/services/parse_pool.py",
)
REASON_ARG = {"_Refused": 0, "KeyVerdict": 1, "ParseResult": 3}  # the reason's position
REASON_VARIABLES = {"reason", "what"}  # names assigned a reason before it is passed on

FP = "3f2a9c01" * 8
SHOWN = keys.format_fingerprint(FP)
# One realistic text of every reason (what the importer writes, values filled in).
SAMPLES = (
    "new",
    "replaces v2",
    "older than the current v3; kept in the history",
    "already imported on 2016-04-12 09:30 UTC",
    f"signed by an unregistered key {SHOWN}",
    f"signed by another unit's key {SHOWN}",
    f"signed by a revoked key {SHOWN} (since 2016-05-01)",
    f"signed by a replaced key {SHOWN} (since 2016-05-01)",
    "unit xyz is not in the plan",
    "period 2017Q1 is not in the plan",
    "another file with version 2 of 2016Q1 was already imported",
    "sequence 4 is out of order against version 3 (sequence 5): a replayed or tampered export",
    "sequence 4 of this unit was already used by another file",
    "file too large (20481 KB)",
    "cannot read file: Permission denied",
    "file needs too much memory to read",
    "unreadable file (KeyError)",
    "the file crashed the reader",
    "reading took longer than 10 s",
)
CJK = re.compile(r"[\u4e00-\u9fff]")


def _patterns(expr: ast.expr | None) -> list[str]:
    """The regular expressions a reason expression can produce (values as ``.+``)."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return [re.escape(expr.value)] if expr.value else []
    if isinstance(expr, ast.JoinedStr):
        parts = [
            re.escape(str(v.value)) if isinstance(v, ast.Constant) else ".+" for v in expr.values
        ]
        return ["".join(parts)]
    if isinstance(expr, ast.IfExp):
        return _patterns(expr.body) + _patterns(expr.orelse)
    return []  # a name or attribute: a reason made elsewhere (the reader's are Chinese)


def source_reasons() -> dict[str, str]:
    """pattern -> where it is made, for every literal reason in the importer's modules."""
    found: dict[str, str] = {}
    for rel in SOURCES:
        tree = ast.parse((ROOT / rel).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            exprs: list[ast.expr] = []
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                index = REASON_ARG.get(name)
                if index is not None and len(node.args) > index:
                    exprs.append(node.args[index])
                exprs += [k.value for k in node.keywords if k.arg == "reason"]
            elif isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id in REASON_VARIABLES for t in node.targets
            ):
                exprs.append(node.value)
            for expr in exprs:
                for pattern in _patterns(expr):
                    found[pattern] = f"{rel}:{getattr(node, 'lineno', 0)}"
    return found


def test_every_reason_in_the_importers_source_has_a_sample_here() -> None:
    reasons = source_reasons()
    assert len(reasons) >= 18, reasons  # the scan still finds them (not silently nothing)
    unsampled = {
        where: pattern
        for pattern, where in reasons.items()
        if not any(re.fullmatch(pattern, s) for s in SAMPLES)
    }
    assert unsampled == {}


@pytest.mark.parametrize("reason", SAMPLES)
def test_each_known_reason_reads_in_chinese(reason: str) -> None:
    shown = reason_text(reason)
    assert CJK.search(shown), (reason, shown)
    assert CJK.search(result_text("rejected", reason))
    assert CJK.search(preview_text("superseded", reason))


def test_each_known_reason_reads_in_english_when_english_is_chosen() -> None:
    try:
        apply_language(EN)
        QApplication.processEvents()
        chinese = {r: reason_text(r) for r in SAMPLES if CJK.search(reason_text(r))}
        assert chinese == {}
        assert result_text("rejected", "the file crashed the reader").startswith("Refused: ")
    finally:
        apply_language(ZH)


def test_the_values_in_a_reason_are_kept(tmp_path: Path) -> None:
    assert "v2" in reason_text("replaces v2")
    assert SHOWN in reason_text(f"signed by a revoked key {SHOWN} (since 2016-05-01)")
    assert "2016-05-01" in reason_text(f"signed by a revoked key {SHOWN} (since 2016-05-01)")
    assert "2016Q1" in reason_text("another file with version 2 of 2016Q1 was already imported")
    assert "10" in reason_text("reading took longer than 10 s")
    # the reader's own reasons are Chinese already and pass through unchanged
    assert reason_text("签名无效：签名后的内容被修改过") == "签名无效：签名后的内容被修改过"


def test_reasons_made_by_the_real_reader_and_key_check_read_in_chinese(
    tmp_path: Path, office_store: Store, catalog: Catalog
) -> None:
    made: list[str] = []
    # parse_pool: a file that is not there, one over the size limit
    made.append(verify_path(str(tmp_path / "gone.xlsx"), catalog).reason)
    big = tmp_path / "big.xlsx"
    with big.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: no 20 MB written
    made.append(verify_path(str(big), catalog).reason)
    # office_trust: an unregistered key, another unit's key, a revoked key
    mine, theirs = Key(), Key()
    trust(office_store, catalog, "zjj", mine)
    trust(office_store, catalog, "jtys", theirs)
    revoke_key(office_store, keys.fingerprint(mine.public), datetime(2016, 5, 1, tzinfo=UTC))
    signed = datetime(2016, 6, 1, tzinfo=UTC)
    with office_store.factory() as s:
        zjj = s.scalars(select(Unit.id).where(Unit.code == "zjj")).one()
        for fp in (FP, keys.fingerprint(theirs.public), keys.fingerprint(mine.public)):
            verdict = check_signing_key(s, zjj, fp, signed)
            assert not verdict.ok
            made.append(verdict.reason)
    assert [r.split(" ")[0] for r in made] == ["cannot", "file", "signed", "signed", "signed"]
    assert all(any(re.fullmatch(p, r) for p in source_reasons()) for r in made), made
    shown = [reason_text(r) for r in made]
    assert all(CJK.search(t) for t in shown), shown
