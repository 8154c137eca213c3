"""The administrator runs accounts (audited) and never reaches case contents."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from cicdr.models import AuditEvent, User
from cicdr.services import audit
from cicdr.services.admin import four_eyes
from tests import factories
from tests.conftest import AuthActions


def approve_all(session: Any, decider: User) -> None:
    """A second person (here the president) approves every waiting access request."""
    for req in four_eyes.pending(session):
        four_eyes.decide(session, req, decider, approve=True)
    session.expire_all()


def test_the_admin_lands_on_the_accounts_and_creates_one(client: FlaskClient, session: Any,
                                                         auth: AuthActions) -> None:
    response = auth.login_as("admin")
    assert response.location.endswith("/staff/admin/users")
    refused = client.post("/staff/admin/users", data={"email": "nova@cicdr.pt", "name": "Nova",
                                                      "role": "officer", "password": "curta"})
    assert refused.status_code == 422
    body = refused.get_data(as_text=True)
    assert "Use at least 10 characters." in body and 'value="nova@cicdr.pt"' in body
    client.post("/staff/admin/users", data={"email": "nova@cicdr.pt", "name": "Nova",
                                            "role": "officer", "password": "uma-boa-senha-1"})
    created = session.scalar(select(User).where(User.email == "nova@cicdr.pt"))
    assert created.role == "officer" and not created.active  # an officer reads cases: 4 eyes
    approve_all(session, auth.staff.president)
    assert created.role == "officer" and created.active
    event = session.scalar(select(AuditEvent).where(AuditEvent.subject_ref == "nova@cicdr.pt"))
    assert (event.action, event.actor_id) == ("create_user", auth.staff.admin.id)


def test_role_changes_deactivation_and_resets_are_audited(client: FlaskClient, session: Any,
                                                         auth: AuthActions) -> None:
    officer = auth.staff.officer
    auth.login_as("admin")
    client.post(f"/staff/admin/users/{officer.id}", data={"role": "president", "active": "no"})
    client.post(f"/staff/admin/users/{officer.id}", data={"password": "outra-senha-boa"})
    session.expire_all()
    # Deactivation applies at once; the new role and the new password wait for a second person.
    assert (officer.role, officer.active) == ("officer", False)
    approve_all(session, auth.staff.president)
    assert (officer.role, officer.active) == ("president", False)
    events = session.scalars(select(AuditEvent).where(
        AuditEvent.subject_type == "user", AuditEvent.subject_id == officer.id,
        AuditEvent.action != "create_user").order_by(AuditEvent.seq)).all()
    assert [e.action for e in events] == ["request_access", "update_user", "request_access",
                                          "approve_access", "approve_access"]
    assert json.loads(events[1].data) == {"active": {"new": False, "old": True}}
    assert json.loads(events[0].data)["role"] == {"new": "president", "old": "officer"}
    assert [json.loads(e.data)["kind"] for e in events[3:]] == ["role", "password"]
    assert all("outra-senha" not in e.data and "argon2" not in e.data for e in events)
    assert audit.verify(session).ok
    client.post("/staff/logout")
    deactivated = client.post("/staff/login", data={"email": officer.email,
                                                    "password": "outra-senha-boa"})
    assert deactivated.status_code == 400  # a deactivated account cannot sign in


def test_the_admin_cannot_lock_themself_out(client: FlaskClient, session: Any,
                                            auth: AuthActions) -> None:
    admin = auth.staff.admin
    auth.login_as("admin")
    response = client.post(f"/staff/admin/users/{admin.id}", data={"role": "admin",
                                                                   "active": "no"})
    assert response.status_code == 422
    session.expire_all()
    assert admin.active


def test_the_admin_gets_403_on_every_case_page_and_file(client: FlaskClient, session: Any,
                                                        auth: AuthActions) -> None:
    complaint = factories.complaint(session)
    auth.login_as("admin")
    for url in (f"/staff/complaints/{complaint.reference}", "/staff/cases", "/staff/files/1",
                f"/staff/complaints/{complaint.reference}/data-export.json",
                f"/staff/audit/cases/complaints/{complaint.reference}"):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("role", ["officer", "president", "commissioner", "auditor"])
def test_only_the_admin_manages_accounts(client: FlaskClient, session: Any, auth: AuthActions,
                                         role: str) -> None:
    auth.login_as(role)
    assert client.get("/staff/admin/users").status_code == 403
