"""The workflow diagram route and partial, and the case timeline in words, on the staff pages."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from cicdr.models import AuditEvent
from cicdr.services import audit
from cicdr.services.casework.referrals import draft_referral
from cicdr.services.engine.transition import fire
from cicdr.services.queries import diagram
from tests import factories
from tests.conftest import AuthActions
from tests.graphviz import needs_dot

CASE_READERS = ("officer", "president", "commissioner", "auditor")


def cases(session: Any, users: Any) -> dict[str, tuple[str, str]]:
    """One complaint (in triage), proceeding (opened) and referral (draft): URL key and state."""
    c = factories.complaint(session)
    fire(session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    other = factories.complaint(session)
    fire(session, other, "start_triage", users.officer, today=date(2026, 3, 11))
    fire(session, other, "open_proceeding", users.president, today=date(2026, 3, 12),
         instructor=users.officer.id)
    r = draft_referral(session, c, body="igai", purpose="disciplinary", actor=users.officer,
                       summary="Conduta policial.")
    assert other.proceeding is not None
    return {"complaints": (c.reference, "triage"),
            "proceedings": (other.proceeding.reference, "opened"),
            "referrals": (str(r.id), "draft")}


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    diagram.clear_cache()


@needs_dot
@pytest.mark.parametrize("role", CASE_READERS)
def test_every_case_reader_gets_the_diagram_of_every_kind_of_case(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient, role: str) -> None:
    known = cases(session, users)
    auth.login_as(role)
    for kind, (key, state) in known.items():
        response = client.get(f"/staff/{kind}/{key}/diagram.svg")
        assert response.status_code == 200, kind
        assert response.mimetype == "image/svg+xml"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "private" in response.headers["Cache-Control"]
        assert "sandbox" in response.headers["Content-Security-Policy"]
        assert f"current state: {state}</title>" in response.get_data(as_text=True)


@needs_dot
def test_the_diagram_revalidates_with_its_etag_and_changes_with_the_state(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    c = factories.complaint(session)
    auth.login_as("officer")
    url = f"/staff/complaints/{c.reference}/diagram.svg"
    first = client.get(url)
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    fire(session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    moved = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert moved.status_code == 200
    assert "Path taken: received → triage" in moved.get_data(as_text=True)


def test_unknown_cases_have_no_diagram(session: Any, auth: AuthActions,
                                       client: FlaskClient) -> None:
    auth.login_as("officer")
    for url in ("/staff/complaints/QN-2026-99999/diagram.svg",
                "/staff/proceedings/PCO-2026-9999/diagram.svg",
                "/staff/referrals/999/diagram.svg", "/staff/referrals/x/diagram.svg",
                "/staff/letters/1/diagram.svg"):
        assert client.get(url).status_code == 404, url


def test_the_admin_and_strangers_get_no_diagram(session: Any, auth: AuthActions,
                                                client: FlaskClient) -> None:
    c = factories.complaint(session)
    url = f"/staff/complaints/{c.reference}/diagram.svg"
    assert client.get(url).status_code == 302  # to the sign-in page
    auth.login_as("admin")
    assert client.get(url).status_code == 403


def test_without_graphviz_the_route_explains_and_the_page_keeps_the_text(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    c = factories.complaint(session)
    fire(session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    auth.login_as("officer")
    monkeypatch.setenv("PATH", str(tmp_path))  # no `dot` on it
    response = client.get(f"/staff/complaints/{c.reference}/diagram.svg")
    assert response.status_code == 404
    assert "Graphviz" in response.get_data(as_text=True)
    page = client.get(f"/staff/complaints/{c.reference}").get_data(as_text=True)
    assert "diagram.svg" not in page
    assert "The diagram cannot be drawn on this server" in page
    assert "<strong>triage (current state)</strong>, by “Start triage”" in page


@needs_dot
def test_the_case_page_offers_the_diagram_with_its_text_version(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    known = cases(session, users)
    auth.login_as("commissioner")
    for kind, (key, state) in known.items():
        page = client.get(f"/staff/{kind}/{key}").get_data(as_text=True)
        assert '<details class="diagram" id="workflow">' in page and "Workflow diagram" in page
        assert f'src="/staff/{kind}/{key}/diagram.svg"' in page
        assert f"Current state: {state}." in page  # the image's alt text
        assert f"<strong>{state} (current state)</strong>" in page  # the path, as a list
        assert f"<strong>{state} (current)</strong>" in page  # the states, as a list


def test_loading_the_diagram_is_not_a_read_of_its_own(session: Any, auth: AuthActions,
                                                      client: FlaskClient) -> None:
    c = factories.complaint(session)
    auth.login_as("officer")
    client.get(f"/staff/complaints/{c.reference}")
    client.get(f"/staff/complaints/{c.reference}/diagram.svg")
    reads = session.scalar(select(func.count()).select_from(AuditEvent)
                           .where(AuditEvent.action.startswith("access.")))
    assert reads == 1  # the page view; the picture only shows its states


def test_the_timeline_speaks_in_sentences_and_keeps_the_record(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    c = factories.complaint(session)
    fire(session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    fire(session, c, "request_information", users.officer, today=date(2026, 3, 11),
         question="Tem testemunhas?")
    audit.record(session, subject_type="complaint", subject_id=c.id, subject_ref=c.reference,
                 actor=users.officer, action="edit_complaint",
                 data={"changes": {"place": {"old": "Amadora", "new": "Sintra"}}})
    session.commit()
    auth.login_as("officer")
    page = client.get(f"/staff/complaints/{c.reference}").get_data(as_text=True)
    assert "<strong>Officer (officer) started triage.</strong>" in page
    assert "(received → triage)" in page
    assert "Deadline started: 10 working days for the complainant&#39;s answer, " \
           "due 2026-03-25." in page
    assert "<dt>Question to the complainant</dt>" in page
    assert "<th scope=\"row\">place</th><td>Amadora</td><td>Sintra</td>" in page
    # The action by its label; its code, the record's key, stays in the markup (the hover
    # title) and in the recorded data, not in the text a person reads.
    assert 'action <code title="request_information">Request information</code>' in page
    assert "<summary>Recorded data</summary>" in page


def test_the_auditor_reads_sentences_beside_the_hashes(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    c = factories.complaint(session)
    fire(session, c, "assign", users.officer, today=date(2026, 3, 11), assignee=users.officer2.id)
    auth.login_as("auditor")
    body = client.get(f"/staff/audit/cases/complaints/{c.reference}").get_data(as_text=True)
    assert "<strong>The complainant filed the complaint online.</strong>" in body
    assert "<strong>Officer (officer) assigned the complaint to Officer2.</strong>" in body
    assert "<code>assign</code>" in body and "<dd class=\"pre-wrap\">Officer2</dd>" \
        in body
    events = session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
    assert all(f'title="{e.hash}"' in body for e in events
               if (e.subject_type, e.subject_id) == ("complaint", c.id)
               and e.action != "access.view")  # this very read is recorded after the page
    assert '<details class="diagram" id="workflow">' in body
