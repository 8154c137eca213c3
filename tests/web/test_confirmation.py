"""Irreversible steps are confirmed on a page that states the consequence (issue 15, part 3).

Posting an irreversible action's form changes nothing: it is checked (errors come back on the
form, as typed, 422) and answered with the confirmation page, whose form posts the same data
back with the Confirm button; only that post fires, and its audit event says it was confirmed
and with which consequence. Other actions still fire in one step. Works without JavaScript:
these are plain form posts.
"""

from __future__ import annotations

import json
import re
from datetime import date
from html import unescape
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from cicdr.models import AuditEvent, Complaint, OutboxMail, Proceeding
from cicdr.services.engine.transition import fire
from tests import factories
from tests.conftest import AuthActions
from tests.services.test_legal_paths import open_proceeding, triaged
from tests.web.confirming import confirm, confirmation_form, is_confirmation
from workflows.irreversible import consequence

D = date


def snapshot(session: Any, subject: Any) -> dict[str, Any]:
    """What an unconfirmed post must leave as it was."""
    session.expire_all()
    return {
        "state": subject.state, "version": subject.version,
        "events": session.scalar(select(func.count(AuditEvent.seq)).where(
            ~AuditEvent.action.startswith("access."))),
        "outbox": session.scalar(select(func.count(OutboxMail.id))),
    }


def chain_after(session: Any, seq: int) -> list[AuditEvent]:
    return list(session.scalars(select(AuditEvent).where(AuditEvent.seq > seq)
                                .order_by(AuditEvent.seq)))


def last_seq(session: Any) -> int:
    return session.scalar(select(func.max(AuditEvent.seq))) or 0


def text_of(response: Any) -> str:
    return unescape(response.get_data(as_text=True))


def test_an_archive_without_confirmation_changes_nothing_and_with_it_fires_and_says_so(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    original = factories.complaint(session)  # the complaint it duplicates
    c = triaged(session, users)  # has an e-mail address: the archive would tell them
    auth.login_as("officer")
    before, seq = snapshot(session, c), last_seq(session)
    url = f"/staff/complaints/{c.reference}/actions/archive"
    typed = {"archive-version": str(c.version), "archive-reason_code": "duplicate",
             "archive-duplicate_of": original.reference.lower(),
             "archive-reason": "Mesma queixa,\nenviada duas vezes."}
    page = client.post(url, data=typed)

    assert is_confirmation(page)
    body = text_of(page)
    assert consequence("complaint", "archive") in body
    assert "Confirm: Archive as a duplicate" in body
    assert f'<p>Complaint {c.reference}</p>' in body
    # What was entered, in words: the reason's label, not its code.
    shown = dict(re.findall(r"<dt>(.*?)</dt><dd[^>]*>(.*?)</dd>", body, re.S))
    assert shown["Reason"] == "Duplicada"  # the archive_reason vocabulary's label
    assert shown["The complaint it duplicates (QN-…)"] == original.reference.lower()
    assert shown["Note"] == "Mesma queixa,\nenviada duas vezes."
    # The same data in hidden fields, with the version seen; and a way back changing nothing.
    action, fields = confirmation_form(page)
    assert action == url
    assert dict(fields) == {**typed, "csrf_token": dict(fields)["csrf_token"]}
    assert f'href="/staff/complaints/{c.reference}"' in body
    # Nothing changed: state, version, the case's events, the outbox.
    assert snapshot(session, c) == before
    assert [e.action for e in chain_after(session, seq)] == ["access.view"]  # the page's read

    done = confirm(client, page)
    assert done.status_code == 302
    session.expire_all()
    assert c.state == "archived" and c.version == before["version"] + 1
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "archive")).one()
    data = json.loads(event.data)
    assert data["confirmed"] is True
    assert data["consequence"] == consequence("complaint", "archive")
    assert data["reason"] == "Mesma queixa,\nenviada duas vezes."  # carried intact
    assert snapshot(session, c)["outbox"] == before["outbox"] + 1  # the complainant is told


