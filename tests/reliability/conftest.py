"""Fixtures of the reliability proofs: the prepared world, and a PostgreSQL database per test
when ``QR_TEST_PG_URL`` names a server (.ci/run starts one)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.domain.catalog import Catalog
from tests.kit.world import Base, make_base

PG_ENV = "QR_TEST_PG_URL"


@pytest.fixture(scope="session")
def base(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> Base:
    return make_base(tmp_path_factory.mktemp("base") / "world", catalog)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for this test, dropped afterwards."""
    server = os.environ.get(PG_ENV)
    if not server:
        pytest.skip(f"{PG_ENV} is not set: no PostgreSQL server (.ci/run starts one)")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"qr_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        _drop(admin, name)


def _drop(admin: Any, name: str) -> None:
    """Drop a test database; a left-over one (a connection still closing) only costs space
    in a throw-away server, so cleaning up never fails a test."""
    import time

    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    for attempt in range(5):
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            break
        except SQLAlchemyError:
            time.sleep(0.2 * (attempt + 1))
    admin.dispose()


@pytest.fixture
def work(tmp_path: Path) -> Path:
    return tmp_path
