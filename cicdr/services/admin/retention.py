"""Retention: anonymise a finished complaint once its retention period, which depends on how it
ended, has run (Lei 58/2019 art. 21; domain.md section 8).

What goes: names, contacts, addresses, officers' identification, the description and place,
grounds in the person's own words, messages, referral letters and answers, files' bytes (the
complaint's, its referrals', and with its last complaint the proceeding's: generated letters
name the complainant), e-mail
bodies and addresses, the access code's hash. What stays, for statistics: states, dates
(triage outcome, closure, decisions), channel, origin, district, context, practice, grounds,
the coded expression, victim kind and sex, incident, kinds of respondent, police force and
unit, amounts. One audit event per complaint says what was anonymised without repeating it.

Limitation: audit events keep the data their triggers carried (a question, an answer, a
comment), because rewriting them would break the hash chain that proves the history; those
texts are visible to auditors only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select

from cicdr.models import (
    Attachment,
    AuditEvent,
    Complaint,
    DraftFile,
    Message,
    OutboxMail,
    Proceeding,
)
from cicdr.models.base import utcnow
from cicdr.services import audit
from cicdr.services.core.actors import SystemActor
from cicdr.services.core.storage import BlobStore
from cicdr.services.core.types import DbSession, whole_number

GONE = "[anonymised]"
DEFAULT_YEARS = {"archived": 5, "forwarded": 5, "sanctioned": 10, "published": 10}


@dataclass(frozen=True)
class Due:
    """A finished complaint, how it ended, when, and when its retention ends."""

    complaint: Complaint
    outcome: str
    ended_on: date
    until: date


def parse_years(raw: str | None) -> dict[str, int]:
    """`archived=5,sanctioned=10` over the defaults; unknown outcomes are refused."""
    years = dict(DEFAULT_YEARS)
    for item in filter(None, (raw or "").split(",")):
        name, _, value = item.partition("=")
        if name.strip() not in years or whole_number(value, 1000) is None:
            raise ValueError(f"retention setting not understood: {item!r}")
        years[name.strip()] = int(value)
    return years


def outcome(complaint: Complaint) -> str | None:
    """archived, forwarded, sanctioned or published; None while the case is not finished."""
    if complaint.state == "archived":
        return "archived"
    if complaint.state != "closed":
        return None
    proceeding = complaint.proceeding
    if proceeding is not None:
        if proceeding.state not in ("closed", "prescribed"):
            return None
        if proceeding.published_on:
            return "published"
        if any(r.outcome == "fine" or r.accessories for r in proceeding.respondents):
            return "sanctioned"
        return "archived"
    if any(r.purpose == "forward" or r.body == "mp" for r in complaint.referrals):
        return "forwarded"
    return "archived"


def _ended_on(session: DbSession, complaint: Complaint) -> date | None:
    moment = session.scalar(select(func.max(AuditEvent.created_at)).where(
        AuditEvent.subject_type == "complaint", AuditEvent.subject_id == complaint.id,
        AuditEvent.to_state == complaint.state))
    return moment.date() if moment else None


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def due(session: DbSession, today: date, years: dict[str, int]) -> list[Due]:
    """Finished, not yet anonymised complaints whose retention ended before today."""
    found = []
    for complaint in session.scalars(select(Complaint).where(
            Complaint.state.in_(("archived", "closed")), Complaint.anonymised_at.is_(None))
            .order_by(Complaint.id)):
        kind = outcome(complaint)
        ended = _ended_on(session, complaint) if kind else None
        if kind and ended:
            until = _add_years(ended, years[kind])
            if until < today:
                found.append(Due(complaint, kind, ended, until))
    return found


def _files_of(c: Complaint, proceeding: Proceeding | None) -> Any:
    """The files to anonymise: the complaint's, its referrals' (letters name the complainant),
    and, with its last complaint, the proceeding's and its referrals'."""
    clauses = [Attachment.complaint_id == c.id,
               Attachment.referral_id.in_([r.id for r in c.referrals])]
    if proceeding is not None:
        clauses += [Attachment.proceeding_id == proceeding.id,
                    Attachment.referral_id.in_([r.id for r in proceeding.referrals])]
    return or_(*clauses)


def anonymise(session: DbSession, item: Due, store: BlobStore,
              years: dict[str, int]) -> dict[str, int]:
    """Anonymise one complaint and record it, in one transaction; return what was counted."""
    c = item.complaint
    try:
        counts = {"parties": 0, "messages": 0, "files": 0, "mails": 0, "referrals": 0}
        for p in c.parties:
            p.name = GONE if p.name else None
            p.email = p.phone = p.address = p.officer_identification = p.notes = None
            counts["parties"] += 1
        for g in c.grounds:
            g.expression = None
        c.description, c.place, c.disciplinary_waiver = GONE, None, None
        c.access_code_hash = None
        for m in session.scalars(select(Message).where(Message.complaint_id == c.id)):
            m.body = GONE
            counts["messages"] += 1
        for r in c.referrals:
            r.summary = GONE if r.summary else None
            r.answer = GONE if r.answer else None
            counts["referrals"] += 1
        for mail in session.scalars(select(OutboxMail).where(OutboxMail.complaint_id == c.id)):
            mail.to_address, mail.body, mail.subject = GONE, GONE, GONE
            counts["mails"] += 1
        proceeding = c.proceeding
        # The proceeding's own records (report, arguidos' names, letters such as accusations,
        # which may name the complainant) go with its last complaint.
        whole = proceeding if proceeding is not None and all(
            other.id == c.id or other.anonymised_at for other in proceeding.complaints) else None
        if whole is not None:
            whole.report_proposal = GONE if whole.report_proposal else None
            for respondent in whole.respondents:
                if respondent.kind == "natural_person":
                    respondent.name = GONE
            for r in whole.referrals:
                r.summary = GONE if r.summary else None
                r.answer = GONE if r.answer else None
                counts["referrals"] += 1
        digests = []
        for a in session.scalars(select(Attachment).where(_files_of(c, whole))):
            a.filename = f"anonymised-{a.id}"
            digests.append(a.sha256)
            counts["files"] += 1
        c.anonymised_at = utcnow()
        audit.record(session, subject_type="complaint", subject_id=c.id, subject_ref=c.reference,
                     actor=SystemActor("retention"), action="anonymise",
                     data={"outcome": item.outcome, "ended_on": item.ended_on,
                           "retention_years": years[item.outcome], **counts})
        session.commit()
    except BaseException:
        session.rollback()
        raise
    for digest in digests:  # after the commit: bytes go only once nothing needs them
        still_used = session.scalar(select(func.count(Attachment.id)).where(
            Attachment.sha256 == digest, Attachment.filename.notlike("anonymised-%"))) or \
            session.scalar(select(func.count(DraftFile.id)).where(DraftFile.sha256 == digest))
        if not still_used:
            store.discard(digest)
    return counts
