"""Private pages are never stored by the browser; every render of a case is a read on record,
a form shown again with an error included."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from cicdr.models import AuditEvent
from cicdr.services.audit import access
from cicdr.services.engine.transition import fire
from tests import factories
from tests.conftest import AuthActions
from tests.web.test_sessions import filed, follow  # noqa: F401  (fixture)


def reads(session: Any, complaint: Any) -> list[dict[str, Any]]:
    return [json.loads(e.data) for e in session.scalars(select(AuditEvent).where(
        AuditEvent.action == access.VIEW, AuditEvent.subject_id == complaint.id)
        .order_by(AuditEvent.seq))]


def test_staff_pages_and_sign_in_are_not_stored(client: FlaskClient, session: Any,
                                                auth: AuthActions) -> None:
    assert client.get("/staff/login").headers["Cache-Control"] == "no-store"
    complaint = factories.complaint(session)
    auth.login_as("officer")
    for path in ("/staff/my-work", "/staff/cases", f"/staff/complaints/{complaint.reference}",
                 "/staff/account", "/staff/no-such-page"):
        response = client.get(path)
        assert response.headers.get("Cache-Control") == "no-store", (path, response.status)


def test_the_follow_up_and_the_form_are_not_stored(client: FlaskClient, session: Any,
                                                   filed: Any) -> None:  # noqa: F811
    complaint, code = filed
    for path in ("/follow", "/complaint", "/complaint/about-you"):
        assert client.get(path).headers.get("Cache-Control") == "no-store", path
    follow(client, complaint, code)
    page = client.get("/follow/case")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    exited = client.post("/follow/leave")
    assert exited.headers["Cache-Control"] == "no-store"


def test_public_information_pages_may_be_cached(client: FlaskClient, session: Any) -> None:
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")


@pytest.mark.parametrize(("path", "data", "status"), [
    ("actions/archive", {}, 422),  # no reason chosen: the action form again, with the case
    ("messages", {"message-body": ""}, 422),  # an empty message
    ("referrals", {"body": "", "purpose": ""}, 422),  # a referral without its fields
])
def test_a_case_shown_again_on_a_form_error_is_a_read_on_record(
        client: FlaskClient, session: Any, auth: AuthActions, path: str,
        data: dict[str, str], status: int) -> None:
    complaint = factories.complaint(session)
    fire(session, complaint, "start_triage", auth.staff.officer, today=date(2026, 3, 11))
    auth.login_as("officer")
    response = client.post(f"/staff/complaints/{complaint.reference}/{path}", data=data)
    assert response.status_code == status
    assert complaint.reference in response.get_data(as_text=True)  # the case's contents
    assert reads(session, complaint) == [{
        "endpoint": f"/staff/complaints/{complaint.reference}/{path}", "status": status}]


def test_an_ordinary_case_read_is_recorded_once(client: FlaskClient, session: Any,
                                                auth: AuthActions) -> None:
    complaint = factories.complaint(session)
    auth.login_as("commissioner")
    assert client.get(f"/staff/complaints/{complaint.reference}").status_code == 200
    assert reads(session, complaint) == [
        {"endpoint": f"/staff/complaints/{complaint.reference}"}]
