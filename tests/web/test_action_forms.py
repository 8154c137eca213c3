"""Workflow-action forms only parse; the workflow validates and its messages reach the page.

A missing or bad value is answered with 422, the form kept as typed and the workflow's own
message on the field, never a 500; and the instruction log lists the proceeding workflow's
instruction triggers.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from cicdr.forms.actions import action_form
from cicdr.services.casework.referrals import draft_referral
from cicdr.services.engine.transition import fire
from tests import factories
from tests.conftest import AuthActions
from tests.services.test_legal_paths import fined, open_proceeding, triaged
from tests.web.confirming import post_confirmed
from workflows import available_triggers, workflows

D = date


def error_of(body: str, field_id: str) -> str:
    """The message shown under one field of the page (empty when none)."""
    found = re.search(rf'id="{re.escape(field_id)}-error">(.*?)</p>', body, re.S)
    return found.group(1).strip() if found else ""


def post_action(client: FlaskClient, url: str, trigger: str, version: int,
                **values: str) -> Any:
    """Post an action's form as a person fills it, confirming an irreversible one."""
    data = {f"{trigger}-version": str(version)}
    data.update({f"{trigger}-{name}": value for name, value in values.items()})
    return post_confirmed(client, f"{url}/actions/{trigger}", data=data)


def in_instruction(session: Any, users: Any) -> Any:
    p = open_proceeding(session, users, triaged(session, users))
    fire(session, p, "start_instruction", users.officer, today=D(2026, 3, 13))
    return p



def test_action_forms_carry_no_validators_of_their_own(app: Flask) -> None:
    with app.test_request_context():
        for wf in workflows().values():
            for spec in wf.triggers.values():
                form = action_form(spec, [("1", "Officer")])
                assert [f.name for f in form if f.validators] == [], spec.name


