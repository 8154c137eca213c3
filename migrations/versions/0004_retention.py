"""Retention: when a complaint's personal data was anonymised.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("complaints") as batch:
        batch.add_column(sa.Column("anonymised_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    # In place (SQLite 3.35+ drops a column natively): a batch rebuild would have to drop
    # `complaints`, which SQLite refuses while parties, files... reference its rows.
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE complaints DROP COLUMN anonymised_at")
    else:
        op.drop_column("complaints", "anonymised_at")
