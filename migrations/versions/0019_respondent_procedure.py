"""Each respondent's own procedure (issue 12): the respondent's stage and dates, and
per-respondent deadlines.

`proceeding_respondents` gains the stage of the respondent's procedure (workflows.respondent) and
its dates: accusation and decision notified, defence received, appeal lodged / sent / admitted,
the court's outcome and ruling day, finality, revocation, the respondent's own prescription
interruptions, payment (due day, instalments, enforcement referral) and closure. `deadlines`
gains `respondent_id`: a defence, appeal, appeal-sending or payment term names its respondent.

Existing proceedings move to the model without losing a date: every respondent gets the
proceeding's accusation / defence / decision notification / appeal / court dates, the
notifications to them and their defence as their own interruptions (RGCO art. 28(1)), and a
stage derived from the proceeding's state; the day of finality comes from the court's ruling
(audit log) or the day after the appeal term, else the day the proceeding reached `final`.
Existing `defence` and `appeal` deadlines get the respondent; with several respondents the
deadline is copied once per respondent. The proceeding's own columns stay (a summary).

Revision ID: 0019_respondent_procedure
Revises: 0018_staff_language
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0019_respondent_procedure"
down_revision = "0018_staff_language"
branch_labels = None
depends_on = None

RESPONDENT_COLUMNS = (
    ("accusation_notified_on", sa.Date()), ("defence_received_on", sa.Date()),
    ("decision_notified_on", sa.Date()), ("appeal_lodged_on", sa.Date()),
    ("appeal_sent_on", sa.Date()), ("appeal_admitted_on", sa.Date()),
    ("court_outcome", sa.String(30)), ("court_ruled_on", sa.Date()), ("final_on", sa.Date()),
    ("revoked_on", sa.Date()), ("payment_due_on", sa.Date()), ("instalments", sa.Text()),
    ("closed_on", sa.Date()), ("close_reason", sa.String(30)))
PER_RESPONDENT_TERMS = ("defence", "appeal")
BEFORE_ACCUSATION = {"opened", "instruction", "suspended_at_prosecutor", "awaiting_defence",
                     "report", "awaiting_decision"}
FINAL = {"final", "published"}
PAYMENT_DAYS = 10  # RGCO art. 88: the standard tables' `payment` term, calendar days


def upgrade() -> None:
    # In place on both databases (SQLite adds a column natively): a batch rebuild would have to
    # drop the table, which SQLite refuses while other rows reference its rows.
    op.add_column("proceeding_respondents", sa.Column(
        "stage", sa.String(20), nullable=False, server_default="pending"))
    op.add_column("proceeding_respondents", sa.Column(
        "interruptions", sa.Text(), nullable=False, server_default=""))
    for name, kind in RESPONDENT_COLUMNS:
        op.add_column("proceeding_respondents", sa.Column(name, kind, nullable=True))
    _add_reference("proceeding_respondents", "enforcement_referral_id", "referrals")
    _add_reference("deadlines", "respondent_id", "proceeding_respondents")
    op.create_index(op.f("ix_proceeding_respondents_stage"), "proceeding_respondents", ["stage"])
    _move(op.get_bind())


def _add_reference(table: str, column: str, target: str) -> None:
    """A nullable foreign key column with its index: SQLite declares the key in the column (it
    cannot add a constraint to a table), PostgreSQL adds the constraint."""
    fk = op.f(f"fk_{table}_{column}_{target}")
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"ALTER TABLE {table} ADD COLUMN {column} INTEGER "
                   f"CONSTRAINT {fk} REFERENCES {target} (id)")
    else:
        op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
        op.create_foreign_key(fk, table, target, [column], ["id"])
    if table == "deadlines":
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column])


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value)[:10])


def _finality(bind: Any) -> dict[int, date]:
    """Proceeding id -> the day its decision became final, from the audit log: the court's
    ruling day, else the day after the appeal term that lapsed, else the event's day."""
    appeal_due = {row.proceeding_id: _day(row.due_on) for row in bind.execute(sa.text(
        "SELECT proceeding_id, due_on FROM deadlines WHERE kind = 'appeal' "
        "AND proceeding_id IS NOT NULL ORDER BY id"))}
    found: dict[int, date] = {}
    for row in bind.execute(sa.text(
            "SELECT subject_id, action, data, created_at FROM audit_events "
            "WHERE subject_type = 'proceeding' AND to_state = 'final' ORDER BY seq")):
        data = json.loads(row.data or "{}")
        day = _day(row.created_at)
        if row.action == "record_court_outcome" and data.get("ruled_on"):
            day = _day(data["ruled_on"])
        elif row.action == "become_final" and appeal_due.get(row.subject_id):
            day = appeal_due[row.subject_id] + timedelta(days=1)
        found[row.subject_id] = day
    return found


