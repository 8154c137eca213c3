"""Staff messages to the complainant and internal notes on the complaint page."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from flask import current_app
from flask.testing import FlaskClient
from sqlalchemy import select

from cicdr.extensions import limiter
from cicdr.models import AuditEvent, Complaint, Message, OutboxMail
from cicdr.services.casework import messages
from cicdr.services.core.actors import ComplainantActor
from cicdr.services.core.errors import InvalidData, TransitionDenied
from cicdr.services.core.storage import BlobStore
from cicdr.services.engine.transition import fire
from cicdr.services.intake.registration import submit_complaint
from tests import factories
from tests.conftest import AuthActions
from tests.smtp import Inbox, body


def filed(session: Any, **overrides: Any) -> tuple[Complaint, str]:
    """A complaint filed online, with its access code."""
    limiter.reset()
    return submit_complaint(session, factories.new_complaint(**overrides),
                            ComplainantActor("pending"),
                            store=BlobStore(current_app.config["BLOB_DIR"]),
                            today=date(2026, 3, 10))


def follow_page(app: Any, reference: str, code: str, lang: str = "en") -> str:
    """The complainant's follow-up page, in a browser of their own."""
    browser = app.test_client()
    assert browser.post("/follow", data={"reference": reference, "code": code}) \
        .status_code == 302
    return str(browser.get(f"/follow/case?lang={lang}").get_data(as_text=True))


def post(client: FlaskClient, complaint: Complaint, what: str, text: str) -> Any:
    return client.post(f"/staff/complaints/{complaint.reference}/{what}",
                       data={f"{what[:-1]}-body": text})


