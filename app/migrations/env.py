"""Alembic environment: the engine comes from the running program (Store), never from an ini.

On SQLite a batch migration copies a table, drops the old one and renames the copy; with
``foreign_keys=ON`` (every connection of the program) dropping the old table would cascade
into its children and delete them. So the migration runs with foreign keys off (set outside
any transaction, where SQLite honours it), checks them all before committing, and turns them
back on.
"""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import Connection, Engine

from app.models import Base

config = context.config
engine: Engine | None = config.attributes.get("engine")
if engine is None:
    from app.models.store import make_engine

    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")


def _foreign_keys_hold(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"migration left rows without their parent: {broken[:5]}")


with engine.connect() as connection:
    raw: Any = None
    if connection.dialect.name == "sqlite":
        raw = connection.connection.driver_connection
        raw.execute("PRAGMA foreign_keys=OFF")  # no transaction has begun yet
    try:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=True,  # SQLite ALTER TABLE goes through table copies
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
            if raw is not None:
                _foreign_keys_hold(connection)
        connection.commit()
    finally:
        if raw is not None:
            connection.rollback()
            raw.execute("PRAGMA foreign_keys=ON")
