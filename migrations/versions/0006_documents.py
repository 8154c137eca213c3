"""Documents: the kind of a generated legal document, recorded on its attachment.

Revision ID: 0006_documents
Revises: 0005_search
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_documents"
down_revision = "0005_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("attachments") as batch:
        batch.add_column(sa.Column("document_kind", sa.String(40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("attachments") as batch:
        batch.drop_column("document_kind")
