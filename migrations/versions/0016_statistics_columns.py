"""What the annual report counts, in columns (issue 13), and incidents.

Complaints get the victim kind, an individual victim's sex and the coded expression of the
ground (vocabulary `expression`, loaded here), the triage outcome and its day, the closure day,
the incident they belong to and the key of an imported row; proceedings their closure day;
each proceeding respondent the day of the decision about them. `incidents` groups complaints
about one post or one event.

The dates are filled from what the database already says, by the rules the engine now applies
(cicdr/services/engine/milestones.py): the audit log's state changes, in order, give the triage
outcome and the closure day (the day the event was recorded); a respondent's decision day is
their proceeding's decision day. The coded victim facts are filled from the victims named as
parties where one says them.

Revision ID: 0016_statistics_columns
Revises: 0015_my_work_indexes
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0016_statistics_columns"
down_revision = "0015_my_work_indexes"
branch_labels = None
depends_on = None

# A snapshot, not an import (a migration loads the same rows forever).
EXPRESSIONS = {
    "roma": "Comunidades ciganas",
    "black_african_descent": "Pessoas negras / afrodescendentes",
    "brazilian_nationality": "Nacionalidade brasileira",
    "other_nationalities": "Outras nacionalidades",
    "south_asian": "Sul da Ásia",
    "east_asian": "Ásia Oriental",
    "arab_north_african": "Árabes / Norte de África",
    "migrants_general": "Migrantes em geral",
    "language_accent": "Língua ou sotaque",
    "other": "Outra",
}
COMPLAINT_COLUMNS = (
    ("victim_kind", sa.String(20)), ("victim_sex", sa.String(10)),
    ("expression", sa.String(40)), ("triage_outcome", sa.String(30)),
    ("triage_outcome_on", sa.Date()), ("closed_on", sa.Date()),
    ("import_source_id", sa.String(100)))
TRIAGE_OUTCOMES = {"forwarded", "referred_to_prosecutor", "proceeding_opened", "archived"}
BACK_TO_TRIAGE = {"received", "triage", "awaiting_information", "non_opening_proposed"}
ENDED = {"complaint": {"closed"}, "proceeding": {"closed", "prescribed"}}


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    # In place on both databases (SQLite adds a column natively): a batch rebuild would have to
    # drop the table, which SQLite refuses while other rows reference its rows.
    for name, kind in COMPLAINT_COLUMNS:
        op.add_column("complaints", sa.Column(name, kind, nullable=True))
    _add_incident_column()
    op.create_index("ix_complaints_triage_outcome_on", "complaints", ["triage_outcome_on"])
    op.create_index("uq_complaints_import_source_id", "complaints", ["import_source_id"],
                    unique=True)
    op.add_column("proceedings", sa.Column("closed_on", sa.Date(), nullable=True))
    op.add_column("proceeding_respondents", sa.Column("decided_on", sa.Date(), nullable=True))
    terms = sa.table("vocabulary_terms", sa.column("vocabulary"), sa.column("code"),
                     sa.column("label"), sa.column("position"), sa.column("active"))
    op.bulk_insert(terms, [{"vocabulary": "expression", "code": code, "label": label,
                            "position": i, "active": True}
                           for i, (code, label) in enumerate(EXPRESSIONS.items())])
    _fill(op.get_bind())


def _add_incident_column() -> None:
    """`complaints.incident_id` with its foreign key: SQLite declares it in the column itself
    (it cannot add a constraint to a table), PostgreSQL adds the constraint."""
    fk = op.f("fk_complaints_incident_id_incidents")
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"ALTER TABLE complaints ADD COLUMN incident_id INTEGER "
                   f"CONSTRAINT {fk} REFERENCES incidents (id)")
    else:
        op.add_column("complaints", sa.Column("incident_id", sa.Integer(), nullable=True))
        op.create_foreign_key(fk, "complaints", "incidents", ["incident_id"], ["id"])
    op.create_index(op.f("ix_complaints_incident_id"), "complaints", ["incident_id"])


def _day(moment: Any) -> date:
    if isinstance(moment, datetime):
        return moment.date()
    if isinstance(moment, date):
        return moment
    return date.fromisoformat(str(moment)[:10])


def _replay(bind: Any) -> dict[tuple[str, int], dict[str, Any]]:
    """(subject type, id) -> the columns the state changes of its audit events give."""
    found: dict[tuple[str, int], dict[str, Any]] = {}
    rows = bind.execute(sa.text(
        "SELECT subject_type, subject_id, from_state, to_state, created_at FROM audit_events "
        "WHERE subject_type IN ('complaint', 'proceeding') AND subject_id IS NOT NULL "
        "AND to_state IS NOT NULL ORDER BY seq"))
    for row in rows:
        facts = found.setdefault((row.subject_type, row.subject_id), {})
        source, dest, day = row.from_state, row.to_state, _day(row.created_at)
        if row.subject_type == "complaint":
            if dest != source and dest in TRIAGE_OUTCOMES:
                facts.update(triage_outcome=dest, triage_outcome_on=day)
            elif dest in BACK_TO_TRIAGE and source not in BACK_TO_TRIAGE:
                facts.update(triage_outcome=None, triage_outcome_on=None)
        ended = ENDED[row.subject_type]
        if dest not in ended:
            facts["closed_on"] = None
        elif source not in ended or facts.get("closed_on") is None:
            facts["closed_on"] = day
    return found


def _fill(bind: Any) -> None:
    """Fill the new columns from the audit log, the proceedings and the victims named."""
    for (kind, subject_id), facts in _replay(bind).items():
        if any(v is not None for v in facts.values()):
            sets = ", ".join(f"{name} = :{name}" for name in facts)
            bind.execute(sa.text(f"UPDATE {kind}s SET {sets} WHERE id = :i"),  # noqa: S608
                         {**facts, "i": subject_id})
    bind.execute(sa.text(
        "UPDATE proceeding_respondents SET decided_on = (SELECT decided_on FROM proceedings "
        "WHERE proceedings.id = proceeding_respondents.proceeding_id) WHERE outcome IS NOT NULL"))
    victims = bind.execute(sa.text(
        "SELECT complaint_id, victim_kind, sex FROM parties WHERE role = 'victim' "
        "AND victim_kind IS NOT NULL ORDER BY id"))
    first: dict[int, tuple[str, str | None]] = {}
    for row in victims:
        first.setdefault(row.complaint_id, (row.victim_kind, row.sex))
    for complaint_id, (kind, sex) in first.items():
        sex = (sex or "unknown") if kind == "individual" else None
        bind.execute(sa.text("UPDATE complaints SET victim_kind = :k, victim_sex = :s "
                             "WHERE id = :i"), {"k": kind, "s": sex, "i": complaint_id})


def _drop(table: str, column: str) -> None:
    # In place (SQLite 3.35+ drops a column natively): a batch rebuild would have to drop the
    # table, which SQLite refuses while other rows reference its rows.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    else:
        op.drop_column(table, column)


def downgrade() -> None:
    op.execute("DELETE FROM vocabulary_terms WHERE vocabulary = 'expression'")
    _drop("proceeding_respondents", "decided_on")
    _drop("proceedings", "closed_on")
    op.drop_index("uq_complaints_import_source_id", table_name="complaints")
    op.drop_index("ix_complaints_triage_outcome_on", table_name="complaints")
    op.drop_index(op.f("ix_complaints_incident_id"), table_name="complaints")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f("fk_complaints_incident_id_incidents"), "complaints",
                           type_="foreignkey")
    _drop("complaints", "incident_id")
    for name, _kind in reversed(COMPLAINT_COLUMNS):
        _drop("complaints", name)
    op.drop_table("incidents")
