"""Search and case lists: the full-text index of complaints, and the indexes the list filters
and sorts need.

The search index is the search service's own DDL (cicdr/services/search.py), not a model
table: an FTS5 virtual table on SQLite, a tsvector column under a GIN index on PostgreSQL. It
is filled here for the complaints that already exist.

Revision ID: 0005_search
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_search"
down_revision = "0004"
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_complaints_state_received_at", "complaints", ["state", "received_at"]),
    ("ix_complaints_received_at", "complaints", ["received_at"]),
    ("ix_complaints_assignee_id_received_at", "complaints", ["assignee_id", "received_at"]),
    ("ix_parties_kind_role_complaint_id", "parties", ["kind", "role", "complaint_id"]),
    ("ix_complaint_grounds_ground_complaint_id", "complaint_grounds", ["ground", "complaint_id"]),
    ("ix_proceedings_opened_at", "proceedings", ["opened_at"]),
    ("ix_proceedings_instructor_id", "proceedings", ["instructor_id"]),
]


def upgrade() -> None:
    from cicdr.services.queries.search import rebuild_connection
    from cicdr.services.queries.text_index import SQLITE_DDL

    op.drop_index("ix_complaints_state", table_name="complaints")
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute(SQLITE_DDL)
    else:
        op.create_table(
            "complaint_search",
            sa.Column("complaint_id", sa.Integer(),
                      sa.ForeignKey("complaints.id", ondelete="CASCADE",
                                    name="fk_complaint_search_complaint_id_complaints"),
                      primary_key=True),
            sa.Column("document", sa.dialects.postgresql.TSVECTOR(), nullable=False),
        )
        op.create_index("ix_complaint_search_document", "complaint_search", ["document"],
                        postgresql_using="gin")
    rebuild_connection(bind)


def downgrade() -> None:
    op.drop_table("complaint_search")
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
    op.create_index("ix_complaints_state", "complaints", ["state"])
