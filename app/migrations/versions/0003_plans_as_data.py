"""plans as data: several plans per store, revisions, drafts, one unit row across plans

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03

Existing stores hold one plan, installed from the shipped file: it becomes revision 1,
published (``plan.revision = 1``; its content and hash copied into ``plan_revision``), with
nothing else changed.

- ``unit`` becomes one row per unit code for the whole store (the identity the profile, the
  signing keys and the office's trusted keys refer to): its ``plan_id`` and ``reports`` move
  to ``plan_unit`` (a plan's listing of the unit), and ``unit_alias`` hangs off that listing.
  Should a store ever hold two rows of one code (two plans installed by hand), the rows are
  merged into the oldest and every reference moved to it.
- ``removed_in`` on the catalog rows: the revision that dropped a row that is kept.
- ``plan_draft``, ``plan_seen`` (unit side: the newest revision the clerk has seen).
- ``unit_profile.plan_id`` goes (the profile names the unit across plans).
- ``submission.plan_revision`` / ``local_submission.plan_revision`` (1 for every existing
  file), ``import_log.plan_code`` (filled from the one plan), ``plan_revision`` and
  ``older_revision``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# every column that refers to unit.id (for merging two rows of one unit code)
UNIT_REFERENCES = (
    ("assignment", "unit_id"),
    ("indicator", "owner_unit_id"),
    ("unit_profile", "unit_id"),
    ("signing_key", "unit_id"),
    ("entry", "unit_id"),
    ("indicator_value", "unit_id"),
    ("local_submission", "unit_id"),
    ("trusted_key", "unit_id"),
    ("submission", "unit_id"),
)
REMOVABLE = ("section", "unit_group", "task", "target", "indicator", "period")


def upgrade() -> None:
    _plans()
    _plan_units()
    _merge_unit_codes()
    with op.batch_alter_table("unit_alias", schema=None) as batch_op:
        batch_op.drop_index("ix_unit_alias_unit_id")
        batch_op.drop_constraint("uq_unit_alias_unit_id_alias", type_="unique")
        batch_op.drop_constraint("fk_unit_alias_unit_id_unit", type_="foreignkey")
        batch_op.drop_column("unit_id")
        batch_op.alter_column("plan_unit_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(
            "fk_unit_alias_plan_unit_id_plan_unit",
            "plan_unit",
            ["plan_unit_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_index("ix_unit_alias_plan_unit_id", ["plan_unit_id"], unique=False)
        batch_op.create_unique_constraint(
            "uq_unit_alias_plan_unit_id_alias", ["plan_unit_id", "alias"]
        )
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.drop_index("ix_unit_plan_id")
        batch_op.drop_constraint("uq_unit_plan_id_code", type_="unique")
        batch_op.drop_constraint("fk_unit_plan_id_plan", type_="foreignkey")
        batch_op.drop_column("plan_id")
        batch_op.drop_column("reports")
        batch_op.create_unique_constraint("uq_unit_code", ["code"])
    with op.batch_alter_table("unit_profile", schema=None) as batch_op:
        batch_op.drop_constraint("fk_unit_profile_plan_id_plan", type_="foreignkey")
        batch_op.drop_column("plan_id")
    for table in REMOVABLE:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("removed_in", sa.Integer(), nullable=True))
    _submissions()


def _plans() -> None:
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("revision", sa.Integer(), nullable=False, server_default="1")
        )
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.alter_column("revision", existing_type=sa.Integer(), server_default=None)
    op.create_table(
        "plan_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("source_json", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_plan_revision_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_revision")),
        sa.UniqueConstraint("plan_id", "revision", name=op.f("uq_plan_revision_plan_id_revision")),
    )
    with op.batch_alter_table("plan_revision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_revision_plan_id"), ["plan_id"], unique=False)
    op.execute(
        "INSERT INTO plan_revision (plan_id, revision, content_hash, source_json, published_at,"
        " actor) SELECT id, 1, content_hash, source_json, CURRENT_TIMESTAMP, '' FROM plan"
    )
    op.create_table(
        "plan_draft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("based_on", sa.Integer(), nullable=True),
        sa.Column("source_json", sa.Text(), nullable=False),
        sa.Column("guesses_json", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_plan_draft_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_draft")),
        sa.UniqueConstraint("plan_id", name=op.f("uq_plan_draft_plan_id")),
    )
    op.create_table(
        "plan_seen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_plan_seen_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_seen")),
        sa.UniqueConstraint("plan_id", name=op.f("uq_plan_seen_plan_id")),
    )


def _plan_units() -> None:
    op.create_table(
        "plan_unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("short_name", sa.Text(), nullable=False),
        sa.Column("reports", sa.Boolean(), nullable=False),
        sa.Column("removed_in", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_plan_unit_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_plan_unit_unit_id_unit"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_unit")),
        sa.UniqueConstraint("plan_id", "unit_id", name=op.f("uq_plan_unit_plan_id_unit_id")),
    )
    with op.batch_alter_table("plan_unit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_unit_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_plan_unit_unit_id"), ["unit_id"], unique=False)
    # the listing keeps the unit's own row id and the order the plan file gave (row ids)
    op.execute(
        "INSERT INTO plan_unit (plan_id, unit_id, seq, name, short_name, reports)"
        " SELECT plan_id, id,"
        " (SELECT count(*) FROM unit AS u2 WHERE u2.plan_id = unit.plan_id AND u2.id < unit.id),"
        " name, short_name, reports FROM unit"
    )
    with op.batch_alter_table("unit_alias", schema=None) as batch_op:
        batch_op.add_column(sa.Column("plan_unit_id", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE unit_alias SET plan_unit_id ="
        " (SELECT plan_unit.id FROM plan_unit WHERE plan_unit.unit_id = unit_alias.unit_id)"
    )


def _merge_unit_codes() -> None:
    """Two rows of one code (two plans installed by hand) become the oldest row."""
    conn = op.get_bind()
    dups = conn.execute(
        sa.text(
            "SELECT u.id, (SELECT min(k.id) FROM unit AS k WHERE k.code = u.code) FROM unit AS u"
            " WHERE u.id > (SELECT min(k.id) FROM unit AS k WHERE k.code = u.code)"
        )
    ).all()
    for extra, keep in dups:
        for table, column in (*UNIT_REFERENCES, ("plan_unit", "unit_id")):
            conn.execute(
                sa.text(f"UPDATE {table} SET {column} = :keep WHERE {column} = :extra"),
                {"keep": keep, "extra": extra},
            )
        conn.execute(sa.text("DELETE FROM unit WHERE id = :extra"), {"extra": extra})


def _submissions() -> None:
    for table in ("submission", "local_submission"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("plan_revision", sa.Integer(), nullable=False, server_default="1")
            )
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("plan_revision", existing_type=sa.Integer(), server_default=None)
    with op.batch_alter_table("import_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("plan_code", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("plan_revision", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("older_revision", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("import_log", schema=None) as batch_op:
        batch_op.alter_column("older_revision", existing_type=sa.Boolean(), server_default=None)
    op.execute(
        "UPDATE import_log SET plan_code = (SELECT code FROM plan), plan_revision = 1"
        " WHERE period_code IS NOT NULL AND (SELECT count(*) FROM plan) = 1"
    )


def downgrade() -> None:
    """Back to one plan per store (a store with several plans cannot go back)."""
    with op.batch_alter_table("import_log", schema=None) as batch_op:
        batch_op.drop_column("older_revision")
        batch_op.drop_column("plan_revision")
        batch_op.drop_column("plan_code")
    for table in ("local_submission", "submission"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("plan_revision")
    for table in REMOVABLE:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("removed_in")
    with op.batch_alter_table("unit_profile", schema=None) as batch_op:
        batch_op.add_column(sa.Column("plan_id", sa.Integer(), nullable=True))
    op.execute("UPDATE unit_profile SET plan_id = (SELECT min(id) FROM plan)")
    with op.batch_alter_table("unit_profile", schema=None) as batch_op:
        batch_op.alter_column("plan_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(
            "fk_unit_profile_plan_id_plan", "plan", ["plan_id"], ["id"], ondelete="CASCADE"
        )
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("plan_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("reports", sa.Boolean(), nullable=True))
    op.execute(
        "UPDATE unit SET plan_id = (SELECT min(plan_id) FROM plan_unit WHERE unit_id = unit.id),"
        " reports = (SELECT reports FROM plan_unit WHERE unit_id = unit.id ORDER BY plan_id"
        " LIMIT 1)"
    )
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.drop_constraint("uq_unit_code", type_="unique")
        batch_op.alter_column("plan_id", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("reports", existing_type=sa.Boolean(), nullable=False)
        batch_op.create_foreign_key(
            "fk_unit_plan_id_plan", "plan", ["plan_id"], ["id"], ondelete="CASCADE"
        )
        batch_op.create_unique_constraint("uq_unit_plan_id_code", ["plan_id", "code"])
        batch_op.create_index("ix_unit_plan_id", ["plan_id"], unique=False)
    with op.batch_alter_table("unit_alias", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unit_id", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE unit_alias SET unit_id ="
        " (SELECT unit_id FROM plan_unit WHERE plan_unit.id = unit_alias.plan_unit_id)"
    )
    with op.batch_alter_table("unit_alias", schema=None) as batch_op:
        batch_op.drop_index("ix_unit_alias_plan_unit_id")
        batch_op.drop_constraint("uq_unit_alias_plan_unit_id_alias", type_="unique")
        batch_op.drop_constraint("fk_unit_alias_plan_unit_id_plan_unit", type_="foreignkey")
        batch_op.drop_column("plan_unit_id")
        batch_op.alter_column("unit_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(
            "fk_unit_alias_unit_id_unit", "unit", ["unit_id"], ["id"], ondelete="CASCADE"
        )
        batch_op.create_index("ix_unit_alias_unit_id", ["unit_id"], unique=False)
        batch_op.create_unique_constraint("uq_unit_alias_unit_id_alias", ["unit_id", "alias"])
    op.drop_table("plan_unit")
    op.drop_table("plan_seen")
    op.drop_table("plan_draft")
    op.drop_table("plan_revision")
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.drop_column("revision")
