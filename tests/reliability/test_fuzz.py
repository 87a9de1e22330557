"""Mutated genuine submissions through the import path: every case ends in an outcome.

QR_FUZZ_CASES (default 600) mutants go through ``verify_submission`` in process and
QR_FUZZ_POOL (default 60) through the office import's worker pool; QR_FUZZ_SEED picks
another reproducible set. tools/long_runs.py runs 10,000.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from pathlib import Path

import pytest

from app.domain.catalog import Catalog
from app.io.submission_reader import SubmissionRejected, verify_submission
from app.services.office_import import Importer
from app.services.stores import Store
from tests.kit.keys import Key
from tests.kit.world import trial_count
from tests.reliability.fuzz import MUTATORS, genuine_files, mutate, run_fuzz

CASES = trial_count("QR_FUZZ_CASES", 600)
POOL = trial_count("QR_FUZZ_POOL", 60)
SEED = trial_count("QR_FUZZ_SEED", 1)


@pytest.mark.slow
def test_fuzzed_files_never_crash_hang_or_grow_memory(
    tmp_path: Path, catalog: Catalog, capfd: pytest.CaptureFixture[str]
) -> None:
    report = run_fuzz(catalog, tmp_path, CASES, seed=SEED, pool_cases=POOL)
    assert "panicked" not in capfd.readouterr().err  # a Rust panic would print there
    assert report.cases == CASES and report.pool_cases == POOL
    assert report.crashes == []
    assert report.hangs == []
    assert report.memory_ok, (report.rss_start_mb, report.rss_end_mb)
    outcomes = Counter(report.outcomes)
    # The mutations reach deep: refusals at every layer, not only "not a zip".
    layers = ("not_xlsx", "zip_prefix", "zip_trailer", "zip_name", "zip_duplicate",
              "xml_malformed", "xml_entities", "bad_signature", "manifest_digest",
              "manifest_extra")  # fmt: skip
    for layer in layers:
        assert outcomes[layer] > 0, outcomes


def test_mutation_is_reproducible(
    tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = genuine_files(tmp_path, catalog)
    # The clock moves ten seconds per reading, so a mutant stamped with "now" would differ.
    ticks = iter(range(1_800_000_000, 1_900_000_000, 10))
    monkeypatch.setattr(time, "time", lambda: float(next(ticks)))
    for case in range(len(MUTATORS)):
        assert mutate(case, 5, sources) == mutate(case, 5, sources)
    assert mutate(1, 5, sources) != mutate(1, 6, sources)


def test_every_mutator_is_refused_somewhere(tmp_path: Path, catalog: Catalog) -> None:
    """Each mutator produces files the reader refuses (it does damage, not no-ops only)."""
    sources = genuine_files(tmp_path, catalog)
    refused: Counter[str] = Counter()
    for name, fn in MUTATORS.items():
        for k in range(12):
            try:
                verify_submission(fn(random.Random(k), sources[k % len(sources)]), catalog)
            except SubmissionRejected:
                refused[name] += 1
    # Every class is refused somewhere; even bytes after the end record (issue 12).
    assert set(refused) == set(MUTATORS), refused


def test_fuzzed_folder_through_the_importer_changes_nothing(
    tmp_path: Path, catalog: Catalog, office_store: Store
) -> None:
    """A folder of refused mutants imported through the batch path: each file gets one
    outcome, the store gains no submission rows."""
    from sqlalchemy import func, select

    from app.models import ImportLog, Submission

    sources = genuine_files(tmp_path / "g", catalog)
    folder = tmp_path / "mutants"
    folder.mkdir()
    for case in range(40):
        _name, data = mutate(case, SEED + 3, sources)
        try:
            verify_submission(data, catalog)
            continue  # a harmless mutation: genuine content, signed by an unregistered key
        except SubmissionRejected:
            (folder / f"{case:03d}.xlsx").write_bytes(data)
    n = len(list(folder.iterdir()))
    outcomes = Importer(office_store, catalog, workers=2).run([folder])
    assert len(outcomes) == n and all(o.outcome == "rejected" and o.reason for o in outcomes)
    with office_store.factory() as s:
        assert s.scalar(select(func.count(Submission.id))) == 0
        assert s.scalar(select(func.count(ImportLog.id))) == n


# -- what the fuzzing found (each was a crash, an abort or a silent acceptance) -------------
def _edit_sheet(data: bytes, sheet: str, old: bytes, new: bytes, key: Key | None) -> bytes:
    """The edit made by anyone (``key`` None: the signature no longer covers the part) or by
    the signer, who signs the edited part again (the second line must catch it)."""
    from tests.kit.submissions import entries, resigned, rezip, sheet_part

    part = sheet_part(data, sheet)
    xml = entries(data)[part]
    assert old in xml
    edited = xml.replace(old, new, 1)
    return rezip(data, {part: edited}) if key is None else resigned(data, key, {part: edited})


FAR_CELL = b'<row r="99999999"><c r="B99999999" t="inlineStr"><is><t>x</t></is></c></row>'
FOUND = {
    # python-calamine sized its grid by the farthest cell: 19 GB asked, the process aborted;
    # the cells are now read into a map, bounded by the layout before anything is stored
    "cell far outside the sheet": (
        "工作目标指标", b"</sheetData>", FAR_CELL + b"</sheetData>", True, "超出报送格式的范围"
    ),
    "value cell at the last row": (
        "工作目标指标", b"</sheetData>",
        b'<row r="1048576"><c r="B1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
        True, "超出报送格式的范围",
    ),
    # a shared-text index with no table: a Rust panic printed on stderr; no shared text now
    "shared text that does not exist": (
        "工作目标指标", b"</sheetData>",
        b'<row r="3"><c r="F3" t="s"><v>6</v></c></row></sheetData>', True, "写法不是本程序",
    ),
    # a widened merge hides the cells under it: was accepted; now the part is not as signed
    "merge that hides cells": (
        "任务进展", b'<mergeCell ref="A1:L1"', b'<mergeCell ref="A1:L9"', False,
        "与签名时的内容不一致",
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", list(FOUND))
def test_what_fuzzing_found_is_refused_cleanly(name: str, tmp_path: Path, catalog: Catalog) -> None:
    """Through ``python -m app verify`` in a child process: an abort would kill it, a panic
    would reach its stderr. Both must end as one refusal line and exit status 1."""
    import subprocess
    import sys

    from tests.kit.paths import ROOT
    from tests.kit.submissions import make_payload, write

    sheet, old, new, by_signer, words = FOUND[name]
    key = Key()
    genuine = write(tmp_path, catalog, key, make_payload(catalog, "zjj"), "g.xlsx").read_bytes()
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(_edit_sheet(genuine, sheet, old, new, key if by_signer else None))
    proc = subprocess.run(
        [sys.executable, "-m", "app", "verify", str(bad)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={"PATH": "/usr/bin:/bin", "RUST_BACKTRACE": "1", "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert proc.returncode == 1, (proc.returncode, proc.stderr[-500:])
    assert words in proc.stdout + proc.stderr
    assert "panicked" not in proc.stderr and "Traceback" not in proc.stderr
    assert len((proc.stdout + proc.stderr).strip().splitlines()) <= 2
