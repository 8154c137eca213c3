"""What the complainant sees and does when following a complaint (no staff data, no notes)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select

from cicdr.models import Attachment, AuditEvent, Complaint, Message
from cicdr.models.deadlines import running
from cicdr.services import audit
from cicdr.services.core.actors import ComplainantActor
from cicdr.services.core.errors import InvalidData, TransitionDenied
from cicdr.services.core.storage import BlobStore
from cicdr.services.core.types import DbSession
from cicdr.services.intake.registration import UploadedFile
from cicdr.services.intake.uploads import UploadLimits, check_files
from cicdr.services.queries.cases import latest_event

VISIBLE_DIRECTIONS = ("to_complainant", "from_complainant")  # never "note"
MAX_MESSAGE = 5000
EVIDENCE_STATES = ("received", "triage", "awaiting_information", "non_opening_proposed",
                   "referred_to_prosecutor", "forwarded", "proceeding_opened")
MAX_COMPLAINANT_FILES = 30  # over the life of a complaint, first filing included
# What the complainant did, as the timeline shows it (state changes are shown by state).
OWN_ACTIONS = ("submit", "message", "add_evidence", "information_received",
               "comment_non_opening", "withdraw")


@dataclass(frozen=True)
class TimelineEntry:
    """One thing the complainant may see: a change of status or something they did."""

    at: datetime
    action: str  # an OWN_ACTIONS item, or "status"
    state: str | None  # the new state, for "status"
    count: int = 0  # files added


def timeline(session: DbSession, complaint: Complaint) -> list[TimelineEntry]:
    """Status changes and the complainant's own actions, oldest first: no staff names, no
    internal steps (assignment, notes, referrals' details)."""
    entries = []
    for event in session.scalars(select(AuditEvent).where(
            AuditEvent.subject_type == "complaint", AuditEvent.subject_id == complaint.id)
            .order_by(AuditEvent.seq)):
        if event.action in OWN_ACTIONS and event.role == "complainant" or \
                event.action == "submit":
            count = len(json.loads(event.data).get("files", [])) \
                if event.action in ("add_evidence", "submit") else 0
            entries.append(TimelineEntry(event.created_at, event.action, event.to_state,
                                         count))
        elif event.to_state and event.to_state != event.from_state:
            entries.append(TimelineEntry(event.created_at, "status", event.to_state))
    return entries


@dataclass(frozen=True)
class PortalMessage:
    """A message as the complainant sees it: who (CICDR or you), when, what."""

    mine: bool
    body: str
    created_at: datetime


def messages(session: DbSession, complaint: Complaint) -> list[PortalMessage]:
    """Messages between CICDR and the complainant, oldest first; internal notes excluded."""
    rows = session.scalars(select(Message).where(
        Message.complaint_id == complaint.id, Message.direction.in_(VISIBLE_DIRECTIONS))
        .order_by(Message.id))
    return [PortalMessage(r.direction == "from_complainant", r.body, r.created_at) for r in rows]


def pending_request(session: DbSession, complaint: Complaint) -> str | None:
    """The question CICDR is waiting for, when the complaint awaits information.

    Read from the request's own audit event, not from the newest message to the complainant:
    staff may write other messages after asking, and those are not the question.
    """
    if complaint.state != "awaiting_information":
        return None
    event = latest_event(session, complaint, "request_information")
    question = json.loads(event.data).get("question") if event else None
    return str(question) if question else None


def answer_by(complaint: Complaint) -> date | None:
    """Until when CICDR waits for the complainant's answer: the running `complainant_information`
    deadline's due date, while the complaint awaits information."""
    if complaint.state != "awaiting_information":
        return None
    found = running(complaint.deadlines, "complainant_information")
    return found[-1].due_on if found else None


@dataclass(frozen=True)
class Outcome:
    """Where the complaint went and how it ended, as codes the page puts in plain words.

    Never a staff name, a note, a respondent's name or an amount: `bodies` are the outside
    bodies the complaint was sent to (codes of `workflows.defaults.BODY_CONTACTS`, MP
    included), `decisions` one outcome code per respondent (fine, admonition, dismissal) once
    the decision is final, `court` the court's ruling when one was recorded, `ended` how a
    proceeding ended otherwise (prescribed, taken over by the prosecutor)."""

    bodies: tuple[str, ...] = ()
    proceeding_opened: bool = False
    decisions: tuple[str, ...] = ()
    court: str | None = None
    ended: str | None = None
    archive_reason: str | None = None


FINAL_STATES = ("final", "published", "closed")


def _decided(referral: Any) -> bool:
    """A referral the complainant may know of: sent, or decided by the complaint's own path
    (forwarded to a body; the prosecutor's referral approved by the president)."""
    return referral.sent_on is not None or referral.purpose == "forward" or (
        referral.body == "mp" and referral.approved)


def court_summary(respondents: Any) -> str | None:
    """What the courts did with the decision, from each respondent's appeal: `annulled` when
    every ruling set the sanction aside, else `altered` when one changed it, else `confirmed`
    (None: no ruling)."""
    rulings = {r.court_outcome for r in respondents
               if r.court_outcome and r.court_outcome != "returned_for_new_decision"}
    if not rulings:
        return None
    if rulings <= {"annulled", "acquitted"}:
        return "annulled"
    return "altered" if "altered" in rulings else "confirmed"


def outcome(complaint: Complaint) -> Outcome:
    """What the complainant may know of the complaint's path: bodies it was sent to (referrals
    actually sent), the proceeding and its final decision, the reason it was archived."""
    bodies: list[str] = []
    proceeding = complaint.proceeding
    referrals = list(complaint.referrals) + (list(proceeding.referrals) if proceeding else [])
    for r in referrals:
        if _decided(r) and r.body not in bodies:
            bodies.append(r.body)
    decisions: tuple[str, ...] = ()
    court = ended = None
    if proceeding is not None:
        if proceeding.state == "prescribed":
            ended = "prescribed"
        elif proceeding.closed_by_prosecutor:
            ended = "prosecutor"
        elif proceeding.state in FINAL_STATES and proceeding.decided_on is not None:
            decisions = tuple(r.outcome for r in proceeding.respondents if r.outcome)
            court = proceeding.court_outcome or court_summary(proceeding.respondents)
    return Outcome(bodies=tuple(bodies), proceeding_opened=proceeding is not None,
                   decisions=decisions, court=court, ended=ended,
                   archive_reason=complaint.archive_reason if complaint.state == "archived"
                   else None)


def comment_deadline(complaint: Complaint) -> date | None:
    """Until when the complainant may comment on a proposed non-opening."""
    return complaint.non_opening_comment_due if complaint.state == "non_opening_proposed" \
        else None


def send_message(session: DbSession, complaint: Complaint, body: str) -> Message:
    """Record a message from the complainant (audited, no state change) and commit."""
    text = body.strip()
    if not text:
        raise InvalidData({"body": "Write your message."})
    if len(text) > MAX_MESSAGE:
        raise InvalidData({"body": "Your message is too long."})
    try:
        message = Message(complaint_id=complaint.id, direction="from_complainant", body=text)
        session.add(message)
        session.flush()
        audit.record(session, subject_type="complaint", subject_id=complaint.id,
                     subject_ref=complaint.reference,
                     actor=ComplainantActor(complaint.reference), action="message",
                     data={"message_id": message.id})
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return message


def own_files(session: DbSession, complaint: Complaint) -> list[Attachment]:
    """The files the complainant sent (not staff documents), oldest first."""
    return list(session.scalars(select(Attachment).where(
        Attachment.complaint_id == complaint.id, Attachment.source == "complainant")
        .order_by(Attachment.id)))


def add_evidence(session: DbSession, complaint: Complaint, files: list[tuple[str, bytes]],
                 store: BlobStore, limits: UploadLimits | None = None) -> list[Attachment]:
    """Check and attach files sent by the complainant (audited, no state change); commits.

    Raises UploadsRejected with every problem (nothing of the batch is kept), or
    TransitionDenied when the complaint is finished.
    """
    if complaint.state not in EVIDENCE_STATES:
        raise TransitionDenied("The complaint is finished; no more evidence can be added.")
    limits = limits or UploadLimits()
    already = session.scalar(select(func.count(Attachment.id)).where(
        Attachment.complaint_id == complaint.id, Attachment.source == "complainant")) or 0
    left = UploadLimits(max_files=min(limits.max_files, MAX_COMPLAINANT_FILES - already),
                        max_file_bytes=limits.max_file_bytes,
                        max_total_bytes=limits.max_total_bytes)
    checked: list[UploadedFile] = check_files(files, left)
    try:
        added = []
        for f in checked:
            digest = store.put(f.data)
            row = Attachment(complaint_id=complaint.id, filename=f.filename,
                             content_type=f.content_type, size=len(f.data), sha256=digest,
                             source="complainant")
            session.add(row)
            added.append(row)
        session.flush()
        audit.record(session, subject_type="complaint", subject_id=complaint.id,
                     subject_ref=complaint.reference,
                     actor=ComplainantActor(complaint.reference), action="add_evidence",
                     data={"attachments": [a.id for a in added],
                           "files": [a.filename for a in added]})
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return added


def actor_for(complaint: Complaint) -> Any:
    """The complainant as the actor of the triggers they fire."""
    return ComplainantActor(complaint.reference)
