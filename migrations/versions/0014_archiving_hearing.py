"""Archiving through the president (Lei 93/2017 art. 19): why the complainant could not be asked
to comment on a proposed non-opening, and a withdrawal waiting for the president's decision.

Revision ID: 0014_archiving_hearing
Revises: 0013_police_officers
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_archiving_hearing"
down_revision = "0013_police_officers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("complaints", sa.Column("no_hearing_reason", sa.Text(), nullable=True))
    op.add_column("complaints", sa.Column("withdrawal_received_on", sa.Date(), nullable=True))


def downgrade() -> None:
    # In place (SQLite 3.35+ drops a column natively): a batch rebuild would have to drop
    # `complaints`, which SQLite refuses while parties, files... reference its rows (see 0004).
    for column in ("withdrawal_received_on", "no_hearing_reason"):
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"ALTER TABLE complaints DROP COLUMN {column}")
        else:
            op.drop_column("complaints", column)
