"""Alembic environment: the engine comes from the running program (Store), never from an ini."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from app.models import Base

config = context.config
engine: Engine | None = config.attributes.get("engine")
if engine is None:
    from app.models.store import make_engine

    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite ALTER TABLE goes through table copies
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
