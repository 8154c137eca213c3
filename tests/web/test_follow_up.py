"""Following a complaint with reference and access code: status, messages, answers, withdrawal."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from flask import Flask, current_app
from flask.testing import FlaskClient
from sqlalchemy import select

from cicdr.extensions import limiter
from cicdr.models import AuditEvent, Complaint, Message
from cicdr.services.core.actors import ComplainantActor
from cicdr.services.core.storage import BlobStore
from cicdr.services.engine.transition import fire
from cicdr.services.intake.registration import submit_complaint
from tests import factories


@pytest.fixture
def filed(session: Any) -> tuple[Complaint, str]:
    limiter.reset()
    complaint, code = submit_complaint(
        session, factories.new_complaint(), ComplainantActor("pending"),
        store=BlobStore(current_app.config["BLOB_DIR"]), today=date(2026, 3, 10))
    return complaint, code


def sign_in(client: FlaskClient, reference: str, code: str) -> Any:
    return client.post("/follow", data={"reference": reference, "code": code})


def test_the_right_code_opens_the_status_in_plain_words(client: FlaskClient,
                                                        filed: Any) -> None:
    complaint, code = filed
    response = sign_in(client, complaint.reference.lower(), code.replace("-", " ").lower())
    assert response.status_code == 302
    page = client.get("/follow/case?lang=en").get_data(as_text=True)
    assert complaint.reference in page
    assert "Received. An officer will check it soon." in page


def test_the_chosen_language_survives_signing_in(client: FlaskClient, filed: Any) -> None:
    complaint, code = filed
    client.get("/?lang=uk")
    sign_in(client, complaint.reference, code)
    page = client.get("/follow/case", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="uk"' in page and "Надіслати повідомлення" in page


def test_a_wrong_code_or_reference_gets_one_generic_message(client: FlaskClient,
                                                            filed: Any) -> None:
    complaint, code = filed
    for reference, attempt in ((complaint.reference, "AAAAA-BBBBB-CCCCC-DDDDD"),
                               ("QN-2026-99999", code)):
        response = sign_in(client, reference, attempt)
        assert response.status_code == 400
        body = response.get_data(as_text=True)
        assert "A referência ou o código de acesso não estão certos." in body
        assert reference in body  # what was typed is kept
    assert client.get("/follow/case").status_code == 302


def test_missing_fields_are_named_in_an_error_summary(client: FlaskClient, filed: Any) -> None:
    body = client.post("/follow?lang=en", data={}).get_data(as_text=True)
    assert "There is a problem" in body
    assert 'href="#reference"' in body and "Enter the reference of your complaint." in body


def test_many_wrong_codes_are_rate_limited(app: Flask, client: FlaskClient,
                                           filed: Any) -> None:
    complaint, _code = filed
    statuses = [sign_in(client, complaint.reference, "WRONG-CODE").status_code
                for _ in range(12)]
    assert statuses[:10] == [400] * 10
    assert statuses[10:] == [429, 429]
    assert "Demasiadas tentativas" in sign_in(client, complaint.reference, "x").get_data(
        as_text=True)


def test_the_complainant_answers_an_information_request(
        client: FlaskClient, session: Any, users: Any, filed: Any) -> None:
    complaint, code = filed
    fire(session, complaint, "start_triage", users.officer, today=date(2026, 3, 11))
    fire(session, complaint, "request_information", users.officer, today=date(2026, 3, 12),
         question="Tem o nome do funcionário da imobiliária?")
    session.add(Message(complaint_id=complaint.id, direction="note",
                        body="NOTA INTERNA: confirmar com a PSP"))
    session.commit()
    sign_in(client, complaint.reference, code)
    page = client.get("/follow/case").get_data(as_text=True)
    assert "Tem o nome do funcionário da imobiliária?" in page
    assert "NOTA INTERNA" not in page  # internal notes never reach the complainant
    assert "Officer" not in page and users.officer.name not in page
    response = client.post("/follow/case/answer", data={"answer-body": "Chama-se João."})
    assert response.status_code == 302
    session.refresh(complaint)
    assert complaint.state == "triage"
    event = session.scalars(select(AuditEvent).where(
        AuditEvent.action == "information_received")).one()
    assert (event.role, event.actor_label) == ("complainant",
                                              f"complainant of {complaint.reference}")


def test_an_empty_message_is_refused_and_a_message_is_sent(client: FlaskClient, session: Any,
                                                           filed: Any) -> None:
    complaint, code = filed
    sign_in(client, complaint.reference, code)
    response = client.post("/follow/case/message?lang=en", data={"message-body": "  "})
    assert response.status_code == 422
    assert "Write your message." in response.get_data(as_text=True)
    client.post("/follow/case/message", data={"message-body": "<script>alert(1)</script>"})
    page = client.get("/follow/case").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page


def test_the_complainant_comments_on_a_proposed_non_opening(
        client: FlaskClient, session: Any, users: Any, filed: Any) -> None:
    complaint, code = filed
    fire(session, complaint, "start_triage", users.officer, today=date(2026, 3, 11))
    fire(session, complaint, "propose_non_opening", users.president, today=date(2026, 3, 12),
         reason_code="outside_grounds", reason="Fora do âmbito.")
    sign_in(client, complaint.reference, code)
    page = client.get("/follow/case?lang=en").get_data(as_text=True)
    assert "You may comment until" in page
    client.post("/follow/case/comment", data={"comment-body": "Discordo."})
    session.refresh(complaint)
    assert complaint.complainant_commented


def test_withdrawing_needs_confirmation_then_goes_to_the_president(
        client: FlaskClient, session: Any, filed: Any, users: Any) -> None:
    """A withdrawal does not end a public-interest procedure (Lei 93/2017): it is recorded and
    the president archives the complaint (or continues ex officio)."""
    complaint, code = filed
    sign_in(client, complaint.reference, code)
    page = client.get("/follow/case?lang=en").get_data(as_text=True)
    assert "the president of CICDR decides whether to close your complaint" in page
    assert client.post("/follow/case/withdraw", data={}).status_code == 422
    client.post("/follow/case/withdraw", data={"withdraw-confirm": "y"})
    session.refresh(complaint)
    assert (complaint.state, complaint.withdrawal_pending) == ("received", True)
    page = client.get("/follow/case?lang=en").get_data(as_text=True)
    assert "Your withdrawal was recorded." in page
    assert 'action="/follow/case/withdraw"' not in page  # once is enough
    fire(session, complaint, "accept_withdrawal", users.president)
    assert (complaint.state, complaint.archive_reason) == ("archived", "withdrawn")
    page = client.get("/follow/case?lang=en").get_data(as_text=True)
    assert "closed your complaint without further action" in page


def test_leaving_ends_the_follow_up_session(client: FlaskClient, filed: Any) -> None:
    complaint, code = filed
    sign_in(client, complaint.reference, code)
    client.post("/follow/leave")
    assert client.get("/follow/case").status_code == 302
