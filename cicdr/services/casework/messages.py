"""Staff writing on a complaint: messages to the complainant, and internal notes.

The two are stored in one table (`messages`) but kept apart everywhere: a message to the
complainant (`to_complainant`) is shown on their follow-up page and announced by e-mail; an
internal note (`note`) is for staff only and never reaches the complainant, on any page, in any
e-mail or in the audit data (its audit event carries the note's id, never its text).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from cicdr.models import Complaint, Message, User
from cicdr.services import audit
from cicdr.services.core.errors import InvalidData, TransitionDenied
from cicdr.services.core.types import DbSession
from cicdr.services.notify import events
from workflows.labels import role_list
from workflows.spec import Role
from workflows.text import N_, Msg

MAX_MESSAGE = 5000  # the same limit as the complainant's own messages
MAX_NOTE = 10000
WRITERS = (Role.OFFICER, Role.PRESIDENT)  # who may write to the complainant
NOTE_TAKERS = (Role.OFFICER, Role.PRESIDENT, Role.COMMISSIONER)
CONVERSATION = ("to_complainant", "from_complainant")


@dataclass(frozen=True)
class StaffMessage:
    """A message or note as staff see it, with its author's name."""

    id: int
    direction: str
    body: str
    created_at: datetime
    author: str  # staff member's name, "Complainant", or "CICDR" when unknown


def _text(body: str | None, most: int, what: Msg) -> str:
    text = (body or "").strip()
    if not text:
        raise InvalidData({"body": N_("Write the %(what)s.", what=what)})
    if len(text) > most:
        raise InvalidData({"body": N_("The %(what)s is too long (%(n)s characters; at most "
                                      "%(most)s).", what=what, n=len(text), most=most)})
    return text


def _check(complaint: Complaint, actor: Any, roles: tuple[str, ...], what: Msg) -> None:
    if getattr(actor, "role", None) not in roles:
        raise TransitionDenied(N_("Only %(value)s may write %(what)s.",
                                  value=role_list(roles), what=what))
    if complaint.anonymised_at is not None:
        raise TransitionDenied(N_("This complaint was anonymised at the end of its retention "
                                  "period; nothing more can be added to it."))


def _store(session: DbSession, complaint: Complaint, direction: str, text: str,
           actor: Any) -> Message:
    message = Message(complaint_id=complaint.id, direction=direction, body=text,
                      author_id=actor.id)
    session.add(message)
    session.flush()
    return message


def write_to_complainant(session: DbSession, complaint: Complaint, body: str,
                         actor: Any) -> Message:
    """Write to the complainant (officer or president), audit it, announce it by e-mail when
    they can receive one, and commit. Raises InvalidData or TransitionDenied."""
    _check(complaint, actor, WRITERS, N_("to the complainant"))
    text = _text(body, MAX_MESSAGE, N_("message"))
    try:
        message = _store(session, complaint, "to_complainant", text, actor)
        # The complainant reads this text anyway, so the audit event may keep it.
        audit.record(session, subject_type="complaint", subject_id=complaint.id,
                     subject_ref=complaint.reference, actor=actor,
                     action="message_to_complainant",
                     data={"message_id": message.id, "body": text})
        events.message_waiting(session, complaint)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return message


def add_note(session: DbSession, complaint: Complaint, body: str, actor: Any) -> Message:
    """Add an internal note (officer, president or commissioner), audit it and commit.

    The audit event holds the note's id only: the timeline and exports of the audit log may be
    read more widely than the case, and a note's text must never travel further than the case.
    """
    _check(complaint, actor, NOTE_TAKERS, N_("internal notes"))
    text = _text(body, MAX_NOTE, N_("note"))
    try:
        note = _store(session, complaint, "note", text, actor)
        audit.record(session, subject_type="complaint", subject_id=complaint.id,
                     subject_ref=complaint.reference, actor=actor, action="note",
                     data={"message_id": note.id})
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return note


def _listed(session: DbSession, complaint: Complaint,
            directions: tuple[str, ...]) -> list[StaffMessage]:
    rows = session.execute(
        select(Message, User.name).outerjoin(User, User.id == Message.author_id)
        .where(Message.complaint_id == complaint.id, Message.direction.in_(directions))
        .order_by(Message.id)).all()
    return [StaffMessage(m.id, m.direction, m.body, m.created_at,
                         name or ("Complainant" if m.direction == "from_complainant"
                                  else "CICDR"))
            for m, name in rows]


def conversation(session: DbSession, complaint: Complaint) -> list[StaffMessage]:
    """Messages with the complainant, both directions, oldest first (no notes)."""
    return _listed(session, complaint, CONVERSATION)


def notes(session: DbSession, complaint: Complaint) -> list[StaffMessage]:
    """Internal notes, oldest first."""
    return _listed(session, complaint, ("note",))
