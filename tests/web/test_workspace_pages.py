"""The staff workspace through HTTP: My work, classification, corrections, transfer, referral
approval with documents, decisions with accessory sanctions."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import select

from cicdr.models import Attachment, AuditEvent
from cicdr.services.casework.referrals import draft_referral
from cicdr.services.engine.transition import fire
from tests import factories
from tests.conftest import AuthActions
from tests.services.test_legal_paths import open_proceeding, triaged
from tests.web.confirming import post_confirmed

D = date


def page(client: FlaskClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def test_staff_land_on_my_work_and_overdue_deadlines_are_said_in_words(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    c = triaged(session, users)
    fire(session, c, "request_information", users.officer, today=date.today() - timedelta(30),
         question="Pode enviar fotografias?")
    response = auth.login_as("officer")
    assert response.headers["Location"].endswith("/staff/my-work")
    body = page(client, "/staff/my-work?lang=en")  # staff pages default to Portuguese
    assert c.reference in body and "Assigned to you (1)" in body
    assert "Waiting for you (1)" in body and "Record information received" in body
    assert "Overdue (1)" in body
    # The deadline by its name (issue 15: no code, not even `complainant information`).
    assert "OVERDUE by" in body and "complainant&#39;s answer" in body


def test_my_work_is_for_officers_president_and_commissioners_only(
        session: Any, auth: AuthActions, client: FlaskClient) -> None:
    for role, status in (("commissioner", 200), ("president", 200), ("auditor", 403)):
        auth.login_as(role)
        assert client.get("/staff/my-work").status_code == status, role
        client.post("/staff/logout")
    auth.login_as("officer")
    assert client.get("/staff/my-work?days=abc").status_code == 200  # ignored, default used
    assert client.get("/staff/my-work?days=9999").status_code == 400


def test_a_bad_classification_keeps_what_was_typed_and_says_what_to_fix(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    c = triaged(session, users)
    auth.login_as("officer")
    form = {"classify-version": c.version, "classify-facts_date": "2099-01-01",
            "classify-district": "lisboa", "classify-place": "Rua Nova, Amadora",
            "classify-context": "commerce", "classify-practice": "a"}
    response = client.post(f"/staff/complaints/{c.reference}/classification", data=form)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "cannot be in the future" in body or "Choose at least one ground" in body
    assert 'value="Rua Nova, Amadora"' in body
    form.update({"classify-facts_date": "2026-03-01", "classify-ground_colour": "y",
                 "classify-expression_colour": "negro"})
    response = client.post(f"/staff/complaints/{c.reference}/classification", data=form)
    assert response.status_code == 302
    session.refresh(c)
    assert (c.context, c.place, [g.ground for g in c.grounds]) == (
        "commerce", "Rua Nova, Amadora", ["colour"])
    stale = client.post(f"/staff/complaints/{c.reference}/classification", data=form)
    assert stale.status_code == 409 and "changed by someone else" in stale.get_data(as_text=True)


def test_an_officer_adds_the_police_as_respondent_from_the_complaint_page(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    c = triaged(session, users)
    auth.login_as("officer")
    bad = client.post(f"/staff/complaints/{c.reference}/respondents",
                      data={"respondent-new-version": c.version,
                            "respondent-new-kind": "security_force",
                            "respondent-new-unit": "Esquadra de Odivelas"})
    assert bad.status_code == 422 and "Choose which police force" in bad.get_data(as_text=True)
    assert 'value="Esquadra de Odivelas"' in bad.get_data(as_text=True)
    good = client.post(f"/staff/complaints/{c.reference}/respondents",
                       data={"respondent-new-version": c.version,
                             "respondent-new-kind": "security_force",
                             "respondent-new-security_force": "psp",
                             "respondent-new-unit": "Esquadra de Odivelas"})
    assert good.status_code == 302
    body = page(client, f"/staff/complaints/{c.reference}")
    assert "PSP · Esquadra de Odivelas" in body
    assert "A complaint against a security force cannot leave triage" in body  # blocked, why


def test_the_commissioner_sees_the_bounds_and_may_add_accessory_sanctions(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    c = triaged(session, users)  # a company
    p = open_proceeding(session, users, c)
    factories.write_accusations(session, p, users.officer)
    for trig, data in [("start_instruction", {}), ("notify_accusation",
                                                    {"notified_on": "2026-03-16"}),
                       ("record_defence", {"received_on": "2026-03-20", "summary": "Nega."}),
                       ("close_instruction", {}), ("submit_report", {"proposal": "Coima."})]:
        fire(session, p, trig, users.officer, today=D(2026, 3, 25), **data)
    rid = p.respondents[0].id
    auth.login_as("commissioner")
    body = page(client, f"/staff/proceedings/{p.reference}")
    assert "Fine between EUR 2,148.52 and EUR 10,742.60" in body
    key = f"decide-decision-{rid}"
    form = {"decide-version": p.version, "decide-decided_on": "2026-04-01",
            f"{key}-outcome": "fine", f"{key}-amount": "3000",
            f"{key}-acc-public_tenders_ban": "1",
            f"{key}-acc-loss_of_subsidies": "1", f"{key}-acc-loss_of_subsidies-months": "30"}
    refused = client.post(f"/staff/proceedings/{p.reference}/actions/decide", data=form)
    assert refused.status_code == 422
    text = refused.get_data(as_text=True)
    assert "needs a duration in months" in text and "at most 2 years" in text
    form.update({f"{key}-acc-public_tenders_ban-months": "12",
                 f"{key}-acc-loss_of_subsidies-months": "24"})
    assert post_confirmed(client, f"/staff/proceedings/{p.reference}/actions/decide",
                          data=form).status_code == 302
    session.refresh(p)
    assert p.state == "decided"
    assert p.respondents[0].accessory_list() == [
        {"kind": "loss_of_subsidies", "months": 24}, {"kind": "public_tenders_ban", "months": 12}]


def test_the_president_transfers_a_proceeding_and_the_officer_records_negligence(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    c = triaged(session, users, respondent_kind="natural_person")
    p = open_proceeding(session, users, c)
    auth.login_as("president")
    response = client.post(f"/staff/proceedings/{p.reference}/actions/transfer",
                           data={"transfer-version": p.version,
                                 "transfer-instructor": users.officer2.id,
                                 "transfer-reason": "Conflito de interesses."})
    assert response.status_code == 302
    session.refresh(p)
    assert p.instructor_id == users.officer2.id
    client.post("/staff/logout")
    auth.login_as("officer")
    rid = p.respondents[0].id
    response = client.post(f"/staff/proceedings/{p.reference}/respondents/{rid}",
                           data={f"arguido-{rid}-version": p.version,
                                 f"arguido-{rid}-name": p.respondents[0].name,
                                 f"arguido-{rid}-kind": "natural_person",
                                 f"arguido-{rid}-negligent": "y"})
    assert response.status_code == 302
    assert "EUR 268.57 and EUR 2,685.65" in page(client, f"/staff/proceedings/{p.reference}")


def test_the_president_approves_an_igai_referral_and_the_officer_sends_it_with_files(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    from cicdr.services.intake.registration import UploadedFile

    c = factories.complaint(session, police=True,
                            files=[UploadedFile("foto.png", "image/png", b"\x89PNG 1")])
    r = draft_referral(session, c, body="igai", purpose="disciplinary", actor=users.officer,
                       summary="Conduta policial.")
    auth.login_as("officer")
    body = page(client, f"/staff/referrals/{r.id}")
    assert "The president must approve this referral before it is sent." in body
    client.post("/staff/logout")
    auth.login_as("president")
    assert client.post(f"/staff/referrals/{r.id}/actions/approve",
                       data={"approve-version": r.version}).status_code == 302
    client.post("/staff/logout")
    auth.login_as("officer")
    photo = session.scalars(select(Attachment)).one()
    body = page(client, f"/staff/referrals/{r.id}")
    assert "foto.png (from the complainant)" in body  # offered as a document to send
    response = post_confirmed(client, f"/staff/referrals/{r.id}/actions/send",
                              data={"send-version": r.version, "send-sent_on": "2026-03-12",
                                    "send-channel": "email", "send-documents": str(photo.id)})
    assert response.status_code == 302, response.get_data(as_text=True).split("<main")[1][:1500]
    session.refresh(r)
    assert r.state == "sent" and [a.id for a in r.documents] == [photo.id]
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "send")).one()
    assert json.loads(event.data)["files"][0]["sha256"] == photo.sha256


def test_the_president_joins_possible_duplicates_into_one_proceeding(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    first = triaged(session, users, police=True)
    second = triaged(session, users, police=True, place="Amadora, estação")
    unrelated = triaged(session, users)
    for c in (first, second):
        factories.send_disciplinary_referral(session, c, users)
    auth.login_as("president")
    body = page(client, f"/staff/complaints/{first.reference}")
    assert "Possible duplicates (1)" in body and second.reference in body
    assert "Join into one proceeding" in body
    url = f"/staff/complaints/{first.reference}/duplicates/join"
    foreign = client.post(url, data={"ids": str(unrelated.id), "instructor": users.officer.id})
    assert foreign.status_code == 422
    assert "Tick possible duplicates from the list" in foreign.get_data(as_text=True)
    neither = client.post(url, data={"ids": str(second.id)})
    assert neither.status_code == 422 and "Give either an existing proceeding" in \
        neither.get_data(as_text=True)
    joined = post_confirmed(client, url, data={
        "ids": str(second.id), "instructor": users.officer2.id,
        f"version-{first.id}": first.version, f"version-{second.id}": second.version})
    assert joined.status_code == 302
    session.refresh(first)
    session.refresh(second)
    assert first.proceeding is not None and second.proceeding is first.proceeding
    assert first.proceeding.instructor_id == users.officer2.id
    assert unrelated.state == "triage"


def test_a_refused_join_changes_nothing_and_says_why(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    first = triaged(session, users, police=True)  # no disciplinary referral: guard refuses
    second = triaged(session, users, police=True)
    auth.login_as("president")
    response = client.post(f"/staff/complaints/{first.reference}/duplicates/join",
                           data={"ids": str(second.id), "instructor": users.officer.id})
    assert response.status_code == 409
    assert "disciplinary referral" in response.get_data(as_text=True)
    session.refresh(first)
    assert first.state == second.state == "triage" and first.proceeding is None


def test_a_proceeding_whose_ias_year_is_unknown_is_shown_with_the_reason(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    c = triaged(session, users, facts=D(2016, 5, 1))  # the IAS table starts in 2017
    p = open_proceeding(session, users, c)
    auth.login_as("officer")
    # My work no longer computes prescription (not stored: a Python loop over the caseload);
    # the case pages say why it is unknown, and the case list filters by it.
    for url in (f"/staff/proceedings/{p.reference}", f"/staff/complaints/{c.reference}"):
        body = page(client, url)
        assert "IAS for 2016 is not known" in body or "unknown (IAS" in body, url
