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
    with op.batch_alter_table("complaints") as batch:
        batch.add_column(sa.Column("no_hearing_reason", sa.Text(), nullable=True))
        batch.add_column(sa.Column("withdrawal_received_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("complaints") as batch:
        batch.drop_column("withdrawal_received_on")
        batch.drop_column("no_hearing_reason")
