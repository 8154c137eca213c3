"""Sessions end when they must: sign-out, a reset, a role change or deactivation end every open
session of the account; staff sessions time out; a follow-up session is a server-side token that
Exit revokes, and its cookie never carries the access code."""

from __future__ import annotations

import time
from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask, current_app
from flask.testing import FlaskClient
from sqlalchemy import select

from cicdr.extensions import limiter
from cicdr.models import Complaint, FollowSession, User
from cicdr.models.base import utcnow
from cicdr.services.admin import four_eyes
from cicdr.services.core.actors import ComplainantActor
from cicdr.services.core.storage import BlobStore
from cicdr.services.intake.registration import submit_complaint
from cicdr.views.staff_session import SEEN, SINCE
from tests import factories

PAGE = "/staff/account"  # every signed-in role may open it


def signed_in(app: Flask, user: User) -> FlaskClient:
    """Another browser, signed in as `user` through the sign-in page."""
    browser = app.test_client()
    response = browser.post("/staff/login", data={"email": user.email,
                                                  "password": factories.PASSWORD})
    assert response.status_code == 302 and "/login" not in response.location
    assert browser.get(PAGE).status_code == 200
    return browser


def ended(browser: FlaskClient) -> bool:
    response = browser.get(PAGE)
    return response.status_code == 302 and "/staff/login" in response.location


def test_signing_out_ends_the_other_browsers_sessions_too(app: Flask, session: Any,
                                                          users: Any) -> None:
    office, home = signed_in(app, users.officer), signed_in(app, users.officer)
    other_person = signed_in(app, users.officer2)
    assert office.post("/staff/logout").status_code == 302
    assert ended(office) and ended(home)
    assert not ended(other_person)
    again = signed_in(app, users.officer)  # signing in again opens a new session
    assert not ended(again)


def test_a_password_reset_ends_the_sessions_once_approved(app: Flask, session: Any,
                                                          users: Any) -> None:
    browser = signed_in(app, users.officer)
    admin = signed_in(app, users.admin)
    admin.post(f"/staff/admin/users/{users.officer.id}", data={"password": "uma-senha-nova-1"})
    assert not ended(browser)  # a request only: nothing changed yet
    president = signed_in(app, users.president)
    [req] = four_eyes.pending(session)
    assert president.post(f"/staff/admin/access-requests/{req.id}",
                          data={"decision": "approve"}).status_code == 302
    assert ended(browser)
    assert app.test_client().post("/staff/login", data={
        "email": users.officer.email, "password": "uma-senha-nova-1"}).status_code == 302


def test_deactivation_ends_the_sessions_at_once(app: Flask, session: Any, users: Any) -> None:
    browser = signed_in(app, users.officer)
    admin = signed_in(app, users.admin)
    admin.post(f"/staff/admin/users/{users.officer.id}", data={"role": "officer",
                                                                "active": "no"})
    assert ended(browser)


def test_an_approved_role_change_ends_the_sessions(app: Flask, session: Any,
                                                   users: Any) -> None:
    browser = signed_in(app, users.officer)
    admin = signed_in(app, users.admin)
    admin.post(f"/staff/admin/users/{users.officer.id}", data={"role": "commissioner",
                                                                "active": "yes"})
    assert not ended(browser)
    [req] = four_eyes.pending(session)
    four_eyes.decide(session, req, users.president, approve=True)
    assert ended(browser)


def test_a_cookie_from_before_generations_opens_nothing(app: Flask, client: FlaskClient,
                                                        session: Any, users: Any) -> None:
    signed_in_browser = signed_in(app, users.officer)
    with signed_in_browser.session_transaction() as cookie:
        cookie["_user_id"] = str(users.officer.id)  # the old form: the id alone
    assert ended(signed_in_browser)


@pytest.mark.parametrize(("idle_minutes", "open_hours", "still_open"), [
    (29, 1, True),  # 29 minutes idle: under the 30-minute limit
    (31, 1, False),  # 31 minutes idle: over it
    (1, 11.9, True),  # active, 11.9 hours after signing in: under the 12-hour limit
    (1, 12.1, False),  # active, but 12.1 hours after signing in: over it
])
def test_staff_sessions_time_out_when_idle_and_after_twelve_hours(
        app: Flask, session: Any, users: Any, idle_minutes: float, open_hours: float,
        still_open: bool) -> None:
    browser = signed_in(app, users.officer)
    now = time.time()
    with browser.session_transaction() as cookie:
        cookie[SINCE] = now - open_hours * 3600
        cookie[SEEN] = now - idle_minutes * 60
    assert ended(browser) is not still_open


def test_the_timeouts_are_configurable(app: Flask, session: Any, users: Any) -> None:
    browser = signed_in(app, users.officer)
    with browser.session_transaction() as cookie:
        cookie[SEEN] = time.time() - 10 * 60  # 10 minutes idle
    app.config["STAFF_IDLE_MINUTES"] = 5
    try:
        assert ended(browser)
    finally:
        app.config["STAFF_IDLE_MINUTES"] = 30


# -- the complainant's follow-up session ----------------------------------------------------------

@pytest.fixture
def filed(session: Any) -> tuple[Complaint, str]:
    limiter.reset()
    return submit_complaint(session, factories.new_complaint(), ComplainantActor("pending"),
                            store=BlobStore(current_app.config["BLOB_DIR"]),
                            today=date(2026, 3, 10))


def follow(client: FlaskClient, complaint: Complaint, code: str) -> None:
    response = client.post("/follow", data={"reference": complaint.reference, "code": code})
    assert response.status_code == 302 and response.location.endswith("/follow/case")


def decoded_session(app: Flask, client: FlaskClient) -> dict[str, Any]:
    """What the browser's session cookie says (signed, not encrypted: anyone can read it)."""
    cookie = client.get_cookie(app.config.get("SESSION_COOKIE_NAME", "session"))
    assert cookie is not None
    serializer = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
    return dict(serializer.loads(cookie.value))


def test_the_follow_up_cookie_holds_no_access_code(app: Flask, client: FlaskClient,
                                                   filed: Any) -> None:
    complaint, code = filed
    follow(client, complaint, code)
    client.get("/follow/case")
    content = decoded_session(app, client)
    raw = repr(content)
    assert code not in raw and code.replace("-", "") not in raw
    assert complaint.reference not in raw
    token = content["following"]  # an opaque token, not {"id": ...}: 32 random bytes
    assert isinstance(token, str) and len(token) >= 40


def test_exit_revokes_the_session_even_for_a_copied_cookie(app: Flask, client: FlaskClient,
                                                           session: Any, filed: Any) -> None:
    complaint, code = filed
    follow(client, complaint, code)
    copy = client.get_cookie("session")
    assert copy is not None
    assert client.post("/follow/leave").status_code == 302
    client.set_cookie("session", copy.value)  # the cookie as it was before Exit
    response = client.get("/follow/case")
    assert response.status_code == 302 and response.location.endswith("/follow")
    assert session.scalar(select(FollowSession)).revoked_at is not None


def test_a_follow_up_session_ends_after_thirty_idle_minutes(client: FlaskClient, session: Any,
                                                            filed: Any) -> None:
    complaint, code = filed
    follow(client, complaint, code)
    row = session.scalar(select(FollowSession))
    row.last_seen_at = utcnow() - timedelta(minutes=29)  # under the limit: still open
    session.commit()
    assert client.get("/follow/case").status_code == 200
    row.last_seen_at = utcnow() - timedelta(minutes=31)
    session.commit()
    response = client.get("/follow/case")
    assert response.status_code == 302 and response.location.endswith("/follow")
