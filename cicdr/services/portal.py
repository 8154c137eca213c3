"""What the complainant sees and does when following a complaint (no staff data, no notes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from cicdr.models import Complaint, Message
from cicdr.services import audit
from cicdr.services.actors import ComplainantActor
from cicdr.services.errors import InvalidData
from cicdr.services.types import DbSession

VISIBLE_DIRECTIONS = ("to_complainant", "from_complainant")  # never "note"
MAX_MESSAGE = 5000


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
    """The question CICDR is waiting for, when the complaint awaits information."""
    if complaint.state != "awaiting_information":
        return None
    return session.scalar(select(Message.body).where(
        Message.complaint_id == complaint.id, Message.direction == "to_complainant")
        .order_by(Message.id.desc()).limit(1))


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


def actor_for(complaint: Complaint) -> Any:
    """The complainant as the actor of the triggers they fire."""
    return ComplainantActor(complaint.reference)
