"""Filing a complaint from the complaint form: one transaction for the complaint, its files,
its audit event, the acknowledgement e-mail in the outbox, and the end of the draft. The e-mail
is composed here (`notify.compose`) and sent later by the outbox sender, never by the request."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy.orm.attributes import set_committed_value

from cicdr.models import Complaint, ComplaintDraft
from cicdr.services.core.storage import BlobStore
from cicdr.services.core.types import DbSession
from cicdr.services.intake import drafts
from cicdr.services.intake.registration import NewComplaint, register_complaint
from cicdr.services.notify import compose, events


def file_draft(session: DbSession, draft: ComplaintDraft, new: NewComplaint, actor: Any, *,
               store: BlobStore, settings: compose.MailSettings | None = None,
               today: date | None = None) -> tuple[Complaint, str, int | None]:
    """Delete the draft, register the complaint with the draft's files, queue the
    acknowledgement when the complainant chose e-mail, commit. Returns (complaint, access code,
    mail id); raises drafts.AlreadyFiled when another request filed this draft first.
    `settings` defaults to the session's (`compose.settings_for`)."""
    try:
        with session.no_autoflush:  # the draft's unsaved review values are not written first
            new = replace(new, files=drafts.uploaded(draft, store))
        drafts.claim(session, draft)  # first: a second filing of this draft stops here
        complaint, code = register_complaint(session, new, actor, store=store, today=today)
        queued = None
        address = events.complainant_address(complaint)  # the chosen channel, not any address
        if address:
            mail = compose.acknowledgement(complaint, settings or compose.settings_for(session))
            queued = events.queue(session, address, mail, complaint_id=complaint.id)
        reference = complaint.reference
        session.commit()
        # The reference stays readable after the commit without reading the row back.
        set_committed_value(complaint, "reference", reference)
    except BaseException:
        session.rollback()
        raise
    return complaint, code, queued
