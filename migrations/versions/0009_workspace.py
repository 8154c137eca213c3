"""Staff workspace: the files sent with each referral.

Revision ID: 0009_workspace
Revises: 0008_admin_security
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_workspace"
down_revision = "0008_admin_security"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "referral_documents",
        sa.Column("referral_id", sa.Integer(),
                  sa.ForeignKey("referrals.id", ondelete="CASCADE",
                                name=op.f("fk_referral_documents_referral_id_referrals")),
                  nullable=False),
        sa.Column("attachment_id", sa.Integer(),
                  sa.ForeignKey("attachments.id",
                                name=op.f("fk_referral_documents_attachment_id_attachments")),
                  nullable=False),
        sa.PrimaryKeyConstraint("referral_id", "attachment_id",
                                name=op.f("pk_referral_documents")),
    )


def downgrade() -> None:
    op.drop_table("referral_documents")
