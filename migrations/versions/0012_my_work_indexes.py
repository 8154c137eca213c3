"""Indexes for My work: an officer's complaints and proceedings by state, each case's earliest
running deadline, and the audit log by time (the cases changed in the last days).

Revision ID: 0012_my_work_indexes
Revises: 0010_duplicates_index
"""

from alembic import op

revision = "0012_my_work_indexes"
down_revision = "0010_duplicates_index"
branch_labels = None
depends_on = None
KINDS = ("complaint", "proceeding", "referral")


def upgrade() -> None:
    op.create_index("ix_complaints_assignee_id_state", "complaints", ["assignee_id", "state"])
    op.create_index("ix_proceedings_instructor_id_state", "proceedings",
                    ["instructor_id", "state"])
    op.create_index("ix_audit_events_created_at", "audit_events",
                    ["created_at", "subject_type", "subject_id"])
    for subject in KINDS:
        op.create_index(f"ix_deadlines_{subject}_open_due", "deadlines",
                        [f"{subject}_id", "ended_on", "due_on"])


def downgrade() -> None:
    for subject in KINDS:
        op.drop_index(f"ix_deadlines_{subject}_open_due", table_name="deadlines")
    op.drop_index("ix_audit_events_created_at", table_name="audit_events")
    op.drop_index("ix_proceedings_instructor_id_state", table_name="proceedings")
    op.drop_index("ix_complaints_assignee_id_state", table_name="complaints")
