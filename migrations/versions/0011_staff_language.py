"""The language each staff member reads the staff pages in (Portuguese unless they chose English).

Revision ID: 0011_staff_language
Revises: 0010_duplicates_index
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_staff_language"
down_revision = "0010_duplicates_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("language", sa.String(2), nullable=False,
                                   server_default="pt"))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("language")
