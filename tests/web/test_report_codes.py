"""What the annual report counts, collected on the public form, in staff entry and editing
(victim kind, an individual's sex, the coded expression), and incidents (issue 13)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from cicdr.extensions import db, limiter
from cicdr.models import AuditEvent, Complaint
from tests import factories
from tests.web.test_complaint_form import ABOUT, FACTS, PEOPLE, WHO, WHY, errors, post, submit


@pytest.fixture(autouse=True)
def _fresh_limits() -> None:
    limiter.reset()


def _file(client: FlaskClient, why: dict[str, Any], prefix: str = "/complaint",
          about: dict[str, Any] | None = None) -> Complaint:
    for step, data in (("about-you", about or ABOUT), ("what-happened", FACTS), ("why", why),
                       ("who-did-it", WHO), ("people", PEOPLE), ("evidence", {})):
        response = post(client, step, data, prefix=prefix)
        assert response.status_code == 302, (step, errors(response))
    assert submit(client, prefix=prefix).status_code == 302
    found = db.session.scalars(select(Complaint).order_by(Complaint.id.desc())).first()
    assert found is not None
    return found


def test_the_public_form_stores_the_victim_kind_sex_and_expression_codes(
        client: FlaskClient, session: Any) -> None:
    page = client.get("/complaint/why?lang=en").get_data(as_text=True)
    assert "I prefer not to say" in page and "Brazilian nationality" in page
    complaint = _file(client, {**WHY, "victim_kind": "individual", "victim_sex": "female",
                               "expression_code": "black_african_descent"})
    assert (complaint.victim_kind, complaint.victim_sex, complaint.expression) == (
        "individual", "female", "black_african_descent")
    assert complaint.grounds[0].expression or complaint.grounds[1].expression  # free text kept


def test_prefer_not_to_say_stores_nothing_and_an_individual_of_unknown_sex(
        client: FlaskClient, session: Any) -> None:
    silent = _file(client, {**WHY, "victim_kind": "", "victim_sex": "", "expression_code": ""})
    assert (silent.victim_kind, silent.victim_sex, silent.expression) == (None, None, None)
    limiter.reset()
    unsaid = _file(client, {**WHY, "victim_kind": "individual"})
    assert (unsaid.victim_kind, unsaid.victim_sex) == ("individual", "unknown")


def test_a_group_has_no_sex_and_an_unknown_code_is_refused(client: FlaskClient,
                                                           session: Any) -> None:
    response = post(client, "why", {**WHY, "expression_code": "martian"})
    assert response.status_code == 422
    assert errors(response) == ["Escolha inválida."]  # WTForms' message, in Portuguese
    group = _file(client, {**WHY, "victim_kind": "group", "victim_sex": "male",
                           "expression_code": "roma"})
    assert (group.victim_kind, group.victim_sex, group.expression) == ("group", None, "roma")


def test_staff_entry_stores_the_codes_too(client: FlaskClient, session: Any,
                                          auth: Any) -> None:
    auth.login_as("officer")
    complaint = _file(client, {**WHY, "victim_kind": "community",
                               "expression_code": "brazilian_nationality"},
                      prefix="/staff/new-complaint", about={**ABOUT, "channel": "post"})
    assert (complaint.channel, complaint.victim_kind, complaint.expression) == (
        "post", "community", "brazilian_nationality")
    page = client.get(f"/staff/complaints/{complaint.reference}").get_data(as_text=True)
    assert "Comunidade" in page and "Nacionalidade brasileira" in page


def _classify(client: FlaskClient, c: Complaint, **report: str) -> Any:
    data = {"classify-version": str(c.version), "classify-facts_date": "2026-03-02",
            "classify-district": "lisboa", "classify-place": "Amadora",
            "classify-context": "housing", "classify-practice": "c",
            "classify-ground_racial_ethnic_origin": "y",
            "classify-expression_racial_ethnic_origin": "cigano",
            **{f"classify-{k}": v for k, v in report.items()}}
    return client.post(f"/staff/complaints/{c.reference}/classification", data=data)


def test_staff_editing_changes_the_codes_audited_field_by_field(client: FlaskClient,
                                                                session: Any,
                                                                auth: Any) -> None:
    c = factories.complaint(session)
    auth.login_as("officer")
    response = _classify(client, c, victim_kind="individual", victim_sex="male",
                         expression="roma")
    assert response.status_code == 302
    session.refresh(c)
    assert (c.victim_kind, c.victim_sex, c.expression) == ("individual", "male", "roma")
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "classify")).one()
    assert json.loads(event.data)["changes"] == {
        "victim_kind": {"old": None, "new": "individual"},
        "victim_sex": {"old": None, "new": "male"},
        "expression": {"old": None, "new": "roma"}}
    assert _classify(client, c, victim_kind="tribe").status_code == 422


def test_incidents_group_complaints_and_are_audited(client: FlaskClient, session: Any,
                                                    auth: Any) -> None:
    first, second = factories.complaint(session), factories.complaint(session)
    auth.login_as("officer")
    url = f"/staff/complaints/{first.reference}/incident"
    assert client.post(url, data={"how": "new", "label": ""}).status_code == 422
    assert client.post(url, data={"how": "join", "number": "999"}).status_code == 422
    assert client.post(url, data={"how": "new", "label": "Vídeo viral de 3 de maio"}
                       ).status_code == 302
    session.refresh(first)
    number = first.incident_id
    assert number is not None and first.incident.label == "Vídeo viral de 3 de maio"
    # the second complaint joins it by number; then through "same incident" nothing changes
    assert client.post(f"/staff/complaints/{second.reference}/incident",
                       data={"how": "join", "number": f"#{number}"}).status_code == 302
    assert client.post(url, data={"how": "same", "other": second.reference}).status_code == 302
    session.refresh(second)
    assert second.incident_id == number
    events = session.scalars(select(AuditEvent).where(AuditEvent.action == "set_incident")
                             .order_by(AuditEvent.seq)).all()
    assert [(e.subject_ref, json.loads(e.data)["changes"]["incident"]) for e in events] == [
        (first.reference, {"old": None, "new": number}),
        (second.reference, {"old": None, "new": number})]
    history = client.get(f"/staff/complaints/{second.reference}").get_data(as_text=True)
    assert f"put the complaint in incident {number}" in history
    assert client.post(url, data={"how": "leave"}).status_code == 302
    session.refresh(first)
    assert first.incident_id is None


def test_a_possible_duplicate_can_be_marked_as_the_same_incident(client: FlaskClient,
                                                                 session: Any,
                                                                 auth: Any) -> None:
    first, second = factories.complaint(session), factories.complaint(session)
    auth.login_as("president")
    page = client.get(f"/staff/complaints/{first.reference}").get_data(as_text=True)
    assert f"Same incident<span class=\"visually-hidden\"> as {second.reference}" in page
    response = client.post(f"/staff/complaints/{first.reference}/incident",
                           data={"how": "same", "other": second.reference})
    assert response.status_code == 302
    session.refresh(first)
    session.refresh(second)
    assert first.incident_id is not None and first.incident_id == second.incident_id
    assert first.incident.label == f"Ocorrência da queixa {first.reference}"
