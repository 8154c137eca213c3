"""The accusation and decision texts on the proceeding page: written by an officer through the
form (audited), kept and explained when refused, read-only once the decision is final."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from cicdr.models import AuditEvent
from cicdr.services import documents
from cicdr.services.core.actors import SystemActor
from cicdr.services.engine.transition import fire
from tests import decisions
from tests.conftest import AuthActions
from tests.services.test_documents import text_of
from tests.services.test_legal_paths import open_proceeding, triaged
from tests.web.confirming import post_confirmed

D = date


def page(client: FlaskClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_an_officer_writes_the_accusation_texts_on_the_proceeding_page(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    p = open_proceeding(session, users, triaged(session, users))
    fire(session, p, "start_instruction", users.officer, today=D(2026, 3, 13))
    r = p.respondents[0]
    auth.login_as("officer")
    url = f"/staff/proceedings/{p.reference}"
    body = page(client, url)
    assert "Accusation and decision texts" in body
    assert "missing: facts charged, norms violated" in body
    assert f"Write the texts for {r.name}" in body
    # The complaint's practice c) suggests the norm; a private company: art. 16(2).
    assert ("alínea c) do n.º 2 do artigo 4.º da Lei n.º 93/2017, de 23 de agosto, na redação "
            "dada pela Lei n.º 3/2024, de 15 de janeiro; n.º 2 do artigo 16.º da mesma lei") in body
    # Refused first: the accusation cannot be notified without its texts.
    refused = client.post(f"{url}/actions/notify_accusation",
                          data={"notify_accusation-version": p.version,
                                "notify_accusation-notified_on": "2026-05-04"})
    assert refused.status_code == 422
    assert "Write the accusation&#39;s facts charged and norms violated" in \
        refused.get_data(as_text=True)
    key = f"texts-{r.id}"
    response = client.post(f"{url}/respondents/{r.id}/texts", data={
        f"{key}-version": p.version,
        f"{key}-facts_charged": "A arguida recusou o arrendamento à queixosa por ser cigana.",
        f"{key}-norms": "Alínea c) do n.º 2 do artigo 4.º da Lei n.º 93/2017."})
    assert response.status_code == 302
    session.refresh(r)
    assert r.norms == "Alínea c) do n.º 2 do artigo 4.º da Lei n.º 93/2017."
    event = session.query(AuditEvent).filter_by(action="edit_respondent_texts").one()
    assert json.loads(event.data)["changes"]["facts_charged"]["new"].startswith("A arguida")
    assert event.actor_id == users.officer.id
    body = page(client, url)
    assert "Saved: Facts charged, Norms violated." in body
    assert "Accusation: written" in " ".join(body.split())
    session.refresh(p)
    notified = post_confirmed(client, f"{url}/actions/notify_accusation",
                              data={"notify_accusation-version": p.version,
                                    "notify_accusation-notified_on": "2026-05-04"})
    assert notified.status_code == 302


def test_a_stale_or_too_long_text_is_refused_and_kept(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    p = open_proceeding(session, users, triaged(session, users))
    r = p.respondents[0]
    key = f"texts-{r.id}"
    auth.login_as("officer")
    url = f"/staff/proceedings/{p.reference}/respondents/{r.id}/texts"
    too_long = client.post(url, data={f"{key}-version": p.version,
                                      f"{key}-reasons": "Motivo. " * 3000})
    assert too_long.status_code == 422
    stale = client.post(url, data={f"{key}-version": p.version - 1,
                                   f"{key}-norms": "Artigo 4.º, texto a manter."})
    assert stale.status_code == 409
    body = stale.get_data(as_text=True)
    assert "Artigo 4.º, texto a manter." in body  # kept, to send again
    session.refresh(r)
    assert r.reasons is None and r.norms is None
    assert session.query(AuditEvent).filter_by(action="edit_respondent_texts").count() == 0


def test_once_final_the_texts_are_shown_but_no_longer_editable(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    p = decisions.decided(session, users, D(2026, 3, 10), [decisions.person()],
                          [decisions.FINE])
    (appeal,) = [d for d in p.deadlines if d.kind == "appeal"]
    fire(session, p, "become_final", SystemActor("tick"), today=appeal.due_on + timedelta(1))
    r = p.respondents[0]
    auth.login_as("officer")
    body = page(client, f"/staff/proceedings/{p.reference}")
    assert "the accusation and decision texts can no longer be changed" in body
    assert f"Write the texts for {r.name}" not in body
    assert "A defesa não juntou qualquer prova" in body  # tests.factories' reasons, read-only
    refused = client.post(f"/staff/proceedings/{p.reference}/respondents/{r.id}/texts",
                          data={f"texts-{r.id}-version": p.version,
                                f"texts-{r.id}-reasons": "Outra."})
    assert refused.status_code == 409
    session.refresh(r)
    assert r.reasons == "A defesa não juntou qualquer prova do alegado compromisso com terceiro."


def test_a_commissioner_reads_the_texts_but_cannot_write_them(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    p = decisions.decided(session, users, D(2026, 3, 10), [decisions.person()],
                          [decisions.FINE])
    r = p.respondents[0]
    auth.login_as("commissioner")
    body = page(client, f"/staff/proceedings/{p.reference}")
    assert "A defesa não juntou qualquer prova" in body
    assert f"Write the texts for {r.name}" not in body
    response = client.post(f"/staff/proceedings/{p.reference}/respondents/{r.id}/texts",
                           data={f"texts-{r.id}-reasons": "Outra."})
    assert response.status_code == 403


def test_the_decision_letter_prints_the_configured_account_and_warns_while_it_is_not(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient, app: Flask,
        monkeypatch: pytest.MonkeyPatch) -> None:
    p = decisions.decided(session, users, D(2026, 3, 10), [decisions.person()],
                          [decisions.FINE])
    r = p.respondents[0]
    auth.login_as("officer")
    url = f"/staff/proceedings/{p.reference}/documents/decision_notification"
    response = client.post(url, data={"respondent": str(r.id)}, follow_redirects=True)
    body = response.get_data(as_text=True)
    assert "The letter prints a placeholder for settings not configured: " \
           "CICDR_PAYMENT_IBAN, CICDR_PAYMENT_HOLDER" in body
    made = documents.generated(session, p)
    assert "[IBAN a definir: CICDR_PAYMENT_IBAN]" in text_of(
        client.get(f"/staff/files/{made[-1].id}").data)
    monkeypatch.setitem(app.config, "PAYMENT_IBAN", "PT50 0035 0000 0000 0000 0000 0")
    monkeypatch.setitem(app.config, "PAYMENT_HOLDER", "CICDR - coimas")
    response = client.post(url, data={"respondent": str(r.id)}, follow_redirects=True)
    assert "placeholder" not in response.get_data(as_text=True)
    made = documents.generated(session, p)
    text = text_of(client.get(f"/staff/files/{made[-1].id}").data)
    assert "PT50 0035 0000 0000 0000 0000 0" in text and "CICDR - coimas" in text
    assert "a definir" not in text
