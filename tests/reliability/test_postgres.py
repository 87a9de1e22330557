"""The office store on PostgreSQL (``--db postgresql+psycopg://...``), and two importers at once.

The PostgreSQL tests need ``QR_TEST_PG_URL`` (.ci/run starts a private server and sets it);
each gets a fresh database. The key office-import tests of tests/services/test_office_import.py
and tests/services/test_import_order.py run here once more with their ``office_store`` fixture
pointed at PostgreSQL: they are imported by name from their home modules, so a test moved or
renamed there fails this module's import loudly instead of silently dropping out of the
PostgreSQL run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import IntegrityError

from app.config import Settings
from app.domain.catalog import Catalog
from app.models import SCHEMA_HEAD, Base, ImportLog, Submission, TrustedKey, Unit
from app.models.store import current_revision
from app.services.office_import import Importer
from app.services.office_status import period_status
from app.services.stores import Store, open_office_store, store_catalog
from tests.kit.paths import ROOT
from tests.kit.world import Base as World
from tests.kit.world import office_state
from tests.services.test_import_order import (  # noqa: F401 - fixtures and tests collected by pytest
    genuine_files,
    test_order_and_repetition_do_not_matter,
)

# The office-import tests that run again on PostgreSQL (collected here, so the fixture below
# replaces the SQLite one for them).
from tests.services.test_office_import import (  # noqa: F401 - fixtures and tests collected by pytest
    test_a_rotated_key_ends_when_the_office_registers_the_rotation,
    test_a_signing_time_more_than_a_day_ahead_is_refused,
    test_accepted_duplicate_superseded,
    test_another_units_key_is_refused,
    test_bad_files_are_refused_and_change_nothing,
    test_cancel_keeps_finished_files_and_applies_no_more,
    test_dry_run_changes_nothing_and_lists_differences,
    test_folder_import_through_worker_processes,
    test_newer_version_replaces_current,
    test_revocation_counts_from_arrival_whatever_the_signing_time,
    test_same_version_different_file_is_a_conflict_kept_in_any_order,
    test_status_submitted_late_missing_rejected,
    test_unregistered_key_is_refused_with_its_fingerprint,
    test_versions_rank_by_version_then_sequence,
    zjj_key,
)


@pytest.fixture
def office_store(pg_url: str, tmp_path: Path) -> Iterator[Store]:
    store = open_office_store(Settings(tmp_path / "data", pg_url))
    yield store
    store.close()


def test_migrates_from_empty_to_the_models(office_store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    assert office_store.engine.dialect.name == "postgresql"
    assert current_revision(office_store.engine) == SCHEMA_HEAD
    assert set(Base.metadata.tables) <= set(inspect(office_store.engine).get_table_names())
    with office_store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    assert office_store.backup is None  # nothing to back up on a server: its own tools do that


def test_migrations_run_down_and_up_on_postgresql(pg_url: str) -> None:
    """The batch operations (render_as_batch, for SQLite) are plain ALTERs here: both ways."""
    from alembic import command

    from app.models.store import alembic_config, make_engine

    engine = make_engine(pg_url)
    try:
        cfg = alembic_config(engine)
        command.upgrade(cfg, "head")
        command.downgrade(cfg, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        command.upgrade(cfg, "head")
        assert current_revision(engine) == SCHEMA_HEAD
    finally:
        engine.dispose()


def test_types_and_constraints_hold_on_postgresql(office_store: Store) -> None:
    """UTCDateTime hands back aware UTC, LargeBinary keeps bytes, booleans stay booleans,
    CHECK and UNIQUE constraints are enforced."""
    at = datetime(2016, 4, 8, 15, 30, 15, tzinfo=UTC)
    with office_store.factory.begin() as s:
        unit_id = s.scalar(select(Unit.id).where(Unit.code == "zjj"))
        assert unit_id is not None
        s.add(
            TrustedKey(
                unit_id=unit_id,
                public_key=bytes(range(32)),
                fingerprint="f" * 64,
                registered_at=at,
                key_created_at=at.astimezone(),  # any zone in, UTC out
            )
        )
    with office_store.factory() as s:
        row = s.scalars(select(TrustedKey)).one()
        assert row.public_key == bytes(range(32))
        assert row.registered_at == at and row.registered_at.tzinfo is UTC
        assert row.key_created_at == at
        assert row.status == "active"
    check = pytest.raises(IntegrityError, match="ck_import_log_outcome")
    with check, office_store.factory.begin() as s:
        s.add(ImportLog(batch="b", file_path="x", outcome="maybe", at=at))
    with pytest.raises(IntegrityError), office_store.factory.begin() as s:
        s.add(TrustedKey(unit_id=unit_id, public_key=b"x" * 32, fingerprint="f" * 64))
    with office_store.engine.connect() as conn:
        kind = conn.execute(
            text(
                "SELECT data_type FROM information_schema.columns "
                "WHERE table_name = 'submission' AND column_name = 'is_current'"
            )
        ).scalar()
    assert kind == "boolean"


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


def _run(*args: str) -> tuple[int, str, str]:
    proc = _cli(*args)
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out, err


def test_the_office_command_line_works_unchanged(pg_url: str, tmp_path: Path, base: World) -> None:
    data = str(tmp_path / "data")
    g = ["--data-dir", data, "--db", pg_url]
    assert _run(*g, "office", "init")[0] == 0
    first, *others = sorted((base.root / "keys").iterdir())
    assert _run(*g, "office", "trust", "add", str(first), "--yes")[0] == 0
    store = open_office_store(Settings(tmp_path / "data", pg_url))  # the rest, quicker
    from app.services.office_trust import add_trusted_key, read_registration_file

    for reg in others:
        add_trusted_key(store, store_catalog(store), read_registration_file(reg))
    store.close()
    code, out, _ = _run(*g, "office", "trust", "list", "--json")
    assert code == 0 and len(json.loads(out)) == 10
    code, out, err = _run(*g, "office", "import", str(base.inbox), "--json")
    assert code == 0, err
    outcomes = json.loads(out)
    assert len(outcomes) == 30 and {o["outcome"] for o in outcomes} <= {"accepted", "superseded"}
    code, out, _ = _run(*g, "office", "status", "--period", "2016Q1", "--json")
    assert code == 0
    units = {u["unit"]: u for u in json.loads(out)["units"]}
    assert units["zjj"]["state"] == "submitted" and units["zjj"]["version"] == 2
    assert units["czw"]["state"] == "missing"
    assert not (tmp_path / "data" / "office.sqlite3").exists()  # nothing went to SQLite


def _office(kind: str, pg_url: str | None, tmp_path: Path) -> Settings:
    return Settings(tmp_path / "data", pg_url if kind == "postgresql" else None)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_two_importers_at_once_end_as_one(
    store_kind: str, request: pytest.FixtureRequest, tmp_path: Path, base: World
) -> None:
    """Two processes import the same folder into the same store at the same moment: no
    file is refused, and the store ends exactly as one uninterrupted import leaves it."""
    pg_url = request.getfixturevalue("pg_url") if store_kind == "postgresql" else None
    settings = _office(store_kind, pg_url, tmp_path)
    store = open_office_store(settings)
    catalog = store_catalog(store)
    from app.services.office_trust import add_trusted_key, read_registration_file

    for reg in sorted((base.root / "keys").iterdir()):
        add_trusted_key(store, catalog, read_registration_file(reg))
    g = ["--data-dir", str(settings.data_dir)] + (["--db", pg_url] if pg_url else [])
    procs = [_cli(*g, "office", "import", str(base.inbox), "--json") for _ in range(2)]
    results = [p.communicate(timeout=180) for p in procs]
    for p, (_out, err) in zip(procs, results, strict=True):
        assert p.returncode == 0, err[-500:]
    outcomes = [o for out, _ in results for o in json.loads(out)]
    assert len(outcomes) == 60
    assert not [o for o in outcomes if o["outcome"] == "rejected"]
    # every file was applied once: the other process saw it as a duplicate
    applied = [o for o in outcomes if o["outcome"] != "duplicate"]
    assert sorted(Path(o["file"]).name for o in applied) == sorted(base.manifest["files"])
    assert office_state(store) == base.reference()
    with store.factory() as s:
        assert s.scalar(select(func.count(ImportLog.id))) == 60
        assert s.scalar(select(func.count(Submission.id))) == 30
    store.close()


def test_status_reads_the_same_on_postgresql(
    office_store: Store, catalog: Catalog, base: World
) -> None:
    from app.services.office_trust import add_trusted_key, read_registration_file

    for reg in sorted((base.root / "keys").iterdir()):
        add_trusted_key(office_store, catalog, read_registration_file(reg))
    Importer(office_store, catalog).run([base.inbox], in_process=True)
    status = {u.unit: u for u in period_status(office_store, catalog, "2016Q2").units}
    assert status["zjj"].state == "submitted" and status["zjj"].version == 1
    assert office_state(office_store) == base.reference()


def test_office_pcs_starting_at_once_on_a_new_database(pg_url: str, tmp_path: Path) -> None:
    """The first start creates the schema and installs the plan; several at the same moment
    take turns (each process is ready and waits for one signal, then opens the store)."""
    import time

    from app.models import Plan

    go = tmp_path / "go"
    starter = (
        "import sys, time; from pathlib import Path; from app.config import Settings; "
        "from app.services.stores import open_office_store; import alembic.command; "
        "print('ready', flush=True); "
        "exec('while not Path(sys.argv[1]).exists(): time.sleep(0.002)'); "
        "open_office_store(Settings(Path(sys.argv[2]), sys.argv[3])).close()"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", starter, str(go), str(tmp_path / "data"), pg_url],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    for p in procs:
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    go.touch()
    started = time.monotonic()
    for p in procs:
        _out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err[-800:]
    assert time.monotonic() - started < 60
    store = open_office_store(Settings(tmp_path / "data", pg_url))
    with store.factory() as s:
        assert s.scalar(select(func.count(Plan.id))) == 1
    assert current_revision(store.engine) == SCHEMA_HEAD
    store.close()
