"""E-mail that follows a change: to the complainant (new message, new status) and to staff
(a case assigned to them). Queued in the outbox inside the change's own transaction, so a
rolled-back change never sends anything and a committed one never loses its e-mail; the caller
delivers after the commit (`deliver_queued`) or `flask cicdr tick` / `send-mail` does later.

What never goes into these e-mails, and why:

- Complainants: never the access code and never the text of a message. People who complain
  about the police or a neighbour may share a mailbox or a phone with the very person they
  complain about; the e-mail only says that something waits on the follow-up page, which needs
  the reference and the access code.
- Staff: only the reference, the state and a link. E-mail is not a secure channel, and a
  complaint file is special-category data (GDPR art. 9: racial or ethnic origin); names, facts
  and notes stay in the workspace, where every read is logged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from cicdr.i18n import LANGUAGES
from cicdr.models import Complaint, Proceeding, User
from cicdr.services.core.types import DbSession
from cicdr.services.notify import outbox
from cicdr.status import STATUS
from workflows import TransitionRecord
from workflows.spec import Role

QUEUED = "cicdr.notifications.queued"  # session.info: ids of the mail queued by this session
OFF = "cicdr.notifications.off"  # session.info: set while notifications are suppressed
# Who is responsible, per subject: the fields whose change is an assignment.
WATCHED = {"complaint": ("assignee_id", "proceeding_id"), "proceeding": ("instructor_id",)}


@contextmanager
def suppressed(session: DbSession) -> Iterator[None]:
    """Queue no notification inside this block (demo data, imports of a backlog)."""
    session.info[OFF] = True
    try:
        yield
    finally:
        session.info.pop(OFF, None)


def queue(session: DbSession, **fields: Any) -> int:
    """Queue one e-mail (`outbox.queue` fields) and remember its id for `deliver_queued`."""
    queued = outbox.queue(session, **fields)
    session.flush()
    session.info.setdefault(QUEUED, []).append(queued.id)
    return queued.id


def deliver_queued(session: DbSession, settings: outbox.SmtpSettings) -> tuple[int, int]:
    """After the commit: send what this session queued (nothing without MAIL_SERVER)."""
    ids = session.info.pop(QUEUED, [])
    if not ids or not settings.server:
        return 0, 0
    return outbox.deliver(session, settings, ids)


def public_url(path: str) -> str:
    """An absolute address on the portal, as written in e-mails."""
    return str(current_app.config["PUBLIC_URL"]).rstrip("/") + path


# -- the complainant --------------------------------------------------------------------------


def complainant_address(complaint: Complaint) -> str | None:
    """Where the complainant accepts e-mail: None when anonymous, without an address, or when
    they chose another way to be contacted (the follow-up page only, telephone, letter): an
    address typed as well is not consent to be written to there. A complaint from before the
    choice existed (no channel) is written to at its address."""
    person = complaint.complainant
    if complaint.anonymous or person is None or not person.email:
        return None
    if complaint.contact_channel not in (None, "email"):
        return None
    return person.email


def complainant_language(complaint: Complaint) -> str:
    """The language to write to the complainant in (as the acknowledgement does)."""
    language = complaint.preferred_language or complaint.language
    return language if language in LANGUAGES else "pt"


def _to_complainant(session: DbSession, complaint: Complaint, kind: str,
                    compose: Callable[[], tuple[str, str]]) -> None:
    """Queue (subject, body) from `compose`, rendered in the complainant's language."""
    address = complainant_address(complaint)
    if address is None or session.info.get(OFF):
        return
    language = complainant_language(complaint)
    with force_locale(language):
        subject, body = compose()
    queue(session, to=address, subject=subject, body=body, language=language, kind=kind,
          complaint_id=complaint.id)


