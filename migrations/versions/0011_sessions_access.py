"""Security: staff session generations, server-side follow-up sessions, four-eyes access
requests, and a keyed client hash on public drafts (the cap on open drafts per client).

Revision ID: 0011_sessions_access
Revises: 0010_duplicates_index
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_sessions_access"
down_revision = "0010_duplicates_index"
branch_labels = None
depends_on = None

ACCESS_KINDS = ("create", "role", "activate", "password", "reset_2fa")
ACCESS_STATUSES = ("pending", "approved", "refused")


def _fk(table: str, column: str, target: str, **kw: str) -> sa.ForeignKey:
    return sa.ForeignKey(f"{target}.id", name=op.f(f"fk_{table}_{column}_{target}"), **kw)


def upgrade() -> None:
    # Plain ADD COLUMNs, even on SQLite (see 0008: a batch rebuild of `users` is refused while
    # other tables reference its rows).
    op.add_column("users", sa.Column("session_generation", sa.Integer(), nullable=False,
                                     server_default="0"))
    op.add_column("complaint_drafts", sa.Column("client_key", sa.String(32), nullable=True))
    op.create_index(op.f("ix_complaint_drafts_client_key"), "complaint_drafts", ["client_key"])
    op.create_table(
        "follow_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("complaint_id", sa.Integer(),
                  _fk("follow_sessions", "complaint_id", "complaints", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_follow_sessions_token_hash")),
    )
    op.create_index(op.f("ix_follow_sessions_complaint_id"), "follow_sessions", ["complaint_id"])
    op.create_index(op.f("ix_follow_sessions_last_seen_at"), "follow_sessions", ["last_seen_at"])
    op.create_table(
        "access_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), _fk("access_requests", "user_id", "users"),
                  nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("requested_by_id", sa.Integer(),
                  _fk("access_requests", "requested_by_id", "users"), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by_id", sa.Integer(),
                  _fk("access_requests", "decided_by_id", "users"), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_requests")),
        sa.CheckConstraint(f"kind IN {ACCESS_KINDS!r}", name=op.f("ck_access_requests_kind_known")),
        sa.CheckConstraint(f"status IN {ACCESS_STATUSES!r}",
                           name=op.f("ck_access_requests_status_known")),
    )
    op.create_index(op.f("ix_access_requests_user_id"), "access_requests", ["user_id"])
    op.create_index(op.f("ix_access_requests_status"), "access_requests", ["status"])


def _drop_column(table: str, column: str) -> None:
    if op.get_bind().dialect.name == "sqlite":  # SQLite 3.35+ drops a column in place
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    else:
        op.drop_column(table, column)


def downgrade() -> None:
    op.drop_index(op.f("ix_access_requests_status"), table_name="access_requests")
    op.drop_index(op.f("ix_access_requests_user_id"), table_name="access_requests")
    op.drop_table("access_requests")
    op.drop_index(op.f("ix_follow_sessions_last_seen_at"), table_name="follow_sessions")
    op.drop_index(op.f("ix_follow_sessions_complaint_id"), table_name="follow_sessions")
    op.drop_table("follow_sessions")
    op.drop_index(op.f("ix_complaint_drafts_client_key"), table_name="complaint_drafts")
    _drop_column("complaint_drafts", "client_key")
    _drop_column("users", "session_generation")
