"""A new access code for a complainant who lost theirs, asked for on the portal's lost-code page.

The page gives one answer whatever is typed, so it never tells whether a reference exists or
which e-mail address goes with it. Only when the reference and the e-mail address registered
with it match is a new code made: its hash replaces the old one (the old code opens nothing from
then on), every follow-up session opened with the old code ends, the change is audited, and the
code is queued in the outbox for that registered address alone, all in one transaction.

This is the one e-mail that carries an access code (`notify/events.py` says why the others never
do): the person asked for it here, knowing both the reference and the registered address, and
the outbox erases its body once it is sent (`notify/outbox.deliver`).
"""

from __future__ import annotations

from sqlalchemy import select, update

from cicdr.models import Complaint, FollowSession
from cicdr.models.base import utcnow
from cicdr.services import audit
from cicdr.services.core.actors import ComplainantActor
from cicdr.services.core.types import DbSession
from cicdr.services.intake.registration import hash_access_code, new_access_code
from cicdr.services.notify import compose, events

ACTION = "reissue_access_code"


def _same_address(registered: str, typed: str) -> bool:
    return registered.strip().casefold() == typed.strip().casefold()


def _eligible(complaint: Complaint | None, email: str) -> bool:
    """A named complaint, not anonymised, whose complainant registered this e-mail address."""
    if complaint is None or complaint.anonymous or complaint.anonymised_at is not None:
        return False
    person = complaint.complainant
    return person is not None and bool(person.email) and _same_address(person.email or "", email)


def reissue(session: DbSession, reference: str, email: str,
            settings: compose.MailSettings) -> bool:
    """Make and send a new access code when `reference` and `email` match; whether they did.

    Commits when they match; changes nothing otherwise. The caller shows the same answer
    either way, and must not tell the visitor what this returned.
    """
    complaint = session.scalar(select(Complaint).where(
        Complaint.reference == reference.strip().upper()))
    code = new_access_code()
    digest = hash_access_code(code)  # the same work whether or not anything matches
    if not _eligible(complaint, email):
        return False
    assert complaint is not None
    assert complaint.complainant is not None
    try:
        complaint.access_code_hash = digest
        ended = session.execute(update(FollowSession).where(
            FollowSession.complaint_id == complaint.id, FollowSession.revoked_at.is_(None))
            .values(revoked_at=utcnow()).execution_options(synchronize_session=False))
        audit.record(session, subject_type="complaint", subject_id=complaint.id,
                     subject_ref=complaint.reference,
                     actor=ComplainantActor(complaint.reference), action=ACTION,
                     data={"sessions_ended": int(getattr(ended, "rowcount", 0) or 0)})
        events.queue(session, str(complaint.complainant.email),
                     compose.access_code(complaint, code, settings), complaint_id=complaint.id)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return True
