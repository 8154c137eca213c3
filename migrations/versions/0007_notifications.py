"""Deadline notices: which deadline, at which stage and due date, was e-mailed to whom
(`flask cicdr notify` sends each once).

Revision ID: 0007_notifications
Revises: 0006_documents
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_notifications"
down_revision = "0006_documents"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "deadline_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deadline_id", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("stage", sa.String(20), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("mail_id", sa.Integer(), nullable=True),
        sa.Column("notified_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["deadline_id"], ["deadlines.id"],
                                name=op.f("fk_deadline_notices_deadline_id_deadlines")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_deadline_notices_user_id_users")),
        sa.ForeignKeyConstraint(["mail_id"], ["outbox_mail.id"],
                                name=op.f("fk_deadline_notices_mail_id_outbox_mail")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadline_notices")),
        sa.UniqueConstraint("deadline_id", "due_on", "stage", "user_id",
                            name=op.f("uq_deadline_notices_deadline_id")),
    )
    op.create_index(op.f("ix_deadline_notices_user_id"), "deadline_notices", ["user_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_deadline_notices_user_id"), table_name="deadline_notices")
    op.drop_table("deadline_notices")
