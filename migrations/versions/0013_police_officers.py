"""Identified police officers as respondents: the `security_officer` respondent kind (a natural
person named with force, unit and an optional badge number), beside the force itself.

Revision ID: 0013_police_officers
Revises: 0012_prosecutor_outcomes
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_police_officers"
down_revision = "0012_prosecutor_outcomes"
branch_labels = None
depends_on = None

# A snapshot, not an import (see 0002): after the four kinds 0002 loaded (positions 0 to 3).
TERM = {"vocabulary": "respondent_kind", "code": "security_officer",
        "label": "Agente de força de segurança identificado", "position": 4, "active": True,
        "oversight_body": None}


def upgrade() -> None:
    terms = sa.table("vocabulary_terms", sa.column("vocabulary"), sa.column("code"),
                     sa.column("label"), sa.column("position"), sa.column("active"),
                     sa.column("oversight_body"))
    op.bulk_insert(terms, [TERM])


def downgrade() -> None:
    op.execute("DELETE FROM vocabulary_terms WHERE vocabulary = 'respondent_kind' "
               "AND code = 'security_officer'")
