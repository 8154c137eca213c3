"""Administration and integrity: staff second factor (TOTP), run-time settings with a version
counter every process watches, and database triggers that make `audit_events` append-only.

Revision ID: 0008_admin_security
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

from cicdr.models.audit_guard import install_statements, remove_statements

revision = "0008_admin_security"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("totp_secret", sa.String(32), nullable=True))
        batch.add_column(sa.Column("totp_last_step", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("require_2fa", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
    op.create_table(
        "settings",
        sa.Column("key", sa.String(60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "settings_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_settings_version")),
    )
    version = sa.table("settings_version", sa.column("id"), sa.column("version"))
    op.bulk_insert(version, [{"id": 1, "version": 1}])
    for statement in install_statements(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    for statement in remove_statements(op.get_bind().dialect.name):
        op.execute(statement)
    op.drop_table("settings_version")
    op.drop_table("settings")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("require_2fa")
        batch.drop_column("totp_last_step")
        batch.drop_column("totp_secret")
