"""The proceeding page with each respondent's own procedure (issue 12): one line per
respondent, actions offered for the respondents they are possible for, and the decision form
refusing a sanction without the defence opportunity, with that reason."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from flask.testing import FlaskClient

from cicdr.services.engine.transition import fire
from tests import factories
from tests.conftest import AuthActions
from tests.services.test_respondent_procedure import BAR, RUI
from tests.web.test_action_forms import error_of

TODAY = date.today()  # the pages judge terms on the real day


def _accused_rui(session: Any, users: Any) -> Any:
    """Rui Lopes accused two days ago (his 10 working days still run); Bar Azul not yet."""
    start = TODAY - timedelta(days=30)
    c = factories.complaint(session, today=start, facts=start - timedelta(days=5),
                            respondents=[RUI, BAR])
    fire(session, c, "start_triage", users.officer, today=start)
    fire(session, c, "open_proceeding", users.president, today=start,
         instructor=users.officer.id)
    p = c.proceeding
    fire(session, p, "start_instruction", users.officer, today=start)
    factories.write_accusations(session, p, users.officer)
    rui = p.respondents[0]
    fire(session, p, "notify_accusation", users.officer, today=TODAY, respondent=str(rui.id),
         notified_on=(TODAY - timedelta(days=2)).isoformat())
    return p


def _options(body: str, select_id: str) -> list[str]:
    found = re.search(rf'<select[^>]*id="{select_id}"[^>]*>(.*?)</select>', body, re.S)
    assert found, select_id
    return [label.strip() for label in re.findall(r"<option[^>]*>(.*?)</option>",
                                                  found.group(1), re.S)]


def test_the_page_has_one_line_per_respondent_and_offers_each_action_for_whom_it_is_possible(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    p = _accused_rui(session, users)
    rui, bar = p.respondents
    auth.login_as("officer")
    body = client.get(f"/staff/proceedings/{p.reference}").get_data(as_text=True)
    line = re.search(rf'<tr id="respondent-{rui.id}">(.*?)</tr>', body, re.S)
    assert line and "Rui Lopes" in line.group(1) and "accused" in line.group(1)
    assert (TODAY - timedelta(days=2)).isoformat() in line.group(1)
    assert p.due_for(rui, "defence").isoformat() in line.group(1)  # his own term
    other = re.search(rf'<tr id="respondent-{bar.id}">(.*?)</tr>', body, re.S)
    assert other and "not yet accused" in other.group(1)
    # Only Bar Azul can still be notified of the accusation; only Rui can answer it.
    assert _options(body, "notify_accusation-respondent") == ["—", "Bar Azul, Lda. (not yet "
                                                              "accused)"]
    assert _options(body, "record_defence-respondent") == ["—", "Rui Lopes (accused)"]


def test_the_decision_form_refuses_a_fine_before_the_respondents_term_ran_out(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    p = _accused_rui(session, users)
    rui, bar = p.respondents
    fire(session, p, "close_instruction", users.officer, today=TODAY,
         reason="Bar Azul não foi localizado.")
    fire(session, p, "submit_report", users.officer, today=TODAY, proposal="Coima ao Rui.")
    version = p.version
    auth.login_as("commissioner")
    response = client.post(f"/staff/proceedings/{p.reference}/actions/decide", data={
        "decide-version": str(version), "decide-decided_on": TODAY.isoformat(),
        f"decide-decision-{rui.id}-outcome": "fine",
        f"decide-decision-{rui.id}-amount": "1000.00",
        f"decide-decision-{bar.id}-outcome": "admonition"})
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    due = p.due_for(rui, "defence")
    assert f"Rui Lopes may answer the accusation until {due.isoformat()}" in body
    assert "Bar Azul, Lda. has not been notified of the accusation: without the defence " \
           "opportunity only a dismissal is possible" in body.replace("\n", " ")
    assert error_of(body, "decide-decided_on") == ""
    session.refresh(p)
    assert (p.version, [r.outcome for r in p.respondents]) == (version, [None, None])
