"""Staff second factor (TOTP): real codes from pyotp, through the real sign-in pages."""

from __future__ import annotations

import json
import re
import time
from typing import Any

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from cicdr.extensions import limiter
from cicdr.models import AuditEvent, User
from cicdr.services import audit
from tests import factories
from tests.conftest import AuthActions
from tests.web.test_admin import approve_all


@pytest.fixture(autouse=True)
def _fresh_limits() -> None:
    limiter.reset()  # code attempts are counted per client address across tests otherwise


def enrolled(session: Any, user: User) -> pyotp.TOTP:
    user.totp_secret = pyotp.random_base32()
    session.commit()
    return pyotp.TOTP(user.totp_secret)


def password(client: FlaskClient, user: User, next_url: str | None = None) -> Any:
    url = "/staff/login" + (f"?next={next_url}" if next_url else "")
    return client.post(url, data={"email": user.email, "password": factories.PASSWORD})


def next_code(otp: pyotp.TOTP) -> str:
    """The code of the next 30-second step: valid (one step of drift) and never spent yet."""
    return otp.at(time.time() + 30)


def shown_secret(page: str) -> str:
    match = re.search(r'<code id="totp-secret">([A-Z2-7 ]+)</code>', page)
    assert match, "the secret is shown as text"
    return match.group(1).replace(" ", "")


def test_an_enrolled_user_is_not_signed_in_until_the_code_passes(
        client: FlaskClient, session: Any, users: Any) -> None:
    otp = enrolled(session, users.officer)
    response = password(client, users.officer, next_url="/staff/cases")
    assert response.location.endswith("/staff/login/code")
    assert client.get("/staff/cases").status_code == 302  # half signed in opens nothing
    assert client.get("/staff/account").status_code == 302
    wrong = client.post("/staff/login/code", data={"code": "000000" if otp.now() != "000000"
                                                   else "111111"})
    assert wrong.status_code == 400
    assert "The code is not right, or it was already used." in wrong.get_data(as_text=True)
    assert client.get("/staff/cases").status_code == 302
    signed = client.post("/staff/login/code", data={"code": otp.now()})
    assert signed.location.endswith("/staff/cases")
    assert client.get("/staff/cases").status_code == 200
    session.expire_all()
    assert users.officer.last_login_at is not None


def test_a_code_works_once(client: FlaskClient, session: Any, users: Any) -> None:
    otp = enrolled(session, users.officer)
    code = otp.now()
    password(client, users.officer)
    assert client.post("/staff/login/code", data={"code": code}).status_code == 302
    client.post("/staff/logout")
    password(client, users.officer)
    replay = client.post("/staff/login/code", data={"code": code})
    assert replay.status_code == 400 and "already used" in replay.get_data(as_text=True)
    assert client.post("/staff/login/code", data={"code": next_code(otp)}).status_code == 302


@pytest.mark.parametrize("typed", ["", "12345", "abcdef", "1234567", "12 34 5x"])
def test_malformed_codes_get_a_message_and_400(client: FlaskClient, session: Any, users: Any,
                                               typed: str) -> None:
    enrolled(session, users.officer)
    password(client, users.officer)
    response = client.post("/staff/login/code", data={"code": typed})
    assert response.status_code == 400
    assert "error-message" in response.get_data(as_text=True)


def test_the_half_signed_in_state_expires(client: FlaskClient, session: Any,
                                          users: Any) -> None:
    otp = enrolled(session, users.officer)
    password(client, users.officer)
    with client.session_transaction() as cookie:
        pending = cookie["pending_login"]
        cookie["pending_login"] = {**pending, "at": pending["at"] - 6 * 60}
    response = client.post("/staff/login/code", data={"code": otp.now()})
    assert response.location.endswith("/staff/login")
    assert client.get("/staff/cases").status_code == 302
    assert "timed out" in client.get("/staff/login").get_data(as_text=True)


def test_wrong_codes_are_rate_limited(client: FlaskClient, session: Any, users: Any) -> None:
    otp = enrolled(session, users.officer)
    password(client, users.officer)
    wrong = "000000" if otp.now() != "000000" else "111111"
    statuses = [client.post("/staff/login/code", data={"code": wrong}).status_code
                for _ in range(11)]
    assert statuses == [400] * 10 + [429]
    assert client.post("/staff/login/code", data={"code": otp.now()}).status_code == 429