def test_the_history_says_the_step_was_confirmed(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    original = factories.complaint(session)
    c = triaged(session, users)
    auth.login_as("officer")
    confirm(client, client.post(f"/staff/complaints/{c.reference}/actions/archive", data={
        "archive-version": str(c.version), "archive-reason_code": "duplicate",
        "archive-duplicate_of": original.reference}))
    body = text_of(client.get(f"/staff/complaints/{c.reference}"))
    # The event's details, labelled like the other fields of the history (lower case).
    assert "<dt>confirmed</dt><dd class=\"pre-wrap\">yes</dd>" in body
    assert "<dt>consequence shown</dt>" in body
    assert consequence("complaint", "archive") in body


def test_a_step_that_can_be_undone_fires_in_one_post(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    c = factories.complaint(session)
    auth.login_as("officer")
    assert consequence("complaint", "assign") is None
    response = client.post(f"/staff/complaints/{c.reference}/actions/assign",
                           data={"assign-version": str(c.version),
                                 "assign-assignee": str(users.officer2.id)})
    assert response.status_code == 302
    session.expire_all()
    assert c.assignee_id == users.officer2.id
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "assign")).one()
    assert "confirmed" not in json.loads(event.data)


def test_errors_come_back_on_the_form_before_any_confirmation(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    c = triaged(session, users)
    auth.login_as("officer")
    before = snapshot(session, c)
    response = client.post(f"/staff/complaints/{c.reference}/actions/archive",
                           data={"archive-version": str(c.version),
                                 "archive-reason_code": "duplicate",
                                 "archive-duplicate_of": "QN-2026-99999",
                                 "archive-reason": "Texto que fica."})
    assert response.status_code == 422
    body = text_of(response)
    assert not is_confirmation(response)
    assert "QN-2026-99999" in body and "Texto que fica." in body  # kept as typed
    assert snapshot(session, c) == before


def test_a_refused_step_is_refused_before_the_confirmation_page(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    c = triaged(session, users)
    stale = c.version
    fire(session, c, "assign", users.officer, today=D(2026, 3, 12), assignee=users.officer2.id)
    auth.login_as("officer")
    response = client.post(f"/staff/complaints/{c.reference}/actions/archive",
                           data={"archive-version": str(stale),
                                 "archive-reason_code": "duplicate",
                                 "archive-duplicate_of": c.reference})
    assert response.status_code == 409 and "changed by someone else" in text_of(response)


def test_a_change_between_the_page_and_the_confirmation_is_a_conflict(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    original = factories.complaint(session)
    c = triaged(session, users)
    auth.login_as("officer")
    page = client.post(f"/staff/complaints/{c.reference}/actions/archive", data={
        "archive-version": str(c.version), "archive-reason_code": "duplicate",
        "archive-duplicate_of": original.reference})
    assert is_confirmation(page)
    fire(session, c, "assign", users.officer, today=D(2026, 3, 12), assignee=users.officer2.id)
    response = confirm(client, page)
    assert response.status_code == 409
    session.expire_all()
    assert c.state == "triage"


def test_change_what_i_entered_gives_the_form_back_as_filled(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    original = factories.complaint(session)
    c = triaged(session, users)
    auth.login_as("officer")
    before = snapshot(session, c)
    page = client.post(f"/staff/complaints/{c.reference}/actions/archive", data={
        "archive-version": str(c.version), "archive-reason_code": "duplicate",
        "archive-duplicate_of": original.reference, "archive-reason": "Nota a corrigir."})
    _action, fields = confirmation_form(page)
    back = client.post(f"/staff/complaints/{c.reference}/actions/archive",
                       data=MultiDict([*fields, ("edit", "1")]))
    assert back.status_code == 200 and not is_confirmation(back)
    body = text_of(back)
    assert "<details class=\"action\" open>" in body and "Nota a corrigir." in body
    assert f'value="{original.reference}"' in body
    assert snapshot(session, c) == before


def test_a_decision_is_confirmed_with_each_respondents_sanction_in_words(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    p = open_proceeding(session, users, triaged(session, users))
    factories.write_accusations(session, p, users.officer)  # the accusation needs its texts
    for trig, data in [("start_instruction", {}),
                       ("notify_accusation", {"notified_on": D(2026, 3, 16)}),
                       ("record_defence", {"received_on": D(2026, 3, 20), "summary": "Nega."}),
                       ("close_instruction", {}), ("submit_report", {"proposal": "Coima."})]:
        fire(session, p, trig, users.officer, today=D(2026, 3, 25), **data)
    rid = p.respondents[0].id
    auth.login_as("commissioner")
    before = snapshot(session, p)
    key = f"decide-decision-{rid}"
    page = client.post(f"/staff/proceedings/{p.reference}/actions/decide", data={
        "decide-version": str(p.version), "decide-decided_on": "2026-04-01",
        f"{key}-outcome": "fine", f"{key}-amount": "3000",
        f"{key}-acc-public_tenders_ban": "1", f"{key}-acc-public_tenders_ban-months": "12"})
    assert is_confirmation(page)
    body = text_of(page)
    assert consequence("proceeding", "decide") in body
    assert (f"<dt>{p.respondents[0].name}</dt><dd class=\"pre-wrap\">fine, EUR 3000; "
            "public tenders ban (12 months)</dd>") in body
    assert "<dt>Decided on</dt><dd class=\"pre-wrap\">2026-04-01</dd>" in body
    assert snapshot(session, p) == before
    assert confirm(client, page).status_code == 302
    session.expire_all()
    assert p.state == "decided" and p.respondents[0].accessory_list() == [
        {"kind": "public_tenders_ban", "months": 12}]


def test_a_bulk_join_is_confirmed_before_a_proceeding_opens(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    a, b = triaged(session, users), triaged(session, users)
    auth.login_as("president")
    before = snapshot(session, a)
    data = {"ids": [str(a.id), str(b.id)], f"version-{a.id}": str(a.version),
            f"version-{b.id}": str(b.version), "instructor": str(users.officer2.id),
            "list": "district=lisboa"}
    page = client.post("/staff/cases/bulk/join", data=data)
    assert is_confirmation(page)
    body = text_of(page)
    assert consequence("complaint", "open_proceeding") in body
    assert f"<li>{a.reference}</li>" in body and f"<li>{b.reference}</li>" in body
    assert f"<dd class=\"pre-wrap\">{users.officer2.name}</dd>" in body
    assert 'href="/staff/cases?' in body and "district=lisboa" in body  # back to the list
    assert "None" not in body
    assert snapshot(session, a) == before
    assert session.scalar(select(func.count(Proceeding.id))) == 0

    assert confirm(client, page).status_code == 302
    session.expire_all()
    assert a.proceeding is not None and b.proceeding is a.proceeding
    for c in (a, b):
        event = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "open_proceeding", AuditEvent.subject_id == c.id,
            AuditEvent.subject_type == "complaint")).one()
        assert json.loads(event.data)["confirmed"] is True


def test_joining_possible_duplicates_is_confirmed_too(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    first = triaged(session, users, police=True)
    second = triaged(session, users, police=True, place="Amadora, estação")  # a duplicate
    for c in (first, second):
        factories.send_disciplinary_referral(session, c, users)
    auth.login_as("president")
    url = f"/staff/complaints/{first.reference}/duplicates/join"
    page = client.post(url, data={"ids": str(second.id), "instructor": str(users.officer.id),
                                  f"version-{first.id}": str(first.version),
                                  f"version-{second.id}": str(second.version)})
    assert is_confirmation(page)
    assert f"<li>{first.reference}</li>" in text_of(page)
    session.expire_all()
    assert session.get(Complaint, first.id).proceeding is None
    assert confirm(client, page).status_code == 302
    session.expire_all()
    assert session.get(Complaint, first.id).proceeding is not None
