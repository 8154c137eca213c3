"""The indexes the statistics read (issue 13; cicdr/models/statistics.py says which query each
serves): a year of complaints by every coded field from one covering index, the backlog from a
partial index of the open complaints and the closure and triage days, the prosecutor's answers,
respondents, referrals, decisions per respondent, proceedings closed and deadlines due.

The triage index of 0016 (`triage_outcome_on` alone) is replaced by one that also holds the
outcome, archive reason, receipt and closure. Indexes only: no data changes.

Revision ID: 0020_statistics_indexes
Revises: 0019_respondent_procedure
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020_statistics_indexes"
down_revision = "0019_respondent_procedure"
branch_labels = None
depends_on = None

OPEN = sa.text("closed_on IS NULL AND (triage_outcome IS NULL OR triage_outcome <> 'archived')")
CLOSED = sa.text("closed_on IS NOT NULL")
INDEXES = (
    ("ix_complaints_statistics", "complaints",
     ["received_at", "origin", "channel", "district", "context", "practice", "expression",
      "victim_kind", "victim_sex", "incident_id", "id"]),
    ("ix_complaints_triage_statistics", "complaints",
     ["triage_outcome_on", "triage_outcome", "archive_reason", "received_at", "closed_on"]),
    ("ix_complaints_prosecutor_outcome_on", "complaints",
     ["prosecutor_outcome_on", "prosecutor_outcome"]),
    ("ix_parties_complaint_id_role_kind", "parties",
     ["complaint_id", "role", "kind", "security_force"]),
    ("ix_referrals_purpose_sent_on", "referrals", ["purpose", "sent_on", "body"]),
    ("ix_proceeding_respondents_decided_on", "proceeding_respondents",
     ["decided_on", "outcome", "proceeding_id"]),
    ("ix_proceedings_closed_on", "proceedings", ["closed_on", "opened_at"]),
    ("ix_deadlines_due_on_kind", "deadlines", ["due_on", "kind", "ended_on", "suspended_since"]),
)


def upgrade() -> None:
    op.drop_index("ix_complaints_triage_outcome_on", table_name="complaints")
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    # Partial: the complaints open now, and those closed (a query's `closed_on IS NULL` must
    # not take the second, where the many archived complaints would be read one by one).
    op.create_index("ix_complaints_open_received_at", "complaints", ["received_at"],
                    sqlite_where=OPEN, postgresql_where=OPEN)
    op.create_index("ix_complaints_closed_on", "complaints", ["closed_on", "received_at"],
                    sqlite_where=CLOSED, postgresql_where=CLOSED)


def downgrade() -> None:
    op.drop_index("ix_complaints_closed_on", table_name="complaints")
    op.drop_index("ix_complaints_open_received_at", table_name="complaints")
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
    op.create_index("ix_complaints_triage_outcome_on", "complaints", ["triage_outcome_on"])
