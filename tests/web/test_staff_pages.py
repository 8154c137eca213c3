"""Staff login, default-deny, the case list and case pages with their action forms."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from cicdr.services.casework.referrals import draft_referral
from cicdr.services.engine.transition import fire
from tests import factories
from tests.conftest import AuthActions
from tests.web.confirming import post_confirmed

CASE_READERS = ("officer", "president", "commissioner", "auditor")


def staff_routes(app: Flask) -> list[str]:
    return sorted(r.rule for r in app.url_map.iter_rules()
                  if r.rule.startswith("/staff") and r.endpoint.startswith("workspace."))


def test_every_staff_page_refuses_anonymous_visitors(app: Flask, client: FlaskClient) -> None:
    for rule in staff_routes(app):
        url = re.sub(r"<int:[a-z_]+>", "1", rule.replace("<kind>", "complaints")
                     .replace("<key>", "QN-2026-00001").replace("<trigger>", "assign"))
        url = re.sub(r"<[a-z_]+>", "x", url)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code in (302, 405), (method, url)
            if response.status_code == 302:
                assert "/staff/login" in response.headers["Location"]


def test_the_admin_never_sees_case_contents(session: Any, auth: AuthActions,
                                            client: FlaskClient) -> None:
    c = factories.complaint(session)
    auth.login_as("admin")
    assert client.get("/staff/cases").status_code == 403
    assert client.get(f"/staff/complaints/{c.reference}").status_code == 403


def test_a_wrong_password_is_refused_with_a_message_and_keeps_the_email(
        client: FlaskClient, users: Any) -> None:
    response = client.post("/staff/login?lang=en", data={"email": users.officer.email,
                                                         "password": "wrong password"})
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "E-mail or password is not right." in body
    assert users.officer.email in body


def test_login_and_logout(client: FlaskClient, auth: AuthActions) -> None:
    assert auth.login_as("officer").status_code == 302
    assert client.get("/staff/cases").status_code == 200
    client.post("/staff/logout")
    assert client.get("/staff/cases").status_code == 302


@pytest.mark.parametrize("role", CASE_READERS)
def test_case_readers_see_the_case_list_and_case_page(session: Any, auth: AuthActions,
                                                      client: FlaskClient, role: str) -> None:
    c = factories.complaint(session, police=True)
    auth.login_as(role)
    listing = client.get("/staff/cases").get_data(as_text=True)
    assert c.reference in listing
    page = client.get(f"/staff/complaints/{c.reference}").get_data(as_text=True)
    assert "Esquadra da Amadora" in page and "received" in page
    assert "Prescription" in page and "2029-03-02" in page  # legal person: 3 years
    assert "submit" in page  # the timeline


def test_the_officer_sees_allowed_actions_as_forms_and_blocked_ones_with_reasons(
        session: Any, auth: AuthActions, client: FlaskClient) -> None:
    c = factories.complaint(session)
    auth.login_as("officer")
    page = client.get(f"/staff/complaints/{c.reference}").get_data(as_text=True)
    assert "Start triage" in page
    assert f"/staff/complaints/{c.reference}/actions/start_triage" in page
    assert "Only the president may do this." not in page or "Reopen" not in page
    response = client.post(f"/staff/complaints/{c.reference}/actions/start_triage",
                           data={"start_triage-version": c.version})
    assert response.status_code == 302
    page = client.get(f"/staff/complaints/{c.reference}").get_data(as_text=True)
    assert "Open a proceeding</strong>: Only the president may do this." in page


def test_an_action_with_missing_data_says_what_to_fix_and_keeps_the_input(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    c = factories.complaint(session)
    fire(session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    auth.login_as("officer")
    response = client.post(f"/staff/complaints/{c.reference}/actions/archive",
                           data={"archive-version": c.version, "archive-reason": "já tratado"})
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "This field is required." in body and "já tratado" in body


def test_a_stale_form_is_refused_as_a_conflict(session: Any, users: Any, auth: AuthActions,
                                               client: FlaskClient) -> None:
    c = factories.complaint(session)
    stale = c.version
    fire(session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    auth.login_as("officer")
    response = client.post(f"/staff/complaints/{c.reference}/actions/archive",
                           data={"archive-version": stale, "archive-reason_code": "duplicate"})
    assert response.status_code == 409
    assert "changed by someone else" in response.get_data(as_text=True)


def test_an_officer_drafts_a_referral_and_the_president_approves_it(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    c = factories.complaint(session)
    fire(session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    auth.login_as("officer")
    response = client.post(f"/staff/complaints/{c.reference}/referrals",
                           data={"body": "mp", "purpose": "prosecutor",
                                 "summary": "Possível crime (art. 240 CP)."})
    assert response.status_code == 302
    client.post("/staff/logout")
    auth.login_as("president")
    session.refresh(c)
    response = post_confirmed(client,
                              f"/staff/complaints/{c.reference}/actions/refer_to_prosecutor",
                              data={"refer_to_prosecutor-version": c.version})
    assert response.status_code == 302
    session.refresh(c)
    assert c.state == "referred_to_prosecutor"


def test_a_commissioner_is_refused_an_out_of_bounds_fine_with_the_bounds_shown(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    c = factories.complaint(session, respondent_kind="natural_person")
    fire(session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    fire(session, c, "open_proceeding", users.president, today=date(2026, 3, 12),
         instructor=users.officer.id)
    p = c.proceeding
    factories.write_accusations(session, p, users.officer)
    for trig, data in [("start_instruction", {}), ("notify_accusation",
                                                    {"notified_on": "2026-03-16"}),
                       ("record_defence", {"received_on": "2026-03-20", "summary": "Nega."}),
                       ("close_instruction", {}), ("submit_report", {"proposal": "Coima."})]:
        fire(session, p, trig, users.officer, today=date(2026, 3, 25), **data)
    auth.login_as("commissioner")
    rid = p.respondents[0].id
    form = {"decide-version": p.version, "decide-decided_on": "2026-04-01",
            f"decide-decision-{rid}-outcome": "fine", f"decide-decision-{rid}-amount": "6000"}
    response = client.post(f"/staff/proceedings/{p.reference}/actions/decide", data=form)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "between EUR 537.13 and EUR 5,371.30" in body
    assert 'value="6000"' in body
    form[f"decide-decision-{rid}-amount"] = "800"
    assert post_confirmed(client, f"/staff/proceedings/{p.reference}/actions/decide",
                          data=form).status_code == 302
    session.refresh(p)
    assert p.state == "decided"


def test_attachments_download_as_files_never_inline(session: Any, auth: AuthActions,
                                                    client: FlaskClient) -> None:
    from cicdr.services.intake.registration import UploadedFile

    c = factories.complaint(session, files=[UploadedFile("x.html", "text/html",
                                                         b"<script>alert(1)</script>")])
    auth.login_as("officer")
    page = client.get(f"/staff/complaints/{c.reference}").get_data(as_text=True)
    assert "x.html" in page
    from cicdr.models import Attachment

    (attachment,) = session.scalars(select(Attachment).where(Attachment.complaint_id == c.id))
    response = client.get(f"/staff/files/{attachment.id}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.mimetype == "application/octet-stream"


def test_referral_pages_show_state_and_actions(session: Any, users: Any, auth: AuthActions,
                                               client: FlaskClient) -> None:
    c = factories.complaint(session, police=True)
    r = draft_referral(session, c, body="igai", purpose="disciplinary", actor=users.officer,
                       summary="Conduta policial.")
    auth.login_as("officer")
    page = client.get(f"/staff/referrals/{r.id}").get_data(as_text=True)
    assert "IGAI" in page and "Send" in page


def test_unknown_cases_and_actions_answer_404_not_500(auth: AuthActions,
                                                      client: FlaskClient) -> None:
    auth.login_as("officer")
    assert client.get("/staff/complaints/QN-1999-00001").status_code == 404
    assert client.get("/staff/nothing/1").status_code == 404
    assert client.get("/staff/referrals/abc").status_code == 404
    assert client.get("/staff/cases?kind=nothing").status_code == 404


def test_a_missing_stored_file_is_explained_not_a_500(app: Flask, session: Any,
                                                      auth: AuthActions,
                                                      client: FlaskClient) -> None:
    from cicdr.services.core.storage import BlobStore
    from cicdr.services.intake.registration import UploadedFile

    factories.complaint(session, files=[UploadedFile("foto.png", "image/png", b"lost bytes")])
    from cicdr.models import Attachment

    attachment = session.scalars(select(Attachment)).one()
    BlobStore(app.config["BLOB_DIR"]).path(attachment.sha256).unlink()
    auth.login_as("officer")
    response = client.get(f"/staff/files/{attachment.id}")
    assert response.status_code == 404
    assert "stored file is missing" in response.get_data(as_text=True)
