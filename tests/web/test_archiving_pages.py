"""Archiving on the staff pages: the officer's archive form offers only a duplicate and refuses
any other reason with the law's reason; a withdrawal waits on the president's My work."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask.testing import FlaskClient

from cicdr.services.core.actors import ComplainantActor
from cicdr.services.engine.transition import fire
from tests import factories
from tests.conftest import AuthActions
from tests.web.test_action_forms import error_of, post_action


def test_the_officer_archives_only_a_duplicate(session: Any, auth: AuthActions,
                                               client: FlaskClient, users: Any) -> None:
    c = factories.complaint(session)
    fire(session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    auth.login_as("officer")
    url = f"/staff/complaints/{c.reference}"
    page = client.get(url).get_data(as_text=True)
    assert "Archive as a duplicate" in page and 'name="archive-duplicate_of"' in page
    assert 'value="manifestly_unfounded"' not in page  # not offered to the officer
    response = post_action(client, url, "archive", c.version,
                           reason_code="manifestly_unfounded", duplicate_of="")
    assert response.status_code == 422
    body = response.get_data(as_text=True).replace("&#39;", "'")
    assert "the president proposes not to open" in error_of(body, "archive-reason_code")
    session.refresh(c)
    assert c.state == "triage"


def test_a_withdrawal_waits_on_the_presidents_my_work(session: Any, auth: AuthActions,
                                                      client: FlaskClient) -> None:
    c = factories.complaint(session)
    fire(session, c, "withdraw", ComplainantActor(c.reference))
    auth.login_as("president")
    work = client.get("/staff/my-work").get_data(as_text=True)
    assert c.reference in work and "Continue ex officio" in work
    page = client.get(f"/staff/complaints/{c.reference}").get_data(as_text=True)
    assert "Archive after the withdrawal" in page and "Continue ex officio" in page
