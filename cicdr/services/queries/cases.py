"""Read-side helpers for case pages: lookups, timelines, prescription of a complaint.

The case lists (filters, search, sort, pages) are in `lists` and `filters`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import or_, select

from cicdr.models import Attachment, AuditEvent, Complaint, Proceeding, Referral, User
from cicdr.services.core.legal_tables import tables_of
from cicdr.services.core.types import DbSession, record_id
from workflows import prescription, sanctions
from workflows.tables import LegalTables
from workflows.text import N_, Msg

KINDS: dict[str, Any] = {"complaints": Complaint, "proceedings": Proceeding,
                         "referrals": Referral}


def get_case(session: DbSession, kind: str, key: str) -> Complaint | Proceeding | Referral | None:
    """A complaint or proceeding by reference, a referral by id."""
    model = KINDS.get(kind)
    if model is None:
        return None
    if model is Referral:
        number = record_id(key)
        return session.get(Referral, number) if number is not None else None
    return session.scalar(select(model).where(model.reference == key.upper()))


def timeline(session: DbSession, subject: Any) -> list[AuditEvent]:
    """The subject's audit events, with those of its referrals for a complaint or proceeding
    (access records excluded: the auditor reads them apart)."""
    wanted = [(subject.WORKFLOW, subject.id)]
    wanted += [("referral", r.id) for r in getattr(subject, "referrals", [])]
    clauses = [(AuditEvent.subject_type == t) & (AuditEvent.subject_id == i) for t, i in wanted]
    return list(session.scalars(select(AuditEvent).where(
        or_(*clauses), ~AuditEvent.action.startswith("access."))
        .order_by(AuditEvent.seq)))


def complaint_prescription(complaint: Complaint,
                           tables: LegalTables | None = None) -> date | None:
    """The earliest prescription date among the respondents, before any proceeding exists
    (under `tables`; None: the tables in force)."""
    people = {p.person for p in complaint.respondents} or {"natural"}
    tables = tables or tables_of(complaint)
    try:
        return min(prescription.prescription_date(complaint.facts_date, person=p, tables=tables)
                   for p in people)
    except sanctions.UnknownIASYear:
        return None


@dataclass(frozen=True)
class StaffDirectory:
    """Every staff member's name, and the active officers as select choices: one query."""

    names: Mapping[int, str]
    officers: tuple[tuple[str, str], ...]


def staff_directory(session: DbSession) -> StaffDirectory:
    """Read the users once (a page needs their names and the officers for several forms)."""
    rows = session.execute(select(User.id, User.name, User.role, User.active)
                           .order_by(User.name)).all()
    return StaffDirectory(
        names={r.id: r.name for r in rows},
        officers=tuple((str(r.id), r.name) for r in rows if r.role == "officer" and r.active))


def officers(session: DbSession) -> list[tuple[str, str]]:
    """Active officers as select choices."""
    return list(staff_directory(session).officers)


def user_names(session: DbSession) -> dict[int, str]:
    """Every staff member's name by id."""
    return dict(staff_directory(session).names)


def attachments(session: DbSession, subject: Any) -> list[Attachment]:
    """Files of a complaint, proceeding or referral."""
    column = {"complaint": Attachment.complaint_id, "proceeding": Attachment.proceeding_id,
              "referral": Attachment.referral_id}[subject.WORKFLOW]
    return list(session.scalars(select(Attachment).where(column == subject.id)
                                .order_by(Attachment.id)))


def fine_bounds_text(proceeding: Proceeding, respondent: Any,
                     tables: LegalTables | None = None) -> str:
    """The fine range for one respondent in words, shown beside the decision form (under
    `tables`; None: the tables in force)."""
    try:
        low, high = sanctions.fine_bounds(proceeding.facts_year, respondent.person,
                                          negligent=respondent.negligent,
                                          tables=tables or tables_of(proceeding))
    except sanctions.UnknownIASYear as exc:
        return exc.args[0] if exc.args and isinstance(exc.args[0], Msg) else str(exc)
    low_eur, high_eur = sanctions.format_eur(low), sanctions.format_eur(high)
    year = proceeding.facts_year
    if respondent.person == "natural":
        return (N_("Fine between %(low)s and %(high)s (natural person, IAS %(year)s, halved for "
                   "negligence or attempt).", low=low_eur, high=high_eur, year=year)
                if respondent.negligent else
                N_("Fine between %(low)s and %(high)s (natural person, IAS %(year)s).",
                   low=low_eur, high=high_eur, year=year))
    return (N_("Fine between %(low)s and %(high)s (legal person, IAS %(year)s, halved for "
               "negligence or attempt).", low=low_eur, high=high_eur, year=year)
            if respondent.negligent else
            N_("Fine between %(low)s and %(high)s (legal person, IAS %(year)s).",
               low=low_eur, high=high_eur, year=year))


def pending_requests(session: DbSession, proceeding: Proceeding) -> list[tuple[str, Msg]]:
    """The proceeding's running information requests and inspections, as choices naming the
    entity asked and the due date (the entity is in the audit event that started the term)."""
    started: dict[tuple[str, str], list[str]] = {}  # (kind, start day) -> entities, in order
    for event in session.scalars(select(AuditEvent).where(
            AuditEvent.subject_type == "proceeding", AuditEvent.subject_id == proceeding.id,
            AuditEvent.action.in_(("request_entity_information", "request_inspection")))
            .order_by(AuditEvent.seq)):
        data = json.loads(event.data)
        for d in data.get("deadlines", []):
            started.setdefault((d["kind"], d["start"]), []).append(data.get("entity", ""))
    choices = []
    for d in proceeding.deadlines:  # in creation order, like the events
        names = started.get((d.kind, d.started_on.isoformat()), [])
        entity = names.pop(0) if names else ""
        if d.ended_on is None and d.kind in ("entity_information", "inspection"):
            entity = entity or N_("an entity")
            choices.append((str(d.id), N_(
                "information from %(entity)s, requested %(on)s, due %(due)s", entity=entity,
                on=d.started_on, due=d.due_on) if d.kind == "entity_information" else N_(
                "inspection by %(entity)s, requested %(on)s, due %(due)s", entity=entity,
                on=d.started_on, due=d.due_on)))
    return choices


def latest_event(session: DbSession, subject: Any, action: str) -> AuditEvent | None:
    """The newest audit event of `action` on `subject` (its data holds what the action
    carried: a question asked, the grounds of a proposal...)."""
    return session.scalar(select(AuditEvent).where(
        AuditEvent.subject_type == subject.WORKFLOW, AuditEvent.subject_id == subject.id,
        AuditEvent.action == action).order_by(AuditEvent.seq.desc()).limit(1))
