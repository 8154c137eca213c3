"""The instructor's texts per respondent, for the accusation and the decision (issue 12 part 9).

Each proceeding respondent gets the accusation's facts charged and norms violated, and the
decision's facts proven, facts not proven, evidence (and its assessment) and reasons (RGCO
art. 58): free texts, empty on existing rows (nothing to derive them from: the complaint's words
are not the facts charged). Downgrading drops them.

Revision ID: 0017_letters
Revises: 0016_statistics_columns
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017_letters"
down_revision = "0016_statistics_columns"
branch_labels = None
depends_on = None

COLUMNS = ("facts_charged", "norms", "facts_proven", "facts_not_proven", "evidence", "reasons")


def upgrade() -> None:
    # In place on both databases (SQLite adds a column natively): a batch rebuild would have to
    # drop the table, which SQLite refuses while other rows reference its rows.
    for name in COLUMNS:
        op.add_column("proceeding_respondents", sa.Column(name, sa.Text(), nullable=True))


def downgrade() -> None:
    for name in reversed(COLUMNS):
        # SQLite 3.35+ drops a column natively (see 0016 for why not a batch rebuild).
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"ALTER TABLE proceeding_respondents DROP COLUMN {name}")
        else:
            op.drop_column("proceeding_respondents", name)
