"""The acknowledgement e-mail, queued by the filing and sent by the outbox sender (`flask
cicdr send-mail`, as the worker and `tick` do) through a real SMTP server on loopback."""

from __future__ import annotations

from typing import Any

import pytest
from aiosmtpd.controller import Controller
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from cicdr.extensions import limiter
from cicdr.models import Complaint, OutboxMail
from cicdr.services.notify import outbox
from tests.smtp import Inbox, body, free_port
from tests.web.test_complaint_form import ABOUT, fill, receipt, submit


def send_outbox(app: Flask) -> str:
    """Run the outbox sender, as the worker does after the request."""
    result = app.test_cli_runner().invoke(args=["cicdr", "send-mail"])
    assert result.exit_code == 0, result.output
    return str(result.output)


def test_the_acknowledgement_is_sent_in_the_chosen_language_without_the_code(
        app: Flask, client: FlaskClient, session: Any, smtp: Inbox) -> None:
    client.get("/?lang=pt")
    fill(client, about={**ABOUT, "preferred_language": "en"})
    submit(client)
    reference, code = receipt(client)
    assert smtp.messages == []  # the request only queued it
    assert "1 e-mail(s) sent, 0 failed" in send_outbox(app)
    assert len(smtp.messages) == 1
    message = smtp.messages[0]
    assert message["To"] == "ana@example.org"
    assert message["Subject"] == f"CICDR received your complaint {reference}"
    assert message["Content-Language"] == "en"  # mail readers and screen readers use it
    text = body(message)
    assert reference in text and "/follow" in text
    assert code not in text and code.replace("-", "") not in text
    assert session.scalar(select(OutboxMail.sent_at)) is not None


def test_the_acknowledgement_in_portuguese(app: Flask, client: FlaskClient, session: Any,
                                           smtp: Inbox) -> None:
    fill(client)
    submit(client)
    reference, _code = receipt(client)
    send_outbox(app)
    assert smtp.messages[0]["Subject"] == f"A CICDR recebeu a sua queixa {reference}"


def test_an_unreachable_mail_server_loses_neither_complaint_nor_mail(
        app: Flask, client: FlaskClient, session: Any) -> None:
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())  # nothing listens
    try:
        fill(client)
        assert submit(client).status_code == 302
        assert "0 e-mail(s) sent, 1 failed (kept for the next run)" in send_outbox(app)
    finally:
        app.config.update(MAIL_SERVER=None, MAIL_PORT=25)
    assert session.scalar(select(Complaint.state)) == "received"
    queued = session.scalar(select(OutboxMail))
    assert queued.sent_at is None and queued.attempts == 1 and "connect" in queued.last_error

    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        sent, failed = outbox.deliver(session, outbox.SmtpSettings("127.0.0.1", port))
    finally:
        controller.stop()
    assert (sent, failed) == (1, 0) and len(inbox.messages) == 1
    assert outbox.deliver(session, outbox.SmtpSettings("127.0.0.1", port)) == (0, 0)  # once only


def test_no_mail_is_queued_without_an_address(client: FlaskClient, session: Any) -> None:
    fill(client, about={**ABOUT, "contact_channel": "phone", "email": "",
                        "phone": "912345678"})
    submit(client)
    assert session.scalar(select(OutboxMail)) is None


@pytest.mark.parametrize("channel", ["portal", "post"])
def test_a_complainant_who_chose_another_channel_receives_no_email(
        client: FlaskClient, session: Any, smtp: Inbox, channel: str) -> None:
    # An address typed as well, but the person chose the follow-up page only (or letters).
    limiter.reset()  # the filing limit counts per client address across tests otherwise
    fill(client, about={**ABOUT, "contact_channel": channel,
                        "address": "Rua A, 1, Lisboa" if channel == "post" else ""})
    assert submit(client).status_code == 302
    assert session.scalar(select(Complaint.contact_channel)) == channel
    assert session.scalar(select(OutboxMail)) is None
    assert smtp.messages == []