def test_a_message_reaches_the_follow_up_page_and_an_email_says_only_that_it_waits(
        app: Any, session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    complaint, code = filed(session)
    auth.login_as("officer")
    text = "Pode enviar-nos a fotografia do anúncio da casa?"
    response = post(client, complaint, "messages", text)
    assert response.status_code == 302 and response.headers["Location"].endswith("#messages")
    assert text in follow_page(app, complaint.reference, code)

    mail = session.scalar(select(OutboxMail).where(OutboxMail.kind == "new_message"))
    assert mail.to_address == "maria@example.org" and mail.language == "pt"
    assert mail.subject == f"A CICDR escreveu-lhe sobre a sua queixa {complaint.reference}"
    assert "Por segurança, a mensagem não é repetida aqui" in mail.body
    assert "/follow" in mail.body
    assert "fotografia" not in mail.body and "fotografia" not in mail.subject
    assert code not in mail.body and code.replace("-", "") not in mail.body

    event = session.scalar(select(AuditEvent).where(
        AuditEvent.action == "message_to_complainant"))
    assert event.actor_id == users.officer.id and mail.complaint_id == complaint.id
    message = session.scalar(select(Message).where(Message.direction == "to_complainant"))
    assert message.author_id == users.officer.id
    assert f'"message_id":{message.id}' in event.data.replace(" ", "")


def test_the_email_is_in_the_language_the_complainant_chose(
        session: Any, auth: AuthActions, client: FlaskClient) -> None:
    complaint, code = filed(session, language="pt", preferred_language="en")
    auth.login_as("president")
    post(client, complaint, "messages", "Could you send us the photo of the advert?")
    mail = session.scalar(select(OutboxMail))
    assert mail.language == "en"
    assert mail.subject == f"CICDR wrote to you about your complaint {complaint.reference}"
    assert "For your safety it is not repeated here" in mail.body
    assert "photo" not in mail.body and code not in mail.body


@pytest.mark.parametrize("overrides", [
    {"contact_channel": "portal"},
    {"complainant": None, "anonymous": True},
])
def test_no_email_without_an_address_or_when_only_the_follow_up_page_was_asked(
        session: Any, users: Any, overrides: dict[str, Any]) -> None:
    complaint, _code = filed(session, **{k: v for k, v in overrides.items()
                                        if k != "anonymous"})
    if overrides.get("anonymous"):
        complaint.anonymous = True
        session.commit()
    messages.write_to_complainant(session, complaint, "Uma pergunta.", users.officer)
    assert session.scalar(select(OutboxMail)) is None
    assert session.scalar(select(Message.body)) == "Uma pergunta."


def test_the_case_page_keeps_messages_and_notes_apart_with_authors(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    complaint, _code = filed(session)
    messages.write_to_complainant(session, complaint, "Mensagem para a queixosa.", users.officer)
    messages.add_note(session, complaint, "Nota interna sobre a senhoria.", users.commissioner)
    auth.login_as("officer")
    page = client.get(f"/staff/complaints/{complaint.reference}").get_data(as_text=True)
    conversation = page[page.index('id="messages"'):page.index('id="notes"')]
    notes = page[page.index('id="notes"'):]
    assert "Messages with the complainant" in conversation
    assert "Mensagem para a queixosa." in conversation and "To the complainant, by Officer" \
        in conversation
    assert "Nota interna" not in conversation
    assert "Internal notes (never shown to the complainant)" in page
    assert "Nota interna sobre a senhoria." in notes and "Commissioner" in notes
    assert 'name="message-body"' in page and 'name="note-body"' in page


def test_an_auditor_reads_both_but_has_no_form_and_cannot_post(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    complaint, _code = filed(session)
    messages.add_note(session, complaint, "Nota para auditar.", users.officer)
    auth.login_as("auditor")
    page = client.get(f"/staff/complaints/{complaint.reference}").get_data(as_text=True)
    assert "Nota para auditar." in page
    assert 'name="message-body"' not in page and 'name="note-body"' not in page
    assert post(client, complaint, "messages", "x").status_code == 403
    assert post(client, complaint, "notes", "x").status_code == 403
    assert session.scalar(select(Message).where(Message.body == "x")) is None


def test_a_commissioner_may_add_notes_but_not_write_to_the_complainant(
        session: Any, auth: AuthActions, client: FlaskClient) -> None:
    complaint, _code = filed(session)
    auth.login_as("commissioner")
    assert post(client, complaint, "messages", "Olá").status_code == 403
    assert post(client, complaint, "notes", "Ver com a presidente.").status_code == 302
    page = client.get(f"/staff/complaints/{complaint.reference}").get_data(as_text=True)
    assert 'name="message-body"' not in page and 'name="note-body"' in page


def test_an_empty_message_is_refused_with_a_message_and_keeps_the_page(
        session: Any, auth: AuthActions, client: FlaskClient) -> None:
    complaint, _code = filed(session)
    auth.login_as("officer")
    response = post(client, complaint, "messages", "   ")
    assert response.status_code == 422
    assert "Write the message." in response.get_data(as_text=True)
    assert session.scalar(select(Message)) is None


def test_a_too_long_note_comes_back_with_what_was_typed(
        session: Any, auth: AuthActions, client: FlaskClient) -> None:
    complaint, _code = filed(session)
    auth.login_as("officer")
    typed = "Registo muito longo. " * 600
    response = post(client, complaint, "notes", typed)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "The note is too long" in page and typed.strip() in page
    assert session.scalar(select(Message)) is None


def test_the_services_refuse_the_wrong_roles_and_keep_note_text_out_of_the_audit(
        session: Any, users: Any) -> None:
    complaint, _code = filed(session)
    with pytest.raises(TransitionDenied):
        messages.write_to_complainant(session, complaint, "Olá", users.commissioner)
    with pytest.raises(TransitionDenied):
        messages.add_note(session, complaint, "Olá", users.auditor)
    with pytest.raises(InvalidData):
        messages.add_note(session, complaint, "", users.officer)
    note = messages.add_note(session, complaint, "SEGREDO-DA-NOTA", users.officer)
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "note"))
    assert f'"message_id":{note.id}' in event.data.replace(" ", "")
    assert "SEGREDO" not in event.data


def test_a_later_message_does_not_replace_the_pending_question(
        app: Any, session: Any, users: Any) -> None:
    complaint, code = filed(session)
    fire(session, complaint, "start_triage", users.officer, today=date(2026, 3, 11))
    fire(session, complaint, "request_information", users.officer, today=date(2026, 3, 11),
         question="Em que dia foi a visita à casa?")
    messages.write_to_complainant(session, complaint, "Lembrete: aguardamos a sua resposta.",
                                  users.officer)
    page = follow_page(app, complaint.reference, code)
    asks = page[page.index('id="request"'):page.index("</section>", page.index('id="request"'))]
    assert "Em que dia foi a visita à casa?" in asks and "Lembrete" not in asks
    assert "Lembrete: aguardamos a sua resposta." in page



def test_mail_queued_by_a_workspace_action_is_delivered_by_the_sender_not_the_request(
        app: Any, session: Any, users: Any, auth: AuthActions, client: FlaskClient,
        smtp: Inbox) -> None:
    complaint, code = filed(session)
    auth.login_as("officer")
    response = client.post(f"/staff/complaints/{complaint.reference}/actions/assign",
                           data={"assign-assignee": str(users.officer2.id),
                                 "assign-version": str(complaint.version)})
    assert response.status_code == 302
    assert smtp.messages == []  # queued with the change; the request sends nothing
    assert app.test_cli_runner().invoke(args=["cicdr", "send-mail"]).exit_code == 0
    assert [(m["To"], m["Subject"]) for m in smtp.messages] == [
        (users.officer2.email, f"CICDR: {complaint.reference} is assigned to you")]
    post(client, complaint, "messages", "Uma mensagem com conteúdo privado.")
    assert len(smtp.messages) == 1
    assert app.test_cli_runner().invoke(args=["cicdr", "send-mail"]).exit_code == 0
    assert len(smtp.messages) == 2 and smtp.messages[1]["To"] == "maria@example.org"
    text = body(smtp.messages[1])
    assert "privado" not in text and code not in text and complaint.reference in text
    assert session.scalar(select(OutboxMail).where(OutboxMail.sent_at.is_(None))) is None