def test_required_2fa_makes_the_user_enrol_before_anything_else(
        client: FlaskClient, session: Any, auth: AuthActions) -> None:
    officer = auth.staff.officer
    auth.login_as("admin")
    client.post(f"/staff/admin/users/{officer.id}", data={"role": "officer", "active": "yes",
                                                          "require_2fa": "yes"})
    client.post("/staff/logout")
    session.expire_all()
    assert officer.require_2fa and officer.totp_secret is None

    assert password(client, officer).location.endswith("/staff/login/enrol")
    page = client.get("/staff/login/enrol").get_data(as_text=True)
    secret = shown_secret(page)
    assert f"otpauth://totp/CICDR:{officer.email.replace('@', '%40')}?secret={secret}" in page
    assert "<svg" in page  # the QR code
    assert client.get("/staff/cases").status_code == 302  # not signed in yet
    otp = pyotp.TOTP(secret)
    wrong = "000000" if otp.now() != "000000" else "111111"
    refused = client.post("/staff/login/enrol", data={"code": wrong})
    assert refused.status_code == 400 and secret in shown_secret(refused.get_data(as_text=True))
    done = client.post("/staff/login/enrol", data={"code": otp.now()})
    assert done.status_code == 302 and client.get("/staff/cases").status_code == 200
    session.expire_all()
    assert officer.totp_secret == secret

    events = session.scalars(select(AuditEvent).where(AuditEvent.subject_id == officer.id,
                                                      AuditEvent.subject_type == "user")
                             .order_by(AuditEvent.seq)).all()
    assert [e.action for e in events] == ["create_user", "update_user", "enrol_2fa"]
    assert json.loads(events[1].data) == {"require_2fa": {"old": False, "new": True}}
    assert json.loads(events[2].data) == {"totp_enrolled": {"old": False, "new": True}}
    everything = " ".join(e.data for e in session.scalars(select(AuditEvent)))
    assert secret not in everything and secret.lower() not in everything
    assert audit.verify(session).ok


def test_a_signed_in_user_who_must_enrol_reaches_only_the_enrolment_page(
        client: FlaskClient, session: Any, auth: AuthActions) -> None:
    auth.login_as("officer")
    auth.staff.officer.require_2fa = True
    session.commit()
    assert client.get("/staff/cases").location.endswith("/staff/account/2fa")
    secret = shown_secret(client.get("/staff/account/2fa").get_data(as_text=True))
    client.post("/staff/account/2fa", data={"code": pyotp.TOTP(secret).now()})
    assert client.get("/staff/cases").status_code == 200


def test_a_user_may_enrol_voluntarily_from_the_account_page(
        client: FlaskClient, session: Any, auth: AuthActions) -> None:
    auth.login_as("president")
    assert "Off." in client.get("/staff/account").get_data(as_text=True)
    page = client.get("/staff/account/2fa").get_data(as_text=True)
    secret = shown_secret(page)
    assert shown_secret(client.get("/staff/account/2fa").get_data(as_text=True)) == secret
    response = client.post("/staff/account/2fa", data={"code": pyotp.TOTP(secret).now()})
    assert response.location.endswith("/staff/account")
    assert "On: a code" in client.get("/staff/account").get_data(as_text=True)
    client.post("/staff/logout")
    assert password(client, auth.staff.president).location.endswith("/staff/login/code")


def test_the_admin_resets_a_lost_second_factor(client: FlaskClient, session: Any,
                                               auth: AuthActions) -> None:
    officer = auth.staff.officer
    enrolled(session, officer)
    auth.login_as("admin")
    assert "enrolled" in client.get("/staff/admin/users").get_data(as_text=True)
    assert client.post(f"/staff/admin/users/{officer.id}/reset-2fa").status_code == 302
    session.expire_all()
    assert officer.totp_secret is not None  # an officer reads cases: it waits for approval
    approve_all(session, auth.staff.president)
    again = client.post(f"/staff/admin/users/{officer.id}/reset-2fa")
    assert again.status_code == 422 and "no second factor" in again.get_data(as_text=True)
    session.expire_all()
    assert officer.totp_secret is None and officer.totp_last_step is None
    asked, approved = session.scalars(select(AuditEvent).where(AuditEvent.action.in_(
        ("request_access", "approve_access"))).order_by(AuditEvent.seq)).all()
    assert (asked.subject_id, asked.actor_id) == (officer.id, auth.staff.admin.id)
    assert (approved.subject_id, approved.actor_id) == (officer.id, auth.staff.president.id)
    assert json.loads(approved.data)["kind"] == "reset_2fa"
    client.post("/staff/logout")
    assert password(client, officer).location.endswith("/staff/my-work")  # no code any more


def test_only_the_admin_requires_or_resets_2fa(client: FlaskClient, session: Any,
                                               auth: AuthActions) -> None:
    auth.login_as("president")
    officer = auth.staff.officer
    assert client.post(f"/staff/admin/users/{officer.id}/reset-2fa").status_code == 403
    assert client.post(f"/staff/admin/users/{officer.id}",
                       data={"require_2fa": "yes"}).status_code == 403


def test_password_guesses_are_rate_limited_per_client(app: Flask, client: FlaskClient,
                                                      session: Any, users: Any) -> None:
    limiter.reset()
    app.config["STAFF_LOGIN_LIMIT"] = "5 per 15 minutes"
    try:
        statuses = [client.post("/staff/login", data={"email": users.officer.email,
                                                      "password": "guess"}).status_code
                    for _ in range(6)]
        assert statuses == [400] * 5 + [429]
        blocked = client.post("/staff/login?lang=en", data={"email": users.officer.email,
                                                            "password": factories.PASSWORD})
        assert blocked.status_code == 429  # even the right password waits
        assert "Too many attempts" in blocked.get_data(as_text=True)
    finally:
        app.config["STAFF_LOGIN_LIMIT"] = "100000 per minute"
        limiter.reset()
