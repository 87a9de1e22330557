"""signed packages: unit-scoped submission ids, the signed document's digest, coded reasons

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

- submission.uuid is no longer unique store-wide (another unit could take a victim's id):
  an index on (unit_id, uuid) instead; the same signed content of one unit stays unique
  through the new column signed_sha256 (SHA-256 of the signed document), which also orders
  two versions of one number. Rows imported before this revision get the SHA-256 of their
  stored payload: the old format had no signed document, and no two of them share a version.
- import_log.reason_code and reason_params: the reason as a Message, rendered in the
  interface's language (older rows keep their text and show it as it is).
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Before the payload on SQLite: it reads a row's columns in order, and the import reads
    # this one for every version of a (unit, period); behind a large payload it walked every
    # overflow page of it (1 ms per file). PostgreSQL keeps large values apart (TOAST) and
    # cannot drop a table others refer to, so there the column is simply added.
    sqlite = op.get_bind().dialect.name == "sqlite"
    column = sa.Column("signed_sha256", sa.String(length=64), nullable=True)
    with op.batch_alter_table(
        "submission", schema=None, recreate="always" if sqlite else "auto"
    ) as batch_op:
        if sqlite:
            batch_op.add_column(column, insert_after="file_sha256")
        else:
            batch_op.add_column(column)
    conn = op.get_bind()
    ids = [i for (i,) in conn.execute(sa.text("SELECT id FROM submission ORDER BY id"))]
    for start in range(0, len(ids), 200):  # a few payloads in memory at a time
        chunk = ids[start : start + 200]
        rows = conn.execute(
            sa.text("SELECT id, payload FROM submission WHERE id IN :ids").bindparams(
                sa.bindparam("ids", expanding=True)
            ),
            {"ids": chunk},
        ).all()
        conn.execute(
            sa.text("UPDATE submission SET signed_sha256 = :d WHERE id = :i"),
            [{"d": hashlib.sha256(p.encode("utf-8")).hexdigest(), "i": i} for i, p in rows],
        )
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.alter_column("signed_sha256", existing_type=sa.String(length=64), nullable=False)
        batch_op.drop_constraint("uq_submission_uuid", type_="unique")
        batch_op.create_unique_constraint(
            "uq_submission_unit_id_signed_sha256", ["unit_id", "signed_sha256"]
        )
        batch_op.create_index("ix_submission_unit_uuid", ["unit_id", "uuid"], unique=False)
    with op.batch_alter_table("import_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason_code", sa.String(length=48), nullable=True))
        batch_op.add_column(sa.Column("reason_params", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("import_log", schema=None) as batch_op:
        batch_op.drop_column("reason_params")
        batch_op.drop_column("reason_code")
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.drop_index("ix_submission_unit_uuid")
        batch_op.drop_constraint("uq_submission_unit_id_signed_sha256", type_="unique")
        batch_op.create_unique_constraint("uq_submission_uuid", ["uuid"])
        batch_op.drop_column("signed_sha256")
