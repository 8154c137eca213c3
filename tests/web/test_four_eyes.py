"""Four eyes: what would let someone read cases waits for a second administrator or the
president; nobody decides their own request; both steps are audited."""

from __future__ import annotations

import json
from typing import Any

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from cicdr.models import AccessRequest, AuditEvent, User
from cicdr.services import audit
from cicdr.services.admin import four_eyes
from cicdr.services.admin.accounts import create_user
from cicdr.services.core.errors import InvalidData
from tests import factories
from tests.web.test_sessions import signed_in


def second_admin(session: Any) -> User:
    return create_user(session, email="admin2@test.cicdr.pt", name="Admin Two", role="admin",
                       password=factories.PASSWORD, fast=True)


def can_read_cases(app: Flask, email: str, password: str = factories.PASSWORD) -> bool:
    browser = app.test_client()
    browser.post("/staff/login", data={"email": email, "password": password})
    return browser.get("/staff/cases").status_code == 200


def test_a_case_reading_role_granted_by_one_admin_does_nothing_until_a_second_approves(
        app: Flask, session: Any, users: Any) -> None:
    admin = signed_in(app, users.admin)
    response = admin.post("/staff/admin/users", data={
        "email": "eu.auditor@cicdr.pt", "name": "Me again", "role": "auditor",
        "password": "uma-boa-senha-1"})
    assert response.status_code == 302
    assert "waits for approval" in admin.get("/staff/admin/users").get_data(as_text=True) \
        or "approves it" in admin.get("/staff/admin/users").get_data(as_text=True)
    assert not can_read_cases(app, "eu.auditor@cicdr.pt", "uma-boa-senha-1")
    # The requester cannot approve: the page offers no button, and the POST is refused.
    [req] = four_eyes.pending(session)
    assert "Someone else decides." in admin.get("/staff/admin/access-requests").get_data(
        as_text=True)
    refused = admin.post(f"/staff/admin/access-requests/{req.id}", data={"decision": "approve"})
    assert refused.status_code == 422 and "Someone else must decide" in refused.get_data(
        as_text=True)
    assert not can_read_cases(app, "eu.auditor@cicdr.pt", "uma-boa-senha-1")
    # A second administrator approves: now the account opens.
    other = signed_in(app, second_admin(session))
    assert other.post(f"/staff/admin/access-requests/{req.id}",
                      data={"decision": "approve"}).status_code == 302
    browser = app.test_client()
    browser.post("/staff/login", data={"email": "eu.auditor@cicdr.pt",
                                       "password": "uma-boa-senha-1"})
    assert browser.get("/staff/audit/").status_code == 200
    actions = [(e.action, e.actor_id) for e in session.scalars(select(AuditEvent).where(
        AuditEvent.subject_ref == "eu.auditor@cicdr.pt").order_by(AuditEvent.seq))]
    admin2 = session.scalar(select(User).where(User.email == "admin2@test.cicdr.pt"))
    assert actions == [("create_user", users.admin.id), ("request_access", users.admin.id),
                       ("approve_access", admin2.id)]
    assert audit.verify(session).ok


def test_a_new_role_waits_and_a_refusal_leaves_the_account_as_it_was(
        app: Flask, session: Any, users: Any) -> None:
    admin = signed_in(app, users.admin)
    admin.post(f"/staff/admin/users/{users.admin.id}", data={"role": "admin", "active": "yes"})
    target = create_user(session, email="clerk@test.cicdr.pt", name="Clerk", role="admin",
                         password=factories.PASSWORD, fast=True)
    admin.post(f"/staff/admin/users/{target.id}", data={"role": "auditor", "active": "yes"})
    session.expire_all()
    assert target.role == "admin"
    assert not can_read_cases(app, target.email)
    [req] = four_eyes.pending(session)
    president = signed_in(app, users.president)
    assert "clerk@test.cicdr.pt" in president.get("/staff/admin/access-requests").get_data(
        as_text=True)
    assert president.post(f"/staff/admin/access-requests/{req.id}",
                          data={"decision": "refuse"}).status_code == 302
    session.expire_all()
    assert target.role == "admin" and req.status == "refused"
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "refuse_access"))
    assert event.actor_id == users.president.id
    assert json.loads(event.data)["role"] == {"old": "admin", "new": "auditor"}


def test_nobody_decides_a_request_about_their_own_account(app: Flask, session: Any,
                                                          users: Any) -> None:
    admin2 = second_admin(session)
    enrolled = users.president
    enrolled.totp_secret = pyotp.random_base32()
    session.commit()
    signed_in(app, admin2).post(f"/staff/admin/users/{enrolled.id}/reset-2fa")
    [req] = four_eyes.pending(session)
    # (the president has a second factor now: the service is asked directly)
    with pytest.raises(InvalidData, match="Someone else must decide"):
        four_eyes.decide(session, req, users.president, approve=True)
    session.expire_all()
    assert enrolled.totp_secret is not None
    # Neither an officer nor a commissioner decides; the other administrator does.
    for role in ("officer", "commissioner"):
        assert signed_in(app, getattr(users, role)).post(
            f"/staff/admin/access-requests/{req.id}", data={"decision": "approve"}
        ).status_code == 403
    signed_in(app, users.admin).post(f"/staff/admin/access-requests/{req.id}",
                                     data={"decision": "approve"})
    session.expire_all()
    assert enrolled.totp_secret is None


def test_a_pending_password_keeps_only_a_hash_and_drops_it_once_decided(
        app: Flask, client: FlaskClient, session: Any, users: Any) -> None:
    signed_in(app, users.admin).post(f"/staff/admin/users/{users.auditor.id}",
                                     data={"password": "senha-do-admin-1"})
    req = session.scalar(select(AccessRequest))
    assert "senha-do-admin-1" not in json.dumps(req.payload)
    assert req.payload["password_hash"].startswith("$argon2")
    assert not can_read_cases(app, users.auditor.email, "senha-do-admin-1")
    four_eyes.decide(session, req, users.president, approve=True)
    assert req.payload == {}
    assert can_read_cases(app, users.auditor.email, "senha-do-admin-1")


def test_the_command_line_still_creates_the_first_accounts_directly(app: Flask,
                                                                     session: Any) -> None:
    result = app.test_cli_runner().invoke(args=[
        "cicdr", "create-user", "--email", "first@cicdr.pt", "--role", "admin",
        "--password", "primeira-senha-1"])
    assert result.exit_code == 0, result.output
    user = session.scalar(select(User).where(User.email == "first@cicdr.pt"))
    assert user.active and four_eyes.pending(session) == []
