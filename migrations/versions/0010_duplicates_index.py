"""An index for possible duplicates: complaints by the day of the facts and the district.

Revision ID: 0010_duplicates_index
Revises: 0009_workspace
"""

from alembic import op

revision = "0010_duplicates_index"
down_revision = "0009_workspace"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_complaints_facts_date_district", "complaints",
                    ["facts_date", "district"])


def downgrade() -> None:
    op.drop_index("ix_complaints_facts_date_district", table_name="complaints")