def message_waiting(session: DbSession, complaint: Complaint) -> None:
    """Tell the complainant that a message from CICDR waits on the follow-up page."""
    def compose() -> tuple[str, str]:
        return (_("CICDR wrote to you about your complaint %(reference)s",
                  reference=complaint.reference),
                render_template("mail/new_message.txt", complaint=complaint,
                                follow_url=public_url("/follow")))

    _to_complainant(session, complaint, "new_message", compose)


def status_changed(session: DbSession, complaint: Complaint, record: TransitionRecord,
                   actor: Any) -> None:
    """Tell the complainant the new status in plain words, when what they see changed.

    Not when they made the change themselves (they have just seen it), and not for internal
    steps that leave their status as it was (an assignment, a waiver).
    """
    if getattr(actor, "role", None) == Role.COMPLAINANT or record.dest not in STATUS:
        return
    with force_locale(complainant_language(complaint)):
        if record.source in STATUS and \
                str(STATUS[record.source]) == str(STATUS[record.dest]):
            return

    def compose() -> tuple[str, str]:
        return (_("The status of your complaint %(reference)s changed",
                  reference=complaint.reference),
                render_template("mail/status_changed.txt", complaint=complaint,
                                status=str(STATUS[record.dest]),
                                follow_url=public_url("/follow")))

    _to_complainant(session, complaint, "status_change", compose)


# -- staff ------------------------------------------------------------------------------------


def before_transition(row: Any) -> dict[str, Any]:
    """The responsible-person fields of `row` before a trigger fires (for after_transition)."""
    return {name: getattr(row, name) for name in WATCHED.get(row.WORKFLOW, ())}


def after_transition(session: DbSession, row: Any, record: TransitionRecord, actor: Any,
                     before: dict[str, Any]) -> None:
    """Queue what a fired trigger should tell people, whatever the trigger was: the new
    assignee or instructor of a case, and the complainant when their status changed."""
    if session.info.get(OFF):
        return
    if isinstance(row, Complaint):
        if row.assignee_id is not None and row.assignee_id != before.get("assignee_id"):
            _assigned(session, row.assignee_id, actor, "complaints", row.reference, row.state,
                      f"Complaint {row.reference} is now assigned to you.")
        if row.proceeding_id != before.get("proceeding_id") and row.proceeding is not None:
            _instructor(session, row.proceeding, actor, joined=row)
        status_changed(session, row, record, actor)
    elif isinstance(row, Proceeding) and row.instructor_id != before.get("instructor_id"):
        _instructor(session, row, actor)


def _instructor(session: DbSession, proceeding: Proceeding, actor: Any,
                joined: Complaint | None = None) -> None:
    if proceeding.instructor_id is None:
        return
    intro = f"You are now the instructor of proceeding {proceeding.reference}."
    if joined is not None:
        others = [c.reference for c in proceeding.complaints if c.id != joined.id]
        intro = (f"Complaint {joined.reference} joined proceeding {proceeding.reference}, "
                 "which you instruct." if others else
                 f"Proceeding {proceeding.reference} was opened on complaint "
                 f"{joined.reference}; you are its instructor.")
    _assigned(session, proceeding.instructor_id, actor, "proceedings", proceeding.reference,
              proceeding.state, intro)


def _assigned(session: DbSession, user_id: int, actor: Any, kind: str, reference: str,
              state: str, intro: str) -> None:
    """E-mail a staff member a case that is now theirs (not when they did it themselves)."""
    user = session.get(User, user_id)
    if user is None or not user.active or user.id == getattr(actor, "id", None):
        return
    body = render_template("mail/staff_assignment.txt", intro=intro, reference=reference,
                           state=state.replace("_", " "), by=getattr(actor, "name", None),
                           url=public_url(f"/staff/{kind}/{reference}"))
    # No complaint_id: the e-mail holds no complainant data, and it is staff correspondence,
    # not part of what the complainant's data-access export lists.
    queue(session, to=user.email, subject=f"CICDR: {reference} is assigned to you",
          body=body, language="en", kind="assignment")
