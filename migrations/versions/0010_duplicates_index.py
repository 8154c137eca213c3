"""Indexes for the complaint page and the lists: possible duplicates by the day of the facts and
the district; a page's overdue cases by subject, running state and due date.

Revision ID: 0010_duplicates_index
Revises: 0009_workspace
"""

from alembic import op

revision = "0010_duplicates_index"
down_revision = "0009_workspace"
branch_labels = None
depends_on = None

OPEN_BY_SUBJECT = {"ix_deadlines_complaint_open": "complaint_id",
                   "ix_deadlines_proceeding_open": "proceeding_id",
                   "ix_deadlines_referral_open": "referral_id"}


def upgrade() -> None:
    op.create_index("ix_complaints_facts_date_district", "complaints",
                    ["facts_date", "district"])
    for name, column in OPEN_BY_SUBJECT.items():
        op.create_index(name, "deadlines", [column, "ended_on", "due_on"])


def downgrade() -> None:
    for name in OPEN_BY_SUBJECT:
        op.drop_index(name, table_name="deadlines")
    op.drop_index("ix_complaints_facts_date_district", table_name="complaints")
