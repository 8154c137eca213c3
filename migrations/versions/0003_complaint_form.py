"""The online complaint form: drafts kept between steps, their files, the mail outbox, and the
complainant's preferred language.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "complaint_drafts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("mode", sa.String(10), nullable=False),
        sa.Column("created_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("language", sa.String(10), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("token_hash", name=op.f("uq_complaint_drafts_token_hash")),
    )
    op.create_index(op.f("ix_complaint_drafts_updated_at"), "complaint_drafts", ["updated_at"])
    op.create_table(
        "draft_files",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("draft_id", sa.Integer(),
                  sa.ForeignKey("complaint_drafts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("content_type", sa.String(120), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(op.f("ix_draft_files_draft_id"), "draft_files", ["draft_id"])
    op.create_table(
        "outbox_mail",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("to_address", sa.String(254), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("language", sa.String(10), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("complaint_id", sa.Integer(), sa.ForeignKey("complaints.id"), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
    )
    op.create_index(op.f("ix_outbox_mail_complaint_id"), "outbox_mail", ["complaint_id"])
    op.create_index(op.f("ix_outbox_mail_sent_at"), "outbox_mail", ["sent_at"])
    with op.batch_alter_table("complaints") as batch:
        batch.add_column(sa.Column("preferred_language", sa.String(10), nullable=True))


def downgrade() -> None:
    # In place (SQLite 3.35+ drops a column natively): a batch rebuild would have to drop
    # `complaints`, which SQLite refuses while parties, files... reference its rows.
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE complaints DROP COLUMN preferred_language")
    else:
        op.drop_column("complaints", "preferred_language")
    op.drop_index(op.f("ix_outbox_mail_sent_at"), table_name="outbox_mail")
    op.drop_index(op.f("ix_outbox_mail_complaint_id"), table_name="outbox_mail")
    op.drop_table("outbox_mail")
    op.drop_index(op.f("ix_draft_files_draft_id"), table_name="draft_files")
    op.drop_table("draft_files")
    op.drop_index(op.f("ix_complaint_drafts_updated_at"), table_name="complaint_drafts")
    op.drop_table("complaint_drafts")