def _court_rulings(bind: Any) -> dict[int, date]:
    found: dict[int, date] = {}
    for row in bind.execute(sa.text(
            "SELECT subject_id, data FROM audit_events WHERE subject_type = 'proceeding' "
            "AND action = 'record_court_outcome' ORDER BY seq")):
        ruled = json.loads(row.data or "{}").get("ruled_on")
        if ruled:
            found[row.subject_id] = _day(ruled)
    return found


def _stage(p: Any, r: Any) -> tuple[str, str | None]:
    """The respondent's stage and close reason from the proceeding's state."""
    accused = "accused" if p.accusation_notified_on is not None else "pending"
    if p.state in BEFORE_ACCUSATION or (p.state == "closed" and p.closed_by_prosecutor):
        return accused, None
    if p.state == "prescribed":
        return "prescribed", "prescribed"
    if r.outcome is None:  # a respondent added after the decision
        return accused, None
    if p.state in ("decided", "notified", "appealed"):
        return p.state, None
    if p.court_outcome == "annulled":
        return "closed", "annulled"
    if r.outcome == "dismissal":
        return "closed", "not_condemnatory"
    if r.outcome == "admonition":
        return "closed", "admonished"
    owed = Decimal(str(r.amount or 0)) - Decimal(str(r.paid or 0))
    if owed <= 0:
        return "closed", "paid"
    return ("paying" if p.state in FINAL else "closed"), ("paid" if p.state == "closed" else None)


def _move(bind: Any) -> None:
    """Fill the respondents' procedure from their proceeding; name the respondent on the
    per-respondent deadlines."""
    finality, rulings = _finality(bind), _court_rulings(bind)
    proceedings = {p.id: p for p in bind.execute(sa.text(
        "SELECT id, state, accusation_notified_on, defence_received_on, decision_notified_on, "
        "appeal_lodged_on, court_outcome, closed_on, closed_by_prosecutor FROM proceedings"))}
    by_proceeding: dict[int, list[int]] = {}
    for r in bind.execute(sa.text(
            "SELECT id, proceeding_id, outcome, amount, paid FROM proceeding_respondents "
            "ORDER BY id")).all():
        p = proceedings[r.proceeding_id]
        by_proceeding.setdefault(p.id, []).append(r.id)
        stage, reason = _stage(p, r)
        decided = r.outcome is not None
        final_on = finality.get(p.id) if decided and p.state in (*FINAL, "closed") else None
        values: dict[str, Any] = {
            "i": r.id, "stage": stage, "close_reason": reason,
            "accusation_notified_on": _day(p.accusation_notified_on),
            "defence_received_on": _day(p.defence_received_on),
            "decision_notified_on": _day(p.decision_notified_on) if decided else None,
            "appeal_lodged_on": _day(p.appeal_lodged_on) if decided else None,
            "court_outcome": p.court_outcome if decided else None,
            "court_ruled_on": rulings.get(p.id) if decided and p.court_outcome else None,
            "final_on": final_on,
            "payment_due_on": (final_on + timedelta(days=PAYMENT_DAYS)
                               if final_on and r.outcome == "fine" else None),
            "closed_on": _day(p.closed_on) if stage in ("closed", "prescribed") else None,
        }
        if stage == "closed" and values["closed_on"] is None:
            values["closed_on"] = final_on
        own = [values[k] for k in ("accusation_notified_on", "defence_received_on",
                                   "decision_notified_on") if values[k] is not None]
        values["interruptions"] = "\n".join(d.isoformat() for d in sorted(set(own)))
        sets = ", ".join(f"{name} = :{name}" for name in values if name != "i")
        bind.execute(sa.text(f"UPDATE proceeding_respondents SET {sets} "  # noqa: S608
                             "WHERE id = :i"), values)
    _name_respondents_on_deadlines(bind, by_proceeding)


