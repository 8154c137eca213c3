"""Filing a draft: one transaction, and one complaint however many times it is sent."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from cicdr.models import Complaint, ComplaintDraft
from cicdr.services.core.actors import ComplainantActor
from cicdr.services.core.storage import BlobStore
from cicdr.services.intake import drafts, filing
from tests import factories


def test_a_draft_is_filed_once_even_when_sent_twice(session: Any, app: Flask) -> None:
    store = BlobStore(app.config["BLOB_DIR"])
    draft, _token = drafts.start(session, "public", "pt")
    stale = session.get(ComplaintDraft, draft.id)
    new = factories.new_complaint()
    filing.file_draft(session, draft, new, ComplainantActor("(new)"), store=store,
                      today=date(2026, 3, 10))
    again = ComplaintDraft(id=stale.id, token_hash="x" * 64, mode="public", language="pt",
                           data={})  # what the second request still holds in memory
    with pytest.raises(drafts.AlreadyFiled):
        filing.file_draft(session, again, new, ComplainantActor("(new)"), store=store,
                          today=date(2026, 3, 10))
    assert session.scalar(select(func.count(Complaint.id))) == 1
    assert session.scalar(select(func.count(ComplaintDraft.id))) == 0
