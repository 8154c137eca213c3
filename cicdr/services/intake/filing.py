"""Filing a complaint from the complaint form: one transaction for the complaint, its files,
its audit event, the acknowledgement e-mail in the outbox, and the end of the draft."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from cicdr.models import Complaint, ComplaintDraft
from cicdr.services.core.storage import BlobStore
from cicdr.services.core.types import DbSession
from cicdr.services.intake import drafts
from cicdr.services.intake.registration import NewComplaint, register_complaint
from cicdr.services.notify import outbox
from cicdr.services.notify.events import complainant_address

# (complaint) -> (subject, body) of the acknowledgement, in the complainant's language.
Composer = Callable[[Complaint], tuple[str, str]]


def file_draft(session: DbSession, draft: ComplaintDraft, new: NewComplaint, actor: Any, *,
               store: BlobStore, acknowledgement: Composer | None = None,
               today: date | None = None) -> tuple[Complaint, str, int | None]:
    """Delete the draft, register the complaint with the draft's files, queue the
    acknowledgement when the complainant chose e-mail, commit. Returns (complaint, access code,
    mail id); raises drafts.AlreadyFiled when another request filed this draft first."""
    try:
        new = replace(new, files=drafts.uploaded(draft, store))
        drafts.claim(session, draft)  # first: a second filing of this draft stops here
        complaint, code = register_complaint(session, new, actor, store=store, today=today)
        queued = None
        address = complainant_address(complaint)  # the chosen channel, not any address
        if address and acknowledgement is not None:
            subject, body = acknowledgement(complaint)
            queued = outbox.queue(session, to=address, subject=subject, body=body,
                                language=complaint.preferred_language or complaint.language,
                                kind="acknowledgement", complaint_id=complaint.id)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return complaint, code, (queued.id if queued is not None else None)
