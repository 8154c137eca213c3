"""The language each staff member reads the staff pages in (Portuguese unless they chose English).

Revision ID: 0018_staff_language
Revises: 0017_letters
"""

import sqlalchemy as sa
from alembic import op

revision = "0018_staff_language"
down_revision = "0017_letters"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN, even on SQLite (as 0008): a batch would rebuild `users`, which SQLite
    # refuses while complaints, drafts... reference its rows (foreign keys on).
    op.add_column("users", sa.Column("language", sa.String(2), nullable=False,
                                     server_default="pt"))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":  # SQLite 3.35+ drops a column in place
        op.execute("ALTER TABLE users DROP COLUMN language")
    else:
        op.drop_column("users", "language")
