"""The prosecutor's answers in columns, and one-off closure days.

Complaints and proceedings get the prosecutor's latest coded outcome and its date, and whether
they were closed because the prosecutor took them (the MP may still return the file, RGCO arts
38, 40). The columns are filled from the audit events already recorded, where they say enough:
the outcome of `prosecutor_concluded`, `returned` for a `prosecutor_returned`, the answer of a
referral to the MP. `closure_days` holds the administrator's one-off closure days (domain.md
section 4), non-working days for deadlines.

Revision ID: 0012_prosecutor_outcomes
Revises: 0011_sessions_access
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0012_prosecutor_outcomes"
down_revision = "0011_sessions_access"
branch_labels = None
depends_on = None

TABLES = ("complaints", "proceedings")
COLUMNS = ("prosecutor_outcome", "prosecutor_outcome_on", "closed_by_prosecutor")
OUTCOMES = ("inquiry_opened", "archived", "charged", "convicted", "acquitted", "returned")
# The trigger that closed a case because the MP took it, per subject type.
TAKEN = {"complaint": "prosecutor_concluded", "proceeding": "prosecutor_took_over"}
ANSWERS = ("prosecutor_concluded", "prosecutor_returned", "prosecutor_took_over")


def upgrade() -> None:
    op.create_table(
        "closure_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_closure_days")),
    )
    # In place on both databases (SQLite adds a column natively): a batch rebuild would have to
    # drop the table, which SQLite refuses while other rows reference its rows.
    for table in TABLES:
        op.add_column(table, sa.Column("prosecutor_outcome", sa.String(20), nullable=True))
        op.add_column(table, sa.Column("prosecutor_outcome_on", sa.Date(), nullable=True))
        op.add_column(table, sa.Column("closed_by_prosecutor", sa.Boolean(), nullable=False,
                                       server_default=sa.false()))
    _fill(op.get_bind())


def _day(*candidates: Any) -> date:
    """The first of `candidates` that is a date (an ISO string, a date or a datetime): the
    date the event's data gives, else the moment the event was recorded."""
    for value in candidates:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            continue
    raise ValueError(f"No date among {candidates!r}.")


def _answers(bind: Any) -> dict[tuple[str, int], tuple[str, date]]:
    """(subject type, id) -> the latest (outcome, date) the audit log records for it."""
    mp = {row.id: row for row in bind.execute(sa.text(
        "SELECT id, complaint_id, proceeding_id FROM referrals WHERE body = 'mp'"))}
    found: dict[tuple[str, int], tuple[str, date]] = {}
    rows = bind.execute(sa.text(
        "SELECT subject_type, subject_id, action, data, created_at FROM audit_events "
        "WHERE action IN ('prosecutor_concluded', 'prosecutor_returned', "
        "'prosecutor_took_over', 'answer') ORDER BY seq"))
    for row in rows:
        data = json.loads(row.data or "{}")
        if row.action == "answer":
            referral = mp.get(row.subject_id) if row.subject_type == "referral" else None
            if referral is None:
                continue
            key = (("complaint", referral.complaint_id) if referral.complaint_id is not None
                   else ("proceeding", referral.proceeding_id))
            when = data.get("answered_on")
        else:
            key, when = (row.subject_type, row.subject_id), data.get("outcome_on")
        outcome = data.get("outcome") or ("returned" if row.action == "prosecutor_returned"
                                          else None)
        if outcome in OUTCOMES and key[1] is not None:
            found[key] = (outcome, _day(when, row.created_at))
    return found


def _fill(bind: Any) -> None:
    """Fill the new columns from the audit log (a case it says nothing about stays empty)."""
    for (kind, subject_id), (outcome, when) in _answers(bind).items():
        bind.execute(sa.text(f"UPDATE {kind}s SET prosecutor_outcome = :o, "  # noqa: S608
                             "prosecutor_outcome_on = :d WHERE id = :i"),
                     {"o": outcome, "d": when, "i": subject_id})
    for kind, action in TAKEN.items():
        bind.execute(sa.text(
            f"UPDATE {kind}s SET closed_by_prosecutor = :yes WHERE state = 'closed' AND id IN "  # noqa: S608
            "(SELECT subject_id FROM audit_events WHERE subject_type = :kind "
            "AND action = :action)"), {"yes": True, "kind": kind, "action": action})


def downgrade() -> None:
    for table in TABLES:
        for column in reversed(COLUMNS):
            # In place (SQLite 3.35+ drops a column natively): a batch rebuild would have to
            # drop the table, which SQLite refuses while other rows reference its rows.
            if op.get_bind().dialect.name == "sqlite":
                op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
            else:
                op.drop_column(table, column)
    op.drop_table("closure_days")
