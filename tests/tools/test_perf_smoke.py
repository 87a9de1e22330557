"""The benchmark code (tools/bench) runs end to end on tiny sizes. No timing is asserted: the
figures are for ``python -m tools.bench`` on a quiet machine (docs/benchmarks.md)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from app.domain.catalog import Catalog
from app.io import keys
from app.io.submission_reader import verify_submission
from tools.bench import (
    bulletin_bench,
    data,
    export_bench,
    import_bench,
    matrix_bench,
    report_bench,
    startup_bench,
)
from tools.bench.stats import Figure, Stats


@pytest.fixture
def quick_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)  # the export's scrypt is timed, not tested


def test_stats_and_verdicts() -> None:
    s = Stats((0.3, 0.1, 0.2))
    assert (s.median, s.low, s.high) == (0.2, 0.1, 0.3)
    assert "200.00 ms (min 100.00, max 300.00, n=3)" in s.text()
    f = Figure("x", Stats((2.0,)), baseline=Stats((1.0,)), budget_ratio=2.5)
    assert f.ratio == 2.0 and f.ok is True
    assert Figure("x", Stats((3.0,)), baseline=Stats((1.0,)), budget_ratio=2.5).ok is False
    assert Figure("y", Stats((0.6,)), budget_abs=0.5).ok is False
    assert any("OVER BUDGET" in line for line in Figure("y", Stats((0.6,)), budget_abs=0.5).lines())


def test_generated_files_are_genuine_and_a_prefix_of_larger_sets(
    catalog: Catalog, tmp_path: Path
) -> None:
    specs = data.file_specs(catalog, 3 * len(catalog.reporting_units()) * len(catalog.periods))
    assert specs[: len(specs) // 3] == data.file_specs(catalog, len(specs) // 3)
    assert {s.version for s in specs} == {1, 2, 3}
    files = data.ensure_files(catalog, tmp_path / "files", 2, jobs=1)
    for f, spec in zip(files, specs, strict=False):
        verified = verify_submission(f.read_bytes(), catalog)
        assert (verified.payload.unit_id, verified.payload.version) == (spec.unit_id, 1)
        texts = [e.progress for e in verified.payload.entries]
        assert texts and all(len(t) >= 100 for t in texts)


def test_import_growth_and_memory_run(catalog: Catalog, tmp_path: Path) -> None:
    fig = import_bench.import_figure(catalog, tmp_path, 3, runs=1)
    assert fig.baseline is not None and len(fig.product.samples) == 1
    assert "accepted" in " ".join(fig.notes)
    grown = import_bench.growth_figures(catalog, tmp_path, (2, 3), runs=1)
    assert len(grown) == 3 and grown[-1].unit == "x"
    window, headless = import_bench.memory_figures(catalog, tmp_path, 3)
    assert window.product.median > headless.product.median > 10  # MB: Qt, SQLAlchemy loaded


def test_report_scaling_and_baseline(catalog: Catalog, tmp_path: Path) -> None:
    from app.io.report_writer import write_book
    from app.services.report import report_book

    office = startup_bench.office_data_dir(catalog, tmp_path, 3)
    report, gather, real = report_bench.scaled_report(catalog, office, 2 * 146)
    assert real > 0 and len(gather.samples) == 3
    entries = sum(len(v) for v in report.details.values())
    assert entries >= 2 * 146
    book = report_book(report, catalog)
    cells = report_bench.baseline_write(book, tmp_path / "baseline.xlsx")
    write_book(tmp_path / "report.xlsx", book)
    assert cells > entries and zipfile.is_zipfile(tmp_path / "baseline.xlsx")


def test_bulletin_figures_run(catalog: Catalog, tmp_path: Path) -> None:
    figures = bulletin_bench.bulletin_figures(catalog, tmp_path, 1, quick=True, files=3)
    assert [f.budget_abs for f in figures] == [2.0, 2.0]
    assert all(len(f.product.samples) == 1 for f in figures)
    assert zipfile.is_zipfile(tmp_path / "bulletin" / "assessment.docx")


def test_export_runs_with_the_kdf_apart(quick_kdf: None, catalog: Catalog, tmp_path: Path) -> None:
    [fig] = export_bench.export_figures(catalog, tmp_path, runs=2)
    assert len(fig.product.samples) == 2 and "scrypt" in fig.notes[0]
    assert len(list((tmp_path / "exports").glob("*.xlsx"))) == 2


def test_matrix_page_actions_run(catalog: Catalog, qapp: object) -> None:
    dense = matrix_bench.dense_matrices(catalog, units=25)
    assert sum(len(m.cells) for m in dense.values()) == 25 * len(catalog.tasks) * 5
    painted, unpainted = matrix_bench.run_page(dense, catalog, runs=1)
    labels = {label for label, _c, _s in matrix_bench.actions(catalog, ["a", "b"])}
    assert set(painted) == set(unpainted) == labels


def test_startup_processes_report_first_paint(
    quick_kdf: None, catalog: Catalog, tmp_path: Path
) -> None:
    import sys

    unit_dir = startup_bench.unit_data_dir(catalog, tmp_path / "unit")
    baseline = [sys.executable, str(startup_bench.ROOT / "tools" / "bench" / "minimal_window.py")]
    product = [sys.executable, "-m", "app", "--data-dir", str(unit_dir), "--smoke-test"]
    for cmd in (baseline, product):
        inside, outside = startup_bench.first_paint(cmd)
        assert 0 < inside <= outside


def test_startup_times_the_usable_window(quick_kdf: None, catalog: Catalog, tmp_path: Path) -> None:
    import sys

    unit_dir = startup_bench.unit_data_dir(catalog, tmp_path / "unit")
    got = startup_bench.launch(
        [sys.executable, "-m", "app", "--data-dir", str(unit_dir), "--smoke-test"]
    )
    assert 0 < got.inside <= got.paint <= got.shown <= got.exited and got.cpu > 0


def test_whole_process_import_against_the_openpyxl_script(catalog: Catalog, tmp_path: Path) -> None:
    fig = import_bench.process_figure(catalog, tmp_path, 3, runs=1)
    assert fig.baseline is not None and fig.budget_ratio == 1.0
    assert "CPU time" in fig.notes[0]


def test_plan_package_figure_runs(quick_kdf: None, catalog: Catalog, tmp_path: Path) -> None:
    from tools.bench import plan_bench

    [fig] = plan_bench.plan_figures(catalog, tmp_path, 1)
    assert fig.budget_abs == 1.0 and len(fig.product.samples) == 1
    assert "revision 2" in fig.notes[0]


def test_a_bundle_older_than_the_source_is_named(tmp_path: Path) -> None:
    """The frozen start compares the bundle with today's source: a file changed after the
    build is listed (its figure then says STALE), one changed before it is not."""
    bundle = tmp_path / "QualityReport"
    bundle.write_bytes(b"")
    src = tmp_path / "app"
    (src / "__pycache__").mkdir(parents=True)
    before, after, cached = src / "old.py", src / "new.py", src / "__pycache__" / "new.pyc"
    for f in (before, after, cached):
        f.write_text("")
    built = bundle.stat().st_mtime
    os.utime(before, (built - 60, built - 60))
    os.utime(after, (built + 60, built + 60))
    os.utime(cached, (built + 60, built + 60))
    assert startup_bench.newer_sources(bundle, [src]) == [after]
    os.utime(after, (built - 1, built - 1))
    assert startup_bench.newer_sources(bundle, [src]) == []


def test_the_run_says_whether_a_chinese_font_is_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The start-up and repaint figures depend on it (docs/benchmarks.md, ninth pass)."""
    from tools.bench.__main__ import fonts

    assert fonts().startswith("fonts: ")
    empty = tmp_path / "fonts.conf"  # fontconfig with no font folder at all
    empty.write_text(
        f'<?xml version="1.0"?><fontconfig><cachedir>{tmp_path}</cachedir></fontconfig>'
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(empty))
    if "fc-list not available" not in fonts():
        assert "NO CHINESE FONT" in fonts()
