"""The administrator edits reference data: validated, audited, and followed by the legal core."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import delete, select

from cicdr.extensions import db
from cicdr.models import AuditEvent, IasValue, Setting, VocabularyTerm
from cicdr.services import audit
from cicdr.services.admin import reference_data
from cicdr.services.core import legal_tables
from cicdr.services.core.legal_tables import (
    current_tables,
    forget_cached_tables,
    settings_version,
)
from tests import factories
from tests.conftest import AuthActions
from workflows import deadlines, sanctions, vocabularies
from workflows.calendar import is_working_day


@pytest.fixture
def admin(client: FlaskClient, session: Any, auth: AuthActions,
          app: Flask) -> Iterator[FlaskClient]:
    """Signed in as the admin; the reference tables (kept between tests) are put back after."""
    terms = [{c.name: getattr(t, c.name) for c in VocabularyTerm.__table__.columns}
             for t in session.scalars(select(VocabularyTerm))]
    ias = {r.year: r.amount for r in session.scalars(select(IasValue))}
    auth.login_as("admin")
    yield client
    session.rollback()
    for model in (Setting, VocabularyTerm, IasValue):
        session.execute(delete(model))
    session.add_all(VocabularyTerm(**t) for t in terms)
    session.add_all(IasValue(year=y, amount=a) for y, a in ias.items())
    session.commit()
    forget_cached_tables()  # put back without bumping the counter: build them again


def events(session: Any) -> list[AuditEvent]:
    return list(session.scalars(select(AuditEvent).where(
        AuditEvent.subject_type == "reference").order_by(AuditEvent.seq)))


def test_an_ias_year_is_added_audited_and_sets_the_fine_bounds(admin: FlaskClient,
                                                                session: Any,
                                                                auth: AuthActions) -> None:
    with pytest.raises(sanctions.UnknownIASYear):
        sanctions.fine_bounds(2031, "natural", tables=current_tables(session))
    before = settings_version(session)
    response = admin.post("/staff/admin/reference/ias", data={"year": "2031",
                                                              "amount": "600,00"})
    assert response.status_code == 302
    admin.get("/staff/admin/reference/ias")  # any request of this process reloads the core
    # 4 x 600.00 = 2,400.00; 20 x 600.00 = 12,000.00.
    assert sanctions.fine_bounds(2031, "legal", tables=current_tables(session)) == (
        Decimal("2400.00"), Decimal("12000.00"))
    assert settings_version(session) == before + 1
    (event,) = events(session)
    assert (event.action, event.subject_ref, event.actor_id) == ("update_reference", "ias",
                                                                 auth.staff.admin.id)
    assert json.loads(event.data) == {"year": 2031,
                                      "changes": {"amount": {"old": None, "new": "600.00"}}}
    admin.post("/staff/admin/reference/ias", data={"year": "2031", "amount": "610.5"})
    assert json.loads(events(session)[-1].data)["changes"]["amount"] == {"old": "600.00",
                                                                         "new": "610.50"}
    assert audit.verify(session).ok


@pytest.mark.parametrize(("year", "amount", "message"), [
    ("2031", "0", "greater than 0"),
    ("2031", "-5", "greater than 0"),
    ("2031", "abc", "greater than 0"),
    ("2031", "537.125", "at most 2 decimal places"),
    ("2031", "100000000", "greater than 0"),
    ("1800", "500.00", "Enter a year from 2000 to 2100."),
    ("twenty", "500.00", "Enter a year from 2000 to 2100."),
])
def test_a_wrong_ias_says_what_to_fix_and_keeps_what_was_typed(
        admin: FlaskClient, session: Any, year: str, amount: str, message: str) -> None:
    response = admin.post("/staff/admin/reference/ias", data={"year": year, "amount": amount})
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and message in body
    assert f'value="{year}"' in body and f'value="{amount}"' in body
    assert events(session) == [] and session.get(IasValue, 2031) is None


def test_the_holiday_options_override_the_environment(admin: FlaskClient, session: Any) -> None:
    carnival_2027 = date(2027, 2, 9)
    assert is_working_day(carnival_2027, tables=current_tables(session))
    admin.post("/staff/admin/reference/calendar", data={"carnival": "yes", "lisbon": "no"})
    admin.get("/staff/admin/reference/calendar")
    options = current_tables(session).calendar
    assert options.carnival and not options.lisbon
    assert not is_working_day(carnival_2027, tables=current_tables(session))
    (event,) = events(session)
    assert json.loads(event.data) == {"changes": {"carnival": {"old": False, "new": True}}}
    page = admin.get("/staff/admin/reference/calendar").get_data(as_text=True)
    assert "stored in the database and override" in page


def test_a_deadline_kind_is_reconfigured_for_every_new_deadline(admin: FlaskClient,
                                                                 session: Any) -> None:
    assert deadlines.due_date("defence", date(2026, 3, 2),
                              tables=current_tables(session)) == date(2026, 3, 16)
    admin.post("/staff/admin/reference/deadlines", data={"kind": "defence", "length": "15",
                                                         "counting": "calendar"})
    admin.get("/staff/admin/reference/deadlines")
    tables = current_tables(session)
    assert (tables.rule("defence").length, tables.rule("defence").counting) == (15, "calendar")
    # 15 calendar days from Mon 2 March 2026: Tue 17 March.
    assert deadlines.due_date("defence", date(2026, 3, 2), tables=tables) == date(2026, 3, 17)
    (event,) = events(session)
    assert json.loads(event.data) == {"kind": "defence", "changes": {
        "counting": {"old": "working", "new": "calendar"}, "length": {"old": 10, "new": 15}}}


@pytest.mark.parametrize(("kind", "length", "counting", "message"), [
    ("defence", "0", "working", "must be a whole number greater than 0."),
    ("defence", "ten", "working", "Enter a whole number of days greater than 0."),
    ("defence", "99999", "working", "at most 3660 days"),
    ("defence", "10", "lunar", "must be &#39;working&#39; or &#39;calendar&#39;"),
    ("publication", "5", "working", "counted in years"),
    ("hearing", "5", "working", "Choose a deadline from the table."),
])
def test_a_wrong_deadline_rule_is_refused_with_the_reason(
        admin: FlaskClient, session: Any, kind: str, length: str, counting: str,
        message: str) -> None:
    response = admin.post("/staff/admin/reference/deadlines",
                          data={"kind": kind, "length": length, "counting": counting})
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    if kind == "defence":
        assert f'value="{length}"' in response.get_data(as_text=True)
    assert events(session) == []
    assert deadlines.rule("defence", tables=current_tables(session)).length == 10


def test_a_code_is_added_relabelled_and_deactivated(admin: FlaskClient, session: Any) -> None:
    url = "/staff/admin/reference/vocabularies/context"
    assert admin.post(url, data={"code": "nightlife", "label": "Vida noturna"}).status_code == 302
    admin.get(url)
    assert vocabularies.codes("context", tables=current_tables(session))[-1] == "nightlife"
    admin.post(f"{url}/nightlife", data={"label": "Diversão noturna", "position": "0",
                                         "active": "yes"})
    admin.get(url)
    assert vocabularies.codes("context", tables=current_tables(session))[0] == "nightlife"
    assert current_tables(session).labels("context")["nightlife"] == "Diversão noturna"
    admin.post(f"{url}/labour", data={"label": "Trabalho", "position": "6", "active": "no"})
    admin.get(url)
    assert "labour" not in vocabularies.codes("context", tables=current_tables(session))
    # old records keep it
    assert current_tables(session).labels("context")["labour"] == "Trabalho"
    changes = [json.loads(e.data) for e in events(session)]
    assert changes[1] == {"vocabulary": "context", "code": "nightlife", "changes": {
        "label": {"old": "Vida noturna", "new": "Diversão noturna"},
        "position": {"old": 16, "new": 0}}}
    assert changes[2]["changes"] == {"active": {"old": True, "new": False}}


def test_a_deactivated_code_is_refused_for_new_complaints(admin: FlaskClient,
                                                          session: Any) -> None:
    admin.post("/staff/admin/reference/vocabularies/district/faro",
               data={"label": "Faro", "position": "7", "active": "no"})
    admin.get("/staff/admin/reference")
    from cicdr.services.intake.registration import validate

    errors = validate(factories.new_complaint(district="faro"), date.today(),
                      current_tables(session))
    assert errors.get("district") == "Choose a value from the list."


def test_a_deactivated_code_is_no_longer_offered_on_the_public_form(
        admin: FlaskClient, session: Any) -> None:
    assert 'value="faro"' in admin.get("/complaint/what-happened").get_data(as_text=True)
    admin.post("/staff/admin/reference/vocabularies/district/faro",
               data={"label": "Faro", "position": "7", "active": "no"})
    admin.post("/staff/admin/reference/vocabularies/ground/language",
               data={"label": "Língua", "position": "6", "active": "no"})
    assert 'value="faro"' not in admin.get("/complaint/what-happened").get_data(as_text=True)
    why = admin.get("/complaint/why").get_data(as_text=True)
    assert 'value="language"' not in why and 'value="colour"' in why


@pytest.mark.parametrize(("vocabulary", "code", "label", "message"), [
    ("context", "Night Life", "x", "Use lowercase letters a-z, digits and _ only"),
    ("context", "", "x", "Use lowercase letters a-z, digits and _ only"),
    ("context", "commerce", "x", "context already has the code"),
    ("context", "nightlife", "  ", "Enter a label."),
    ("sex", "non_binary_person", "x", "Use at most 10 characters."),
    ("practice", "k", "x", "No code can be added to practice"),
])
def test_a_wrong_new_code_is_refused_and_what_was_typed_stays(
        admin: FlaskClient, session: Any, vocabulary: str, code: str, label: str,
        message: str) -> None:
    response = admin.post(f"/staff/admin/reference/vocabularies/{vocabulary}",
                          data={"code": code, "label": label})
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and message in body
    if code and vocabulary != "practice":  # a fixed vocabulary shows no form to add a code
        assert f'value="{code}"' in body
    assert events(session) == []


def test_codes_of_the_domain_model_and_codes_in_use_are_never_deleted(
        admin: FlaskClient, session: Any) -> None:
    url = "/staff/admin/reference/vocabularies/channel"
    refused = admin.post(f"{url}/email/delete")
    assert refused.status_code == 422 and "cannot be deleted" in refused.get_data(as_text=True)
    admin.post(url, data={"code": "fax", "label": "Fax"})
    admin.post(url, data={"code": "telex", "label": "Telex"})
    factories.complaint(session, channel="fax")
    in_use = admin.post(f"{url}/fax/delete")
    assert in_use.status_code == 422 and "Records use fax" in in_use.get_data(as_text=True)
    assert admin.post(f"{url}/telex/delete").status_code == 302
    assert session.get(VocabularyTerm, ("channel", "telex")) is None
    assert session.get(VocabularyTerm, ("channel", "email")) is not None
    online = admin.post(f"{url}/online", data={"label": "Online", "position": "0",
                                               "active": "no"})
    assert online.status_code == 422 and "public complaint form" in online.get_data(as_text=True)


def test_the_oversight_body_of_a_force_is_one_of_the_referral_bodies(
        admin: FlaskClient, session: Any) -> None:
    url = "/staff/admin/reference/vocabularies/security_force/aima"
    wrong = admin.post(url, data={"label": "AIMA", "position": "5", "active": "yes",
                                  "oversight_body": "police"})
    assert wrong.status_code == 422 and "Choose one of: mp, igai" in wrong.get_data(as_text=True)
    admin.post(url, data={"label": "AIMA", "position": "5", "active": "yes",
                          "oversight_body": "igsj"})
    admin.get("/staff/admin/reference")
    assert current_tables(session).oversight_body["aima"] == "igsj"
    assert vocabularies.OVERSIGHT_BODY["aima"] == "igai"  # the defaults never change
    assert json.loads(events(session)[0].data)["changes"] == {
        "oversight_body": {"old": "igai", "new": "igsj"}}


def test_a_change_made_elsewhere_reaches_this_process_on_its_next_request(
        admin: FlaskClient, session: Any, auth: AuthActions) -> None:
    """What another gunicorn worker does: commit a change; this process has not seen it."""
    held = current_tables(session)  # what this process holds before the change
    reference_data.save_ias(session, auth.staff.admin, "2032", "650.00")
    with pytest.raises(sanctions.UnknownIASYear):
        sanctions.ias(2032, tables=held)
    assert legal_tables.cached_version() != settings_version(session)
    admin.get("/staff/admin/users")
    assert legal_tables.cached_version() == settings_version(session)
    assert sanctions.ias(2032, tables=current_tables(session)) == Decimal("650.00")


def test_nothing_changed_records_nothing(admin: FlaskClient, session: Any) -> None:
    admin.post("/staff/admin/reference/ias", data={"year": "2026", "amount": "537.13"})
    admin.post("/staff/admin/reference/deadlines", data={"kind": "appeal", "length": "20",
                                                         "counting": "working"})
    assert events(session) == []


@pytest.mark.parametrize("role", ["officer", "president", "commissioner", "auditor"])
@pytest.mark.parametrize("url", ["/staff/admin/reference", "/staff/admin/reference/ias",
                                 "/staff/admin/reference/vocabularies/ground",
                                 "/staff/admin/reference/calendar",
                                 "/staff/admin/reference/deadlines"])
def test_only_the_admin_reaches_reference_data(client: FlaskClient, auth: AuthActions,
                                               role: str, url: str) -> None:
    auth.login_as(role)
    assert client.get(url).status_code == 403
    assert client.post(url, data={}).status_code in (403, 405)


def test_every_reference_page_renders(admin: FlaskClient) -> None:
    for url in ("/staff/admin/reference", "/staff/admin/reference/ias",
                "/staff/admin/reference/calendar", "/staff/admin/reference/deadlines",
                *(f"/staff/admin/reference/vocabularies/{v}" for v in vocabularies.CANONICAL)):
        assert admin.get(url).status_code == 200, url
    assert admin.get("/staff/admin/reference/vocabularies/nothing").status_code == 404
    assert db.session is not None
