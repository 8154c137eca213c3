"""Concurrent edits of one complaint: one wins, the others get 409 ("changed meanwhile").

Found by a scanner: 24 same-version posts of an edit gave one success, 22 clean 409s and one
500, because a write that passed the version check could still find the row changed when it
flushed (SQLAlchemy's StaleDataError). Every version-checked write now commits through
`services.workflow.versioned_write`, which turns that into the same Conflict as `fire`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cicdr.extensions import db
from cicdr.models import AuditEvent, Complaint
from cicdr.services.core.errors import Conflict
from cicdr.services.engine.transition import versioned_write
from tests import factories
from tests.services.test_legal_paths import triaged

WRITERS = 8


def _signed_in(app: Flask, email: str) -> FlaskClient:
    """A client signed in as `email`. Called in its own thread: the test's app context (and
    its `g`, where Flask-Login caches the user) must not be shared between the clients."""
    client = app.test_client()
    response = client.post("/staff/login", data={"email": email,
                                                  "password": factories.PASSWORD})
    assert response.headers["Location"].endswith("/staff/my-work")
    return client


def _race(app: Flask, email: str, url: str, form_for: Callable[[int], dict[str, Any]]) -> list[int]:
    """WRITERS clients, each signed in, post `form_for(i)` to `url` at once; the status codes."""
    start = threading.Barrier(WRITERS)

    def post(i: int) -> int:
        client = _signed_in(app, email)
        start.wait()
        return client.post(url, data=form_for(i)).status_code

    with ThreadPoolExecutor(WRITERS) as pool:
        return sorted(pool.map(post, range(WRITERS)))


def _edits(session: Any, complaint_id: int, action: str) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.subject_id == complaint_id, AuditEvent.action == action))


def test_concurrent_respondent_corrections_one_wins_the_rest_get_409(
        app: Flask, session: Any, users: Any) -> None:
    c = triaged(session, users)
    party, version, cid = c.respondents[0].id, c.version, c.id
    session.commit()
    prefix = f"respondent-{party}"

    def form(i: int) -> dict[str, Any]:  # each writer changes the name differently
        return {f"{prefix}-version": version, f"{prefix}-kind": "private_legal_person",
                f"{prefix}-name": f"Imobiliária Exemplo {i}, Lda."}

    codes = _race(app, users.officer.email,
                  f"/staff/complaints/{c.reference}/respondents/{party}", form)
    assert codes == [302] + [409] * (WRITERS - 1)
    assert _edits(session, cid, "edit_respondent") == 1
    assert session.get(Complaint, cid).version == version + 1


def test_concurrent_classifications_one_wins_the_rest_get_409(
        app: Flask, session: Any, users: Any) -> None:
    c = triaged(session, users)
    version, cid = c.version, c.id
    session.commit()

    def form(i: int) -> dict[str, Any]:  # each writer names another place and adds a ground
        return {"classify-version": version, "classify-facts_date": "2026-03-02",
                "classify-district": "lisboa", "classify-place": f"Rua {i}, Amadora",
                "classify-context": "housing", "classify-practice": "c",
                "classify-ground_racial_ethnic_origin": "y",
                "classify-expression_racial_ethnic_origin": "cigano",
                "classify-ground_colour": "y", "classify-expression_colour": f"cor {i}"}

    codes = _race(app, users.officer.email, f"/staff/complaints/{c.reference}/classification",
                  form)
    assert codes == [302] + [409] * (WRITERS - 1)
    assert _edits(session, cid, "classify") == 1
    session.expire_all()
    won = session.get(Complaint, cid)
    assert won.version == version + 1 and len(won.grounds) == 2


def test_a_write_that_finds_the_row_changed_when_it_commits_is_a_conflict(
        app: Flask, session: Any, users: Any) -> None:
    """Deterministic: the stale UPDATE itself (not the check after the lock) is the conflict."""
    c = factories.complaint(session)
    cid = c.id
    session.commit()
    seen = c.version  # read now: this session's copy is the version before the other save
    with Session(db.engine) as other:  # someone else saves first
        theirs = other.get(Complaint, cid)
        theirs.place = "Sintra"
        other.commit()
    c.place = "Oeiras"  # saved over version `seen`, which is no longer the row's
    with pytest.raises(Conflict, match="changed by someone else"), versioned_write(session, c):
        pass
    session.expire_all()
    assert (session.get(Complaint, cid).place, c.version) == ("Sintra", seen + 1)
