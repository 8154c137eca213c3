"""E-mail that follows a change: to the complainant (new message, new status) and to staff
(a case assigned to them). Composed by `compose` and queued in the outbox inside the change's
own transaction, so a rolled-back change never sends anything and a committed one never loses
its e-mail. Delivery is the outbox sender's job (`flask cicdr worker` / `tick`), never a
request's.

What never goes into these e-mails, and why:

- Complainants: never the access code and never the text of a message. People who complain
  about the police or a neighbour may share a mailbox or a phone with the very person they
  complain about; the e-mail only says that something waits on the follow-up page, which needs
  the reference and the access code. The one exception is a new code the person asked for on
  the lost-code page, knowing the reference and the registered address
  (`casework/lost_code.py`); its body is erased from the outbox once sent.
- Staff: only the reference, the state and a link. E-mail is not a secure channel, and a
  complaint file is special-category data (GDPR art. 9: racial or ethnic origin); names, facts
  and notes stay in the workspace, where every read is logged.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from cicdr.models import Complaint, Proceeding, User
from cicdr.services.core.types import DbSession
from cicdr.services.notify import compose, outbox, staff_mail
from cicdr.status import STATUS
from workflows import TransitionRecord
from workflows.spec import Role

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


def queue(session: DbSession, to: str, mail: compose.Mail,
          complaint_id: int | None = None) -> int:
    """Put one composed e-mail in the outbox (no commit) and return its id."""
    queued = outbox.queue(session, to=to, subject=mail.subject, body=mail.body,
                          language=mail.language, kind=mail.kind, complaint_id=complaint_id)
    session.flush()
    return queued.id


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


def _reachable(session: DbSession, complaint: Complaint) -> str | None:
    """The complainant's address, unless notifications are suppressed on this session."""
    return None if session.info.get(OFF) else complainant_address(complaint)


def message_waiting(session: DbSession, complaint: Complaint) -> None:
    """Tell the complainant that a message from CICDR waits on the follow-up page."""
    address = _reachable(session, complaint)
    if address is not None:
        queue(session, address, compose.new_message(complaint, compose.settings_for(session)),
              complaint_id=complaint.id)


def status_changed(session: DbSession, complaint: Complaint, record: TransitionRecord,
                   actor: Any) -> None:
    """Tell the complainant the new status in plain words, when what they see changed.

    Not when they made the change themselves (they have just seen it), and not for internal
    steps that leave their status as it was (an assignment, a waiver).
    """
    if getattr(actor, "role", None) == Role.COMPLAINANT or record.dest not in STATUS:
        return
    address = _reachable(session, complaint)
    language = compose.complainant_language(complaint)
    if address is None or (record.source in STATUS and compose.status_words(
            record.source, language) == compose.status_words(record.dest, language)):
        return
    mail = compose.status_changed(complaint, record.dest, compose.settings_for(session))
    queue(session, address, mail, complaint_id=complaint.id)


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
                      staff_mail.assignment_intro("complaints", row.reference))
        if row.proceeding_id != before.get("proceeding_id") and row.proceeding is not None:
            _instructor(session, row.proceeding, actor, joined=row)
        status_changed(session, row, record, actor)
    elif isinstance(row, Proceeding):
        if row.instructor_id != before.get("instructor_id"):
            _instructor(session, row, actor)
        if record.dest == "final" and record.source != "final":
            for complaint in row.complaints:
                decision_final(session, complaint)


def decision_final(session: DbSession, complaint: Complaint) -> None:
    """Tell the complainant that the decision on their complaint is final: their status does
    not change (the complaint stays with its proceeding), but what they can read does. The
    decision itself is on the follow-up page only, like everything else (see above)."""
    address = _reachable(session, complaint)
    if address is not None:
        queue(session, address, compose.decision_final(complaint, compose.settings_for(session)),
              complaint_id=complaint.id)


def _instructor(session: DbSession, proceeding: Proceeding, actor: Any,
                joined: Complaint | None = None) -> None:
    if proceeding.instructor_id is None:
        return
    first = joined is not None and not any(c.id != joined.id for c in proceeding.complaints)
    intro = staff_mail.assignment_intro("proceedings", proceeding.reference,
                                     joined.reference if joined is not None else None, first)
    _assigned(session, proceeding.instructor_id, actor, "proceedings", proceeding.reference,
              proceeding.state, intro)


def _assigned(session: DbSession, user_id: int, actor: Any, section: str, reference: str,
              state: str, intro: Any) -> None:
    """E-mail a staff member a case that is now theirs (not when they did it themselves)."""
    user = session.get(User, user_id)
    if user is None or not user.active or user.id == getattr(actor, "id", None):
        return
    mail = staff_mail.staff_assignment(compose.settings_for(session), section=section,
                                    reference=reference, state=state, intro=intro,
                                    by=getattr(actor, "name", None),
                                    language=staff_mail.staff_language(user))
    # No complaint_id: the e-mail holds no complainant data, and it is staff correspondence,
    # not part of what the complainant's data-access export lists.
    queue(session, user.email, mail)
