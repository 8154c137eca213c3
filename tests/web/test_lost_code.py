"""The lost-code page: CICDR's contacts from the configuration, and a new access code by e-mail
that never reveals whether a reference exists or which address goes with it."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from flask import Flask, current_app
from flask.testing import FlaskClient
from sqlalchemy import select

from cicdr.extensions import limiter
from cicdr.models import AuditEvent, Complaint, FollowSession, OutboxMail
from cicdr.services.core.actors import ComplainantActor
from cicdr.services.core.storage import BlobStore
from cicdr.services.intake.registration import PartyData, submit_complaint
from cicdr.services.notify import outbox
from tests import factories
from tests.smtp import Inbox

LOST = "/follow/lost-code"


@pytest.fixture
def filed(session: Any) -> tuple[Complaint, str]:
    limiter.reset()
    return submit_complaint(session, factories.new_complaint(), ComplainantActor("pending"),
                            store=BlobStore(current_app.config["BLOB_DIR"]),
                            today=date(2026, 3, 10))


def ask(client: FlaskClient, reference: str, email: str) -> str:
    """Ask for a new code; the page the visitor ends on (after the redirect)."""
    response = client.post(f"{LOST}?lang=en", data={"reference": reference, "email": email},
                           follow_redirects=True)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def code_mails(session: Any) -> list[OutboxMail]:
    return list(session.scalars(select(OutboxMail).where(OutboxMail.kind == "access_code")))


def signs_in(client: FlaskClient, reference: str, code: str) -> bool:
    return client.post("/follow", data={"reference": reference, "code": code}).status_code == 302


def test_the_page_lists_cicdrs_contacts_from_the_configuration(app: Flask,
                                                              client: FlaskClient) -> None:
    body = client.get(f"{LOST}?lang=en").get_data(as_text=True)
    assert 'href="mailto:cicdr@cicdr.pt"' in body  # the default
    assert "Telephone:" not in body  # no number unless one is configured
    app.config.update(CONTACT_EMAIL="apoio@exemplo.pt", CONTACT_PHONE="+351 210 000 000",
                      CONTACT_ADDRESS="Rua Exemplo, 1|1000-001 Lisboa")
    try:
        body = client.get(f"{LOST}?lang=en").get_data(as_text=True)
    finally:
        app.config.update(CONTACT_EMAIL="cicdr@cicdr.pt", CONTACT_PHONE="", CONTACT_ADDRESS="")
    assert 'href="mailto:apoio@exemplo.pt"' in body and 'href="tel:+351210000000"' in body
    assert "<bdi>Rua Exemplo, 1</bdi><br><bdi>1000-001 Lisboa</bdi>" in body
    follow = client.get("/follow?lang=en").get_data(as_text=True)
    assert f'href="{LOST}"' in follow


def test_the_same_answer_whether_or_not_the_reference_exists(client: FlaskClient,
                                                             session: Any, filed: Any) -> None:
    complaint, _code = filed
    unknown = ask(client, "QN-2026-99999", "maria@example.org")
    wrong_address = ask(client, complaint.reference, "someone@example.org")
    assert code_mails(session) == []  # nothing queued when the address does not match
    matching = ask(client, complaint.reference, "Maria@Example.org ")
    assert unknown == wrong_address == matching
    assert "If this reference and this e-mail address belong to the same complaint" in unknown
    assert len(code_mails(session)) == 1


def test_a_new_code_works_and_the_old_one_does_not(client: FlaskClient, session: Any,
                                                   filed: Any) -> None:
    complaint, old = filed
    follower = current_app.test_client()
    assert signs_in(follower, complaint.reference, old)
    ask(client, complaint.reference.lower(), "maria@example.org")
    (mail,) = code_mails(session)
    assert mail.to_address == "maria@example.org" and mail.complaint_id == complaint.id
    assert mail.language == "pt" and complaint.reference in mail.subject
    new = re.search(r"[A-Z2-9]{5}(?:-[A-Z2-9]{5}){3}", mail.body)
    assert new is not None and new.group(0) != old
    assert follower.get("/follow/case").status_code == 302  # the old session ended
    limiter.reset()
    assert not signs_in(client, complaint.reference, old)
    assert signs_in(client, complaint.reference, new.group(0))
    event = session.scalars(select(AuditEvent).where(
        AuditEvent.action == "reissue_access_code")).one()
    assert (event.role, event.subject_ref) == ("complainant", complaint.reference)
    assert new.group(0) not in event.data and "maria@" not in event.data
    assert session.scalars(select(FollowSession).where(
        FollowSession.revoked_at.is_(None))).all() != []  # only the new sign-in is live


def test_an_anonymous_complaint_gets_no_code(client: FlaskClient, session: Any) -> None:
    limiter.reset()
    complaint, _code = submit_complaint(
        session, factories.new_complaint(complainant=None), ComplainantActor("pending"),
        store=BlobStore(current_app.config["BLOB_DIR"]), today=date(2026, 3, 10))
    ask(client, complaint.reference, "maria@example.org")
    assert code_mails(session) == []


def test_the_code_is_erased_from_the_outbox_once_sent(client: FlaskClient, session: Any,
                                                      filed: Any, smtp: Inbox) -> None:
    complaint, _code = filed
    ask(client, complaint.reference, "maria@example.org")
    (mail,) = code_mails(session)
    code = re.search(r"[A-Z2-9]{5}(?:-[A-Z2-9]{5}){3}", mail.body)
    assert code is not None
    sent, _failed = outbox.deliver(session, outbox.SmtpSettings.from_config(current_app.config))
    assert sent >= 1
    received = [m for m in smtp.messages if code.group(0) in m.get_payload(decode=True).decode()]
    assert len(received) == 1 and received[0]["To"] == "maria@example.org"
    session.refresh(mail)
    assert mail.sent_at is not None and code.group(0) not in mail.body


def test_missing_or_malformed_fields_are_named(client: FlaskClient) -> None:
    limiter.reset()
    response = client.post(f"{LOST}?lang=en", data={"reference": "", "email": "not-an-address"})
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'href="#reference"' in body and "Enter an e-mail address like name@example.com." in body
    assert 'value="not-an-address"' in body


def test_asking_is_rate_limited_per_client(client: FlaskClient, filed: Any) -> None:
    complaint, _code = filed
    statuses = [client.post(LOST, data={"reference": complaint.reference,
                                        "email": f"x{i}@example.org"}).status_code
                for i in range(6)]
    assert statuses == [302] * 5 + [429]  # CICDR_LOST_CODE_LIMIT: 5 per hour


def test_a_named_party_without_email_gets_no_code(client: FlaskClient, session: Any) -> None:
    limiter.reset()
    complaint, _code = submit_complaint(
        session, factories.new_complaint(complainant=PartyData(role="complainant",
                                                               name="Rui Sem Email")),
        ComplainantActor("pending"), store=BlobStore(current_app.config["BLOB_DIR"]),
        today=date(2026, 3, 10))
    ask(client, complaint.reference, "rui@example.org")
    assert code_mails(session) == []
