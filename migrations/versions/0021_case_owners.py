"""Who has a case, on its deadlines and referrals (`owner_id`): My work reads a staff member's
running deadlines and waiting referrals through one index each instead of joining every deadline
of the office to its case (issue 16 part 3). Filled here from the cases; kept right afterwards
by cicdr/services/engine/owners.py.

Revision ID: 0021_case_owners
Revises: 0020_statistics_indexes
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021_case_owners"
down_revision = "0020_statistics_indexes"
branch_labels = None
depends_on = None

RUNNING = sa.text("ended_on IS NULL")
# Each row's owner, from its case (a deadline of a referral: the referral's, set first).
OWN_REFERRALS = (
    "UPDATE referrals SET owner_id = CASE WHEN complaint_id IS NOT NULL "
    "THEN (SELECT assignee_id FROM complaints WHERE complaints.id = referrals.complaint_id) "
    "ELSE (SELECT instructor_id FROM proceedings WHERE proceedings.id = referrals.proceeding_id) "
    "END")
OWN_DEADLINES = (
    "UPDATE deadlines SET owner_id = CASE WHEN complaint_id IS NOT NULL "
    "THEN (SELECT assignee_id FROM complaints WHERE complaints.id = deadlines.complaint_id) "
    "WHEN proceeding_id IS NOT NULL "
    "THEN (SELECT instructor_id FROM proceedings WHERE proceedings.id = deadlines.proceeding_id) "
    "ELSE (SELECT owner_id FROM referrals WHERE referrals.id = deadlines.referral_id) END")


def upgrade() -> None:
    for table in ("deadlines", "referrals"):
        _add_reference(table, "owner_id", "users")
    op.execute(OWN_REFERRALS)
    op.execute(OWN_DEADLINES)
    # Partial: PostgreSQL orders a range by `due_on` only after equalities (`IS NULL` is none).
    op.create_index("ix_deadlines_owner_open", "deadlines",
                    ["owner_id", "due_on", "suspended_since"],
                    sqlite_where=RUNNING, postgresql_where=RUNNING)
    op.create_index("ix_referrals_owner_state", "referrals", ["owner_id", "state"])


def _add_reference(table: str, column: str, target: str) -> None:
    """A nullable foreign key column: SQLite declares the key in the column (it cannot add a
    constraint to a table), PostgreSQL adds the constraint (as 0019 does)."""
    fk = op.f(f"fk_{table}_{column}_{target}")
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"ALTER TABLE {table} ADD COLUMN {column} INTEGER "
                   f"CONSTRAINT {fk} REFERENCES {target} (id)")
    else:
        op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
        op.create_foreign_key(fk, table, target, [column], ["id"])


def downgrade() -> None:
    op.drop_index("ix_referrals_owner_state", table_name="referrals")
    op.drop_index("ix_deadlines_owner_open", table_name="deadlines")
    for table in ("referrals", "deadlines"):
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"ALTER TABLE {table} DROP COLUMN owner_id")
        else:
            op.drop_constraint(op.f(f"fk_{table}_owner_id_users"), table, type_="foreignkey")
            op.drop_column(table, "owner_id")
