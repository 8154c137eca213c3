"""Bulk actions on the complaint list: assign many to an officer, join many into one
proceeding; all or nothing, every refusal named with its reason, roles enforced."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from cicdr.models import AuditEvent, Complaint, Proceeding
from cicdr.services.casework import bulk
from cicdr.services.engine.transition import fire
from tests import factories
from tests.conftest import AuthActions
from tests.web.confirming import post_confirmed

DAY = date(2026, 3, 11)


def triaged(session: Any, users: Any, **kwargs: Any) -> Complaint:
    c = factories.complaint(session, **kwargs)
    fire(session, c, "start_triage", users.officer, today=DAY)
    return c


def form(*complaints: Complaint, **data: Any) -> dict[str, Any]:
    values: dict[str, Any] = {"ids": [str(c.id) for c in complaints],
                              "list": "district=lisboa&sort=reference"}
    values.update({f"version-{c.id}": str(c.version) for c in complaints})
    values.update(data)
    return values


def events(session: Any) -> int:
    return session.scalar(select(func.count(AuditEvent.seq)).where(
        ~AuditEvent.action.startswith("access."))) or 0


def test_an_officer_assigns_several_complaints_at_once(session: Any, client: FlaskClient,
                                                       auth: AuthActions, users: Any) -> None:
    a, b = factories.complaint(session), triaged(session, users)
    auth.login_as("officer")
    response = client.post("/staff/cases/bulk/assign",
                           data=form(a, b, assignee=str(users.officer2.id)))
    assert response.status_code == 302
    assert "district=lisboa" in response.headers["Location"]  # back to the same list
    assert "sort=reference" in response.headers["Location"]
    for c in (a, b):
        session.refresh(c)
        assert c.assignee_id == users.officer2.id
    assigned = session.scalars(select(AuditEvent).where(AuditEvent.action == "assign")).all()
    assert sorted(e.subject_ref for e in assigned) == [a.reference, b.reference]
    assert all(e.actor_id == users.officer.id for e in assigned)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "2 complaints assigned to Officer2." in page


def test_an_assignment_is_all_or_nothing_and_names_every_refusal(
        session: Any, client: FlaskClient, auth: AuthActions, users: Any) -> None:
    fine = factories.complaint(session)
    archived = factories.complaint(session)
    factories.archive_as_duplicate(session, archived, users.officer, today=DAY)
    changed = factories.complaint(session)
    stale = form(changed)[f"version-{changed.id}"]
    fire(session, changed, "start_triage", users.officer, today=DAY)
    before = events(session)
    auth.login_as("officer")
    data = form(fine, archived, changed, assignee=str(users.officer2.id))
    data[f"version-{changed.id}"] = stale
    response = client.post("/staff/cases/bulk/assign", data=data)
    assert response.status_code == 409
    body = response.get_data(as_text=True)
    assert "Nothing was changed" in body
    assert f"<strong>{archived.reference}</strong>: Not possible while the complaint is " \
           "archived." in body
    assert f"<strong>{changed.reference}</strong>: It was changed by someone else" in body
    assert f"<strong>{fine.reference}</strong>" not in body  # only the refused are listed
    assert f'value="{fine.id}" id="select-{fine.id}" checked' in body  # selection kept
    assert events(session) == before
    session.expire_all()
    assert session.scalar(select(func.count(Complaint.id)).where(
        Complaint.assignee_id.is_not(None))) == 0


def test_an_assignment_needs_an_active_officer(session: Any, client: FlaskClient,
                                               auth: AuthActions, users: Any) -> None:
    a = factories.complaint(session)
    auth.login_as("officer")
    for assignee in ("", str(users.president.id), "nobody"):
        response = client.post("/staff/cases/bulk/assign", data=form(a, assignee=assignee))
        assert response.status_code == 422
        assert "Choose an active officer as assignee." in response.get_data(as_text=True)
    response = client.post("/staff/cases/bulk/assign",
                           data={"assignee": str(users.officer.id), "list": ""})
    assert response.status_code == 422
    assert "Select at least one complaint." in response.get_data(as_text=True)


def test_the_president_joins_complaints_into_a_new_proceeding(
        session: Any, client: FlaskClient, auth: AuthActions, users: Any) -> None:
    a, b = triaged(session, users), triaged(session, users, respondent_kind="natural_person")
    auth.login_as("president")
    response = post_confirmed(client, "/staff/cases/bulk/join",
                              data=form(b, a, instructor=str(users.officer.id)))
    assert response.status_code == 302
    (p,) = session.scalars(select(Proceeding)).all()
    for c in (a, b):
        session.refresh(c)
        assert (c.state, c.proceeding_id) == ("proceeding_opened", p.id)
    assert p.instructor_id == users.officer.id and len(p.respondents) == 2
    actions = [(e.subject_ref, e.action) for e in session.scalars(
        select(AuditEvent).where(AuditEvent.subject_type == "proceeding")
        .order_by(AuditEvent.seq))]
    assert actions == [(p.reference, "open"), (p.reference, "join_complaint")]
    opened = session.scalar(select(AuditEvent).where(AuditEvent.action == "open"))
    assert f'"complaint":"{a.reference}"' in opened.data  # the oldest opens it


def test_the_president_joins_complaints_into_an_existing_proceeding(
        session: Any, client: FlaskClient, auth: AuthActions, users: Any) -> None:
    first = triaged(session, users)
    fire(session, first, "open_proceeding", users.president, today=DAY,
         instructor=users.officer.id)
    others = [triaged(session, users), triaged(session, users)]
    auth.login_as("president")
    ref = first.proceeding.reference.lower()  # typed any way
    response = post_confirmed(client, "/staff/cases/bulk/join",
                              data=form(*others, proceeding=ref))
    assert response.status_code == 302
    session.expire_all()
    assert {c.proceeding_id for c in others} == {first.proceeding_id}


def test_a_join_is_all_or_nothing_and_says_why(session: Any, client: FlaskClient,
                                               auth: AuthActions, users: Any) -> None:
    ready = triaged(session, users)
    untriaged = factories.complaint(session)
    police = triaged(session, users, police=True)  # no disciplinary referral yet
    before = events(session)
    auth.login_as("president")
    response = client.post("/staff/cases/bulk/join",
                           data=form(ready, untriaged, police, instructor=str(users.officer.id)))
    assert response.status_code == 409
    body = response.get_data(as_text=True)
    assert f"<strong>{untriaged.reference}</strong>: Not possible while the complaint is " \
           "received." in body
    assert f"<strong>{police.reference}</strong>: A complaint against a security force " \
           "cannot leave triage" in body
    assert events(session) == before
    assert session.scalar(select(func.count(Proceeding.id))) == 0
    session.refresh(ready)
    assert ready.state == "triage"


@pytest.mark.parametrize(("data", "message"), [
    ({}, "Give either an existing proceeding to join or the instructor of a new one"),
    ({"proceeding": "PCO-2026-0099"}, "There is no proceeding PCO-2026-0099 open for joining"),
    ({"instructor": "commissioner"}, "Choose an active officer as instructor."),
])
def test_a_join_needs_a_proceeding_or_an_instructor(session: Any, client: FlaskClient,
                                                    auth: AuthActions, users: Any,
                                                    data: dict[str, str], message: str) -> None:
    c = triaged(session, users)
    auth.login_as("president")
    response = client.post("/staff/cases/bulk/join", data=form(c, **data))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


@pytest.mark.parametrize(("role", "path"), [
    ("president", "assign"), ("commissioner", "assign"), ("auditor", "assign"),
    ("officer", "join"), ("commissioner", "join"), ("auditor", "join"), ("admin", "join"),
])
def test_bulk_actions_refuse_other_roles(session: Any, client: FlaskClient, auth: AuthActions,
                                         users: Any, role: str, path: str) -> None:
    c = triaged(session, users)
    auth.login_as(role)
    response = client.post(f"/staff/cases/bulk/{path}",
                           data=form(c, assignee=str(users.officer.id),
                                     instructor=str(users.officer.id)))
    assert response.status_code == 403
    session.refresh(c)
    assert (c.state, c.assignee_id) == ("triage", None)


def test_join_into_proceeding_is_a_service_for_other_pages(session: Any, users: Any) -> None:
    a, b = triaged(session, users), triaged(session, users)
    p = bulk.join_into_proceeding(session, [b, a], users.president,
                                  instructor_id=users.officer2.id, today=DAY)
    assert p.reference == "PCO-2026-0001" and p.instructor_id == users.officer2.id
    assert [c.reference for c in p.complaints] == [a.reference, b.reference]
    with pytest.raises(bulk.Refused) as refused:
        bulk.join_into_proceeding(session, [a], users.president, proceeding_ref=p.reference)
    assert refused.value.refusals == [bulk.Refusal(
        a.reference, "Not possible while the complaint is proceeding opened.")]
