"""The case lists: every filter, sorting, pages that keep the filters, invalid filters as
messages, and the CSV export with its access record."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from cicdr.models import AuditEvent, Complaint, Proceeding, Referral
from cicdr.services.casework.referrals import draft_referral
from cicdr.services.engine.transition import fire
from cicdr.services.intake.registration import PartyData
from cicdr.services.queries import lists
from cicdr.services.queries.filters import parse_filters
from cicdr.views.workspace import lists as list_view
from tests import factories
from tests.conftest import AuthActions

ROW = re.compile(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>')


@dataclass
class Cases:
    housing: Complaint  # QN-2026-00001, received 2026-03-10, Lisboa, unassigned
    police: Complaint  # QN-2026-00002, received 2026-03-12, assigned to the officer
    commerce: Complaint  # QN-2026-00003, received 2026-02-01, Porto, overdue information


@pytest.fixture
def cases(session: Any, users: Any) -> Cases:
    housing = factories.complaint(session)
    police = factories.complaint(session, police=True, today=date(2026, 3, 12))
    fire(session, police, "assign", users.officer, today=date(2026, 3, 12),
         assignee=users.officer.id)
    commerce = factories.complaint(
        session, today=date(2026, 2, 1), facts=date(2026, 1, 20), context="commerce",
        district="porto", grounds=[("nationality", "brasileira")], practice="a",
        respondents=[PartyData(role="respondent", kind="private_legal_person",
                               name="=HYPERLINK(\"http://x\")")],
        description="Na loja disseram que não atendiam brasileiros.")
    fire(session, commerce, "start_triage", users.officer, today=date(2026, 2, 2))
    fire(session, commerce, "request_information", users.officer, today=date(2026, 2, 2),
         question="Tem recibo da compra?")
    return Cases(housing, police, commerce)


def listed(client: FlaskClient, query: str = "", status: int = 200) -> list[str]:
    response = client.get(f"/staff/cases?{query}")
    assert response.status_code == status, response.get_data(as_text=True)[:2000]
    return ROW.findall(response.get_data(as_text=True))


def refs(*complaints: Any) -> list[str]:
    return [c.reference for c in complaints]


@pytest.mark.parametrize(("query", "expected"), [
    ("", ("police", "housing", "commerce")),
    ("state=awaiting_information", ("commerce",)),
    ("state=received", ("police", "housing")),
    ("context=commerce", ("commerce",)),
    ("ground=nationality", ("commerce",)),
    ("ground=racial_ethnic_origin", ("police", "housing")),
    ("district=porto", ("commerce",)),
    ("police=yes", ("police",)),
    ("police=no", ("housing", "commerce")),
    ("assignee=unassigned", ("housing", "commerce")),
    ("assignee=me", ("police",)),
    ("received_from=2026-03-01", ("police", "housing")),
    ("received_to=2026-03-10", ("housing", "commerce")),
    ("received_from=2026-03-10&received_to=2026-03-10", ("housing",)),
    ("overdue=1", ("commerce",)),
    ("q=imobiliaria", ("housing",)),
    ("q=maria&district=porto", ("commerce",)),
    ("q=Maria+Silva&police=no&state=received", ("housing",)),
])
def test_each_complaint_filter_selects_the_right_complaints(
        client: FlaskClient, auth: AuthActions, cases: Cases, query: str,
        expected: tuple[str, ...]) -> None:
    auth.login_as("officer")
    assert listed(client, query) == refs(*(getattr(cases, name) for name in expected))


def test_an_assignee_filter_names_an_officer(client: FlaskClient, auth: AuthActions,
                                             users: Any, cases: Cases) -> None:
    auth.login_as("president")
    assert listed(client, f"assignee={users.officer.id}") == refs(cases.police)
    assert listed(client, f"assignee={users.officer2.id}") == []
    assert listed(client, "assignee=me") == []  # nothing is assigned to the president


@pytest.mark.parametrize(("query", "expected"), [
    ("sort=date&dir=asc", ("commerce", "housing", "police")),
    ("sort=reference&dir=asc", ("housing", "police", "commerce")),
    ("sort=reference", ("commerce", "police", "housing")),
    ("sort=state&dir=asc", ("commerce", "housing", "police")),
    ("sort=state&dir=desc", ("police", "housing", "commerce")),
])
def test_lists_sort_by_date_reference_or_state(client: FlaskClient, auth: AuthActions,
                                               cases: Cases, query: str,
                                               expected: tuple[str, ...]) -> None:
    auth.login_as("officer")
    assert listed(client, query) == refs(*(getattr(cases, name) for name in expected))


def test_pages_hold_every_row_once_and_the_last_page_is_kept(session: Any,
                                                              cases: Cases) -> None:
    f = parse_filters(session, "complaints", {"sort": "reference", "dir": "asc"})
    pages = [lists.list_cases(session, f, page=n, per_page=2) for n in (1, 2, 9)]
    assert [[c.reference for c in p.rows] for p in pages] == [
        refs(cases.housing, cases.police), refs(cases.commerce), refs(cases.commerce)]
    assert [(p.page, p.pages, p.total) for p in pages] == [(1, 2, 3), (2, 2, 3), (2, 2, 3)]


def test_page_links_keep_the_filters_and_the_sort(session: Any, client: FlaskClient,
                                                  auth: AuthActions) -> None:
    for _ in range(52):
        factories.complaint(session)
    auth.login_as("officer")
    body = client.get("/staff/cases?district=lisboa&sort=reference&dir=asc&q=maria") \
        .get_data(as_text=True)
    assert "page 1 of 2, 52 in all" in body
    link = re.search(r'href="([^"]+)" rel="next"', body).group(1).replace("&amp;", "&")
    assert all(part in link for part in ("district=lisboa", "sort=reference", "dir=asc",
                                         "q=maria", "page=2"))
    second = client.get(link).get_data(as_text=True)
    assert ROW.findall(second) == ["QN-2026-00051", "QN-2026-00052"]
    assert "page 2 of 2" in second


@pytest.mark.parametrize(("query", "field", "message"), [
    ("state=flying", "state", "Unknown state “flying”"),
    ("received_from=2026-13-01", "received_from", "is not a date: write it as YYYY-MM-DD"),
    ("received_from=2026-03-02&received_to=2026-03-01", "received_to",
     "The end date is before the start date."),
    ("assignee=99999", "assignee", "Choose an officer from the list."),
    ("district=atlantis", "district", "Unknown district"),
    ("police=maybe", "police", "Unknown choice"),
    ("overdue=perhaps", "overdue", "Tick the box or leave it empty."),
    ("sort=colour", "sort", "Unknown sort order"),
    ("kind=proceedings&prescription_within=soon", "prescription_within",
     "Give a number of days"),
    ("kind=referrals&body=nasa", "body", "Unknown body"),
    ("q=" + "x" * 201, "q", "at most 200 characters"),
])
def test_invalid_filters_are_explained_next_to_what_was_typed(
        client: FlaskClient, auth: AuthActions, cases: Cases, query: str, field: str,
        message: str) -> None:
    auth.login_as("officer")
    response = client.get(f"/staff/cases?{query}")
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert message in body
    assert f'id="f-{field}-error"' in body and f'href="#f-{field}"' in body
    assert ROW.findall(body) == []
    typed = query.split(f"{field}=")[1].split("&")[0]
    if field != "overdue":  # a box is shown ticked, with its own value
        assert f'value="{typed}"' in body  # what was typed is kept
    assert client.get(f"/staff/cases.csv?{query}").status_code == 400


def test_a_page_number_that_is_not_a_number_is_the_first_page(
        client: FlaskClient, auth: AuthActions, cases: Cases) -> None:
    auth.login_as("officer")
    assert len(listed(client, "page=abc")) == 3
    assert len(listed(client, "page=-4")) == 3


@pytest.fixture
def proceeding(session: Any, users: Any, cases: Cases) -> Proceeding:
    fire(session, cases.housing, "start_triage", users.officer, today=date(2026, 3, 11))
    fire(session, cases.housing, "open_proceeding", users.president, today=date(2026, 3, 12),
         instructor=users.officer.id)
    assert cases.housing.proceeding is not None
    return cases.housing.proceeding


@pytest.mark.parametrize(("query", "found"), [
    ("", True), ("state=opened", True), ("state=instruction", False),
    ("instructor=me", True), ("opened_from=2026-03-12", True), ("opened_from=2026-03-13", False),
    ("opened_to=2026-03-11", False), ("overdue=1", True),  # 90-day instruction term, run out
    ("prescription_within=900", True), ("prescription_within=800", False),  # 2029-03-02
    ("q=imobiliaria", True), ("q=discoteca", False), ("q=PCO-2026-0001", True),
])
def test_each_proceeding_filter(client: FlaskClient, auth: AuthActions, proceeding: Proceeding,
                                query: str, found: bool) -> None:
    auth.login_as("officer")
    today = date.today()
    if "prescription_within" in query:  # counted from today: make the expectation exact
        days = (date(2029, 3, 2) - today).days
        query = f"prescription_within={days if found else days - 1}"
    expected = [proceeding.reference] if found else []
    assert listed(client, f"kind=proceedings&{query}") == expected


def test_the_instructor_filter_names_an_officer(client: FlaskClient, auth: AuthActions,
                                                users: Any, proceeding: Proceeding) -> None:
    auth.login_as("president")
    assert listed(client, f"kind=proceedings&instructor={users.officer.id}") == \
        [proceeding.reference]
    assert listed(client, f"kind=proceedings&instructor={users.officer2.id}") == []


@pytest.fixture
def referral(session: Any, users: Any, cases: Cases) -> Referral:
    fire(session, cases.police, "start_triage", users.officer, today=date(2026, 3, 13))
    return draft_referral(session, cases.police, body="igai", purpose="disciplinary",
                          actor=users.officer, summary="Agressão verbal por agente.")


@pytest.mark.parametrize(("query", "found"), [
    ("", True), ("state=draft", True), ("state=sent", False), ("body=igai", True),
    ("body=mp", False), ("purpose=disciplinary", True), ("purpose=forward", False),
    ("awaiting=1", False), ("overdue=1", False), ("q=amadora", True), ("q=imobiliaria", False),
])
def test_each_referral_filter(client: FlaskClient, auth: AuthActions, referral: Referral,
                              query: str, found: bool) -> None:
    auth.login_as("officer")
    assert listed(client, f"kind=referrals&{query}") == ([referral.reference] if found else [])


def test_a_search_is_recorded_with_its_filters(session: Any, client: FlaskClient,
                                               auth: AuthActions, cases: Cases) -> None:
    auth.login_as("officer")
    client.get("/staff/cases?q=maria&district=porto")
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "access.search"))
    data = json.loads(event.data)
    assert (data["q"], data["filters"]["district"], data["results"]) == ("maria", "porto", 1)


def csv_rows(response: Any) -> list[dict[str, str]]:
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_the_csv_export_holds_every_page_of_the_filtered_list_and_is_recorded(
        session: Any, client: FlaskClient, auth: AuthActions, users: Any,
        cases: Cases) -> None:
    auth.login_as("officer")
    rows = csv_rows(client.get("/staff/cases.csv?kind=complaints&state=received"))
    assert [r["Reference"] for r in rows] == refs(cases.police, cases.housing)
    police = rows[0]
    assert police["Assignee"] == users.officer.name and police["Police-related"] == "yes"
    assert police["Context"] == "Forças de segurança" and police["District"] == "Lisboa"
    assert police["Respondents"] == "PSP · Esquadra da Amadora · agente 1234"
    assert police["Grounds"] == "Origem racial e étnica" and police["Overdue"] == "no"
    assert police["Received"] == "2026-03-12" and police["Date of the facts"] == "2026-03-02"
    (event,) = session.scalars(select(AuditEvent).where(AuditEvent.action == "access.export"))
    data = json.loads(event.data)
    assert (data["kind"], data["filters"], data["rows"]) == ("complaints",
                                                            {"state": "received"}, 2)
    assert event.actor_id == users.officer.id


def test_csv_cells_never_start_a_formula(client: FlaskClient, auth: AuthActions,
                                         cases: Cases) -> None:
    auth.login_as("officer")
    response = client.get("/staff/cases.csv?overdue=1")
    (row,) = csv_rows(response)
    assert row["Respondents"] == "'=HYPERLINK(\"http://x\")"
    assert row["Overdue"] == "yes" and row["State"] == "awaiting_information"


def test_proceedings_and_referrals_export_too(client: FlaskClient, auth: AuthActions,
                                              proceeding: Proceeding, referral: Referral) -> None:
    auth.login_as("president")
    (p,) = csv_rows(client.get("/staff/cases.csv?kind=proceedings"))
    assert (p["Reference"], p["State"], p["Overdue"]) == (proceeding.reference, "opened", "yes")
    assert p["Prescription"] == "2029-03-02" and p["Instructor"] == "Officer"
    (r,) = csv_rows(client.get("/staff/cases.csv?kind=referrals"))
    assert (r["Reference"], r["Body"], r["Purpose"]) == (referral.reference, "IGAI",
                                                         "disciplinary")


def test_the_auditor_may_export_and_the_admin_may_not(client: FlaskClient, auth: AuthActions,
                                                      cases: Cases) -> None:
    auth.login_as("auditor")
    assert len(csv_rows(client.get("/staff/cases.csv"))) == 3
    client.post("/staff/logout")
    auth.login_as("admin")
    assert client.get("/staff/cases.csv").status_code == 403


def test_the_list_is_accessible_text(client: FlaskClient, auth: AuthActions,
                                     cases: Cases) -> None:
    auth.login_as("officer")
    body = client.get("/staff/cases").get_data(as_text=True)
    assert "<caption>Complaints: page 1 of 1, 3 in all, sorted by received date" in body
    assert body.count('<th scope="col"') >= 9
    assert '<span class="overdue">Overdue</span>' in body  # in words, not only colour
    assert 'aria-sort="descending"' in body
    for name in ("q", "state", "context", "ground", "district", "police", "assignee",
                 "received_from", "received_to", "overdue"):
        assert f'<label for="f-{name}"' in body
    assert body.count('class="visually-hidden">Select QN-') == 3


def test_a_proceeding_whose_prescription_cannot_be_computed_is_listed_not_a_500(
        session: Any, client: FlaskClient, auth: AuthActions, users: Any) -> None:
    old = factories.complaint(session, facts=date(2015, 6, 1))  # no IAS known for 2015
    fire(session, old, "start_triage", users.officer, today=date(2026, 3, 11))
    fire(session, old, "open_proceeding", users.president, today=date(2026, 3, 12),
         instructor=users.officer.id)
    auth.login_as("officer")
    page = client.get("/staff/cases?kind=proceedings")
    assert page.status_code == 200
    assert "unknown (no IAS for 2015)" in page.get_data(as_text=True)
    assert listed(client, "kind=proceedings&prescription_within=0") == \
        [old.proceeding.reference]  # listed, so that it is not missed
    (row,) = csv_rows(client.get("/staff/cases.csv?kind=proceedings"))
    assert row["Prescription"] == "unknown (no IAS for 2015)"


def test_a_list_beyond_the_count_cap_says_more_than_and_still_pages_to_its_end(
        client: FlaskClient, auth: AuthActions, cases: Cases,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Counting stops at COUNT_CAP (1,000 in production; 1 here, with 3 cases and 1 per page)."""
    monkeypatch.setattr(lists, "COUNT_CAP", 1)
    monkeypatch.setattr(list_view, "PER_PAGE", 1)
    auth.login_as("officer")
    first = client.get("/staff/cases?sort=reference&dir=asc").get_data(as_text=True)
    summary = re.search(r'<p id="list-summary">(.*?)</p>', first, re.S)
    assert summary and "<strong>more than 1</strong> cases found" in summary.group(1)
    assert "Narrow the filters" in summary.group(1) and "Last</a>" not in first
    seen = []
    for page in (1, 2, 3):
        body = client.get(f"/staff/cases?sort=reference&dir=asc&page={page}"
                          ).get_data(as_text=True)
        seen += ROW.findall(body)
        assert ('rel="next"' in body) == (page < 3)  # the third row is the last one
    assert seen == refs(cases.housing, cases.police, cases.commerce)


def test_a_list_within_the_cap_counts_exactly(client: FlaskClient, auth: AuthActions,
                                              cases: Cases) -> None:
    auth.login_as("officer")
    body = client.get("/staff/cases").get_data(as_text=True)
    assert "<strong>3</strong> cases found" in body and "more than" not in body