def _name_respondents_on_deadlines(bind: Any, by_proceeding: dict[int, list[int]]) -> None:
    """The first respondent takes the proceeding's defence / appeal deadline; every other
    respondent gets a copy of it."""
    columns = [c["name"] for c in sa.inspect(bind).get_columns("deadlines")
               if c["name"] not in ("id", "respondent_id")]
    kinds = ", ".join(f"'{k}'" for k in PER_RESPONDENT_TERMS)
    rows = bind.execute(sa.text(
        f"SELECT id, {', '.join(columns)} FROM deadlines "  # noqa: S608
        f"WHERE proceeding_id IS NOT NULL AND kind IN ({kinds}) ORDER BY id")).mappings().all()
    insert = sa.text(
        f"INSERT INTO deadlines ({', '.join(columns)}, respondent_id) "  # noqa: S608
        f"VALUES ({', '.join(':' + c for c in columns)}, :respondent_id)")
    for row in rows:
        respondents = by_proceeding.get(row["proceeding_id"], [])
        if not respondents:
            continue
        bind.execute(sa.text("UPDATE deadlines SET respondent_id = :r WHERE id = :i"),
                     {"r": respondents[0], "i": row["id"]})
        for other in respondents[1:]:
            bind.execute(insert, {**{c: row[c] for c in columns}, "respondent_id": other})


def _drop(table: str, column: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    else:
        op.drop_column(table, column)


def _back(bind: Any) -> None:
    """Going down: the proceeding keeps the earliest of its respondents' dates where it has
    none; the copies of a deadline (one per further respondent) go; the earliest-due running
    defence / appeal term of the proceeding stays."""
    for column in ("accusation_notified_on", "defence_received_on", "decision_notified_on",
                   "appeal_lodged_on"):
        bind.execute(sa.text(
            f"UPDATE proceedings SET {column} = (SELECT min(r.{column}) FROM "  # noqa: S608
            f"proceeding_respondents r WHERE r.proceeding_id = proceedings.id) "
            f"WHERE {column} IS NULL"))
    kept: dict[tuple[int, str, Any, Any], int] = {}
    doubles = []
    for row in bind.execute(sa.text(
            "SELECT id, proceeding_id, kind, started_on, due_on FROM deadlines "
            "WHERE respondent_id IS NOT NULL ORDER BY id")):
        key = (row.proceeding_id, row.kind, _day(row.started_on), _day(row.due_on))
        if key in kept:
            doubles.append(row.id)
        else:
            kept[key] = row.id
    for deadline_id in doubles:
        bind.execute(sa.text("DELETE FROM deadlines WHERE id = :i"), {"i": deadline_id})


def downgrade() -> None:
    _back(op.get_bind())
    op.drop_index(op.f("ix_deadlines_respondent_id"), table_name="deadlines")
    op.drop_index(op.f("ix_proceeding_respondents_stage"), table_name="proceeding_respondents")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f("fk_deadlines_respondent_id_proceeding_respondents"),
                           "deadlines", type_="foreignkey")
        op.drop_constraint(op.f("fk_proceeding_respondents_enforcement_referral_id_referrals"),
                           "proceeding_respondents", type_="foreignkey")
    _drop("deadlines", "respondent_id")
    _drop("proceeding_respondents", "enforcement_referral_id")
    for name, _kind in reversed(RESPONDENT_COLUMNS):
        _drop("proceeding_respondents", name)
    _drop("proceeding_respondents", "interruptions")
    _drop("proceeding_respondents", "stage")
