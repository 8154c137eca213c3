"""The public form's "I can identify the officer": the respondent is then the officer, a natural
person named with force, unit and number (domain.md 3.1), not the force."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import select

from cicdr.extensions import limiter
from cicdr.models import Complaint
from tests.web.test_complaint_form import (
    ABOUT,
    FACTS,
    PEOPLE,
    WHO,
    WHY,
    errors,
    post,
    receipt,
    submit,
)

OFFICER = {**WHO, "respondents-0-identified": "y", "respondents-0-name": "Agente Rui Matos",
           "respondents-0-officer_identification": "148233"}


def test_the_checkbox_is_offered_with_the_police_details(client: FlaskClient) -> None:
    page = client.get("/complaint/who-did-it?lang=en").get_data(as_text=True)
    assert "I can identify the officer" in page
    assert 'name="respondents-0-identified"' in page


def test_an_identified_officer_needs_a_name_or_a_number(client: FlaskClient,
                                                        session: Any) -> None:
    limiter.reset()
    client.get("/?lang=en")
    response = post(client, "who-did-it", {**OFFICER, "respondents-0-name": "",
                                            "respondents-0-officer_identification": ""})
    assert response.status_code == 422
    assert "Give the officer's name or number." in errors(response)


def test_the_identified_officer_is_filed_as_a_natural_person(client: FlaskClient,
                                                              session: Any) -> None:
    limiter.reset()
    client.get("/?lang=pt")
    for step, data in (("about-you", ABOUT), ("what-happened", FACTS), ("why", WHY),
                       ("who-did-it", OFFICER), ("people", PEOPLE), ("evidence", {})):
        response = post(client, step, data)
        assert response.status_code == 302, (step, errors(response))
    assert submit(client).status_code == 302
    reference, _code = receipt(client)
    complaint = session.scalar(select(Complaint).where(Complaint.reference == reference))
    (officer,) = complaint.respondents
    assert (officer.kind, officer.person, officer.name, officer.security_force, officer.unit,
            officer.officer_identification) == (
        "security_officer", "natural", "Agente Rui Matos", "psp", "Esquadra da Reboleira",
        "148233")
    assert complaint.is_police_related and complaint.police_forces == frozenset({"psp"})
