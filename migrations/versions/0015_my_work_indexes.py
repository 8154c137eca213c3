"""Indexes for My work: an officer's complaints and proceedings by state, each case's earliest
running deadline (the per-subject open-deadline indexes of 0010 serve it), and the audit log by time (the cases changed in the last days).

Revision ID: 0015_my_work_indexes
Revises: 0014_archiving_hearing
"""

from alembic import op

revision = "0015_my_work_indexes"
down_revision = "0014_archiving_hearing"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_complaints_assignee_id_state", "complaints", ["assignee_id", "state"])
    op.create_index("ix_proceedings_instructor_id_state", "proceedings",
                    ["instructor_id", "state"])
    op.create_index("ix_audit_events_created_at", "audit_events",
                    ["created_at", "subject_type", "subject_id"])


def downgrade() -> None:
    op.drop_index("ix_audit_events_created_at", table_name="audit_events")
    op.drop_index("ix_proceedings_instructor_id_state", table_name="proceedings")
    op.drop_index("ix_complaints_assignee_id_state", table_name="complaints")