def test_a_date_that_does_not_parse_gets_the_workflows_message_and_is_kept(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    p = in_instruction(session, users)
    auth.login_as("officer")
    response = post_action(client, f"/staff/proceedings/{p.reference}", "notify_accusation",
                           p.version, notified_on="31/02/2026")
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert error_of(body, "notify_accusation-notified_on") == "Enter a date as YYYY-MM-DD."
    assert 'value="31/02/2026"' in body  # what was typed, to correct
    session.refresh(p)
    assert p.state == "instruction"


def test_a_missing_value_gets_the_workflows_required_message(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    p = in_instruction(session, users)
    auth.login_as("officer")
    response = post_action(client, f"/staff/proceedings/{p.reference}", "record_evidence",
                           p.version, on="2026-03-16", summary="  ")
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert error_of(body, "record_evidence-summary") == "This field is required."
    assert error_of(body, "record_evidence-on") == ""
    assert 'value="2026-03-16"' in body


def test_a_choice_outside_the_list_gets_the_list(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    c = triaged(session, users, context="labour")
    auth.login_as("officer")
    response = post_action(client, f"/staff/complaints/{c.reference}", "forward", c.version,
                           body="nowhere", reason="Relação laboral.")
    assert response.status_code == 422
    assert error_of(response.get_data(as_text=True), "forward-body") == \
        "Choose one of: act, erc, igsj, other."


@pytest.mark.parametrize(("amount", "message"), [
    ("abc", "Enter an amount in euros, e.g. 750.00."),
    ("1e30", "Enter an amount up to EUR 9,999,999,999.99."),  # more than the column holds
    ("800,00", "Enter an amount up to EUR 750.00."),  # owed: 750.00 fine - 0.00 paid
])
def test_a_payment_amount_is_refused_with_the_workflows_message(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient, amount: str,
        message: str) -> None:
    p = fined(session, users)
    auth.login_as("officer")
    response = post_action(client, f"/staff/proceedings/{p.reference}", "record_payment",
                           p.version, respondent=str(p.respondents[0].id),
                           paid_on="2026-03-19", amount=amount)
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert error_of(body, "record_payment-amount") == message
    assert f'value="{amount}"' in body
    session.refresh(p)
    assert p.respondents[0].paid == Decimal("0.00")


def test_a_database_check_is_shown_on_its_field(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    c = triaged(session, users)
    version = c.version
    auth.login_as("officer")
    response = post_action(client, f"/staff/complaints/{c.reference}", "assign", version,
                           assignee=str(users.commissioner.id))
    assert response.status_code == 422
    assert error_of(response.get_data(as_text=True), "assign-assignee") == \
        "Choose an active officer."
    session.refresh(c)
    assert (c.assignee_id, c.version) == (users.officer.id, version)


def test_a_reference_longer_than_its_column_is_refused(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    c = factories.complaint(session)
    x = draft_referral(session, c, body="act", purpose="forward", actor=users.officer,
                       summary="Relação laboral.")
    fire(session, x, "send", users.officer, today=D(2026, 3, 12), sent_on="2026-03-12",
         channel="email")
    auth.login_as("officer")
    response = post_action(client, f"/staff/referrals/{x.id}", "acknowledge", x.version,
                           external_reference="R" * 101)
    assert response.status_code == 422
    assert error_of(response.get_data(as_text=True), "acknowledge-external_reference") == \
        "At most 100 characters."


# The values any text field would accept come last: once one is accepted the case moves on,
# and the same action is then refused for its state (409).
HOSTILE = ["", "a\x00b", "x" * 10_001, "99999999999999999999", "1e30", "-1", "NaN",
           "31/02/2026", "abc"]


def test_no_value_in_any_field_of_any_action_gives_a_500(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    cases = {"complaints": triaged(session, users), "proceedings": in_instruction(session, users)}
    auth.login_as("president")  # and the officer's actions below
    for role in ("president", "officer"):
        if role == "officer":
            client.post("/staff/logout")
            auth.login_as("officer")
        actor = getattr(users, role)
        for kind, subject in cases.items():
            key = subject.reference
            for option in available_triggers(subject, actor, D(2026, 3, 20)):
                if not option.allowed or not option.trigger.fields:
                    continue
                for value in HOSTILE:
                    values = {f.name: value for f in option.trigger.fields}
                    response = post_action(client, f"/staff/{kind}/{key}", option.name,
                                           subject.version, **values)
                    assert response.status_code in (302, 409, 422), (option.name, value)
                    session.refresh(subject)


INSTRUCTION_LOG = {  # the proceeding page's instruction log before it came from the workflow
    "start_instruction", "request_entity_information", "request_inspection", "record_evidence",
    "send_to_prosecutor", "prosecutor_returned", "notify_accusation", "record_defence",
    "reopen_instruction", "close_instruction", "submit_report", "add_document",
    "generate_document", "transfer",
    "extend_instruction"}  # issue 12: the president's extension is an instruction step too


def test_the_instruction_log_lists_the_instruction_triggers_of_the_proceeding_workflow(
        app: Flask, session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    actions = app.jinja_env.globals["INSTRUCTION_ACTIONS"]
    assert set(actions) == INSTRUCTION_LOG and len(actions) == len(INSTRUCTION_LOG)
    p = in_instruction(session, users)
    fire(session, p, "request_entity_information", users.officer, today=D(2026, 3, 16),
         entity="Câmara Municipal da Amadora", request="Contrato.")
    auth.login_as("officer")
    body = client.get(f"/staff/proceedings/{p.reference}").get_data(as_text=True)
    log = body.split('id="instruction"')[1].split("</section>")[0]
    # Each step under its trigger's label (the code, request_entity_information, is no reading).
    assert "Request information from an entity" in log and "Câmara Municipal da Amadora" in log
    assert "Start instruction" in log


def test_the_prosecutor_returns_a_proceeding_it_took_over_through_the_page(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    p = in_instruction(session, users)
    draft_referral(session, p, body="mp", purpose="prosecutor", actor=users.officer,
                   summary="Indícios de crime.")
    fire(session, p, "send_to_prosecutor", users.president, today=D(2026, 4, 1), reason="Crime.")
    fire(session, p, "prosecutor_took_over", users.officer, today=D(2026, 5, 6),
         outcome="charged", outcome_on="2026-05-04")
    auth.login_as("officer")
    url = f"/staff/proceedings/{p.reference}"
    page = client.get(url).get_data(as_text=True)
    assert "Prosecutor&#39;s outcome" in page and "charged, 2026-05-04" in page
    assert 'name="prosecutor_returned-outcome"' in page  # offered on the closed proceeding
    missing = post_action(client, url, "prosecutor_returned", p.version, outcome="archived")
    assert missing.status_code == 422
    done = post_action(client, url, "prosecutor_returned", p.version, outcome="acquitted",
                       outcome_on="2026-07-15", note="Absolvido do crime; subsiste a CO.")
    assert done.status_code == 302
    session.refresh(p)
    assert (p.state, p.prosecutor_outcome, p.prosecutor_outcome_on) == (
        "instruction", "acquitted", D(2026, 7, 15))
    assert p.suspension_ranges() == [(D(2026, 4, 1), D(2026, 7, 15))]
    assert "acquitted, 2026-07-15" in client.get(url).get_data(as_text=True)
